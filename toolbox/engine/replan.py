"""A plan's decisions made again from its recorded inputs: the diagnosis's ratings and degrees, each
instrument's cost, links, risk, design and carriers, the weights and the budget (`Plan.inputs`).

`toolbox diff` changes one input of a saved plan at a time and decides again, to find which input
moved an instrument. `decide` walks the same steps as `make_plan` (toolbox/engine/plan.py) with the same
functions (`assess`, `screen`, `build`, `choose`, `rank`); tests/engine/test_replan.py checks that it
reproduces every decision of `make_plan` on the shipped examples under several weights, so that the two
cannot drift apart unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from toolbox.engine.barriers.cost_benefit import assess, factor, instrument_cost, screen, with_value
from toolbox.engine.barriers.policy import acts_indirectly
from toolbox.engine.deficits import MAX_DEFICIT
from toolbox.engine.gaps import acts_on, bridging, programme_inputs, unbridged, weighed
from toolbox.engine.money import in_budget_currency, scoring_weights
from toolbox.engine.portfolio import choose, rank
from toolbox.engine.result import InstrumentInput, MechanismDiagnosis, PlanInputs
from toolbox.engine.value import build
from toolbox.engine.weights import Weights
from toolbox.kb.records import STRENGTH_VALUE
from toolbox.profile.model import OBSERVED_VALUE


def record_inputs(kb, profile, rate: float, carriers: Callable[[str], tuple]) -> PlanInputs:
    """What `make_plan` reads from the knowledge base and profile beyond the diagnosis and the weights."""
    loose, named = programme_inputs(kb, profile)
    rows = []
    for instrument in kb.instruments.values():
        cost, source = instrument_cost(kb, profile, instrument)
        design = profile.designs.get(instrument.id)
        rows.append(InstrumentInput(
            instrument.id, instrument.name, tuple(instrument.mechanisms), in_budget_currency(cost, source, rate),
            source, instrument.distortion_risk, design.distortion_risk if design is not None else None,
            design.reason if design is not None else None, instrument.policy_field,
            tuple(c.agent.id for c in carriers(instrument.id)), instrument.id in profile.instruments_in_place,
            acts_indirectly(instrument), tuple(instrument.gaps), named.get(instrument.id)))
    budget = profile.budget
    return PlanInputs(profile.cluster.potential, profile.region.level, budget.currency if budget else "EUR", rate,
                      budget.amount if budget else None, tuple(rows), gaps=tuple(kb.gaps), programme_gaps=loose)


def gap_needs(inputs: PlanInputs, weights: Weights) -> dict[str, float]:
    """The gap term as make_plan weighs it (engine/gaps.py `gap_term`), from what the plan recorded: the gaps
    no programme bridges, nor an instrument in place (with its programmes' gaps, else its own)."""
    if inputs.programme_gaps is None:
        return {}
    in_place = [i.gaps if i.programme_gaps is None else i.programme_gaps for i in inputs.instruments if i.in_place]
    return weighed(unbridged(inputs.gaps, [inputs.programme_gaps, *in_place]), weights.empty_gap)


class MechanismInput(NamedTuple):
    """A mechanism as the diagnosis reads it (a plan's `mechanisms` entry)."""

    id: str
    possible: bool
    observed: str
    attainable: str
    empirical_support: str
    policy_influence: str


class Outcome(NamedTuple):
    where: str
    """strategy | deferred | discarded | in_place | not_scored"""
    reason: str | None = None
    """The set-aside reason; the verdict code when not scored."""
    rank: int | None = None


class Decisions(NamedTuple):
    verdict: str
    outcomes: dict[str, Outcome]


class _Influence(NamedTuple):
    mode: str


class _Listed(NamedTuple):
    """The fields of a knowledge-base instrument that `assess` reads."""

    id: str
    name: str
    mechanisms: tuple[str, ...]
    cost_class: str
    distortion_risk: str
    policy_field: str
    time_to_effect: str = ""
    delivery: str = ""
    influence: _Influence | None = None


class _Design(NamedTuple):
    distortion_risk: str
    reason: str


class _Designs(NamedTuple):
    designs: dict[str, _Design]


def diagnosis(mechanisms: tuple[MechanismInput, ...], weights: Weights) -> dict[str, MechanismDiagnosis]:
    """Step 2 on recorded degrees (engine/deficits.py `diagnose`)."""
    out = {}
    for m in mechanisms:
        e, p = weights.empirical[m.empirical_support], weights.policy[m.policy_influence]
        if not m.possible:
            deficit, status = None, "discarded"
        elif m.observed == "unknown":
            deficit, status = None, "unassessed"
        else:
            gap = STRENGTH_VALUE[m.attainable] - OBSERVED_VALUE[m.observed]
            deficit = max(gap, 0)
            status = "deficit" if gap > 0 else "attained" if gap == 0 else "exceeds"
        out[m.id] = MechanismDiagnosis(m.id, m.id, m.possible, m.observed, m.attainable, deficit, status,
                                       m.empirical_support, e, m.policy_influence, p,
                                       (deficit or 0) / MAX_DEFICIT * e * p, None, "")
    return out


@lru_cache(maxsize=512)
def _choose(problem, weight: tuple, costs: tuple, threshold: float, budget: float | None):
    """`choose`, remembered: inputs changed one at a time often leave the candidates' problem as it was
    (an agent of an instrument that is no candidate), and under a budget each choice is an integer programme."""
    return choose(problem, weight, costs, threshold, budget)


def decide(mechanisms: tuple[MechanismInput, ...], inputs: PlanInputs, weights: Weights) -> Decisions:
    """Where each instrument ends up, decided from the recorded inputs as `make_plan` decides."""
    rows = inputs.instruments
    if inputs.potential == "absent":
        return Decisions("no_cluster_potential", {i.id: Outcome("not_scored", "no_cluster_potential") for i in rows})
    by_id = diagnosis(mechanisms, weights)
    possible = [d for d in by_id.values() if d.possible]
    unassessed = [d for d in by_id.values() if d.status == "unassessed"]
    if possible and len(unassessed) == len(possible):
        return Decisions("nothing_assessed", {i.id: Outcome("not_scored", "nothing_assessed") for i in rows})
    if not any(d.deficit for d in by_id.values()):
        return Decisions("no_justification", {i.id: Outcome("not_scored", "no_justification") for i in rows})

    scoring = scoring_weights(weights, inputs.eur_rate)
    designs = _Designs({i.id: _Design(i.design_risk, i.design or "") for i in rows if i.design_risk})
    running, assessments = [], []
    for i in rows:
        listed = _Listed(i.id, i.name, i.mechanisms, "", i.distortion_risk, i.policy_field,
                         influence=_Influence("indirect") if i.indirect else None)
        a = assess(listed, by_id, i.cost, i.cost_source, scoring, designs)
        (running if i.in_place else assessments).append(a)
    needs = {d.id: d.need for d in by_id.values() if d.deficit}
    gap_term = gap_needs(inputs, weights)
    if gap_term:
        needs.update(gap_term)
        assessments = bridging(assessments, {i.id: i.gaps for i in rows}, gap_term)
    acting = {a.instrument: (factor(a), acts_on(a)) for a in running}
    alone = build(needs, {a.instrument: (factor(a), acts_on(a)) for a in assessments}, acting, weights.decay)
    zero = [0.0] * len(alone.mechanisms)
    assessments = [with_value(a, alone.marginal(k, zero)) for k, a in enumerate(assessments)]
    outcomes = {a.instrument: Outcome("in_place", "in_place") for a in running}
    candidates, discarded = screen(assessments, weights)
    outcomes.update({s.instrument: Outcome("discarded", s.reason) for s in discarded})
    carriers = {i.id: i.carriers for i in rows}
    carried = []
    for a in candidates:
        if carriers[a.instrument]:
            carried.append(a)
        else:
            outcomes[a.instrument] = Outcome("deferred", "no_agent")
    if carried:
        problem = build(needs, {a.instrument: (factor(a), acts_on(a)) for a in carried}, acting, weights.decay)
        weight = [a.cost_factor for a in carried]
        costs = [a.cost for a in carried]
        choice = _choose(problem, tuple(weight), tuple(costs), weights.min_value_per_cost, inputs.budget)
        chosen = rank(problem, choice.chosen, weight, costs)
        for position, (k, _) in enumerate(chosen, start=1):
            outcomes[carried[k].instrument] = Outcome("strategy", None, position)
        coverage = problem.coverage([k for k, _ in chosen])
        picked = {k for k, _ in chosen}
        for k, a in enumerate(carried):
            if k not in picked:
                worth = problem.marginal(k, coverage) / a.cost_factor >= weights.min_value_per_cost - 1e-9
                outcomes[a.instrument] = Outcome("deferred", "budget" if worth else "little_added")
    verdict = "nothing_worth_cost" if not candidates and any(s.reason == "not_worth_cost" for s in discarded) \
        else "strategy"
    return Decisions(verdict, outcomes)
