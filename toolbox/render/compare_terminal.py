"""A comparison of regions on the terminal: regions, diagnoses, strategies side by side, then the reasons."""

from __future__ import annotations

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from toolbox.audit.compare import Comparison
from toolbox.render.compare_text import (
    NO_STRATEGY,
    SAME_STRATEGY,
    differences,
    instrument_cell,
    mechanism_cell,
    overlay_lines,
    provenance_note,
    region_rows,
)
from toolbox.render.console import safe, to_text
from toolbox.safe_text import visible


class CompareTerminalRenderer:
    def __init__(self, color: bool = False, width: int = 100):
        self.color = color
        self.width = width

    def _text(self, *renderables) -> str:
        return to_text(*renderables, color=self.color, width=self.width)

    def _grid(self, title: str, first: str, c: Comparison) -> Table:
        t = Table(title=title, title_justify="left", expand=True)
        t.add_column(first)
        for r in c.regions:
            t.add_column(safe(r.label))
        return t

    def compare(self, c: Comparison) -> str:
        parts: list = []
        t = self._grid("Regions", "", c)
        for field, values in region_rows(c):
            t.add_row(field, *(safe(v) for v in values))
        parts.append(t)
        for r in c.regions:
            parts.append(safe(f"{r.label}: {r.verdict_message}", style="green" if r.verdict == "strategy" else "yellow"))

        t = self._grid("Mechanism diagnosis (differences marked *)", "Mechanism", c)
        for m in c.mechanisms:
            t.add_row(m.id + (" *" if m.differs else ""), *(mechanism_cell(x) for x in m.cells),
                      style="bold" if m.differs else "")
        parts.append(t)

        if not c.instruments:
            parts.append(Text(NO_STRATEGY, style="yellow"))
        else:
            t = self._grid("Strategies: rank, or what became of the instrument", "Instrument", c)
            for row in c.instruments:
                t.add_row(row.id, *(instrument_cell(x) for x in row.cells), style="" if row.shared else "bold")
            parts.append(t)
            shared = c.shared
            parts.append(Text(f"In every strategy ({len(shared)}): " + (", ".join(shared) if shared else "none")))

        if c.differing:
            parts.append(Text(f"Why the strategies differ ({len(c.differing)} instrument(s))", style="italic"))
            for row, whys in differences(c):
                head = Text()
                head.append(row.id, style="bold")
                head.append(visible(f"  recommended in {', '.join(row.recommended_in)}"))
                parts.append(head)
                for why in whys:
                    body = Text()
                    body.append(visible(f"{why.region}, {why.reason}: "), style="cyan")
                    body.append(visible(why.text))
                    parts.append(Padding(body, (0, 0, 0, 4)))
                    if why.cause:
                        parts.append(Padding(safe(why.cause, style="dim"), (0, 0, 0, 6)))
        elif c.instruments:
            parts.append(Text(SAME_STRATEGY, style="green"))
        for columns, lines in overlay_lines(c):
            parts.append(safe(f"{columns}: {lines[0]}", style="yellow"))
            parts += [Padding(safe(line), (0, 0, 0, 2)) for line in lines[1:]]
        parts.append(Text(f"{visible(provenance_note(c))}. "
                          "`toolbox explain PROFILE INSTRUMENT` shows any score "
                          "term by term.", style="dim"))
        return self._text(*parts)


def comparison(result: Comparison, options) -> str:
    return CompareTerminalRenderer(color=options.color, width=options.width).compare(result)
