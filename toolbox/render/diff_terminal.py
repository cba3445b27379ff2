"""What changed between two saved plans, on the terminal."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from toolbox.audit.diff import Diff
from toolbox.render.console import safe, to_text
from toolbox.render.diff_text import (
    CATEGORY_TEXT,
    atom_text,
    change_line,
    no_reason_text,
    plan_line,
    reason_text,
    reproduced_note,
    summary_line,
)

MARK = {"entered": "+", "left": "-", "moved": "~"}
TITLE = {"entered": "Entered the strategy", "left": "Left the strategy", "moved": "Moved in the strategy"}


def diff_text(d: Diff, color: bool = False, width: int = 100) -> str:
    currency = d.new.currency
    parts: list = [Text("What changed", style="bold"),
                   safe("old: " + plan_line(d.old)), safe("new: " + plan_line(d.new))]
    if d.verdict[0] != d.verdict[1]:
        parts.append(safe(f"Verdict: {d.verdict[0]} → {d.verdict[1]}", style="yellow"))
    parts.append(safe(summary_line(d), style="bold"))
    note = reproduced_note(d)
    if note:
        parts.append(safe(note, style="yellow"))
    for kind in ("entered", "left", "moved"):
        changes = [c for c in d.changes if c.kind == kind]
        if not changes:
            continue
        parts.append(Text(TITLE[kind], style="italic"))
        for c in changes:
            head = Text()
            head.append(f"{MARK[kind]} ", style="green" if kind == "entered" else "red" if kind == "left" else "")
            head.append_text(safe(change_line(c), style="bold"))
            parts.append(head)
            if not c.reasons:
                parts.append(Padding(safe("why: " + no_reason_text(d), style="yellow"), (0, 0, 0, 4), expand=False))
            for k, r in enumerate(c.reasons):
                parts.append(Padding(safe(("why: " if k == 0 else "or: ") + reason_text(r, currency)), (0, 0, 0, 4), expand=False))
    if not d.changes:
        parts.append(Text("The strategies are the same, in the same order.", style="green"))
    if d.differences:
        parts.append(Text("Inputs that differ", style="italic"))
        by_category: dict[str, list] = {}
        for a in d.differences:
            by_category.setdefault(a.category, []).append(a)
        for category, atoms in by_category.items():
            parts.append(safe(f"{CATEGORY_TEXT[category]} ({len(atoms)})", style="cyan"))
            for a in atoms:
                parts.append(Padding(safe(atom_text(a, currency)), (0, 0, 0, 4), expand=False))
    parts.append(Text("A reason is computed: the old plan decided again with those inputs from the new one "
                      "makes the change, and none of them can be left out.", style="dim"))
    return "\n".join(line.rstrip() for line in to_text(*parts, color=color, width=width).split("\n"))


def diff(result: Diff, options) -> str:
    return diff_text(result, color=options.color, width=options.width)
