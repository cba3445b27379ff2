"""The report's content, arranged from a Plan: sections, rows and charts, as plain text and numbers.

Every format (HTML, Word, PDF, Markdown) writes this one view, so they say the same thing. Nothing is
decided here: the rows are the plan's entries in the plan's order, and the words are the plan's words
or fixed glosses of its codes. Regrouping (the "who does what" view inverts the strategy's
contributions) and chart coordinates are layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolbox.engine.result import Assessment, Plan
from toolbox.engine.weights import WEIGHT_DOCS
from toolbox.render.report.implementation_view import implementation_view
from toolbox.render.report.gaps_view import attach as attach_gaps
from toolbox.render.common import (
    REASON_TEXT,
    STATUS_TEXT,
    UNSERVED_TEXT,
    caution_text,
    currency_of,
    design_text,
    money,
    portfolio_line,
    redundant_line,
    robustness_note,
    sensitivity_text,
    set_aside_text,
    share,
)
from toolbox.render.overlay_text import overlay_lines

VERDICT_TITLE = {
    "strategy": "A cluster strategy is recommended",
    "no_cluster_potential": "No cluster potential: cluster policy is not the method of choice",
    "no_justification": "No justification for a cluster strategy",
}

CAVEAT = ("The toolbox's causal relationships are \u201cnot necessary but contingent\u201d: \u201cthere can never be any "
          "guarantee that the use of a particular instrument will have the intended effect\u201d (Benner). A score "
          "ranks options on the stated assumptions; it does not predict an effect.")

SCORE_MODEL = (
    "Benner gives four steps and three barriers but no formula; the score model is the tool's explicit reading "
    "of them. Step 1 checks the cluster potential and discards mechanisms that cannot work. Step 2 compares the "
    "observed degree of each mechanism with the strength it could attain on the region's level; the difference "
    "is its deficit (0 to 3). Step 3 weighs each deficit by the mechanism's empirical support and by how far "
    "policy can influence it (the empirical and policy barriers): need = deficit / 3 \u00d7 empirical factor "
    "\u00d7 policy factor. A set of instruments is worth the sum, over the deficient mechanisms, of the need "
    "times the set's coverage of it, with diminishing returns: each further instrument on a mechanism adds "
    "less than the one before, and instruments already in place count first. An instrument's coverage is "
    "lowered by its risk of distorting markets and when it lies outside cluster policy proper. An instrument "
    "whose value per cost weight (cost in cost units raised to the cost elasticity) falls below a threshold is "
    "not worth its cost (the cost-benefit barrier). Step 4 keeps the instruments that an agent present can "
    "carry. Within a budget the best set is chosen exactly by integer programming; without one, instruments "
    "are kept while what they add per cost weight clears the threshold. The strategy is ranked by what each "
    "instrument adds given those above it."
)


SECTIONS = (
    ("summary", "Executive brief"),
    ("region", "Region and cluster"),
    ("diagnosis", "Mechanism diagnosis"),
    ("strategy", "The instruments in detail"),
    ("agents", "Agents"),
    ("network", "Instruments and mechanisms"),
    ("robustness", "How sure: robustness"),
    ("implementation", "Implementation: rationale, spillovers, monitoring and risks"),
    ("set-aside", "Deferred and discarded"),
    ("method", "Method and provenance"),
)


SHOWN = 40
"""At most this many rows of a long list (instruments set aside, agents left out) are shown in a report; a line under
the list says how many more there are. The full lists are the plan's: `toolbox plan --format json`."""

CUT_LISTS = ("excluded_agents", "in_place", "deferred", "discarded")
"""The lists that grow with the knowledge base; the agents counted are at most the knowledge base's agent
types, and every one has a share of the strategy, so that list is shown whole."""


def more_text(left_out: int, total: int) -> str:
    """The line under a list cut to its first SHOWN rows."""
    return (f"The first {total - left_out} of {total} are shown; {left_out} more are not. "
            "toolbox plan --format json lists them all.")


def label(identifier: str) -> str:
    """An id as words: research_cooperation -> research cooperation."""
    return identifier.replace("_", " ")


def score_text(value: float) -> str:
    return f"{value:.3f}"


@dataclass(frozen=True)
class Contribution:
    agent_id: str
    agent: str
    types: str


@dataclass(frozen=True)
class StrategyRow:
    rank: int
    id: str
    name: str
    score: float
    score_text: str
    mechanisms: tuple[str, ...]
    """Ids of the deficient mechanisms it addresses, in the plan's order."""
    cost: str
    cumulative: str
    cost_from_profile: bool
    policy_field: str
    needs_other_field: bool
    time_to_effect: str
    delivery: str
    benefit: str
    distortion: str
    cost_factor: str
    contributions: tuple[Contribution, ...]
    terms: tuple[tuple[str, float], ...]
    """(mechanism id, its part in the benefit) for each mechanism addressed."""
    marginal: str
    """What it adds given those ranked above it, or '' when the plan does not say."""
    design: str = ""
    """The profile's declared design of the instrument, worded, or ''."""


@dataclass(frozen=True)
class MechanismRow:
    id: str
    label: str
    name: str
    possible: bool
    observed: str
    attainable: str
    deficit: int | None
    deficit_text: str
    status: str
    status_text: str
    need: str
    evidence: str | None
    observed_source: str = "judgement"
    """data | judgement | unassessed: whether the observed degree is the one the profile's figures give."""


@dataclass(frozen=True)
class SetAsideRow:
    id: str
    name: str
    reason: str
    reason_text: str
    detail: str
    score: str
    cost: str


@dataclass(frozen=True)
class AgentRow:
    id: str
    name: str
    group: str
    level: str
    items: tuple[tuple[int, str, str], ...]
    """(rank, instrument name, contribution types) for each recommended instrument it contributes to."""

    @property
    def share(self) -> int:
        """How many recommended instruments it contributes to: what it does is said once, under each instrument."""
        return len(self.items)


@dataclass(frozen=True)
class UnservedRow:
    mechanism: str
    label: str
    deficit: int
    reason: str
    reason_text: str
    instruments: tuple[str, ...]


@dataclass(frozen=True)
class Override:
    id: str
    name: str
    cost: str
    where: str


ROBUST_SHOWN = 20
"""Instruments on the robustness chart and table: the plan's picks first, then the others most often picked."""


@dataclass(frozen=True)
class RobustRow:
    id: str
    name: str
    rank: str
    """The plan's rank, or '–' when the plan does not pick it."""
    inclusion: float
    inclusion_text: str
    core: bool
    ranks: str
    """Its likeliest ranks, e.g. 'rank 1 in 48 %, rank 2 in 21 %'."""


@dataclass(frozen=True)
class RobustnessView:
    intro: str
    note: str
    rows: tuple[RobustRow, ...]
    core: str
    fragile: str
    sensitivity: tuple[str, ...]
    threshold: float
    left_out: int
    """Instruments ever picked in a draw that the table does not show."""
    draws: int = 0


def _robustness_view(plan: Plan) -> RobustnessView | None:
    r = plan.robustness
    if r is None:
        return None
    picked = [i for i in r.instruments if i.rank is not None]
    others = sorted((i for i in r.instruments if i.rank is None and i.inclusion > 0), key=lambda i: -i.inclusion)
    shown = (picked + others)[:max(ROBUST_SHOWN, len(picked))]

    def ranks(i) -> str:
        best = sorted(((v, k) for k, v in enumerate(i.rank_acceptability, start=1) if v >= 0.005),
                      key=lambda t: (-t[0], t[1]))[:3]
        return ", ".join(f"rank {k} in {share(v)}" for v, k in best) or "never in the strategy"

    rows = tuple(RobustRow(i.instrument, i.name, "–" if i.rank is None else str(i.rank), i.inclusion,
                           share(i.inclusion), i.inclusion >= r.core_threshold, ranks(i)) for i in shown)
    intro = ("Every figure behind the strategy that is not the paper's is an editorial assessment or the profile's "
             "judgement: the weights, the ratings of evidence, policy influence and distortion risk, the "
             "indicative costs and any observed degree given as a range. They were drawn again and again within "
             "their documented ranges, and the strategy chosen anew each time. An instrument in the strategy in at "
             f"least {share(r.core_threshold)} of the draws belongs to the robust core; a recommended instrument "
             "below that is a fragile pick, to be weighed before a budget is put behind it.")
    return RobustnessView(intro, robustness_note(r) + ".", rows, ", ".join(r.core) or "none",
                          ", ".join(r.fragile) or "none", tuple(sensitivity_text(s) for s in r.sensitivity),
                          r.core_threshold, len(picked) + len(others) - len(shown), r.draws)


@dataclass
class ReportView:
    title: str
    region: dict
    cluster: dict
    currency: str
    kb_version: str
    verdict_code: str
    verdict_title: str
    verdict_message: str
    facts: list[tuple[str, str]]
    kpis: list[tuple[str, str]]
    budget_line: str
    mechanisms: list[MechanismRow]
    strategy: list[StrategyRow]
    agents: list[AgentRow]
    excluded_agents: list[tuple[str, str, str]]
    in_place: list[SetAsideRow]
    deferred: list[SetAsideRow]
    discarded: list[SetAsideRow]
    assumptions: list[str]
    overrides: list[Override]
    weights: list[tuple[str, str, str]]
    level: str
    weights_used: str = ""
    cautions: list[str] = field(default_factory=list)
    """What looks misread in the profile (a budget below every candidate's cost, 800.000 read as 800)."""
    """'defaults (sha256 …)' or the weights file's path and hash."""
    sections: tuple = SECTIONS
    score_model: str = SCORE_MODEL
    caveat: str = CAVEAT
    charts: dict = field(default_factory=dict)
    network_note: str = ""
    marginal: bool = False
    """Whether the plan says what each instrument adds given those above it."""
    portfolio_line: str = ""
    unserved: list[UnservedRow] = field(default_factory=list)
    redundant_line: str = ""
    left_out: dict = field(default_factory=dict)
    """How many rows of each list in CUT_LISTS are not shown, for the lists that were cut."""
    robustness: RobustnessView | None = None
    """The strategy under many draws of its editorial inputs (the report always draws them)."""
    roadmap: object = None
    """The phased roadmap's rows (render/report/roadmap.py, RoadmapView), when the plan has one."""
    implementation: object = None
    """The implementation section (report/implementation_view.py)."""
    kb_overlay: list[str] = field(default_factory=list)
    """The overlay knowledge base's line, then each record it changed (render/overlay_text.py); empty without one."""
    gaps: object = None
    """Programmes × the seven gaps (report/gaps_view.py), when the profile lists programmes."""
    organisation: object = None
    """The cluster organisation (report/gaps_view.py), when the profile describes one."""
    data_evidence: object = None
    """The cluster map and the figures behind data-derived observations (report/evidence.py), or None."""

    def more(self, key: str) -> str:
        """The line under the list `key` when it was cut to its first SHOWN rows, else ''."""
        n = self.left_out.get(key, 0)
        return more_text(n, len(getattr(self, key)) + n) if n else ""

    def number(self, key: str) -> int:
        return [k for k, _ in self.sections].index(key) + 1

    @property
    def names(self) -> tuple[str, str]:
        """The profile's texts that the tool's own sentences quote (the verdict, the title)."""
        return (self.region["name"], self.cluster["name"])

    @property
    def evidence(self) -> list[MechanismRow]:
        return [m for m in self.mechanisms if m.evidence]


def _strategy_row(item, cur: str) -> StrategyRow:
    a: Assessment = item.assessment
    return StrategyRow(
        rank=item.rank, id=a.instrument, name=a.name, score=a.score, score_text=score_text(a.score),
        mechanisms=tuple(t.mechanism for t in a.terms), cost=money(a.cost, cur),
        cumulative=money(item.cumulative_cost, cur), cost_from_profile=a.cost_source == "profile",
        policy_field=label(a.policy_field), needs_other_field=a.needs_other_field,
        time_to_effect=a.time_to_effect, delivery=label(a.delivery), benefit=f"{a.benefit:.4f}",
        distortion=f"{a.distortion_risk} ({a.distortion_factor:g})", cost_factor=f"{a.cost_factor:.4f}",
        contributions=tuple(Contribution(c.agent.id, c.agent.name, ", ".join(label(t) for t in c.types))
                            for c in item.contributions),
        terms=tuple((t.mechanism, t.value) for t in a.terms),
        marginal=f"{item.marginal_value:.3f}" if item.marginal_value else "",
        design=design_text(a) or "",
    )


def _set_aside_row(s, cur: str) -> SetAsideRow:
    a = s.assessment
    return SetAsideRow(
        id=s.instrument, name=s.name, reason=s.reason, reason_text=REASON_TEXT.get(s.reason, s.reason),
        detail=set_aside_text(s, cur), score="–" if a is None else score_text(a.score), cost="–" if a is None else money(a.cost, cur),
    )


def _weight_value(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {v:g}" if isinstance(v, (int, float)) else f"{k} {v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 1000 else f"{value:g}"
    return str(value)


def build_view(plan: Plan) -> ReportView:
    from toolbox.render.report.charts import (
        diagnosis_chart,
        network_chart,
        network_summary,
        robustness_chart,
        score_chart,
    )
    from toolbox.render.report.roadmap import add_roadmap
    from toolbox.render.report.evidence import data_evidence

    cur = currency_of(plan)
    r, c = plan.region, plan.cluster
    strategy = [_strategy_row(item, cur) for item in plan.strategy]

    facts = [("Region", r["name"]), ("Level", r["level"])]
    if r.get("country"):
        facts.append(("Country", r["country"]))
    facts += [("Cluster", c["name"]), ("Cluster potential", c["potential"])]
    if c.get("evidence"):
        facts.append(("Evidence for the potential", c["evidence"]))
    if plan.budget:
        facts.append(("Budget", f"{money(plan.budget['amount'], cur)} a year"))
    else:
        facts.append(("Budget", "none given in the profile (no budget constraint)"))

    kpis = [("Recommended", str(len(plan.strategy))), ("Deferred", str(len(plan.deferred))),
            ("Discarded", str(len(plan.discarded)))]
    if plan.budget:
        kpis[1:1] = [("Budget used", money(plan.budget_used, cur)), ("Budget left", money(plan.budget_left, cur))]
        budget_line = (f"Budget {money(plan.budget['amount'], cur)} a year: {money(plan.budget_used, cur)} used, "
                       f"{money(plan.budget_left, cur)} left.")
    else:
        kpis[1:1] = [("Yearly cost", money(plan.budget_used, cur))]
        budget_line = (f"No budget given: the recommended instruments cost {money(plan.budget_used, cur)} a year "
                       "in all, and nothing is deferred for money.")

    mechanisms = [MechanismRow(
        id=m.id, label=label(m.id), name=m.name, possible=m.possible, observed=m.observed, attainable=m.attainable,
        deficit=m.deficit, deficit_text="–" if m.deficit is None else str(m.deficit), status=m.status,
        status_text=STATUS_TEXT[m.status], need=f"{m.need:.3f}", evidence=m.evidence,
        observed_source=m.observed_source,
    ) for m in plan.mechanisms]

    agents = []
    for agent in plan.agents:
        items = tuple((row.rank, row.name, con.types) for row in strategy for con in row.contributions
                      if con.agent_id == agent.id)
        agents.append(AgentRow(agent.id, agent.name, label(agent.group), agent.level, items))

    overrides = []
    for where, entries in (("recommended", [i.assessment for i in plan.strategy]),
                           ("already in place", [s.assessment for s in plan.in_place]),
                           ("deferred", [s.assessment for s in plan.deferred]),
                           ("discarded", [s.assessment for s in plan.discarded])):
        for a in entries:
            if a is not None and a.cost_source == "profile":
                overrides.append(Override(a.instrument, a.name, money(a.cost, cur), where))

    view = ReportView(
        title=f"Cluster strategy: {c['name']} in {r['name']}", region=r, cluster=c, currency=cur,
        kb_version=plan.kb_version, verdict_code=plan.verdict.code,
        verdict_title=VERDICT_TITLE.get(plan.verdict.code, plan.verdict.code), verdict_message=plan.verdict.message,
        facts=facts, kpis=kpis, budget_line=budget_line, mechanisms=mechanisms, strategy=strategy,
        agents=agents,
        excluded_agents=[(e.agent.id, e.agent.name, e.reason) for e in plan.excluded_agents],
        in_place=[_set_aside_row(s, cur) for s in plan.in_place],
        deferred=[_set_aside_row(s, cur) for s in plan.deferred],
        discarded=[_set_aside_row(s, cur) for s in plan.discarded],
        assumptions=list(plan.assumptions), overrides=overrides,
        weights=[(k, _weight_value(v), WEIGHT_DOCS[k].meaning if k in WEIGHT_DOCS else "") for k, v in plan.weights.items()],
        weights_used=f"{plan.weights_source} (sha256 {plan.weights_hash})",
        cautions=[caution_text(c) for c in plan.cautions],
        level=r["level"], marginal=any(row.marginal for row in strategy),
        portfolio_line=portfolio_line(plan.portfolio) if plan.portfolio is not None else "",
        unserved=[UnservedRow(u.mechanism, label(u.mechanism), u.deficit, u.reason,
                              UNSERVED_TEXT.get(u.reason, label(u.reason)), u.instruments) for u in plan.unserved],
        redundant_line=redundant_line(plan.redundant_pairs) if plan.redundant_pairs else "",
        kb_overlay=overlay_lines(plan.kb_overlay),
        robustness=_robustness_view(plan),
    )
    view.implementation = implementation_view(plan)
    attach_gaps(view, plan)
    for key in CUT_LISTS:  # after every figure taken from the whole lists (counts, overrides)
        rows = getattr(view, key)
        if len(rows) > SHOWN:
            view.left_out[key] = len(rows) - SHOWN
            setattr(view, key, rows[:SHOWN])
    view.data_evidence = data_evidence(plan)
    view.charts["diagnosis"] = diagnosis_chart(view)
    if strategy:
        view.charts["scores"] = score_chart(view)
        view.charts["network"] = network_chart(view)
        view.network_note = network_summary(view)
    if view.robustness is not None and view.robustness.rows:
        view.charts["robustness"] = robustness_chart(view)
    add_roadmap(view, plan)
    return view
