"""How one instrument's place in the plan came about, term by term."""

from __future__ import annotations

from typing import NamedTuple

from toolbox.engine.result import Assessment, Plan, StrategyItem


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
    """Place in the ranking of every scored instrument (1 = best score), whatever was decided."""
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
    weights_source: str = "defaults"
    weights_hash: str = ""


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
                  weights_source=plan.weights_source, weights_hash=plan.weights_hash)
    if found is None:
        return Explanation(instrument_id, instrument_id, "not_scored", plan.verdict.code, None, None,
                           assessment=None, **common)
    where, entry = found
    if isinstance(entry, StrategyItem):
        a = entry.assessment
        return Explanation(a.instrument, a.name, where, None, None, entry.rank, assessment=a,
                           cumulative_cost=entry.cumulative_cost, **common)
    return Explanation(entry.instrument, entry.name, where, entry.reason, entry.detail, None,
                       assessment=entry.assessment, **common)
