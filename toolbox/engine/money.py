"""Money: the knowledge base's indicative costs are EUR figures; a budget may be in another currency.

Conversion happens here and only here: an indicative cost enters the plan in the budget's currency,
at the profile's `budget.eur_rate` (units of that currency per EUR). So does one cost unit
(`Weights.cost_reference`, in EUR), so that a score does not depend on the currency it is counted in.
"""

from __future__ import annotations

from toolbox.engine.result import Assessment, Caution
from toolbox.engine.weights import Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import RegionProfile

KB_CURRENCY = "EUR"


def eur_rate(profile: RegionProfile) -> float:
    """Units of the budget's currency per EUR: the profile's rate, 1 for EUR or when none is needed."""
    budget = profile.budget
    return budget.eur_rate if budget is not None and budget.eur_rate is not None else 1.0


def in_budget_currency(cost: float, source: str, rate: float) -> float:
    """A cost in the budget's currency: indicative figures converted, the profile's own taken as they are."""
    return cost * rate if source == "indicative" else cost


def scoring_weights(weights: Weights, rate: float) -> Weights:
    """The weights with one cost unit in the budget's currency (the same cost units in any currency)."""
    return weights if rate == 1 else weights._replace(cost_reference=weights.cost_reference * rate)


def unpriced(kb: KnowledgeBase, profile: RegionProfile) -> list[str]:
    """Instruments that address a deficit of the profile and have no local cost: those an indicative
    EUR figure would price. In the knowledge base's order."""
    from toolbox.engine.deficits import diagnose

    deficient = {d.id for d in diagnose(kb, profile, Weights()) if d.deficit}
    return [i.id for i in kb.instruments.values()
            if i.id not in profile.costs and i.id not in profile.instruments_in_place and deficient.intersection(i.mechanisms)]


def budget_cautions(profile: RegionProfile, candidates: list[Assessment]) -> list[Caution]:
    """A budget below the cheapest candidate's cost: probably a misread number (800.000 is 800 in YAML)."""
    budget = profile.budget
    if budget is None or not candidates:
        return []
    cheapest = min(candidates, key=lambda a: (a.cost, a.instrument))
    if budget.amount >= cheapest.cost:
        return []
    return [Caution("budget_below_cheapest", "budget.amount", budget.amount, budget.currency,
                    cheapest=cheapest.cost, instrument=cheapest.instrument)]
