"""The cost-benefit barrier: what an instrument is worth against what it costs, and its distortion risk.

    factor(i)      = D(i) × F(i) × I(i)   distortion × policy-field × indirect-reach factors
    value(i)       = standalone value of {i} (engine/value.py: need × coverage with diminishing returns)
    cost_weight(i) = cost_units(i) ** cost_elasticity,   cost_units = cost / cost_reference
    score(i)       = value(i) / cost_weight(i)            value per cost weight

An instrument is worth its cost when its score reaches `min_value_per_cost` (the paper: "benefits
outweigh the costs"). Acting on several deficient mechanisms adds each one's need: that is how
multicausality counts.
"""

from __future__ import annotations

from toolbox.engine.barriers.policy import acts_indirectly, needs_other_field
from toolbox.engine.deficits import NEED_FORMULA
from toolbox.engine.result import Assessment, MechanismDiagnosis, SetAside, Term
from toolbox.engine.value import cost_weight, coverage_factor
from toolbox.engine.weights import DISTORTION_ORDER, Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import Instrument
from toolbox.profile.model import RegionProfile

SCORE_FORMULA = (f"value (Σ {NEED_FORMULA} × distortion factor × field factor × indirect factor, with "
                 "diminishing returns) "
                 "/ cost_units^elasticity")
"""How `assess` scores an instrument, as the renderers write it."""


def assess(instrument: Instrument, diagnosis: dict[str, MechanismDiagnosis], cost: float, cost_source: str,
           weights: Weights, profile: RegionProfile | None = None) -> Assessment:
    """The instrument's terms, cost and factors. Pure. Its value and score need the other instruments in
    place and are filled in by the plan (`with_value`)."""
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
    cost_factor = cost_weight(cost, weights.cost_reference, weights.cost_elasticity)
    design = profile.designs.get(instrument.id) if profile is not None else None
    risk = design.distortion_risk if design is not None else instrument.distortion_risk
    other = needs_other_field(instrument)
    return Assessment(
        instrument=instrument.id, name=instrument.name, terms=tuple(terms), unassessed=tuple(unassessed),
        benefit=benefit, cost=cost, cost_source=cost_source, cost_class=instrument.cost_class,
        cost_units=cost_units, cost_factor=cost_factor, distortion_risk=risk,
        distortion_factor=weights.distortion[risk], score=0.0, policy_field=instrument.policy_field,
        needs_other_field=other, time_to_effect=instrument.time_to_effect,
        delivery=instrument.delivery, field_factor=weights.other_field if other else 1.0,
        design=design.reason if design is not None else None, listed_distortion_risk=instrument.distortion_risk,
        indirect_factor=weights.indirect if acts_indirectly(instrument) else 1.0,
    )


def factor(a: Assessment) -> float:
    """How much of a coverage slot the instrument fills: its distortion, policy-field and indirect-reach factors."""
    return coverage_factor(a.distortion_factor, a.field_factor, a.indirect_factor)


def with_value(a: Assessment, value: float) -> Assessment:
    return a._replace(value=value, score=value / a.cost_factor)


def instrument_cost(kb: KnowledgeBase, profile: RegionProfile, instrument: Instrument) -> tuple[float, str]:
    """The profile's local figure, or the typical value of the instrument's own indicative cost."""
    if instrument.id in profile.costs:
        return profile.costs[instrument.id], "profile"
    return instrument.cost.typical, "indicative"


def screen(assessments: list[Assessment], weights: Weights) -> tuple[list[Assessment], list[SetAside]]:
    """Split into candidates and discarded: no deficit addressed, too high a distortion risk, not worth its
    cost. The reasons carry their numbers; the renderers word them."""
    limit = DISTORTION_ORDER.index(weights.max_distortion)
    candidates, discarded = [], []
    for a in assessments:
        if a.benefit <= 0:
            discarded.append(SetAside(a.instrument, a.name, "no_deficit", "", a,
                                      (("unassessed", ", ".join(a.unassessed)),)))
        elif DISTORTION_ORDER.index(a.distortion_risk) > limit:
            discarded.append(SetAside(a.instrument, a.name, "distortion_risk", "", a,
                                      (("risk", a.distortion_risk), ("limit", weights.max_distortion))))
        elif a.score < weights.min_value_per_cost - 1e-9:
            discarded.append(SetAside(a.instrument, a.name, "not_worth_cost", "", a,
                                      (("value", a.value), ("value_per_cost", a.score),
                                       ("threshold", weights.min_value_per_cost))))
        else:
            candidates.append(a)
    return candidates, discarded
