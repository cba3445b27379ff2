"""The four steps, in the paper's order, as one pure function."""

from __future__ import annotations

from toolbox.engine.barriers.cost_benefit import assess, instrument_cost, screen
from toolbox.engine.budget import allocate
from toolbox.engine.contributions import agent_ref, contribution_finder, present_agents
from toolbox.engine.deficits import diagnose
from toolbox.engine.money import budget_cautions, eur_rate, in_budget_currency, scoring_weights
from toolbox.engine.potential import potential_notes, potential_verdict
from toolbox.engine.result import Plan, SetAside, StrategyItem, Verdict, sort_key
from toolbox.engine.weights import Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import RegionProfile


def make_plan(kb: KnowledgeBase, profile: RegionProfile, weights: Weights | None = None,
              weights_source: str = "defaults") -> Plan:
    weights = weights or Weights()
    assumptions = list(potential_notes(profile))
    diagnosis = diagnose(kb, profile, weights)
    by_id = {d.id: d for d in diagnosis}
    present, excluded, agent_notes = present_agents(kb, profile)
    assumptions += agent_notes
    budget = profile.budget.amount if profile.budget else None
    currency = profile.budget.currency if profile.budget else "EUR"
    indicative_used = False
    rate = eur_rate(profile)
    cautions = list(profile._cautions)

    def finish(verdict: Verdict, strategy=(), deferred=(), discarded=(), in_place=()) -> Plan:
        used = sum(i.assessment.cost for i in strategy)
        return Plan(
            region=profile.region.model_dump(), cluster=profile.cluster.model_dump(),
            budget=profile.budget.model_dump() if profile.budget else None,
            kb_version=kb.version, weights=weights.to_dict(), verdict=verdict, mechanisms=diagnosis,
            strategy=tuple(strategy), deferred=tuple(deferred), discarded=tuple(discarded), in_place=tuple(in_place),
            agents=tuple(agent_ref(kb, a) for a in present), excluded_agents=tuple(excluded),
            assumptions=tuple(assumptions), budget_used=used,
            budget_left=None if budget is None else budget - used,
            weights_source=weights_source, weights_hash=weights.digest(), cautions=tuple(cautions),
        )

    # Step 1: cluster potential.
    stop = potential_verdict(profile)
    if stop is not None:
        return finish(stop)

    # Step 2: observed against possible.
    unassessed = [d.id for d in diagnosis if d.status == "unassessed"]
    if unassessed:
        assumptions.append(f"{len(unassessed)} mechanism(s) not yet assessed and not counted as deficits: "
                           + ", ".join(unassessed) + ".")
    if not any(d.deficit for d in diagnosis):
        message = ("No deficit among the possible mechanisms: each is observed at the strength it could attain, so "
                   "there is no justification for a cluster promotion strategy (the paper's practical stand-in for "
                   "market failure).")
        if unassessed:
            message += f" {len(unassessed)} mechanism(s) are still to be assessed and may change this."
        return finish(Verdict("no_justification", message))

    # Step 3: the three barriers.
    in_place, assessments = [], []
    for instrument in kb.instruments.values():
        cost, source = instrument_cost(kb, profile, instrument)
        indicative_used |= source == "indicative"
        a = assess(instrument, by_id, in_budget_currency(cost, source, rate), source, scoring_weights(weights, rate))
        if instrument.id in profile.in_place:
            in_place.append(SetAside(instrument.id, instrument.name, "in_place",
                                     "already run in the region (profile); not recommended anew", a))
        else:
            assessments.append(a)
    candidates, discarded = screen(assessments, weights)
    cautions += budget_cautions(profile, candidates)
    candidates.sort(key=sort_key)

    # Step 4 before the budget, so that money is never set aside for an instrument nobody can carry.
    carried, deferred = [], []
    contributions = {}
    contributions_for = contribution_finder(kb, present, profile.region.level)
    for a in candidates:
        found = contributions_for(a.instrument)
        if found:
            carried.append(a)
            contributions[a.instrument] = found
        else:
            deferred.append(SetAside(a.instrument, a.name, "no_agent",
                                     "no agent present and willing in the region can contribute to it", a))
    chosen, over = allocate(carried, budget)
    deferred += [SetAside(a.instrument, a.name, "budget", detail, a) for a, detail in over]
    deferred.sort(key=lambda s: sort_key(s.assessment))
    discarded.sort(key=lambda s: (s.reason != "poor_ratio", s.reason != "distortion_risk", sort_key(s.assessment)))

    strategy, running = [], 0.0
    for rank, a in enumerate(chosen, start=1):
        running += a.cost
        strategy.append(StrategyItem(rank, a, contributions[a.instrument], running))

    if indicative_used and rate != 1:
        assumptions.append(f"Indicative costs are EUR figures, converted at 1 EUR = {rate:,g} {currency} "
                           "(the profile's budget.eur_rate).")
    if indicative_used:
        assumptions.append("Costs not given in the profile are the typical values of indicative cost classes "
                           "(editorial orders of magnitude, not the paper's).")
    others = sum(1 for a in chosen if a.needs_other_field)
    if others:
        assumptions.append(f"{others} recommended instrument(s) belong to another field of economic policy than "
                           "cluster policy proper and need that field's decision makers.")
    n = len(strategy)
    message = (f"{n} instrument(s) recommended for {profile.cluster.name} in {profile.region.name}"
               + (f", {sum(a.cost for a in chosen):,.0f} of {budget:,.0f} {currency} a year" if budget else "")
               + (f"; {len(deferred)} deferred" if deferred else "") + ".")
    if not n:
        message = ("Deficits justify intervention, but no instrument passed the barriers and found an agent"
                   + (" within the budget" if budget else "") + "; see the deferred and discarded instruments.")
    return finish(Verdict("strategy", message), strategy, deferred, discarded, in_place)
