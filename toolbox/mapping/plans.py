"""`toolbox map --plan`: a plan for every region × cluster with potential, ranked (docs/map.md#plan).

Each pair gets a profile built from the mapping evidence only: region, level, cluster, potential and the
evidence sentence. The mechanisms are what a base profile (`--base`) says, else unknown: employment
statistics say nothing about how well spin-offs form or firms cooperate, and the tool does not guess.
Pure: returns results, prints nothing; `advance` is called once per pair for a progress display.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from toolbox.mapping.result import POTENTIAL_ORDER, MapRecord, MapResult


class PairPlan(NamedTuple):
    record: MapRecord
    verdict: str
    """The plan's verdict code (strategy, nothing_assessed, ...)."""
    value: float
    """The summed value of the strategy's instruments (0 without a strategy)."""
    cost: float
    instruments: tuple[str, ...]
    to_assess: tuple[str, ...]


class NationalPlan(NamedTuple):
    result: MapResult
    year: int
    pairs: tuple[PairPlan, ...]
    """Ranked: potential first (present, then nascent), then the strategy's value, then stars and LQ."""
    base: str | None
    level: str
    seconds: float


def plan_pairs(result: MapResult, kb, weights, weights_source: str, *, year: int | None = None,
               base=None, level: str = "regional", country: str | None = None,
               advance: Callable[[], None] = lambda: None, evidence: Callable[[MapRecord], str] = str) -> list[PairPlan]:
    """Plan every pair of `year` (default: the latest) whose potential is present or nascent.

    `base`: a loaded yamlio Document whose mechanisms, agents, budget, costs, designs and in_place apply to
    every pair; `evidence(record)` words a record's evidence for its profile.
    """
    from toolbox.engine import make_plan
    from toolbox.profile.load import profile_from
    from toolbox.yamlio import Document

    year = result.latest_year if year is None else year
    chosen = [r for r in result.records if r.year == year and r.potential != "absent"]
    common = {k: v for k, v in (base.value if base is not None else {}).items() if k not in ("region", "cluster")}
    out = []
    for record in chosen:
        data = {"region": {"name": record.region_name, "level": level, **({"country": country} if country else {})},
                "cluster": {"name": record.cluster_name, "potential": record.potential,
                            "evidence": evidence(record)[:4000]},
                **common}
        doc = Document(base.file if base is not None else "(map)", data, dict(base.lines) if base is not None else {})
        plan = make_plan(kb, profile_from(doc, kb), weights, weights_source)
        out.append(PairPlan(record, plan.verdict.code, sum(i.assessment.value for i in plan.strategy),
                            plan.budget_used, tuple(i.assessment.instrument for i in plan.strategy),
                            tuple(plan.verdict.to_assess)))
        advance()
    out.sort(key=lambda p: (POTENTIAL_ORDER[p.record.potential], -p.value, -p.record.stars, -(p.record.lq or 0.0),
                            p.record.region, p.record.cluster))
    return out
