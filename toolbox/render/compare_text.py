"""Cell texts shared by the terminal and Markdown comparisons."""

from __future__ import annotations

from toolbox.audit.compare import Comparison, InstrumentCell, MechanismCell
from toolbox.render.common import REASON_TEXT, money

MECHANISM_TEXT = {
    "attained": "attained",
    "exceeds": "above attainable",
    "unassessed": "to assess",
    "discarded": "not possible",
}


def mechanism_cell(cell: MechanismCell) -> str:
    if cell.status == "deficit":
        return f"deficit {cell.deficit}"
    return MECHANISM_TEXT.get(cell.status, cell.status)


def instrument_cell(cell: InstrumentCell) -> str:
    if cell.outcome == "strategy":
        return f"#{cell.rank}"
    if cell.outcome == "in_place":
        return "in place"
    if cell.outcome == "not_scored":
        return f"no strategy ({cell.reason})"
    return f"{cell.outcome}: {REASON_TEXT.get(cell.reason or '', cell.reason)}"


def reason_text(reason: str) -> str:
    return REASON_TEXT.get(reason, reason.replace("_", " "))


def region_rows(c: Comparison) -> list[tuple[str, list[str]]]:
    """(field, one value per region) for the regions table."""
    return [
        ("Cluster", [r.cluster for r in c.regions]),
        ("Level", [r.level for r in c.regions]),
        ("Potential", [r.potential for r in c.regions]),
        ("Verdict", [r.verdict for r in c.regions]),
        ("Budget a year", [money(r.budget, r.currency) if r.budget is not None else "none set" for r in c.regions]),
        ("Strategy cost a year", [money(r.budget_used, r.currency) for r in c.regions]),
        ("Instruments recommended", [str(r.strategy) for r in c.regions]),
        ("Agents taking part", [str(r.agents) for r in c.regions]),
        ("Profile", [r.file for r in c.regions]),
    ]
