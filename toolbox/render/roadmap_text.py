"""The roadmap worded once for every renderer: its instruments, its years, and why its first year differs
from the single-year strategy (from the engine's reason codes and numbers, toolbox/engine/roadmap.py)."""

from __future__ import annotations

from typing import NamedTuple

from toolbox.render.common import money

DIFFERENCE_TEXT = {
    "first_year_budget": "the first year's budget",
    "exact_set": "the exact optimum",
    "timing": "the horizon and time to effect",
    "quick_wins": "low-hanging fruit",
}
"""A short label per reason code, for tables."""


class Started(NamedTuple):
    """One instrument of the roadmap, over the whole horizon."""

    instrument: str
    name: str
    start_year: int
    end_year: int | None
    effect_year: int
    cost: float
    """Its yearly cost while it runs."""
    delivery: str
    quick_win: bool


def started(roadmap) -> list[Started]:
    """Every instrument the roadmap starts, by start year then in the order the years list them."""
    seen: dict[str, Started] = {}
    for y in roadmap.years:
        for e in y.instruments:
            if e.start_year is not None and e.instrument not in seen:
                seen[e.instrument] = Started(e.instrument, e.name, e.start_year, e.end_year, e.effect_year, e.cost,
                                             e.delivery, e.quick_win)
    return sorted(seen.values(), key=lambda s: s.start_year)


def year_label(roadmap, year: int) -> str:
    """'2027', or 'year 1' when the profile gives no first calendar year."""
    return f"year {year}" if roadmap.first_year == 1 else str(year)


def runs_text(s: Started, roadmap) -> str:
    if s.end_year is None:
        return "runs on"
    if s.end_year == s.start_year:
        return f"{year_label(roadmap, s.end_year)} only"
    return f"until {year_label(roadmap, s.end_year)}"


def difference_text(d, roadmap, currency: str = "") -> str:
    """Why an instrument's place in the roadmap's first year differs from the single-year strategy."""
    first = year_label(roadmap, roadmap.first_year)
    if d.in_single_year:
        where = ("in the single-year strategy, but starts in " + year_label(roadmap, d.start_year)
                 if d.start_year is not None else "in the single-year strategy, but not started in the roadmap")
    else:
        where = f"not in the single-year strategy, but starts in {first}"
    n = dict(d.data)
    lag = int(n.get("years_to_effect", 0))
    horizon = int(n.get("horizon", roadmap.horizon))
    if d.reason == "first_year_budget":
        paid = n.get("in_place_cost", 0)
        why = (f"{first} has {money(n.get('available'), currency)} for new instruments"
               + (f" ({money(n.get('first_year_budget'), currency)} less {money(paid, currency)} for instruments "
                  "in place paid from it)" if paid else "")
               + f", against {money(n.get('single_year_budget'), currency)} for the single-year strategy")
    elif d.reason == "exact_set":
        why = ("the single-year strategy, with no binding budget, keeps instruments one by one while each adds "
               "enough; the roadmap's exact optimum over the same year picks this set differently")
    elif d.reason == "timing":
        effect = f"it takes effect {lag} year(s) after its start" if lag else "it takes effect in its start year"
        if d.in_single_year:
            why = (f"{effect}, and over the {horizon}-year horizon the coverage it would give does not pay for "
                   "its yearly cost as well as the roadmap's other choices"
                   + ("" if d.start_year is None else " until then"))
        else:
            why = (f"{effect}; counting its coverage year by year over the {horizon}-year horizon, an early start "
                   "earns more than its yearly costs")
    else:
        bonus = n.get("bonus", 0.0)
        if n.get("quick_win"):
            why = (f"a quick win on which there is consensus (effect within a year, low distortion risk, cluster "
                   f"policy proper), brought forward as low-hanging fruit: +{bonus:.3f} for a start in {first} "
                   f"(quick_wins weight {roadmap.quick_wins:g})")
        else:
            why = (f"{first}'s money goes to quick wins brought forward as low-hanging fruit (quick_wins weight "
                   f"{roadmap.quick_wins:g})")
    return f"{where}: {why}."


def beyond_text(b, roadmap) -> str:
    return (f"takes effect {b.years_to_effect} year(s) after its start: started in "
            f"{year_label(roadmap, roadmap.first_year)}, not before {year_label(roadmap, b.effect_year)}, after the "
            f"{roadmap.horizon}-year horizon, so it is not started for an effect the roadmap cannot count")


def method_line(roadmap) -> str:
    return (f"{roadmap.horizon}-year roadmap: start years chosen by an exact integer programme (HiGHS), "
            + ("proven optimal" if roadmap.proven_optimal else "best found within the time limit")
            + f"; discount rate {roadmap.discount_rate:g}, quick_wins {roadmap.quick_wins:g}.")


def summary_line(roadmap, currency: str = "") -> str:
    """One line for the terminal summary."""
    by_year: dict[int, int] = {}
    for s in started(roadmap):
        by_year[s.start_year] = by_year.get(s.start_year, 0) + 1
    starts = ", ".join(f"{by_year[y]} in {year_label(roadmap, y)}" for y in sorted(by_year)) or "none"
    spent = max((y.spent for y in roadmap.years), default=0.0)
    return (f"Roadmap over {roadmap.horizon} year(s): starts {starts}; at most {money(spent, currency)} spent in a "
            f"year" + (f"; {len(roadmap.differences)} change(s) from the single-year strategy in "
                       f"{year_label(roadmap, roadmap.first_year)}" if roadmap.differences else "") + ".")
