"""The four steps, in the paper's order, as one pure function."""

from __future__ import annotations

from toolbox.engine.barriers.cost_benefit import assess, factor, instrument_cost, screen, with_value
from toolbox.engine.contributions import agent_ref, contribution_finder, present_agents
from toolbox.engine.deficits import diagnose
from toolbox.engine.gaps import acts_on, bridging, gap_term as gap_needs
from toolbox.engine.interaction import interaction_fields
from toolbox.engine.money import budget_cautions, eur_rate, in_budget_currency, scoring_weights
from toolbox.engine.portfolio import choose, rank
from toolbox.engine.replan import record_inputs
from toolbox.engine.potential import potential_notes, potential_verdict
from toolbox.engine.result import Plan, Portfolio, SetAside, StrategyItem, Unserved, Verdict, sort_key
from toolbox.engine.value import build
from toolbox.engine.weights import Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import RegionProfile

REDUNDANT_JACCARD = 0.75
"""Two strategy instruments whose deficient mechanisms overlap at least this much (Jaccard) are a
redundant pair (editorial). The multicausality audit (toolbox/audit/multicausality.py) uses the same
threshold, imported from here, since the audit module imports the graph library."""
UNSERVED_ORDER = ("budget", "no_agent", "not_worth_cost", "distortion_risk")
"""Why a deficient mechanism is left unserved: the reason of the instrument acting on it that came
closest to the strategy (a budget-deferred one was nearest), else no_candidate."""
SET_ASIDE_UNSERVED = {"budget": "budget", "little_added": "not_worth_cost", "no_agent": "no_agent",
                      "not_worth_cost": "not_worth_cost", "distortion_risk": "distortion_risk"}


def make_plan(kb: KnowledgeBase, profile: RegionProfile, weights: Weights | None = None,
              weights_source: str = "defaults") -> Plan:
    """The four steps, then the optional sections on the region's programmes and cluster organisation."""
    plan = _four_steps(kb, profile, weights, weights_source)
    if profile.programmes:
        from toolbox.engine.gaps import gaps

        plan = plan._replace(gaps=gaps(kb, profile, plan))
    if profile.organisation is not None:
        from toolbox.engine.organisation import organisation

        plan = plan._replace(organisation=organisation(kb, profile))
    return plan


def _four_steps(kb: KnowledgeBase, profile: RegionProfile, weights: Weights | None,
                weights_source: str) -> Plan:
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
    contributions_for = contribution_finder(kb, present, profile.region.level)
    inputs = record_inputs(kb, profile, rate, contributions_for)

    def finish(verdict: Verdict, strategy=(), deferred=(), discarded=(), in_place=(), **more) -> Plan:
        used = sum(i.assessment.cost for i in strategy)
        return Plan(
            region=profile.region.model_dump(), cluster=profile.cluster.model_dump(),
            budget=profile.budget.model_dump() if profile.budget else None,
            kb_version=kb.version, weights=weights.to_dict(), verdict=verdict, mechanisms=diagnosis,
            strategy=tuple(strategy), deferred=tuple(deferred), discarded=tuple(discarded), in_place=tuple(in_place),
            agents=tuple(agent_ref(kb, a) for a in present), excluded_agents=tuple(excluded),
            assumptions=tuple(assumptions), budget_used=used,
            budget_left=None if budget is None else budget - used,
            weights_source=weights_source, weights_hash=weights.digest(), cautions=tuple(cautions), **more,
            **interaction_fields(kb, profile, tuple(strategy)), inputs=inputs, kb_overlay=kb.overlay,
        )

    # Step 1: cluster potential.
    stop = potential_verdict(profile)
    if stop is not None:
        return finish(stop)

    # Step 2: observed against possible.
    unassessed = [d.id for d in diagnosis if d.status == "unassessed"]
    possible = [d for d in diagnosis if d.possible]
    if possible and len(unassessed) == len(possible):
        return finish(Verdict(
            "nothing_assessed",
            f"Nothing is assessed yet: the observed degree of every possible mechanism ({len(unassessed)}) is "
            "unknown, so whether a deficit justifies a strategy cannot be judged. Assess them first.",
            to_assess=tuple(unassessed)))
    if unassessed:
        assumptions.append(f"{len(unassessed)} mechanism(s) not yet assessed and not counted as deficits: "
                           + ", ".join(unassessed) + ".")
    if not any(d.deficit for d in diagnosis):
        message = ("No deficit among the assessed mechanisms: each is observed at the strength it could attain, "
                   "so there is no justification for a cluster promotion strategy (the paper's practical stand-in "
                   "for market failure).")
        if unassessed:
            message += f" {len(unassessed)} mechanism(s) are still to be assessed and may change this."
        return finish(Verdict("no_justification", message, to_assess=tuple(unassessed)))

    # Step 3: the three barriers. Standalone values count the instruments already in place first.
    running, assessments = [], []
    for instrument in kb.instruments.values():
        cost, source = instrument_cost(kb, profile, instrument)
        indicative_used |= source == "indicative"
        a = assess(instrument, by_id, in_budget_currency(cost, source, rate), source, scoring_weights(weights, rate),
                   profile)
        (running if instrument.id in profile.instruments_in_place else assessments).append(a)
    needs = {d.id: d.need for d in diagnosis if d.deficit}
    gap_term = gap_needs(kb, profile, weights.empty_gap)
    if gap_term:
        needs.update(gap_term)
        assessments = bridging(assessments, {i.id: i.gaps for i in kb.instruments.values()}, gap_term)
    acting = {a.instrument: (factor(a), acts_on(a)) for a in running}
    alone = build(needs, {a.instrument: (factor(a), acts_on(a)) for a in assessments}, acting, weights.decay)
    zero = [0.0] * len(alone.mechanisms)
    assessments = [with_value(a, alone.marginal(i, zero)) for i, a in enumerate(assessments)]
    in_place = []
    for a in running:  # what each one adds over the others in place
        others = {k: v for k, v in acting.items() if k != a.instrument}
        own = build(needs, {a.instrument: acting[a.instrument]}, others, weights.decay)
        in_place.append(SetAside(a.instrument, a.name, "in_place", "",
                                 with_value(a, own.marginal(0, [0.0] * len(own.mechanisms)))))
    candidates, discarded = screen(assessments, weights)
    cautions += budget_cautions(profile, candidates)

    # Step 4 before the budget, so that money is never set aside for an instrument nobody can carry.
    carried, deferred = [], []
    contributions = {}
    for a in candidates:
        found = contributions_for(a.instrument)
        if found:
            carried.append(a)
            contributions[a.instrument] = found
        else:
            deferred.append(SetAside(a.instrument, a.name, "no_agent", "", a))

    # The portfolio: which set, then the order of marginal contribution.
    problem = build(needs, {a.instrument: (factor(a), acts_on(a)) for a in carried},
                    acting, weights.decay)
    weight = [a.cost_factor for a in carried]
    costs = [a.cost for a in carried]
    portfolio = None
    chosen: list[tuple[int, float]] = []
    if carried:
        choice = choose(problem, weight, costs, weights.min_value_per_cost, budget)
        chosen = rank(problem, choice.chosen, weight, costs)
        portfolio = Portfolio(choice.method, problem.value(choice.chosen), problem.value(choice.greedy),
                              choice.proven_optimal)
    strategy, total = [], 0.0
    for position, (i, gain) in enumerate(chosen, start=1):
        a = carried[i]
        total += a.cost
        strategy.append(StrategyItem(position, a, contributions[a.instrument], total, gain))
    coverage = problem.coverage([i for i, _ in chosen])
    left = None if budget is None else budget - total
    picked = {i for i, _ in chosen}
    for i, a in enumerate(carried):
        if i in picked:
            continue
        gain = problem.marginal(i, coverage)
        ratio = gain / a.cost_factor
        worth = ratio >= weights.min_value_per_cost - 1e-9
        data = (("marginal_value", gain), ("value_per_cost", ratio), ("threshold", weights.min_value_per_cost))
        if worth and left is not None:
            data += (("budget_left", left),)
        deferred.append(SetAside(a.instrument, a.name, "budget" if worth else "little_added", "", a, data))
    deferred.sort(key=lambda s: sort_key(s.assessment))
    order = ("not_worth_cost", "distortion_risk", "no_deficit")
    discarded.sort(key=lambda s: (order.index(s.reason), sort_key(s.assessment)))

    in_strategy = {item.assessment.instrument for item in strategy}
    unserved = _unserved(kb, diagnosis, in_strategy, [*deferred, *discarded])
    pairs = _redundant([item.assessment for item in strategy])

    if indicative_used and rate != 1:
        assumptions.append(f"Indicative costs are EUR figures, converted at 1 EUR = {rate:,g} {currency} "
                           "(the profile's budget.eur_rate).")
    if indicative_used:
        assumptions.append("Costs not given in the profile are the typical values of each instrument's indicative "
                           "cost (editorial orders of magnitude, not the paper's; `toolbox kb show ID` gives the "
                           "range and its basis).")
    others = sum(1 for item in strategy if item.assessment.needs_other_field)
    if others:
        assumptions.append(f"{others} recommended instrument(s) belong to another field of economic policy than "
                           "cluster policy proper and need that field's decision makers.")
    more = dict(unserved=tuple(unserved), portfolio=portfolio, redundant_pairs=pairs,
                gap_term=tuple(gap_term.items()))
    if gap_term:
        assumptions.append(f"{len(gap_term)} gap(s) of innovation no programme bridges are weighed in the "
                           f"portfolio at {weights.empty_gap:g} each (the empty_gap weight).")
    worth_nothing = [s for s in discarded if s.reason == "not_worth_cost"]
    if not candidates and worth_nothing:
        best = max(s.assessment.score for s in worth_nothing)
        return finish(Verdict(
            "nothing_worth_cost",
            f"Deficits justify intervention, but no instrument is worth its cost: the best adds {best:.3f} of value "
            f"per cost weight, below the {weights.min_value_per_cost:g} required.",
            best_value_per_cost=best, threshold=weights.min_value_per_cost),
            (), deferred, discarded, in_place, **more)
    n = len(strategy)
    message = (f"{n} instrument(s) recommended for {profile.cluster.name} in {profile.region.name}"
               + (f", {total:,.0f} of {budget:,.0f} {currency} a year" if budget else "")
               + (f"; {len(deferred)} deferred" if deferred else "")
               + (f"; {len(unserved)} deficient mechanism(s) left unserved" if unserved else "") + ".")
    if not n:
        message = ("Deficits justify intervention, but no instrument passed the barriers and found an agent"
                   + (" within the budget" if budget else "") + "; see the deferred and discarded instruments.")
    return finish(Verdict("strategy", message), strategy, deferred, discarded, in_place, **more)


def _unserved(kb: KnowledgeBase, diagnosis, in_strategy: set[str], set_aside: list[SetAside]) -> list[Unserved]:
    fate = {s.instrument: s for s in set_aside}
    out = []
    for d in diagnosis:
        if not d.deficit:
            continue
        acting = [i.id for i in kb.instruments_for(d.id)]
        if in_strategy.intersection(acting):
            continue
        others = [fate[i] for i in acting if i in fate]
        reasons = {SET_ASIDE_UNSERVED.get(s.reason) for s in others}
        reason = next((r for r in UNSERVED_ORDER if r in reasons), "no_candidate")
        ordered = sorted(others, key=lambda s: sort_key(s.assessment))
        out.append(Unserved(d.id, d.name, d.deficit, reason, tuple(s.instrument for s in ordered)))
    return out


def _redundant(strategy) -> tuple[tuple[str, str], ...]:
    sets = [(a.instrument, {t.mechanism for t in a.terms}) for a in strategy]
    pairs = []
    for k, (a, sa) in enumerate(sets):
        for b, sb in sets[k + 1:]:
            union = sa | sb
            if union and len(sa & sb) / len(union) >= REDUNDANT_JACCARD - 1e-9:
                pairs.append((a, b))
    return tuple(pairs)
