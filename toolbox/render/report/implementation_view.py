"""The report's implementation section (issue 14): the failures the strategy answers and its approaches, the
spillover channels it opens and leaves closed, the short-term and future-oriented balance, the
network-governance check, the monitoring plan and the risk checklist of hindering behaviours. Words from
render/interaction_text.py, so that every report format and the terminal say the same."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolbox.render.interaction_text import (
    BEHAVIOUR_INTRO,
    LEVEL_TEXT,
    MONITORING_INTRO,
    approaches_line,
    channels_line,
    digital_of,
    failures_line,
    governance_lines,
    horizon_line,
    words,
)


@dataclass(frozen=True)
class IndicatorRow:
    rank: str
    """The rank on the instrument's first row, else '' (rows of one instrument follow each other)."""
    instrument: str
    """The instrument's name (and digital form, where marked) on its first row, else ''."""
    level: str
    indicator: str


@dataclass
class ImplementationView:
    failures: str = ""
    approaches: str = ""
    channels: list[tuple[str, str, str]] = field(default_factory=list)
    """(axis, channel, the instruments that open it or 'closed')."""
    channels_line: str = ""
    horizon: str = ""
    governance: list[str] = field(default_factory=list)
    monitoring: list[IndicatorRow] = field(default_factory=list)
    monitoring_intro: str = MONITORING_INTRO
    behaviours: list[tuple[str, str]] = field(default_factory=list)
    behaviour_intro: str = BEHAVIOUR_INTRO
    levels: dict = field(default_factory=lambda: dict(LEVEL_TEXT))


def implementation_view(plan) -> ImplementationView:
    cur = plan.budget["currency"] if plan.budget else "EUR"
    view = ImplementationView()
    if plan.rationales is not None:
        view.failures = failures_line(plan.rationales)
        view.approaches = approaches_line(plan.rationales)
    if plan.spillovers is not None:
        view.channels = [(words(axis), words(u.id), ", ".join(words(i) for i in u.instruments) or "closed")
                         for axis, uses in plan.spillovers.channels for u in uses]
        view.channels_line = channels_line(plan.spillovers)
        view.horizon = horizon_line(plan.spillovers.horizon, cur)
    if plan.governance is not None:
        view.governance = governance_lines(plan.governance)
    digital = digital_of(plan)
    last = None
    for row in plan.monitoring:
        first = row.rank != last
        shown = row.name + (f" (digital form: {words(digital[row.instrument])})" if row.instrument in digital else "")
        view.monitoring.append(IndicatorRow(str(row.rank) if first else "", shown if first else "",
                                            row.level, row.indicator))
        last = row.rank
    view.behaviours = [(b.name, b.description) for b in plan.hindering_behaviours]
    return view
