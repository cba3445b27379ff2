"""A comparison of regions as Markdown, for a benchmarking note."""

from __future__ import annotations

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
from toolbox.render.markdown import esc


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(esc(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows]
    return out


def compare_markdown(c: Comparison) -> str:
    labels = [r.label for r in c.regions]
    out = ["# Regions compared: " + ", ".join(esc(x) for x in labels), ""]
    out += _table(["", *labels], [[field, *values] for field, values in region_rows(c)])
    out += [""] + [f"- **{esc(r.label)}** ({r.verdict}): {esc(r.verdict_message)}" for r in c.regions]
    out += ["", "## Mechanism diagnosis", "", "Rows marked * differ between the regions.", ""]
    out += _table(["Mechanism", *labels],
                  [[m.id + (" *" if m.differs else ""), *(mechanism_cell(x) for x in m.cells)] for m in c.mechanisms])
    out += ["", "## Strategies", "", "A rank (#) where the instrument is recommended, else what became of it.", ""]
    out += _table(["Instrument", *labels], [[r.id, *(instrument_cell(x) for x in r.cells)] for r in c.instruments])
    out += ["", f"In every strategy ({len(c.shared)}): " + (", ".join(f"`{i}`" for i in c.shared) or "none") + "."]
    out += ["", "## Why the strategies differ", ""]
    if not c.instruments:
        out.append(NO_STRATEGY)
    elif not c.differing:
        out.append(SAME_STRATEGY)
    for row, whys in differences(c):
        out += [f"### `{row.id}`", "", f"{esc(row.name)}. Recommended in {esc(', '.join(row.recommended_in))}.", ""]
        for w in whys:
            out.append(f"- **{esc(w.region)}**, {w.reason}: {esc(w.text)}")
            if w.cause:
                out.append(f"  - {esc(w.cause)}")
        out.append("")
    for columns, lines in overlay_lines(c):
        out += ["", f"- {esc(columns)}: {esc(lines[0])}:"] + [f"  - {esc(line)}" for line in lines[1:]]
    out += ["", f"{esc(provenance_note(c))}.", ""]
    return "\n".join(out).rstrip() + "\n"


def comparison(result: Comparison, options) -> str:
    return compare_markdown(result)
