"""The report's charts as lists of drawing primitives, laid out deterministically from the view.

One layout, two outputs: `templates/chart.svg.j2` writes it as inline SVG (HTML and PDF) and
`raster.py` paints the same primitives as PNG (Word). The cluster map's pictures
(`toolbox/render/map_pictures.py`) are laid out with these primitives too, with the few they alone use
(rounded tiles, groups sharing a tooltip, translucent bubbles, haloed and turned text), and written as
SVG by that module's `svg_text`, since `toolbox map` draws them without Jinja. Only coordinates are computed here; every
value drawn is the plan's. Numbers are rounded when written, so the SVG is byte-stable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9dee3"
STRIPE = "#f3f5f8"
OBSERVED = "#2f6690"
DEFICIT = "#c8323f"
ATTAINED = "#2f7d3b"
UNASSESSED = "#8a5a00"
DISCARDED = "#5f6b78"
OTHER_FIELD = "#7b5ea7"
PALETTE = ("#4e79a7", "#e8772e", "#c8323f", "#3f9c97", "#4f9a46", "#b8860b",
           "#9c5f98", "#d6617a", "#8c6246", "#6b7785", "#1b8a6b", "#6a5fb0")
FONT = "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif"

SCALE = ("none", "weak", "medium", "strong")
"""Positions on the diagnosis chart's axis: observed none = 0 ... strong = 3; attainable uses the same words."""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str = "none"
    stroke: str = "none"
    stroke_width: float = 0
    dash: str | None = None
    opacity: float = 1.0
    title: str | None = None
    kind: str = "rect"
    rx: float = 0
    """corner radius (the map's tiles)"""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID
    width: float = 1
    dash: str | None = None
    kind: str = "line"


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str = INK
    stroke: str = "#ffffff"
    stroke_width: float = 1
    title: str | None = None
    kind: str = "circle"
    opacity: float = 1.0
    """of the fill: overlapping bubbles stay visible"""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 12
    anchor: str = "start"
    """start | middle | end, at the baseline"""
    fill: str = INK
    bold: bool = False
    italic: bool = False
    title: str | None = None
    kind: str = "text"
    halo: str | None = None
    """a 1.5-unit outline of this colour around the glyphs, so that a label stays legible over shapes"""
    rotate: float = 0
    """degrees about (x, y), as SVG's rotate(); -90 reads upwards (a vertical axis title)"""


@dataclass(frozen=True)
class Curve:
    """A cubic Bézier from (x0, y0) to (x1, y1) with horizontal tangents: a link in the network."""

    x0: float
    y0: float
    x1: float
    y1: float
    stroke: str
    width: float
    opacity: float = 0.6
    title: str | None = None
    kind: str = "curve"

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Group:
    """Shapes that share one tooltip (a map tile: its square and its two labels)."""

    items: tuple
    title: str | None = None
    kind: str = "group"


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    width: float
    height: float
    items: list = field(default_factory=list)
    font: str = FONT

    def add(self, *items) -> None:
        self.items.extend(items)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;(") + "\u2026"


def nice_step(top: float, most: int = 6) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most `most` intervals up to `top`."""
    if top <= 0:
        return 1.0
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def _legend(chart: Chart, y: float, entries: list[tuple[str, dict]], x: float = 0) -> None:
    """Swatches with their words, in one row from x."""
    for text, style in entries:
        chart.add(Rect(x, y - 9, 18, 10, **style))
        chart.add(Text(x + 24, y, text, size=11, fill=MUTED))
        x += 24 + 6.2 * len(text) + 22


def _ticks(chart: Chart, ticks: list[tuple[float, str]], top: float, bottom: float) -> None:
    """Dashed vertical grid lines with their labels above the plot."""
    for x, text in ticks:
        chart.add(Line(x, top - 4, x, bottom, stroke=GRID, dash="3 3"),
                  Text(x, top - 10, text, size=11, anchor="middle", fill=MUTED))


def _bands(chart: Chart, count: int, top: float, row_h: float):
    """Each row's vertical centre, every other row striped first."""
    for n in range(count):
        y = top + n * row_h
        if n % 2 == 0:
            chart.add(Rect(0, y, 760, row_h, fill=STRIPE))
        yield y + row_h / 2


def diagnosis_chart(view) -> Chart:
    rows = view.mechanisms
    left, right, status_x, top, row_h = 205.0, 545.0, 560.0, 34.0, 28.0
    step = (right - left) / 3

    def at(word: str) -> float:
        return left + SCALE.index(word) * step

    counts = {s: [m.label for m in rows if m.status == s] for s in ("deficit", "attained", "exceeds", "unassessed",
                                                                    "discarded")}
    parts = [f"{len(v)} {name}: {', '.join(v)}" for name, v in (
        ("with a deficit", counts["deficit"]), ("attained", counts["attained"]),
        ("above attainable", counts["exceeds"]), ("to assess", counts["unassessed"]),
        ("discarded as not possible", counts["discarded"])) if v]
    desc = (f"Bar chart of the {len(rows)} cluster mechanisms on the {view.level} level in {view.region['name']}: "
            "the observed degree (filled bar) against the attainable strength (outline), on a scale of none, weak, "
            "medium, strong. " + "; ".join(parts) + ".")
    chart = Chart("chart-diagnosis", "Mechanism diagnosis: observed degree against attainable strength", desc,
                  760, top + row_h * len(rows) + 44)
    for i, word in enumerate(SCALE):
        x = left + i * step
        chart.add(Line(x, top - 4, x, top + row_h * len(rows), stroke=GRID, dash="3 3"),
                  Text(x, top - 12, word, size=11, anchor="middle", fill=MUTED))
    for n, m in enumerate(rows):
        y = top + n * row_h
        cy = y + row_h / 2
        if n % 2 == 0:
            chart.add(Rect(0, y, 760, row_h, fill=STRIPE))
        chart.add(Text(4, cy + 4, m.label, size=12, fill=DISCARDED if m.status == "discarded" else INK,
                       title=m.name))
        if m.status == "discarded":
            chart.add(Line(left, cy, right, cy, stroke=DISCARDED, width=1.5, dash="2 4"),
                      Text(status_x, cy + 4, "discarded: not possible", size=11.5, fill=DISCARDED, italic=True))
            continue
        attainable = at(m.attainable)
        if m.status == "unassessed":
            chart.add(Rect(left, cy - 9, attainable - left, 18, fill="none", stroke=UNASSESSED, stroke_width=1.5,
                           dash="4 3", title=f"{m.label}: attainable {m.attainable}, observed unknown"),
                      Text(status_x, cy + 4, "to assess (observed unknown)", size=11.5, fill=UNASSESSED, bold=True))
            continue
        observed = at(m.observed)
        if observed > left:
            chart.add(Rect(left, cy - 5, observed - left, 10, fill=OBSERVED,
                           title=f"{m.label}: observed {m.observed}"))
        if m.status == "deficit":
            chart.add(Rect(observed, cy - 5, attainable - observed, 10, fill=DEFICIT, opacity=0.8,
                           title=f"{m.label}: deficit {m.deficit_text}"))
        chart.add(Rect(left, cy - 9, attainable - left, 18, stroke=INK, stroke_width=1.2,
                       title=f"{m.label}: attainable {m.attainable} on the {view.level} level"))
        if m.status == "deficit":
            chart.add(Text(status_x, cy + 4, f"deficit {m.deficit_text}", size=11.5, fill=DEFICIT, bold=True))
        else:
            chart.add(Text(status_x, cy + 4, m.status_text, size=11.5, fill=ATTAINED))
    _legend(chart, top + row_h * len(rows) + 28, [
        ("observed", {"fill": OBSERVED}), ("deficit", {"fill": DEFICIT, "opacity": 0.8}),
        ("attainable", {"stroke": INK, "stroke_width": 1.2}),
        ("to assess", {"stroke": UNASSESSED, "stroke_width": 1.5, "dash": "4 3"}),
        ("discarded", {"fill": DISCARDED, "opacity": 0.5}),
    ], x=4)
    return chart


def score_chart(view) -> Chart:
    rows = view.strategy
    left, right, top, row_h = 330.0, 680.0, 30.0, 22.0
    best = max(r.score for r in rows)
    step = nice_step(best)
    ticks = math.ceil(best / step - 1e-9)
    top_value = step * max(ticks, 1)
    width = right - left
    other = [r for r in rows if r.needs_other_field]
    desc = (f"Horizontal bar chart of the scores of the {len(rows)} recommended instruments, best first: "
            + "; ".join(f"{r.rank}. {r.name} {r.score_text}" for r in rows) + "."
            + (f" {len(other)} belong to another policy field than cluster policy proper." if other else ""))
    chart = Chart("chart-scores", "Scores of the recommended instruments", desc, 760, top + row_h * len(rows) + 46)
    _ticks(chart, [(left + width * (k * step) / top_value, f"{k * step:g}") for k in range(max(ticks, 1) + 1)],
           top, top + row_h * len(rows))
    for r, cy in zip(rows, _bands(chart, len(rows), top, row_h)):
        chart.add(Text(left - 8, cy + 4, truncate(f"{r.rank}. {r.name}", 56), size=11.5, anchor="end",
                       title=f"{r.rank}. {r.name}"))
        length = width * r.score / top_value
        chart.add(Rect(left, cy - 6, length, 12, fill=OTHER_FIELD if r.needs_other_field else OBSERVED,
                       title=f"{r.name}: score {r.score_text}, cost {r.cost} a year, {r.policy_field}"),
                  Text(left + length + 5, cy + 4, r.score_text, size=11, fill=INK))
    chart.add(Line(left, top - 4, left, top + row_h * len(rows), stroke=MUTED))
    entries = [("cluster policy proper", {"fill": OBSERVED})]
    if other:
        entries.append(("another policy field (needs its decision makers)", {"fill": OTHER_FIELD}))
    _legend(chart, top + row_h * len(rows) + 30, entries, x=left)
    return chart


CORE = "#2f7d3b"
FRAGILE = "#b8860b"


def robustness_chart(view) -> Chart:
    """Inclusion probabilities: one bar per instrument, the robust core green, a dashed line at the threshold."""
    r = view.robustness
    rows = r.rows
    left, right, top, row_h = 330.0, 680.0, 30.0, 22.0
    width = right - left
    desc = (f"Horizontal bar chart of the share of the {r.draws:,} draws in which each instrument is in the "
            f"strategy; the robust core (at least {r.threshold:.0%}) is marked: ".replace("%", " %")
            + "; ".join(f"{row.name} {row.inclusion_text}" + (" (core)" if row.core else "") for row in rows) + ".")
    chart = Chart("chart-robustness", "Share of draws in the strategy, robust core marked", desc, 760,
                  top + row_h * len(rows) + 46)
    _ticks(chart, [(left + width * k / 5, f"{k * 20} %") for k in range(6)], top, top + row_h * len(rows))
    for row, cy in zip(rows, _bands(chart, len(rows), top, row_h)):
        lead = f"{row.rank}. " if row.rank != "\u2013" else ""
        chart.add(Text(left - 8, cy + 4, truncate(f"{lead}{row.name}", 50 if row.core else 56), size=11.5, anchor="end",
                       title=f"{lead}{row.name}", bold=row.core))
        length = width * row.inclusion
        chart.add(Rect(left, cy - 6, length, 12, fill=CORE if row.core else FRAGILE if row.rank != "\u2013" else MUTED,
                       title=f"{row.name}: in the strategy in {row.inclusion_text} of draws; {row.ranks}"),
                  Text(left + length + 5, cy + 4, row.inclusion_text + (" core" if row.core else ""), size=11,
                       fill=INK, bold=row.core))
    x = left + width * r.threshold
    chart.add(Line(x, top - 4, x, top + row_h * len(rows), stroke=CORE, width=1.5, dash="5 3"))
    chart.add(Line(left, top - 4, left, top + row_h * len(rows), stroke=MUTED))
    entries = [(f"robust core (at least {r.threshold:.0%})".replace("%", " %"), {"fill": CORE}),
               ("fragile pick", {"fill": FRAGILE}), ("not picked by the plan", {"fill": MUTED})]
    _legend(chart, top + row_h * len(rows) + 30, entries, x=left - 250)
    return chart


def _network_mechanisms(view) -> list[str]:
    """The deficient mechanisms the strategy addresses, ordered by the mean rank of their instruments
    (fewer crossings), ties in the plan's order."""
    order = {m.id: n for n, m in enumerate(view.mechanisms)}
    ranks: dict[str, list[int]] = {}
    for n, row in enumerate(view.strategy):
        for mechanism in row.mechanisms:
            ranks.setdefault(mechanism, []).append(n)
    return sorted(ranks, key=lambda m: (sum(ranks[m]) / len(ranks[m]), order.get(m, 99), m))


def network_summary(view) -> str:
    links = sum(len(r.mechanisms) for r in view.strategy)
    many = [r for r in view.strategy if len(r.mechanisms) > 1]
    mechanisms = _network_mechanisms(view)
    text = (f"The {len(view.strategy)} recommended instrument(s) act on {len(mechanisms)} deficient mechanism(s) "
            f"through {links} link(s).")
    if many:
        text += (f" {len(many)} of them act on more than one mechanism (multicausality) and gain from each: "
                 + ", ".join(f"rank {r.rank} ({len(r.mechanisms)} mechanisms)" for r in many) + ".")
    return text


def network_chart(view) -> Chart:
    rows = view.strategy
    mechanisms = _network_mechanisms(view)
    colour = {m.id: PALETTE[n % len(PALETTE)] for n, m in enumerate(view.mechanisms)}
    names = {m.id: m.name for m in view.mechanisms}
    degree = {m: sum(m in r.mechanisms for r in rows) for m in mechanisms}
    left_x, right_x, top, row_h = 300.0, 520.0, 34.0, 20.0
    body = max(row_h * len(rows), 34.0 * len(mechanisms))
    inst_step = body / len(rows)
    mech_step = body / len(mechanisms)
    y_inst = {r.id: top + inst_step * (n + 0.5) for n, r in enumerate(rows)}
    y_mech = {m: top + mech_step * (n + 0.5) for n, m in enumerate(mechanisms)}
    chart = Chart("chart-network", "Instrument\u2013mechanism network of the strategy",
                  "Network of the recommended instruments (left, by rank) and the deficient mechanisms they act on "
                  "(right); a line's width shows the mechanism's part in the instrument's benefit. "
                  + network_summary(view), 760, top + body + 40)
    chart.add(Text(left_x, 16, "Recommended instruments, by rank", size=11.5, anchor="end", fill=MUTED, bold=True),
              Text(right_x - 8, 16, "Deficient mechanisms addressed", size=11.5, fill=MUTED, bold=True))
    for r in rows:
        for mechanism, value in r.terms:
            chart.add(Curve(left_x, y_inst[r.id], right_x, y_mech[mechanism], stroke=colour[mechanism],
                            width=1 + 5 * value,
                            title=f"{r.rank}. {r.name} \u2192 {mechanism.replace('_', ' ')}: {value:.3f}"))
    for r in rows:
        k = len(r.mechanisms)
        chart.add(Circle(left_x, y_inst[r.id], 3 + 1.3 * k, fill=INK if k > 1 else DISCARDED,
                         title=f"{r.name}: acts on {k} deficient mechanism(s)"),
                  Text(left_x - 12 - 1.3 * k, y_inst[r.id] + 4, truncate(f"{r.rank}. {r.name}", 50), size=11,
                       anchor="end", title=f"{r.rank}. {r.name}"))
    for m in mechanisms:
        radius = 4 + 2.2 * math.sqrt(degree[m])
        chart.add(Circle(right_x, y_mech[m], radius, fill=colour[m], title=names.get(m, m)),
                  Text(right_x + radius + 6, y_mech[m] + 4, f"{m.replace('_', ' ')} \u00b7 {degree[m]}", size=11.5,
                       title=names.get(m, m)))
    foot = top + body + 26
    chart.add(Circle(8, foot - 4, 6, fill=INK), Text(20, foot, "acts on several mechanisms (multicausality)", size=11,
                                                      fill=MUTED),
              Circle(300, foot - 4, 4.3, fill=DISCARDED), Text(310, foot, "acts on one", size=11, fill=MUTED),
              Text(right_x - 8, foot, "mechanism \u00b7 n: n instruments act on it", size=11, fill=MUTED))
    return chart
