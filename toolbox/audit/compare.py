"""Regions side by side: verdicts, diagnoses, strategies, and why their strategies differ.

`compare(kb, plans)` is pure: it reads plans made with the same knowledge base and weights and explains
every instrument that one region's strategy recommends and another's does not, from what the plans
decided (a deficit present in one and not the other, an agent missing or unwilling, the budget, an
instrument already in place, the distortion limit, a poor cost-benefit ratio, or a verdict that ends
the procedure before any strategy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from toolbox.engine.result import Plan, StrategyItem
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.overlay import KbOverlay


@dataclass(frozen=True)
class RegionColumn:
    label: str
    """The region's name, with the file's stem added when two regions share a name."""
    file: str
    region: str
    cluster: str
    level: str
    potential: str
    verdict: str
    verdict_message: str
    budget: float | None
    currency: str
    budget_used: float
    strategy: int
    """How many instruments its strategy recommends."""
    agents: int
    """Agent types present and willing (or the level's standard set when none are listed)."""
    kb_version: str = ""
    """The knowledge base this column's plan was made with."""
    kb_overlay: tuple[str, ...] = ()
    """Its overlay directories (empty: the shipped knowledge base alone)."""
    overlay: KbOverlay | None = None
    """The overlay and what it changed against the shipped knowledge base."""
    weights_source: str = "defaults"
    weights_hash: str = ""
    robust: tuple[int, int] | None = None
    """With --robustness: (picks in the strategy in at least 90 % of draws, picks)."""


@dataclass(frozen=True)
class MechanismCell:
    status: str
    observed: str
    attainable: str
    deficit: int | None
    need: float


@dataclass(frozen=True)
class MechanismRow:
    id: str
    name: str
    cells: tuple[MechanismCell, ...]
    differs: bool
    """The status or the deficit differs between the regions."""


@dataclass(frozen=True)
class InstrumentCell:
    outcome: str
    """strategy | deferred | discarded | in_place | not_scored | absent (not in the column's knowledge base)"""
    reason: str | None
    """The plan's reason for a set-aside; the verdict code when not scored."""
    rank: int | None
    score: float | None
    inclusion: float | None = None
    """With --robustness: the share of draws in which the region's strategy holds the instrument."""


@dataclass(frozen=True)
class MechanismContrast:
    """One mechanism the instrument acts on, in the region without it and in the reference region."""

    mechanism: str
    here: MechanismCell
    there: MechanismCell


@dataclass(frozen=True)
class AgentContrast:
    """An agent type that carries the instrument elsewhere, or could carry it here, and why it does not."""

    agent: str
    level: str
    status: str
    """not_listed (not in the region's agents) | excluded (listed, but unwilling or below the level)"""
    detail: str | None
    """The plan's reason for leaving it out, when excluded."""


class Reason(NamedTuple):
    """What the comparison found, as a code and the numbers behind it; the render layer words it
    (toolbox/render/compare_text.py: `why_text`)."""

    code: str
    """not_scored | not_in_kb | no_deficit | not_worth_cost | no_agent | budget | in_place | set_aside"""
    data: dict


@dataclass(frozen=True)
class Why:
    """Why an instrument in the reference region's strategy is not in this region's strategy."""

    region: str
    reference: str
    outcome: str
    reason: str
    """The plan's reason for setting it aside; the verdict code when the region has no strategy."""
    explanation: Reason
    mechanisms: tuple[MechanismContrast, ...] = ()
    """no_deficit: every mechanism it acts on; not_worth_cost: those whose diagnosis differs."""
    agents: tuple[AgentContrast, ...] = ()
    causes: tuple = ()
    """The inputs that, put into the reference's, take the instrument out of its strategy (toolbox diff's
    computed reasons, toolbox/audit/diff.py); empty when the plans do not record their inputs."""


@dataclass(frozen=True)
class InstrumentRow:
    id: str
    name: str
    cells: tuple[InstrumentCell, ...]
    shared: bool
    """In every region's strategy."""
    recommended_in: tuple[str, ...]
    """The labels of the regions whose strategy recommends it."""
    whys: tuple[Why, ...]
    """One for each region whose strategy lacks it."""


@dataclass(frozen=True)
class Comparison:
    kb_version: str
    regions: tuple[RegionColumn, ...]
    mechanisms: tuple[MechanismRow, ...]
    instruments: tuple[InstrumentRow, ...]
    """Every instrument in at least one strategy: shared ones first, then by best rank, then id."""
    weights_source: str = "defaults"
    weights_hash: str = ""
    """The first column's weights; each column names its own (RegionColumn)."""

    @property
    def uniform(self) -> bool:
        """Whether every column used the same knowledge base and weights."""
        return len({(r.kb_version, r.weights_hash) for r in self.regions}) <= 1

    @property
    def shared(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.instruments if r.shared)

    @property
    def differing(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.instruments if not r.shared)


def labels(plans: Sequence[tuple[str, Plan]], settings: Sequence[str] | None = None) -> list[str]:
    """Region names; the file's stem is added to names that repeat, then the column's own knowledge base
    and weights (`settings`, e.g. 'kb=my_kb'), then a number if that still repeats."""
    names = [p.region["name"] for _, p in plans]
    files = {n: {f for (f, _), m in zip(plans, names) if m == n} for n in names}
    out = [n if names.count(n) == 1 or len(files[n]) == 1 else f"{n} ({Path(f).stem})"
           for n, (f, _) in zip(names, plans)]
    if settings:
        out = [o if out.count(o) == 1 or not tag else f"{o} [{tag}]" for o, tag in zip(out, settings)]
    return [o if out.count(o) == 1 else f"{o} #{k + 1}" for k, o in enumerate(out)]


def _cell(plan: Plan, instrument_id: str) -> InstrumentCell:
    found = plan.find(instrument_id)
    robust = plan.robustness.of(instrument_id) if plan.robustness is not None else None
    inclusion = robust.inclusion if robust is not None else None
    if found is None and plan.inputs is not None and instrument_id not in {i.id for i in plan.inputs.instruments}:
        return InstrumentCell("absent", "not_in_kb", None, None, inclusion)
    if found is None:
        return InstrumentCell("not_scored", plan.verdict.code, None, None, inclusion)
    where, entry = found
    if isinstance(entry, StrategyItem):
        return InstrumentCell(where, None, entry.rank, entry.assessment.score, inclusion)
    score = entry.assessment.score if entry.assessment is not None else None
    return InstrumentCell(where, entry.reason, None, score, inclusion)


def _robust(plan: Plan) -> tuple[int, int] | None:
    r = plan.robustness
    if r is None:
        return None
    return len([c for c in r.core if plan.find(c) and plan.find(c)[0] == "strategy"]), len(plan.strategy)


def _mechanism_cell(d) -> MechanismCell:
    if d is None:  # the column's knowledge base has no such mechanism
        return MechanismCell("absent", "-", "-", None, 0.0)
    return MechanismCell(d.status, d.observed if d.possible else "-", d.attainable, d.deficit, d.need)


def _why(kb: KnowledgeBase, instrument_id: str, label: str, plan: Plan, ref_label: str, ref: Plan) -> Why:
    found = plan.find(instrument_id)
    ref_item = ref.find(instrument_id)[1]
    if instrument_id not in kb.instruments:
        return Why(label, ref_label, "absent", "not_in_kb", Reason("not_in_kb", {}))
    here = {d.id: _mechanism_cell(d) for d in plan.mechanisms}
    there = {d.id: _mechanism_cell(d) for d in ref.mechanisms}
    acts_on = kb.instruments[instrument_id].mechanisms
    there = {m: there.get(m, _mechanism_cell(None)) for m in acts_on}
    if found is None:
        return Why(label, ref_label, "not_scored", plan.verdict.code,
                   Reason("not_scored", {"verdict": plan.verdict.code, "message": plan.verdict.message}))
    where, entry = found
    reason = entry.reason
    if reason == "no_deficit":
        contrasts = tuple(MechanismContrast(m, here[m], there[m]) for m in acts_on)
        return Why(label, ref_label, where, reason, Reason("no_deficit", {}), contrasts)
    if reason == "not_worth_cost":
        a, b = entry.assessment, ref_item.assessment
        changed = tuple(MechanismContrast(m, here[m], there[m]) for m in acts_on
                        if (here[m].status, here[m].deficit, round(here[m].need, 9))
                        != (there[m].status, there[m].deficit, round(there[m].need, 9)))
        data = {"score": a.score, "threshold": plan.weights["min_value_per_cost"],
                "reference_score": b.score,
                "benefit": (a.value, b.value) if round(a.value, 9) != round(b.value, 9) else None,
                "cost": (a.cost, b.cost) if round(a.cost, 2) != round(b.cost, 2) else None}
        return Why(label, ref_label, where, reason, Reason("not_worth_cost", data), changed)
    if reason == "no_agent":
        carriers = [c.agent for c in ref_item.contributions]
        excluded = {e.agent.id: e.reason for e in plan.excluded_agents}
        present = {a.id for a in plan.agents}
        possible = [c.agent for c in kb.contributions_to(instrument_id)]
        agents: list[AgentContrast] = []
        for agent in carriers:
            if agent.id in excluded:
                agents.append(AgentContrast(agent.id, agent.level, "excluded", excluded[agent.id]))
            elif agent.id not in present:
                agents.append(AgentContrast(agent.id, agent.level, "not_listed", None))
        for agent_id, why in excluded.items():
            if agent_id in possible and agent_id not in {a.agent for a in agents}:
                agents.append(AgentContrast(agent_id, kb.agents[agent_id].level, "excluded", why))
        level = plan.region["level"]
        others = [a for a in possible if kb.agents[a].level == level and a not in excluded]
        data = {"carriers": tuple(a.id for a in carriers), "level": level, "others": tuple(others)}
        return Why(label, ref_label, where, reason, Reason("no_agent", data), (), tuple(agents))
    if reason == "budget":
        ranking = [x.instrument for x in plan.ranking()]
        a, b = entry.assessment, ref_item.assessment
        data = {"set_aside": entry,
                "position": ranking.index(instrument_id) + 1 if instrument_id in ranking else None,
                "ranked": len(ranking), "budget": plan.budget,
                "cost": ((a.cost, a.cost_source), (b.cost, b.cost_source)) if round(a.cost, 2) != round(b.cost, 2)
                else None,
                "reference_budget": ref.budget, "reference_used": ref.budget_used}
        return Why(label, ref_label, where, reason, Reason("budget", data))
    if reason == "in_place":
        return Why(label, ref_label, where, reason, Reason("in_place", {}))
    # distortion_risk, or any reason a later engine adds: the plan's own account of it.
    return Why(label, ref_label, where, reason, Reason("set_aside", {"set_aside": entry}))


def _with_causes(why: Why, instrument_id: str, diffs: dict, plans, ref: int, k: int) -> Why:
    """`why` with the computed causes: the reference's plan decided again with this region's inputs put in
    (toolbox/audit/diff.py), once per pair of columns."""
    from dataclasses import replace

    from toolbox.audit.diff import diff, from_plan

    if plans[ref][1].inputs is None or plans[k][1].inputs is None:
        return why
    if (ref, k) not in diffs:
        diffs[(ref, k)] = {c.instrument: c for c in diff(from_plan(*plans[ref]), from_plan(*plans[k])).changes}
    change = diffs[(ref, k)].get(instrument_id)
    return replace(why, causes=change.reasons) if change is not None else why


def compare(kb: KnowledgeBase, plans: Sequence[tuple[str, Plan]], kbs: Sequence[KnowledgeBase] | None = None,
            settings: Sequence[str] | None = None) -> Comparison:
    """Compare plans (file, plan). `kbs` gives each plan's own knowledge base (default: `kb` for all), and
    `settings` how each column's knowledge base and weights were chosen (e.g. 'kb=my_kb,weights=w.yaml'),
    used in labels when the same region appears twice."""
    kbs = list(kbs) if kbs is not None else [kb] * len(plans)
    names = labels(plans, settings)
    regions = tuple(RegionColumn(
        label=name, file=file, region=p.region["name"], cluster=p.cluster["name"], level=p.region["level"],
        potential=p.cluster["potential"], verdict=p.verdict.code, verdict_message=p.verdict.message,
        budget=p.budget["amount"] if p.budget else None, currency=p.budget["currency"] if p.budget else "EUR",
        budget_used=p.budget_used, strategy=len(p.strategy), agents=len(p.agents), kb_version=p.kb_version,
        kb_overlay=p.kb_overlay.layers if p.kb_overlay is not None else (), weights_source=p.weights_source,
        weights_hash=p.weights_hash, overlay=p.kb_overlay, robust=_robust(p),
    ) for name, (file, p) in zip(names, plans))

    mechanisms = []
    known = {}
    for base in kbs:  # every column's mechanisms: an overlay may add some
        for m in base.mechanisms.values():
            known.setdefault(m.id, m)
    for m in known.values():
        cells = tuple(_mechanism_cell(next((d for d in p.mechanisms if d.id == m.id), None)) for _, p in plans)
        mechanisms.append(MechanismRow(m.id, m.name, cells, len({(c.status, c.deficit) for c in cells}) > 1))

    in_any = {item.assessment.instrument for _, p in plans for item in p.strategy}
    diffs: dict = {}
    rows = []
    for instrument_id in in_any:
        cells = tuple(_cell(p, instrument_id) for _, p in plans)
        holders = [k for k, c in enumerate(cells) if c.outcome == "strategy"]
        ref = holders[0]
        whys = tuple(_with_causes(_why(kbs[k], instrument_id, names[k], plans[k][1], names[ref], plans[ref][1]),
                                  instrument_id, diffs, plans, ref, k)
                     for k, c in enumerate(cells) if c.outcome != "strategy")
        rows.append(InstrumentRow(instrument_id, kbs[ref].instruments[instrument_id].name, cells,
                                  len(holders) == len(plans), tuple(names[k] for k in holders), whys))
    rows.sort(key=lambda r: (not r.shared, -sum(c.outcome == "strategy" for c in r.cells),
                             min(c.rank for c in r.cells if c.rank is not None), r.id))
    weights = (plans[0][1].weights_source, plans[0][1].weights_hash) if plans else ("defaults", "")
    return Comparison(plans[0][1].kb_version if plans else kb.version, regions, tuple(mechanisms), tuple(rows), *weights)
