"""The report's roadmap section (plan --years N): its rows, a Gantt-style chart and the yearly cost bars.

Layout only: every value is the plan's roadmap (toolbox/engine/roadmap.py), worded by render/roadmap_text.py.
Hooked into the view, the HTML and Markdown templates (`_roadmap.*.j2`) and the Word writer with one line each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolbox.render.common import money
from toolbox.render.report.charts import (
    DEFICIT,
    GRID,
    INK,
    MUTED,
    OBSERVED,
    STRIPE,
    Chart,
    Line,
    Rect,
    Text,
    _legend,
    nice_step,
    truncate,
)

SECTION = ("roadmap", "Phased roadmap")
AFTER = "network"
"""The roadmap section comes after this one (so the figures before it keep their numbers)."""
QUICK = "#3f9c97"
EFFECT = "#2f7d3b"
IN_PLACE = "#8a94a0"


@dataclass(frozen=True)
class StartRow:
    id: str
    name: str
    start: str
    effect: str
    runs: str
    cost: str
    quick_win: bool
    start_year: int
    end_year: int | None
    effect_year: int


@dataclass(frozen=True)
class YearRow:
    year: int
    label: str
    budget: str
    spent: str
    left: str
    value: str
    budget_amount: float | None
    spent_amount: float
    in_place_amount: float


@dataclass
class RoadmapView:
    horizon: int
    first_year: int
    starts: list[StartRow]
    years: list[YearRow]
    differences: list[tuple[str, str, str]]
    """(instrument name, id, why it differs), worded."""
    beyond: list[tuple[str, str, str]]
    method: str
    in_place_cost: str
    currency: str
    figures: dict = field(default_factory=dict)
    """The report's figure number of each roadmap chart (they follow the report's other charts)."""


def roadmap_view(plan, cur: str) -> RoadmapView | None:
    from toolbox.render.roadmap_text import beyond_text, difference_text, method_line, runs_text, started, year_label

    r = plan.roadmap
    if r is None:
        return None
    starts = [StartRow(s.instrument, s.name, year_label(r, s.start_year), year_label(r, s.effect_year),
                       runs_text(s, r), money(s.cost, cur), s.quick_win, s.start_year, s.end_year, s.effect_year)
              for s in started(r)]
    years = []
    for y in r.years:
        in_place = sum(e.cost for e in y.instruments if e.in_place)
        years.append(YearRow(y.year, year_label(r, y.year), money(y.budget, cur), money(y.spent, cur),
                             "–" if y.budget is None else money(y.budget - y.spent, cur), f"{y.value:.3f}",
                             y.budget, y.spent, in_place))
    return RoadmapView(
        r.horizon, r.first_year, starts, years,
        [(d.name, d.instrument, difference_text(d, r, cur)) for d in r.differences],
        [(b.name, b.instrument, beyond_text(b, r)) for b in r.beyond_horizon],
        method_line(r), money(r.in_place_cost, cur), cur)


def add_roadmap(view, plan) -> None:
    """Put the roadmap, its section and its two charts into the report's view (nothing without a roadmap)."""
    rv = roadmap_view(plan, view.currency)
    view.roadmap = rv
    if rv is None:
        return
    keys = [k for k, _ in view.sections]
    at = keys.index(AFTER) + 1 if AFTER in keys else len(keys)
    view.sections = (*view.sections[:at], SECTION, *view.sections[at:])
    if rv.starts:
        view.charts["gantt"] = gantt_chart(rv)
        rv.figures["gantt"] = len(view.charts)
    view.charts["yearly_costs"] = cost_chart(rv)
    rv.figures["yearly_costs"] = len(view.charts)


def gantt_chart(rv: RoadmapView) -> Chart:
    """One bar per instrument from its start: the years it pays (solid) and, from its effect year, a green marker;
    a finished project's effect continues as a thin line."""
    left, right, top, row_h = 300.0, 740.0, 34.0, 22.0
    first, last = rv.first_year, rv.first_year + rv.horizon - 1
    step = (right - left) / rv.horizon

    def x(year: float) -> float:
        return left + (year - first) * step

    labels = {y.year: y.label for y in rv.years}
    desc = (f"Gantt chart of the {rv.horizon}-year roadmap: " + "; ".join(
        f"{s.name}: starts {s.start}, takes effect {s.effect}, {s.runs}" for s in rv.starts) + ".")
    chart = Chart("chart-gantt", "Roadmap: when each instrument starts, runs and takes effect", desc, 760,
                  top + row_h * len(rv.starts) + 48)
    for year in range(first, last + 1):
        chart.add(Line(x(year), top - 4, x(year), top + row_h * len(rv.starts), stroke=GRID, dash="3 3"),
                  Text(x(year) + step / 2, top - 12, labels[year], size=11, anchor="middle", fill=MUTED))
    chart.add(Line(x(last + 1), top - 4, x(last + 1), top + row_h * len(rv.starts), stroke=GRID, dash="3 3"))
    for n, s in enumerate(rv.starts):
        y = top + n * row_h
        cy = y + row_h / 2
        if n % 2 == 0:
            chart.add(Rect(0, y, 760, row_h, fill=STRIPE))
        chart.add(Text(left - 8, cy + 4, truncate(s.name, 48), size=11.5, anchor="end", title=s.name))
        end = last if s.end_year is None else min(s.end_year, last)
        chart.add(Rect(x(s.start_year), cy - 6, x(end + 1) - x(s.start_year), 12,
                       fill=QUICK if s.quick_win else OBSERVED,
                       title=f"{s.name}: starts {s.start}, {s.runs}, {s.cost} a year"))
        if end < last:
            chart.add(Line(x(end + 1), cy, x(last + 1), cy, stroke=EFFECT, width=1.5, dash="2 3"))
        if s.effect_year <= last:
            chart.add(Rect(x(s.effect_year) + 2, cy - 9, 4, 18, fill=EFFECT, title=f"{s.name}: takes effect {s.effect}"))
    _legend(chart, top + row_h * len(rv.starts) + 30, [
        ("paid", {"fill": OBSERVED}), ("paid, a quick win", {"fill": QUICK}),
        ("takes effect", {"fill": EFFECT}), ("effect after a project ends", {"stroke": EFFECT, "stroke_width": 1.5,
                                                                              "dash": "2 3"}),
    ], x=4)
    return chart


def cost_chart(rv: RoadmapView) -> Chart:
    """Each year's spending (in place and new) against its budget."""
    left, bottom, height, top = 90.0, 250.0, 200.0, 50.0
    highest = max([y.spent_amount for y in rv.years] + [y.budget_amount or 0 for y in rv.years] + [1.0])
    step = nice_step(highest, 5)
    ticks = max(1, int(-(-highest // step)))
    top_value = step * ticks
    slot = (740.0 - left) / len(rv.years)

    def h(value: float) -> float:
        return height * value / top_value

    desc = (f"Bar chart of the yearly spending of the roadmap in {rv.currency}: " + "; ".join(
        f"{y.label}: {y.spent} of {y.budget}" for y in rv.years) + ".")
    chart = Chart("chart-yearly-costs", "Roadmap: spending each year against the year's budget", desc, 760,
                  bottom + 48)
    for k in range(ticks + 1):
        value = k * step
        chart.add(Line(left, bottom - h(value), 740, bottom - h(value), stroke=GRID, dash="3 3"),
                  Text(left - 6, bottom - h(value) + 4, f"{value:,.0f}", size=10.5, anchor="end", fill=MUTED))
    for n, y in enumerate(rv.years):
        x0 = left + n * slot + slot * 0.2
        w = slot * 0.6
        if y.in_place_amount:
            chart.add(Rect(x0, bottom - h(y.in_place_amount), w, h(y.in_place_amount), fill=IN_PLACE,
                           title=f"{y.label}: {money(y.in_place_amount, rv.currency)} for instruments in place"))
        new = y.spent_amount - y.in_place_amount
        if new > 0:
            chart.add(Rect(x0, bottom - h(y.spent_amount), w, h(new), fill=OBSERVED,
                           title=f"{y.label}: {money(new, rv.currency)} for the roadmap's instruments"))
        if y.budget_amount is not None:
            over = y.spent_amount > y.budget_amount + 1e-6
            chart.add(Line(x0 - 6, bottom - h(y.budget_amount), x0 + w + 6, bottom - h(y.budget_amount),
                           stroke=DEFICIT if over else INK, width=2))
        chart.add(Text(x0 + w / 2, bottom + 16, y.label, size=11, anchor="middle", fill=MUTED),
                  Text(x0 + w / 2, bottom - h(y.spent_amount) - 6, y.spent, size=10, anchor="middle", fill=INK))
    chart.add(Line(left, bottom, 740, bottom, stroke=MUTED))
    entries = [("new instruments", {"fill": OBSERVED})]
    if any(y.in_place_amount for y in rv.years):
        entries.insert(0, ("in place, paid from the budget", {"fill": IN_PLACE}))
    if any(y.budget_amount is not None for y in rv.years):
        entries.append(("the year's budget", {"fill": INK}))
    _legend(chart, bottom + 38, entries, x=left)
    return chart


def write_docx(writer, view, section) -> None:
    """The roadmap section of the Word report (render/report/docx.py calls it with its `section` helper)."""
    rv = view.roadmap
    if rv is None:
        return
    section("roadmap")
    writer.para(f"In which year each instrument starts, under each year's budget, over {rv.horizon} years. "
                + rv.method)
    if rv.starts:
        writer.chart("gantt", "When each instrument starts, pays and takes effect. Green: the year it takes "
                              "effect; dotted: a finished project's effect continuing.")
        writer.table(["Start", "Instrument", "Takes effect", "Runs", "Cost a year"],
                     [[s.start, f"{s.name} ({s.id})" + (" (quick win)" if s.quick_win else ""), s.effect, s.runs,
                       s.cost] for s in rv.starts], widths=[1.8, 8.6, 2.2, 2.2, 2.6], size=8.5,
                     bold_first=False, caption="The roadmap, by start year")
    else:
        writer.para("The roadmap starts no instrument within the horizon.")
    writer.chart("yearly_costs", "Spending each year against the year's budget (the line).")
    writer.table(["Year", "Budget", "Spent", "Left", "Value in effect"],
                 [[y.label, y.budget, y.spent, y.left, y.value] for y in rv.years],
                 widths=[2.4, 3.8, 3.8, 3.8, 3.6], size=8.5, bold_first=False, caption="Budget by year")
    if rv.differences:
        writer.heading("Why the first year differs from the single-year strategy", 2)
        for name, iid, why in rv.differences:
            writer.bullet(f" ({iid}): {why}", bold_lead=name)
    if rv.beyond:
        writer.heading("Not started: effect after the horizon", 2)
        for name, iid, why in rv.beyond:
            writer.bullet(f" ({iid}): {why}.", bold_lead=name)
