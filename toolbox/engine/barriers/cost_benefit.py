"""The cost-benefit barrier: benefit from the deficits an instrument addresses, against cost and distortion.

    benefit = Σ over the mechanisms it acts on of  deficit/3 × empirical factor × policy factor
    score   = benefit × distortion factor / cost_units ** cost_elasticity,   cost_units = cost / cost_reference

Summing over mechanisms is how multicausality counts: an instrument acting on several deficient
mechanisms gains from each of them.
"""

from __future__ import annotations

from toolbox.engine.barriers.policy import needs_other_field
from toolbox.engine.deficits import NEED_FORMULA
from toolbox.engine.result import Assessment, MechanismDiagnosis, SetAside, Term
from toolbox.engine.weights import DISTORTION_ORDER, Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import Instrument
from toolbox.profile.model import RegionProfile

SCORE_FORMULA = f"Σ({NEED_FORMULA}) × distortion factor / cost_units^elasticity"
"""How `assess` scores an instrument, as the renderers write it."""


def assess(instrument: Instrument, diagnosis: dict[str, MechanismDiagnosis], cost: float, cost_source: str,
           weights: Weights) -> Assessment:
    """Score one instrument. Pure: the same inputs give the same numbers."""
    terms = []
    unassessed = []
    for mechanism_id in instrument.mechanisms:
        d = diagnosis[mechanism_id]
        if d.status == "unassessed":
            unassessed.append(mechanism_id)
        if d.deficit:
            terms.append(Term(mechanism_id, d.deficit, d.empirical_factor, d.policy_factor, d.need))
    benefit = sum(t.value for t in terms)
    cost_units = cost / weights.cost_reference
    cost_factor = cost_units ** weights.cost_elasticity
    distortion = weights.distortion[instrument.distortion_risk]
    score = benefit * distortion / cost_factor
    return Assessment(
        instrument=instrument.id, name=instrument.name, terms=tuple(terms), unassessed=tuple(unassessed),
        benefit=benefit, cost=cost, cost_source=cost_source, cost_class=instrument.cost_class,
        cost_units=cost_units, cost_factor=cost_factor, distortion_risk=instrument.distortion_risk,
        distortion_factor=distortion, score=score, policy_field=instrument.policy_field,
        needs_other_field=needs_other_field(instrument), time_to_effect=instrument.time_to_effect,
        delivery=instrument.delivery,
    )


def instrument_cost(kb: KnowledgeBase, profile: RegionProfile, instrument: Instrument) -> tuple[float, str]:
    """The profile's local figure, or the typical value of the instrument's own indicative cost."""
    if instrument.id in profile.costs:
        return profile.costs[instrument.id], "profile"
    return instrument.cost.typical, "indicative"


def screen(assessments: list[Assessment], weights: Weights) -> tuple[list[Assessment], list[SetAside]]:
    """Split into candidates and discarded: no deficit addressed, too high a distortion risk, poor ratio."""
    limit = DISTORTION_ORDER.index(weights.max_distortion)
    candidates, discarded = [], []
    for a in assessments:
        if a.benefit <= 0:
            why = "none of its mechanisms shows a deficit"
            if a.unassessed:
                why += f" (not yet assessed: {', '.join(a.unassessed)})"
            discarded.append(SetAside(a.instrument, a.name, "no_deficit", why, a))
        elif DISTORTION_ORDER.index(a.distortion_risk) > limit:
            discarded.append(SetAside(
                a.instrument, a.name, "distortion_risk",
                f"{a.distortion_risk} risk of distorting markets (the limit is {weights.max_distortion}): the paper "
                "requires that an intervention not distort the market disproportionately", a))
        else:
            candidates.append(a)
    if candidates:
        best = max(a.score for a in candidates)
        threshold = best * weights.poor_ratio_share
        kept = []
        for a in candidates:
            if a.score < threshold:
                discarded.append(SetAside(
                    a.instrument, a.name, "poor_ratio",
                    f"score {a.score:.3f} is below {weights.poor_ratio_share:.0%} of the best score ({best:.3f}): "
                    "a poor cost-benefit ratio", a))
            else:
                kept.append(a)
        candidates = kept
    return candidates, discarded
