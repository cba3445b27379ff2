"""Fitting the ranked instruments into the budget. What does not fit is deferred, not lost."""

from __future__ import annotations

from toolbox.engine.result import Assessment


def allocate(ranked: list[Assessment], budget: float | None) -> tuple[list[Assessment], list[tuple[Assessment, str]]]:
    """Walk the ranking from the top; take each instrument that still fits, defer the others.

    A cheaper instrument further down may still fit after a dearer one was deferred, so the walk
    goes on to the end. Returns (chosen, [(deferred, detail)]).
    """
    if budget is None:
        return list(ranked), []
    chosen, deferred = [], []
    left = budget
    for a in ranked:
        if a.cost <= left + 1e-9:
            chosen.append(a)
            left -= a.cost
        else:
            deferred.append((a, f"costs {a.cost:,.0f} a year but only {left:,.0f} of the budget is left"))
    return chosen, deferred
