"""The spillover audit (audit/spillovers.py) as a terminal table or JSON."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from toolbox.render import json_text
from toolbox.render.common import plain
from toolbox.render.console import safe, to_text
from toolbox.render.interaction_text import SPILLOVER_SOURCE, horizon_line, words

SHOWN = 4
"""Instruments named per channel in the table; JSON names all."""


def _names(ids, limit: int = SHOWN) -> str:
    text = ", ".join(ids[:limit])
    return text + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def table(a, options) -> str:
    with_plan = a.region is not None
    title = (f"Spillover channels of the strategy for {a.region}" if with_plan
             else "Spillover channels the knowledge base's instruments open")
    t = Table(title=safe(f"{title} ({SPILLOVER_SOURCE})"), title_justify="left", expand=True)
    for col in ("Axis", "Channel", "Opened by the strategy" if with_plan else "Instruments",
                *(("Could be opened by",) if with_plan else ())):
        t.add_column(col)
    for c in a.channels:
        if with_plan:
            others = [i for i in c.instruments if i not in c.in_strategy]
            t.add_row(words(c.axis), words(c.id), Text(_names(c.in_strategy)) if c.in_strategy
                      else Text("closed", style="bold red"), _names(others) or "no instrument")
        else:
            t.add_row(words(c.axis), words(c.id), f"{len(c.instruments)}: {_names(c.instruments)}"
                      if c.instruments else Text("none", style="bold red"))
    parts = [t]
    if with_plan:
        if a.verdict != "strategy" or a.horizon is None or a.horizon.balance == "empty":
            parts.append(Text(f"The plan recommends no instrument (verdict {a.verdict}): every channel is closed."))
        else:
            parts.append(Text(horizon_line(a.horizon, a.currency)))
    parts.append(Text(f"Knowledge base: {a.short_term} instrument(s) with a short time to effect, {a.future_oriented} "
                      "medium or long (future-oriented)."))
    if a.unassessed:
        parts.append(safe("Without spillover channels in the knowledge base: " + ", ".join(a.unassessed)))
    return to_text(*parts, color=options.color, width=options.width)


def to_json(a, options) -> str:
    h = a.horizon
    return json_text.document({
        "region": a.region,
        "currency": a.currency or None,
        "verdict": a.verdict,
        "channels": [{"axis": c.axis, "id": c.id, "name": c.name, "description": c.description,
                      "instruments": list(c.instruments),
                      "in_strategy": list(c.in_strategy) if a.region is not None else None,
                      "open": bool(c.in_strategy) if a.region is not None else None} for c in a.channels],
        "closed": list(a.closed) if a.region is not None else None,
        "horizon": None if h is None else {
            "short_term": list(h.short_term), "future_oriented": list(h.future_oriented),
            "short_term_cost": plain(h.short_term_cost), "future_oriented_cost": plain(h.future_oriented_cost),
            "balance": h.balance},
        "knowledge_base": {"short_term": a.short_term, "future_oriented": a.future_oriented,
                           "unassessed": list(a.unassessed)},
    })
