"""What changed between two saved plans, as Markdown."""

from __future__ import annotations

from toolbox.audit.diff import Diff
from toolbox.render.diff_text import (
    CATEGORY_TEXT,
    atom_text,
    no_reason_text,
    plan_line,
    reason_text,
    reproduced_note,
    summary_line,
    transition_text,
)
from toolbox.safe_text import markdown as esc

TITLE = {"entered": "Entered the strategy", "left": "Left the strategy", "moved": "Moved in the strategy"}


def diff_markdown(d: Diff) -> str:
    currency = d.new.currency
    out = ["# What changed", "", f"- Old: {esc(plan_line(d.old))}", f"- New: {esc(plan_line(d.new))}"]
    if d.verdict[0] != d.verdict[1]:
        out.append(f"- Verdict: {d.verdict[0]} → {d.verdict[1]}")
    out += ["", esc(summary_line(d)) + "."]
    note = reproduced_note(d)
    if note:
        out += ["", f"> {esc(note)}"]
    for kind in ("entered", "left", "moved"):
        changes = [c for c in d.changes if c.kind == kind]
        if not changes:
            continue
        out += ["", f"## {TITLE[kind]}", ""]
        for c in changes:
            out.append(f"- **`{c.instrument}`** {esc(c.name)}: {esc(transition_text(c))}")
            if not c.reasons:
                out.append(f"  - why: {esc(no_reason_text(d))}")
            for k, r in enumerate(c.reasons):
                out.append(f"  - {'why' if k == 0 else 'or'}: {esc(reason_text(r, currency))}")
    if not d.changes:
        out += ["", "The strategies are the same, in the same order."]
    if d.differences:
        out += ["", "## Inputs that differ", "", "| Kind | Input |", "|---|---|"]
        out += [f"| {CATEGORY_TEXT[a.category]} | {esc(atom_text(a, currency))} |" for a in d.differences]
    out += ["", "A reason is computed: the old plan decided again with those inputs from the new one makes the "
                "change, and none of them can be left out.", ""]
    return "\n".join(out)


def diff(result: Diff, options) -> str:
    return diff_markdown(result)
