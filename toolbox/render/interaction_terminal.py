"""The terminal's part for the interaction side of a plan: one line in the summary; with --detail the
monitoring indicators, spillover channels, balance, failures, approaches, network governance and the risk
checklist."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from toolbox.render.console import safe
from toolbox.render.interaction_text import (
    BEHAVIOUR_INTRO,
    approaches_line,
    channels_line,
    digital_of,
    failures_line,
    governance_lines,
    horizon_line,
    summary_line,
)
from toolbox.safe_text import visible


def interaction_parts(plan, detail: bool, currency: str) -> list:
    if not detail:
        line = summary_line(plan)
        return [Text(line)] if line else []
    parts: list = []
    if plan.rationales is not None:
        parts.append(Text(failures_line(plan.rationales)))
        parts.append(Text(approaches_line(plan.rationales)))
    if plan.spillovers is not None:
        parts.append(Text(channels_line(plan.spillovers)))
        parts.append(Text(horizon_line(plan.spillovers.horizon, currency)))
    if plan.governance is not None:
        parts += [Text(line) for line in governance_lines(plan.governance)]
    if plan.monitoring:
        digital = digital_of(plan)
        table = Table(title="Monitoring plan (CLUSNET's three levels; baseline and target to fill in: "
                            "`toolbox monitoring PROFILE -o plan.csv`)", title_justify="left", expand=True)
        for col in ("#", "Instrument", "Level", "Indicator"):
            table.add_column(col)
        last = None
        for row in plan.monitoring:
            shown = row.instrument + (f" [{digital[row.instrument]}]" if row.instrument in digital else "")
            table.add_row(str(row.rank) if row.rank != last else "", shown if row.rank != last else "",
                          row.level, safe(row.indicator))
            last = row.rank
        parts.append(table)
    if plan.hindering_behaviours:
        lines = Text(BEHAVIOUR_INTRO, style="bold")
        for b in plan.hindering_behaviours:
            lines.append(f"\n  [ ] {visible(b.name)}: ", style="")
            lines.append_text(safe(b.description))
        parts.append(lines)
    return parts
