"""The interaction side of a strategy (issue 14, parts C-E): its monitoring indicators, the spillover channels it
opens, the balance of short-term and future-oriented activities, the failures it answers, its policy approaches,
and the network-governance check of the profile's exchange conditions. Pure functions of the knowledge base,
the profile and the strategy: nothing here changes which instruments are recommended.
"""

from __future__ import annotations

from toolbox.engine.result import (
    Behaviour,
    Governance,
    Horizon,
    IndicatorRow,
    Rationales,
    Spillovers,
    StrategyItem,
    Use,
)
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import ExchangeConditions, RegionProfile

SHORT_TERM = ("short",)
"""time_to_effect values counted as short-term activities; medium and long ones are future-oriented (editorial:
Günther and Meissner contrast activities with 'short-term impact' for current needs against those that
'elaborate potential future demand'; an effect that takes more than the short term serves the latter)."""


def monitoring(kb: KnowledgeBase, strategy: tuple[StrategyItem, ...]) -> tuple[IndicatorRow, ...]:
    """Every indicator of every recommended instrument, in rank order and, within one, by CLUSNET level."""
    order = {level: n for n, level in enumerate(kb.monitoring_levels)}
    rows = []
    for item in strategy:
        instrument = kb.instruments[item.assessment.instrument]
        if instrument.monitoring is None:
            continue
        indicators = sorted(instrument.monitoring.indicators,
                            key=lambda i: order.get(kb.monitoring_measures[i.measure].level, len(order)))
        rows += [IndicatorRow(item.rank, instrument.id, instrument.name, kb.monitoring_measures[i.measure].level,
                              i.measure, i.name) for i in indicators]
    return tuple(rows)


def _uses(terms, strategy: tuple[StrategyItem, ...], carried) -> tuple[Use, ...]:
    """Each term with the strategy's instruments that carry it (`carried(instrument_id)` gives their terms)."""
    return tuple(Use(t, tuple(i.assessment.instrument for i in strategy if t in carried(i.assessment.instrument)))
                 for t in terms)


def horizon(strategy: tuple[StrategyItem, ...]) -> Horizon:
    short = tuple(i for i in strategy if i.assessment.time_to_effect in SHORT_TERM)
    future = tuple(i for i in strategy if i.assessment.time_to_effect not in SHORT_TERM)
    balance = ("balanced" if short and future else "short_term_only" if short
               else "future_oriented_only" if future else "empty")
    return Horizon(tuple(i.assessment.instrument for i in short), tuple(i.assessment.instrument for i in future),
                   sum(i.assessment.cost for i in short), sum(i.assessment.cost for i in future), balance)


def spillovers(kb: KnowledgeBase, strategy: tuple[StrategyItem, ...]) -> Spillovers:
    def channels(instrument_id: str) -> tuple[str, ...]:
        data = kb.instruments[instrument_id].spillover_channels
        return data.channels if data else ()

    by_axis = tuple((axis, _uses([c for c, term in kb.spillover_channels.items() if term.axis == axis], strategy,
                                 channels)) for axis in kb.spillover_axes)
    unassessed = tuple(i.assessment.instrument for i in strategy
                       if kb.instruments[i.assessment.instrument].spillover_channels is None)
    return Spillovers(by_axis, horizon(strategy), unassessed)


def rationales(kb: KnowledgeBase, strategy: tuple[StrategyItem, ...]) -> Rationales:
    def failures(instrument_id: str) -> tuple[str, ...]:
        data = kb.instruments[instrument_id].failures
        return data.failures if data else ()

    def approach(instrument_id: str) -> tuple[str, ...]:
        data = kb.instruments[instrument_id].approach
        return (data.approach,) if data else ()

    unassessed = tuple(i.assessment.instrument for i in strategy
                       if kb.instruments[i.assessment.instrument].failures is None
                       or kb.instruments[i.assessment.instrument].approach is None)
    return Rationales(_uses(kb.failures, strategy, failures), _uses(kb.policy_approaches, strategy, approach),
                      unassessed)


def governance(kb: KnowledgeBase, conditions: ExchangeConditions,
               strategy: tuple[StrategyItem, ...]) -> Governance:
    """Whether network governance fits the cluster's exchange conditions, which social mechanisms it must build,
    and whether network IT suits.

    Manickam and de Graaf: network governance rests on exchange conditions (Table 1: human asset specificity,
    task uncertainty, demand uncertainty, frequency), and "those activities that are characterised by [these
    four] are prime candidates" for network IT; "Accessibility, cultural items, sanctions and reputational
    mechanisms should be developed together with the network partners". Reading the four degrees as one
    verdict is editorial: all four high fits, none low fits partly, any low does not fit (docs/method.md).
    """
    degrees = tuple((c, getattr(conditions, c)) for c in kb.exchange_conditions)
    low = tuple(c for c, d in degrees if d == "low")
    fit = "does_not_fit" if low else "fits" if all(d == "high" for _, d in degrees) else "partly"
    present = tuple(m for m in kb.social_mechanisms if m in conditions.social_mechanisms)
    to_build = () if low else tuple(m for m in kb.social_mechanisms if m not in conditions.social_mechanisms)
    network_it = not low
    digital = ()
    if network_it:
        digital = tuple((i.assessment.instrument, kb.instruments[i.assessment.instrument].digital_form.form)
                        for i in strategy if kb.instruments[i.assessment.instrument].digital_form is not None)
    return Governance(degrees, fit, low, present, to_build, network_it, digital)


def interaction_fields(kb: KnowledgeBase, profile: RegionProfile, strategy: tuple[StrategyItem, ...]) -> dict:
    """The Plan's fields of this module, for `make_plan`."""
    out: dict = {}
    if strategy:
        out.update(monitoring=monitoring(kb, strategy), spillovers=spillovers(kb, strategy),
                   rationales=rationales(kb, strategy),
                   hindering_behaviours=tuple(Behaviour(b.id, b.name, b.description, b.source.cites())
                                              for b in kb.hindering_behaviours.values()))
    if profile.exchange_conditions is not None:
        out["governance"] = governance(kb, profile.exchange_conditions, strategy)
    return out
