"""The spillover audit: which of Günther and Meissner's spillover channels the knowledge base's instruments
open, and, for a region, which its strategy opens, which it leaves closed and what could open them, with the
balance of short-term and future-oriented activities (Günther and Meissner)."""

from __future__ import annotations

from typing import NamedTuple

from toolbox.engine.interaction import SHORT_TERM, horizon
from toolbox.engine.result import Horizon, Plan
from toolbox.kb.model import KnowledgeBase


class ChannelRow(NamedTuple):
    axis: str
    id: str
    name: str
    description: str
    instruments: tuple[str, ...]
    """Every instrument of the knowledge base that opens the channel (in the plan's ranking with a profile)."""
    in_strategy: tuple[str, ...] = ()
    """With a profile: the strategy's instruments that open it; none means the strategy leaves it closed."""


class SpilloverAudit(NamedTuple):
    channels: tuple[ChannelRow, ...]
    short_term: int
    """Instruments of the knowledge base with a short time to effect."""
    future_oriented: int
    unassessed: tuple[str, ...]
    """Instruments without spillover channels in the knowledge base."""
    region: str | None = None
    verdict: str | None = None
    horizon: Horizon | None = None
    """With a profile: the strategy's balance."""
    currency: str = ""

    @property
    def closed(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.channels if not c.in_strategy)


def spillover_audit(kb: KnowledgeBase, plan: Plan | None = None) -> SpilloverAudit:
    order = list(kb.instruments)
    if plan is not None:  # what the plan ranks higher comes first; the rest in file order
        ranked = [i.assessment.instrument for i in plan.strategy] + [a.instrument for a in plan.ranking()]
        order = list(dict.fromkeys(ranked + order))
    strategy = {i.assessment.instrument for i in plan.strategy} if plan is not None else set()
    rows = []
    for channel_id, term in kb.spillover_channels.items():
        opening = tuple(i for i in order if (c := kb.instruments[i].spillover_channels) and channel_id in c.channels)
        rows.append(ChannelRow(term.axis, channel_id, term.name, term.description, opening,
                               tuple(i for i in opening if i in strategy)))
    axes = list(kb.spillover_axes)
    rows.sort(key=lambda r: axes.index(r.axis) if r.axis in axes else len(axes))
    short = sum(1 for i in kb.instruments.values() if i.time_to_effect in SHORT_TERM)
    unassessed = tuple(i for i, rec in kb.instruments.items() if rec.spillover_channels is None)
    if plan is None:
        return SpilloverAudit(tuple(rows), short, len(kb.instruments) - short, unassessed)
    return SpilloverAudit(tuple(rows), short, len(kb.instruments) - short, unassessed,
                          f"{plan.cluster['name']} in {plan.region['name']}", plan.verdict.code, horizon(plan.strategy),
                          plan.budget["currency"] if plan.budget else "EUR")
