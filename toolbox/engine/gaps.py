"""CLUSNET's interaction level: the region's programmes against the seven gaps of innovation (its Table 4,
"institutional thickness or empty slots?"), the gaps left empty or without traffic, and which recommended
instruments would fill the empty slots. Pure: reads the knowledge base, the profile and a plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from toolbox.engine.result import Assessment, GapCoverage, GapsResult, Plan, ProgrammeRow, sort_key
from toolbox.engine.value import gap_need
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import RegionProfile

TRAFFIC = ("participants", "events", "joint_projects")
GAP_KEY = "gap:"
"""Prefix of an empty gap when the portfolio weighs it like a mechanism (engine/plan.py)."""


def programme_rows(kb: KnowledgeBase, profile: RegionProfile) -> tuple[ProgrammeRow, ...]:
    """The profile's programmes, then each `in_place` instrument no programme already is (the shorthand)."""
    rows = []
    for p in profile.programmes:
        instrument = kb.instruments.get(p.instrument) if p.instrument else None
        gaps = p.gaps if p.gaps else (instrument.gaps if instrument else ())
        counts = tuple((k, getattr(p.traffic, k) if p.traffic else None) for k in TRAFFIC)
        rows.append(ProgrammeRow(
            p.name, p.owner, p.instrument, _ordered(kb, gaps), "profile" if p.gaps else "instrument",
            p.delivery or (instrument.delivery if instrument else None), p.budget, counts, _traffic_status(counts)))
    named = {p.instrument for p in profile.programmes}
    for inst_id in profile.in_place:
        if inst_id not in named:
            i = kb.instruments[inst_id]
            rows.append(ProgrammeRow(i.name, None, i.id, _ordered(kb, i.gaps), "instrument", i.delivery, None,
                                     tuple((k, None) for k in TRAFFIC), "unreported", shorthand=True))
    return tuple(rows)


def _ordered(kb: KnowledgeBase, gaps) -> tuple[str, ...]:
    order = list(kb.gaps)
    return tuple(sorted(set(gaps), key=order.index))


def _traffic_status(counts) -> str:
    given = [n for _, n in counts if n is not None]
    if any(given):
        return "active"
    return "none" if given else "unreported"


def gap_status(rows: list[ProgrammeRow]) -> str:
    statuses = {r.traffic_status for r in rows}
    if not rows:
        return "empty"
    if "active" in statuses:
        return "bridged"
    return "no_traffic" if statuses == {"none"} else "unreported"


def empty_gaps(kb: KnowledgeBase, profile: RegionProfile) -> tuple[str, ...]:
    """Gaps no programme (nor in-place instrument) bridges, in the knowledge base's order."""
    return unbridged(tuple(kb.gaps), [row.gaps for row in programme_rows(kb, profile)])


def unbridged(order: Iterable[str], bridged: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """The gaps of `order` (the knowledge base's) that none of the `bridged` collections holds."""
    covered = {g for gaps in bridged for g in gaps}
    return tuple(g for g in order if g not in covered)


def weighed(empty: Iterable[str], empty_gap: float) -> dict[str, float]:
    """The empty gaps as needs ("gap:<id>" -> need) when the empty_gap weight is set; else none."""
    if empty_gap <= 0:
        return {}
    return {GAP_KEY + g: gap_need(empty_gap) for g in empty}


def gap_term(kb: KnowledgeBase, profile: RegionProfile, empty_gap: float) -> dict[str, float]:
    """The empty gaps as needs, when the profile lists programmes and the empty_gap weight is set. The plan
    (engine/plan.py) and the robustness draws (engine/robustness.py) read it; a saved plan's replay
    (engine/replan.py) builds the same from the gaps the plan records (`programme_inputs`)."""
    if not profile.programmes:
        return {}
    return weighed(empty_gaps(kb, profile), empty_gap)


def bridging(assessments: list[Assessment], gaps_of: Mapping[str, Iterable[str]],
             term: Mapping[str, float]) -> list[Assessment]:
    """Each assessment with the empty gaps of `term` that its instrument bridges (`gaps_of`: its knowledge-base
    gaps), so that `acts_on` counts them."""
    empty = {key[len(GAP_KEY):] for key in term}
    return [a._replace(gaps=tuple(g for g in gaps_of[a.instrument] if g in empty)) for a in assessments]


def acts_on(a: Assessment) -> tuple[str, ...]:
    """What an instrument's value is counted on: its deficient mechanisms, then the empty gaps it bridges
    when the portfolio weighs them."""
    return tuple(t.mechanism for t in a.terms) + tuple(GAP_KEY + g for g in a.gaps)


def programme_inputs(kb: KnowledgeBase, profile: RegionProfile) -> tuple[tuple[str, ...] | None,
                                                                         dict[str, tuple[str, ...]]]:
    """What a saved plan records to find its empty gaps again (Plan.inputs): the gaps bridged by programmes that
    are no instrument of the knowledge base (None when the profile lists no programmes: no gap term), and per
    instrument a programme names, the gaps those programmes bridge. The other instruments in place bridge their
    knowledge-base gaps (the `in_place` shorthand)."""
    if not profile.programmes:
        return None, {}
    loose: list[str] = []
    named: dict[str, list[str]] = {}
    for row in programme_rows(kb, profile):
        if row.shorthand:
            continue
        into = named.setdefault(row.instrument, []) if row.instrument in kb.instruments else loose
        into.extend(row.gaps)
    return _ordered(kb, loose), {i: _ordered(kb, g) for i, g in named.items()}


def gaps(kb: KnowledgeBase, profile: RegionProfile, plan: Plan) -> GapsResult:
    rows = programme_rows(kb, profile)
    strategy = tuple((item.assessment.instrument, item.assessment.name, _ordered(kb, kb.instruments[item.assessment.instrument].gaps))
                     for item in plan.strategy)
    fate = _fates(plan)
    coverage = []
    for gap_id, term in kb.gaps.items():
        bridging = [r for r in rows if gap_id in r.gaps]
        status = gap_status(bridging)
        filling = tuple(i for i, _, g in strategy if gap_id in g)
        others = ()
        if status == "empty" and not filling:
            acting = [i for i in kb.instruments.values() if gap_id in i.gaps]
            others = tuple((i.id, fate.get(i.id, ("not_scored", None))[0])
                           for i in sorted(acting, key=lambda i: _order(fate, i.id)))
        coverage.append(GapCoverage(gap_id, term.name, tuple(r.name for r in bridging), status, filling, others))
    totals: dict[str, float] = {}
    for r in rows:
        if r.budget is not None:
            key = r.delivery or "unknown"
            totals[key] = totals.get(key, 0.0) + r.budget
    by_delivery = tuple((k, totals[k]) for k in ("project", "platform_service", "unknown") if k in totals)
    currency = profile.budget.currency if profile.budget else "EUR"
    return GapsResult(profile.region.model_dump(), profile.cluster.model_dump(), currency, rows, tuple(coverage),
                      plan.verdict.code, strategy, by_delivery, float(plan.weights.get("empty_gap", 0.0)))


_WHERE = ("deferred", "discarded", "in_place")


def _fates(plan: Plan) -> dict:
    out = {}
    for where in _WHERE:
        for entry in getattr(plan, where):
            out[entry.instrument] = (where, entry.assessment)
    return out


def _order(fate: dict, instrument_id: str) -> tuple:
    where, a = fate.get(instrument_id, ("not_scored", None))
    rank = (_WHERE + ("not_scored",)).index(where)
    return (rank, sort_key(a) if a is not None else (), instrument_id)
