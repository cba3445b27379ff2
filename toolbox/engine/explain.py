"""How one instrument's place in the plan came about, term by term."""

from __future__ import annotations

from typing import NamedTuple

from toolbox.engine.barriers.cost_benefit import factor
from toolbox.engine.gaps import acts_on
from toolbox.engine.result import Assessment, InstrumentRobustness, Plan, StrategyItem
from toolbox.engine.value import build


class MarginalTerm(NamedTuple):
    """One mechanism's part in what an instrument adds, with diminishing returns."""

    mechanism: str
    need: float
    before: float
    """Coverage of the mechanism before it: instruments in place, then those ranked above (or the strategy)."""
    factor: float
    """How much of a slot the instrument fills (distortion factor × field factor)."""
    gain: float
    """need × (G(before + factor) − G(before))."""


class Alternative(NamedTuple):
    """The instrument it was weighed against: for a recommended one, the best set-aside instrument on its
    mechanisms; for a set-aside one, the recommended instrument sharing most of its mechanisms."""

    instrument: str
    name: str
    outcome: str
    reason: str | None
    marginal_value: float
    """What the alternative adds given the strategy (set-aside) or given those above it (recommended)."""
    value_per_cost: float


class Explanation(NamedTuple):
    instrument: str
    name: str
    outcome: str
    """strategy | deferred | discarded | in_place | not_scored"""
    reason: str | None
    detail: str | None
    """The plan's account of a set-aside; None when recommended or not scored (the numbers below say why)."""
    rank: int | None
    position: int | None
    """Place in the ranking of every scored instrument (1 = best value per cost), whatever was decided."""
    ranked: int
    assessment: Assessment | None
    above: tuple[tuple[str, float], ...]
    """The instruments just above and below it in the ranking, with their scores, for comparison."""
    below: tuple[tuple[str, float], ...]
    weights: dict
    verdict_code: str
    verdict_message: str
    strategy_size: int
    """How many instruments the strategy recommends."""
    cumulative_cost: float | None = None
    """Recommended: the strategy's cost down to and including this instrument."""
    budget: dict | None = None
    marginal_value: float | None = None
    """Recommended: what it adds given those ranked above; set aside: what it would add to the strategy."""
    marginal_terms: tuple[MarginalTerm, ...] = ()
    alternative: Alternative | None = None
    data: tuple = ()
    """A set-aside's numbers (SetAside.data), for the renderers' wording."""
    weights_source: str = "defaults"
    weights_hash: str = ""
    kb_overlay: object = None
    """The plan's overlay knowledge base and what it changed (toolbox/kb/overlay.py), or None."""
    robustness: InstrumentRobustness | None = None
    """With --robustness: its inclusion, rank acceptability and winning index across the draws."""
    draws: int = 0
    """With --robustness: how many draws, and their seed."""
    seed: int | None = None
    mapping: dict | None = None
    """The cluster map's figures the profile records (cluster.mapping), or None."""
    evidence: tuple = ()
    """The mechanisms whose observation rests on measured figures (MechanismDiagnosis), in the plan's order."""


def marginal_terms(plan: Plan, a: Assessment, given: list[Assessment]) -> tuple[MarginalTerm, ...]:
    """What `a` adds on top of `given` and the instruments in place, mechanism by mechanism."""
    needs = {m.id: m.need for m in plan.mechanisms if m.deficit}
    needs.update(plan.gap_term)
    acting = {e.assessment.instrument: (factor(e.assessment), acts_on(e.assessment))
              for e in plan.in_place if e.assessment is not None}
    rows = {x.instrument: (factor(x), acts_on(x)) for x in [*given, a]}
    problem = build(needs, rows, acting, plan.weights["decay"])
    coverage = problem.coverage(range(len(rows) - 1))
    me = len(rows) - 1
    return tuple(MarginalTerm(problem.mechanisms[m], problem.need[m], before, problem.incidence[me][m], gain)
                 for m, before, gain in problem.gains(me, coverage))


def _alternative(plan: Plan, a: Assessment, recommended: bool) -> Alternative | None:
    mine = {t.mechanism for t in a.terms}
    strategy = [i.assessment for i in plan.strategy]
    if recommended:
        others = [e for e in (*plan.deferred, *plan.discarded)
                  if e.assessment is not None and mine & {t.mechanism for t in e.assessment.terms}]
        best = None
        for e in others:
            gain = sum(t.gain for t in marginal_terms(plan, e.assessment, strategy))
            key = (round(gain, 9), round(e.assessment.score, 9))
            if best is None or key > best[0]:
                best = (key, e, gain)
        if best is None:
            return None
        _, e, gain = best
        return Alternative(e.instrument, e.name, _where(plan, e.instrument), e.reason, gain, gain / e.assessment.cost_factor)
    rivals = [(len(mine & {t.mechanism for t in i.assessment.terms}), -i.rank, i) for i in plan.strategy]
    rivals = [r for r in rivals if r[0]]
    if not rivals:
        return None
    item = max(rivals, key=lambda r: r[:2])[2]
    return Alternative(item.assessment.instrument, item.assessment.name, "strategy", None, item.marginal_value,
                       item.marginal_value / item.assessment.cost_factor)


def _where(plan: Plan, instrument_id: str) -> str:
    found = plan.find(instrument_id)
    return found[0] if found else "not_scored"


def explain(plan: Plan, instrument_id: str) -> Explanation:
    found = plan.find(instrument_id)
    ranking = plan.ranking()
    ids = [a.instrument for a in ranking]
    position = ids.index(instrument_id) + 1 if instrument_id in ids else None
    above = tuple((a.instrument, a.score) for a in ranking[max(0, (position or 1) - 3):(position or 1) - 1]) if position else ()
    below = tuple((a.instrument, a.score) for a in ranking[position:position + 2]) if position else ()
    common = dict(position=position, ranked=len(ranking), above=above, below=below, weights=plan.weights,
                  verdict_code=plan.verdict.code, verdict_message=plan.verdict.message,
                  strategy_size=len(plan.strategy), budget=plan.budget,
                  weights_source=plan.weights_source, weights_hash=plan.weights_hash, kb_overlay=plan.kb_overlay,
                  mapping=plan.cluster.get("mapping"), evidence=tuple(m for m in plan.mechanisms if m.measured))
    if plan.robustness is not None:
        common.update(robustness=plan.robustness.of(instrument_id), draws=plan.robustness.draws,
                      seed=plan.robustness.seed)
    if found is None:
        return Explanation(instrument_id, instrument_id, "not_scored", plan.verdict.code, None, None,
                           assessment=None, **common)
    where, entry = found
    if isinstance(entry, StrategyItem):
        a = entry.assessment
        given = [i.assessment for i in plan.strategy if i.rank < entry.rank]
        return Explanation(a.instrument, a.name, where, None, None, entry.rank, assessment=a,
                           cumulative_cost=entry.cumulative_cost, marginal_value=entry.marginal_value,
                           marginal_terms=marginal_terms(plan, a, given), alternative=_alternative(plan, a, True),
                           **common)
    a = entry.assessment
    terms = marginal_terms(plan, a, [i.assessment for i in plan.strategy]) if a is not None and where != "in_place" else ()
    return Explanation(entry.instrument, entry.name, where, entry.reason, entry.detail, None,
                       assessment=a, marginal_value=sum(t.gain for t in terms) if terms else None,
                       marginal_terms=terms, alternative=_alternative(plan, a, False) if a is not None else None,
                       data=entry.data, **common)
