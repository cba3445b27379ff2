"""`toolbox map` as pictures: a tile-grid cartogram of the regions and a bubble chart (docs/map.md#pictures).

Each picture is laid out once as drawing primitives (`toolbox.render.report.charts`), then written as
SVG here (the page, the SVG file, the HTML and PDF reports) or painted as PNG by
`toolbox.render.report.raster` (the Word report): one layout, so the pictures cannot drift apart. The
SVG is written by hand: no drawing library, no script, no font or image fetched. Every piece of text
from a data file is escaped (`_x`); every shape carries a <title> with its figures, and each picture a
<title> and <desc>, so that a screen reader reads what the eye sees.

For other parts of the tool (a report embeds them):
- `cluster_chart(result, cluster, year=None, by="lq")` / `cluster_svg(...)`: the cartogram of one
  cluster's regions;
- `cluster_bubbles_chart(result, cluster, year=None, highlight=None)` / `cluster_bubbles_svg(...)`: its
  regions by LQ and growth, sized by employment;
- `region_svg(result, region, year=None)`: one region's clusters by LQ and growth;
- `svg_text(chart)`: any of these charts as SVG.
"""

from __future__ import annotations

import html
import math
from functools import lru_cache
from unicodedata import east_asian_width

from toolbox.mapping.result import MapRecord, MapResult, MapView
from toolbox.render.map_text import count_text, evidence, footer, growth_text, lq_text, share_text, stars_text
from toolbox.render.report.charts import Chart, Circle, Group, Line, Rect, Text, truncate
from toolbox.safe_text import visible

TILE = 52
GAP = 4
MARGIN = 16
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"

LQ_BINS = ((0.5, "#f4f4f4", "below 0.5"), (1.0, "#cfd8dc", "0.5 to 1"), (2.0, "#fdb863", "1 to 2"),
           (5.0, "#e66101", "2 to 5"), (math.inf, "#7f2704", "5 and more"))
"""Location quotient classes: greys below the national share, oranges above (ColorBrewer PuOr/Oranges hues)."""
STAR_FILLS = ("#f4f4f4", "#fee391", "#fe9929", "#993404")
NO_DATA = "#ffffff"
POTENTIAL_FILLS = {"present": "#b35806", "nascent": "#fdb863", "absent": "#cfd8dc"}

LABEL_SIZE = 11
LABELS = 6
"""Bubbles named on the chart at most: the rest are named in their tooltips and the text alternative."""
LABEL_TRIES = 12
"""Bubbles, in order of importance, tried for those labels before the chart gives up."""
HALO = 1.5
"""Half the width of the white outline drawn around a label's glyphs."""
WIDE = frozenset("MWmw@%")


def _x(text) -> str:
    """Text from the data, safe inside SVG or HTML: controls made visible, markup escaped."""
    return html.escape(visible(text), quote=True)


def label_width(text: str, size: float) -> float:
    """An upper bound of a label's width: 0.6 em a character plus half an em, and a full em for a wide
    character (M, W, m, w, @, %, and East Asian wide or full-width ones, as a user's own region names may
    hold). Measured with DejaVu Sans (the pictures' first font) over the shipped region and cluster names,
    a name takes at most 0.65 em a character ("Devon") and 13.3 em for the longest (23 characters);
    Liberation Sans (the PNG's) is narrower."""
    wide = sum(c in WIDE or east_asian_width(c) in "WF" for c in text)
    return size * (0.6 * len(text) + 0.4 * wide + 0.5)


def label_box(x: float, y: float, text: str, size: float, anchor: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a label whose baseline starts, centres or ends at (x, y), its halo included:
    ascenders reach 0.8 em above the baseline, descenders 0.25 em below."""
    width = label_width(text, size)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left - HALO, y - 0.8 * size - HALO, left + width + HALO, y + 0.25 * size + HALO


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covers(box, disc) -> bool:
    """Whether a label's box and a bubble's disc (cx, cy, r) meet."""
    cx, cy, r = disc
    dx = cx - min(max(cx, box[0]), box[2])
    dy = cy - min(max(cy, box[1]), box[3])
    return dx * dx + dy * dy < r * r


def _spots(cx: float, cy: float, r: float, size: float):
    """Where a bubble's label may go, in order of preference: right, left, above, below, then the diagonals."""
    gap, lean = r + 3, 0.71 * r + 2
    middle = cy + 0.3 * size  # a lowercase label's middle at the bubble's centre
    return ((cx + gap, middle, "start"), (cx - gap, middle, "end"), (cx, cy - gap - 0.25 * size, "middle"),
            (cx, cy + gap + 0.8 * size, "middle"), (cx + lean, cy - lean - 0.25 * size, "start"),
            (cx - lean, cy - lean - 0.25 * size, "end"), (cx + lean, cy + lean + 0.8 * size, "start"),
            (cx - lean, cy + lean + 0.8 * size, "end"))


def place_labels(bubbles: list[tuple[str, float, float, float]], frame: tuple[float, float, float, float],
                 size: float = LABEL_SIZE) -> list[Text]:
    """Labels for `bubbles` (text, cx, cy, r), most important first, none overlapping another.

    Each label tries eight places around its bubble (`_spots`). A place is allowed when its box stays inside
    `frame`, overlaps no label placed before it and covers no bubble's centre; of the allowed places the label
    takes the one that touches the fewest other bubbles (the first such in `_spots`' order), so that a label
    sits by its own bubble rather than on a neighbour's. A label allowed nowhere is left out: its name stays
    in the bubble's tooltip and in the text alternative. At most LABELS are placed, from the first
    LABEL_TRIES bubbles."""
    discs = [b[1:] for b in bubbles]
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for n, (text, cx, cy, r) in enumerate(bubbles[:LABEL_TRIES]):
        if len(out) == LABELS:
            break
        best = None
        reach = r + 3 + label_width(text, size) + 2 * size + max(d[2] for d in discs)  # beyond: no box meets it
        near = [(m, d) for m, d in enumerate(discs) if m != n and abs(d[0] - cx) < reach and abs(d[1] - cy) < reach]
        for x, y, anchor in _spots(cx, cy, r, size):
            x, y = round(x, 1), round(y, 1)  # as the SVG writes them: the checked box is the drawn one
            box = label_box(x, y, text, size, anchor)
            if (frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
                    and not any(_overlap(box, other) for other in placed)
                    and not any(box[0] <= d[0] <= box[2] and box[1] <= d[1] <= box[3] for _, d in near)):
                touched = sum(_covers(box, d) for _, d in near)
                if best is None or touched < best[0]:
                    best = (touched, box, x, y, anchor)
        if best is not None:
            placed.append(best[1])
            out.append(Text(best[2], best[3], text, size=size, anchor=best[4], fill="#000000",
                            halo="#ffffff"))
    return out


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=64)
def ink(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def lq_fill(lq: float | None) -> str:
    if lq is None:
        return NO_DATA
    return next(colour for upper, colour, _ in LQ_BINS if lq < upper)


def _n(value: float) -> str:
    """A coordinate as SVG text: one decimal, none when it is zero, so the output is byte-stable."""
    if type(value) is int:  # the tiles' grid
        return str(value)
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg_items(items) -> list[str]:
    out = []
    for i in items:
        tip = f"<title>{_x(i.title)}</title>" if getattr(i, "title", None) else ""
        if i.kind == "group":
            out.append(f"<g>{tip}{''.join(_svg_items(i.items))}</g>")
        elif i.kind == "rect":
            out.append(f'<rect x="{_n(i.x)}" y="{_n(i.y)}" width="{_n(i.w)}" height="{_n(i.h)}"'
                       + (f' rx="{_n(i.rx)}"' if i.rx else "") + f' fill="{i.fill}"'
                       + (f' fill-opacity="{i.opacity:g}"' if i.opacity < 1 else "")
                       + (f' stroke="{i.stroke}" stroke-width="{_n(i.stroke_width)}"' if i.stroke != "none" else "")
                       + (f' stroke-dasharray="{i.dash}"' if i.dash else "") + (f">{tip}</rect>" if tip else "/>"))
        elif i.kind == "line":
            out.append(f'<line x1="{_n(i.x1)}" y1="{_n(i.y1)}" x2="{_n(i.x2)}" y2="{_n(i.y2)}" stroke="{i.stroke}"'
                       + (f' stroke-width="{_n(i.width)}"' if i.width != 1 else "")
                       + (f' stroke-dasharray="{i.dash}"' if i.dash else "") + "/>")
        elif i.kind == "circle":
            out.append(f'<circle cx="{_n(i.cx)}" cy="{_n(i.cy)}" r="{_n(i.r)}" fill="{i.fill}"'
                       + (f' fill-opacity="{i.opacity:g}"' if i.opacity < 1 else "")
                       + f' stroke="{i.stroke}" stroke-width="{_n(i.stroke_width)}"' + (f">{tip}</circle>" if tip else "/>"))
        elif i.kind == "text":
            place = (f'transform="translate({_n(i.x)} {_n(i.y)}) rotate({i.rotate:g})"' if i.rotate
                     else f'x="{_n(i.x)}" y="{_n(i.y)}"')
            out.append(f'<text {place} font-size="{_n(i.size)}"'
                       + (f' text-anchor="{i.anchor}"' if i.anchor != "start" else "")
                       + (' font-weight="bold"' if i.bold else "") + (' font-style="italic"' if i.italic else "")
                       + f' fill="{i.fill}"'
                       + (f' stroke="{i.halo}" stroke-width="{2 * HALO:g}" paint-order="stroke"' if i.halo else "")
                       + f">{tip}{_x(i.text)}</text>")
        else:
            raise ValueError(f"no SVG for a {i.kind}")
    return out


def svg_text(chart: Chart) -> str:
    """The chart as a standalone SVG element; its id is its class, and names its <title> and <desc>."""
    w, h = _n(chart.width), _n(chart.height)
    return "\n".join([f'<svg xmlns="http://www.w3.org/2000/svg" class="{chart.id}" role="img" width="{w}" height="{h}" '
                      f'viewBox="0 0 {w} {h}" aria-labelledby="{chart.id}-title {chart.id}-desc" '
                      f'font-family="{chart.font}">',
                      f'<title id="{chart.id}-title">{_x(chart.title)}</title>',
                      f'<desc id="{chart.id}-desc">{_x(chart.desc)}</desc>', *_svg_items(chart.items), "</svg>"])


def _layout(result: MapResult) -> dict[str, tuple[int, int]]:
    if result.tiles:
        return result.tiles
    codes = sorted(result.regions)
    columns = max(1, math.ceil(math.sqrt(len(codes))))
    return {code: (i % columns, i // columns) for i, code in enumerate(codes)}


def _tiles(result: MapResult, cells: dict[str, tuple[str, str, str]], title: str, desc: str,
           legend: list[tuple[str, str]], note: str) -> Chart:
    """A cartogram: `cells` region -> (fill, short label, tooltip)."""
    layout = _layout(result)
    columns = max(c for c, _ in layout.values()) + 1
    rows = max(r for _, r in layout.values()) + 1
    grid_w = columns * (TILE + GAP)
    legend_x = MARGIN + grid_w + 12
    width = legend_x + 170
    height = max(MARGIN * 2 + 40 + rows * (TILE + GAP), 40 + 24 * len(legend) + 120) + 36
    chart = Chart("map-tiles", visible(title), visible(desc), width, height, font=FONT)
    chart.add(Rect(0, 0, width, height, fill="#ffffff"),
              Text(MARGIN, 24, chart.title, size=15, bold=True, fill="#000000"))
    top = 40
    for code in sorted(layout):
        col, row = layout[code]
        fill, label, tip = cells.get(code, (NO_DATA, "", f"{result.regions.get(code, code)}: no data"))
        x, y = MARGIN + col * (TILE + GAP), top + row * (TILE + GAP)
        colour = ink(fill)
        chart.add(Group((Rect(x, y, TILE, TILE, fill=fill, stroke="#555555", stroke_width=0.8, rx=3),
                         Text(x + TILE / 2, y + 21, visible(code[-4:] if len(code) > 4 else code), size=11,
                              anchor="middle", fill=colour),
                         Text(x + TILE / 2, y + 38, visible(label), size=12, anchor="middle", fill=colour, bold=True)),
                        title=visible(tip)))
    y = top + 6
    for fill, label in legend:
        chart.add(Rect(legend_x, y, 18, 18, fill=fill, stroke="#555555", stroke_width=0.8),
                  Text(legend_x + 26, y + 14, label, size=12, fill="#000000"))
        y += 24
    for i, part in enumerate(_wrap(visible(note), 26)):
        chart.add(Text(legend_x, y + 16 + 15 * i, part, size=11, fill="#333333"))
    return chart


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])


def _year(result: MapResult, year: int | None) -> int:
    return result.latest_year if year is None else year


def cluster_chart(result: MapResult, cluster: str, year: int | None = None, by: str = "lq") -> Chart:
    """The cartogram of one cluster: each region coloured by its LQ (or ECO stars), labelled with it."""
    year = _year(result, year)
    name = result.cluster_name(cluster)
    cells = {}
    for code in result.regions:
        r = result.find(code, cluster, year)
        if r is None:
            continue
        tip = (f"{r.region_name} ({code}): LQ {lq_text(r.lq)}, {stars_text(r)}, {count_text(r.employment)} "
               f"employees, {r.potential}")
        if by == "stars":
            fill = STAR_FILLS[r.stars]
            cells[code] = (fill, "*" * r.stars or "0", tip)
        else:
            cells[code] = (lq_fill(r.lq), "–" if r.lq is None else f"{r.lq:.1f}" if r.lq < 100 else f"{r.lq:.0f}", tip)
    if by == "stars":
        legend = [(STAR_FILLS[i], f"{i} star{'s' if i != 1 else ''}") for i in range(4)]
        what = "ECO stars"
    else:
        legend = [(colour, f"LQ {label}") for _, colour, label in LQ_BINS]
        what = "location quotient"
    layout_note = ("Tile layout: editorial, one square per region (docs/map.md#pictures)." if result.tiles
                   else "Tiles in region-code order: no layout is known for these regions.")
    title = f"{name}: {what} by region, {year}"
    desc = (f"Tile-grid cartogram of {len(cells)} regions, one square each, coloured by the {what} of {name} "
            f"in {year}. {result.provenance(year)}")
    return _tiles(result, cells, title, desc, legend, f"{layout_note} {result.provenance(year)}")


def cluster_svg(result: MapResult, cluster: str, year: int | None = None, by: str = "lq") -> str:
    return svg_text(cluster_chart(result, cluster, year, by))


def potential_svg(result: MapResult, year: int | None = None) -> str:
    """The whole matrix as a cartogram: each region labelled with its number of clusters with potential present."""
    year = _year(result, year)
    cells = {}
    counts = {}
    for r in result.records:
        if r.year == year and r.potential == "present":
            counts[r.region] = counts.get(r.region, 0) + 1
    top = max(counts.values(), default=0) or 1
    palette = ("#f4f4f4", "#fee391", "#fe9929", "#cc4c02", "#662506")
    for code, name in result.regions.items():
        n = counts.get(code, 0)
        fill = palette[min(4, math.ceil(4 * n / top))] if n else palette[0]
        cells[code] = (fill, str(n), f"{name} ({code}): {n} clusters with potential present")
    legend = [(palette[0], "none")] + [(palette[i], f"up to {math.ceil(top * i / 4)}") for i in range(1, 5)]
    title = f"Clusters with potential present, by region, {year}"
    desc = f"Tile-grid cartogram: the number of clusters each region has with potential present. {result.provenance(year)}"
    return svg_text(_tiles(result, cells, title, desc, legend, result.provenance(year)))


def _leaders(shown: list[tuple[MapRecord, str]]) -> str:
    """The text alternative's words for the bubbles that matter most: the five highest LQs with their growth."""
    top = sorted(shown, key=lambda p: (-p[0].lq, p[1]))[:5]
    return "Highest location quotients: " + "; ".join(
        f"{label} {lq_text(r.lq)} ({growth_text(r.growth)} a year, {count_text(r.employment)} employees)"
        for r, label in top) + ". "


def _bubbles(points: list[tuple[MapRecord, str]], title: str, desc: str, note: str,
             highlight: str | None = None) -> Chart:
    """LQ (log scale) across, yearly growth up, area by employment: as the ECO and the CMP draw them."""
    width, height = 760, 520
    left, right, top, bottom = 70, 24, 48, 100
    shown = [(r, label) for r, label in points if r.lq and r.lq > 0 and r.growth is not None and r.employment > 0]
    desc = f"{desc} {_leaders(shown) if shown else ''}{note}"  # `desc` says what the chart draws, `note` whence
    chart = Chart("map-bubbles", visible(title), visible(desc), width, height, font=FONT)
    chart.add(Rect(0, 0, width, height, fill="#ffffff"),
              Text(left, 24, chart.title, size=15, bold=True, fill="#000000"))
    if not shown:
        chart.add(Text(left, height / 2, "No growth to draw: the data hold one year only, or no employment.",
                       size=13, fill="#000000"))
    else:
        lqs = [r.lq for r, _ in shown]
        lo = math.log10(max(min(min(lqs), 0.5), 1e-3))
        hi = math.log10(max(max(lqs), 2.0))
        spare = 0.08 * (hi - lo)  # room for the largest bubble's radius at either end
        lo, hi = lo - spare, hi + spare
        growths = [r.growth for r, _ in shown]
        g_lo, g_hi = min(min(growths), -0.02), max(max(growths), 0.02)
        pad = (g_hi - g_lo) * 0.12
        g_lo, g_hi = g_lo - pad, g_hi + pad
        plot_w, plot_h = width - left - right, height - top - bottom
        biggest = max(r.employment for r, _ in shown)

        def px(lq: float) -> float:
            return left + (math.log10(lq) - lo) / (hi - lo) * plot_w

        def py(g: float) -> float:
            return top + (g_hi - g) / (g_hi - g_lo) * plot_h

        chart.add(Rect(left, top, plot_w, plot_h, stroke="#767676", stroke_width=1))
        for tick in (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500):
            if lo <= math.log10(tick) <= hi:
                x = px(tick)
                chart.add(Line(x, top, x, top + plot_h, stroke="#e0e0e0"),
                          Text(x, top + plot_h + 16, f"{tick:g}", size=11, anchor="middle", fill="#000000"))
        step = _nice_step(g_hi - g_lo)
        g = math.ceil(g_lo / step) * step
        while g <= g_hi:
            y = py(g)
            chart.add(Line(left, y, left + plot_w, y, stroke="#e0e0e0"),
                      Text(left - 6, y + 4, f"{100 * g:+.0f} %", size=11, anchor="end", fill="#000000"))
            g += step
        if lo <= 0 <= hi:
            chart.add(Line(px(1), top, px(1), top + plot_h, stroke="#333333", dash="4 3"))
        if g_lo <= 0 <= g_hi:
            chart.add(Line(left, py(0), left + plot_w, py(0), stroke="#333333", dash="4 3"))
        order = sorted(shown, key=lambda p: -p[0].employment)  # big bubbles first, small ones drawn on top
        discs = {}
        for r, label in order:
            radius = 3 + 27 * math.sqrt(r.employment / biggest)
            discs[id(r)] = (round(px(r.lq), 1), round(py(r.growth), 1), round(radius, 1))
            stroke = "#000000" if highlight in (r.region, r.cluster) else "#4d4d4d"
            tip = (f"{label}: LQ {lq_text(r.lq)}, employment {growth_text(r.growth)} a year since {r.growth_since}, "
                   f"{count_text(r.employment)} employees, {r.potential}")
            chart.add(Group((Circle(*discs[id(r)], fill=POTENTIAL_FILLS[r.potential], stroke=stroke,
                                    stroke_width=2 if stroke == "#000000" else 1, opacity=0.8),), title=visible(tip)))
        # the highlighted bubble is named first, then the largest specialisations
        ranked = sorted(shown, key=lambda p: (highlight not in (p[0].region, p[0].cluster),
                                              -p[0].lq * (p[0].employment ** 0.5), p[1]))
        chart.add(*place_labels([(truncate(visible(label), 40), *discs[id(r)]) for r, label in ranked],
                                (left, top, left + plot_w, top + plot_h)))
        chart.add(Text(left + plot_w / 2, top + plot_h + 34, "Location quotient (log scale; dashed line: 1, the share "
                       "of all regions)", size=12, anchor="middle", fill="#000000"),
                  Text(16, top + plot_h / 2, "Employment growth a year", size=12, anchor="middle", fill="#000000",
                       rotate=-90))
        x = left
        for potential, fill in POTENTIAL_FILLS.items():
            chart.add(Circle(x + 7, height - 48, 7, fill=fill, stroke="#4d4d4d"),
                      Text(x + 20, height - 44, potential, size=12, fill="#000000"))
            x += 100
        chart.add(Text(x + 10, height - 44, "area: employment", size=12, fill="#000000"))
    for i, part in enumerate(_wrap(visible(note), 115)[:2]):
        chart.add(Text(left, height - 18 + 13 * i, part, size=11, fill="#333333"))
    return chart


def _nice_step(span: float) -> float:
    raw = span / 6
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def cluster_bubbles_chart(result: MapResult, cluster: str, year: int | None = None,
                          highlight: str | None = None) -> Chart:
    """One cluster's regions: LQ against growth, sized by employment; `highlight` (a region) outlined and named."""
    year = _year(result, year)
    name = result.cluster_name(cluster)
    points = [(r, r.region_name) for r in result.records if r.cluster == cluster and r.year == year]
    since = next((r.growth_since for r, _ in points if r.growth_since is not None), None)
    title = f"{name}: regions by location quotient and growth, {year}"
    desc = (f"Bubble chart of the regions of {name}: location quotient across (log scale), yearly employment "
            f"growth since {since} up, bubble area by employment, colour by potential.")
    return _bubbles(points, title, desc, result.provenance(year), highlight)


def cluster_bubbles_svg(result: MapResult, cluster: str, year: int | None = None,
                        highlight: str | None = None) -> str:
    return svg_text(cluster_bubbles_chart(result, cluster, year, highlight))


def region_svg(result: MapResult, region: str, year: int | None = None, highlight: str | None = None) -> str:
    """One region's clusters: LQ against growth, sized by employment."""
    year = _year(result, year)
    name = result.region_name(region)
    points = [(r, r.cluster_name) for r in result.records if r.region == region and r.year == year]
    title = f"{name}: clusters by location quotient and growth, {year}"
    desc = (f"Bubble chart of the clusters of {name}: location quotient across (log scale), yearly employment "
            f"growth up, bubble area by employment, colour by potential.")
    return svg_text(_bubbles(points, title, desc, result.provenance(year), highlight))


def _pictures(shown: MapView) -> list[str]:
    result = shown.result
    if shown.cluster:
        return [cluster_svg(result, shown.cluster, shown.year, shown.by),
                cluster_bubbles_svg(result, shown.cluster, shown.year, shown.region)]
    if shown.region:
        return [region_svg(result, shown.region, shown.year)]
    return [potential_svg(result, shown.year)]


def map_svg(shown: MapView, options) -> str:
    """One SVG file: the pictures of the selection stacked."""
    parts = _pictures(shown)
    sizes = [(_attr(p, "width"), _attr(p, "height")) for p in parts]
    width, height = max(w for w, _ in sizes), sum(h for _, h in sizes)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<svg xmlns="http://www.w3.org/2000/svg" role="group" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-label="{_x(_heading(shown))}">',
           f'<title>{_x(_heading(shown))}</title>']
    y = 0
    for part, (_, h) in zip(parts, sizes):
        out.append(part.replace("<svg ", f'<svg x="0" y="{y}" ', 1))
        y += h
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _attr(svg: str, name: str) -> int:
    head = svg.split(">", 1)[0]
    return int(float(head.split(f' {name}="', 1)[1].split('"', 1)[0]))


def _heading(shown: MapView) -> str:
    result = shown.result
    if shown.cluster:
        return f"Cluster map: {result.cluster_name(shown.cluster)}, {shown.year}"
    if shown.region:
        return f"Cluster map: {result.region_name(shown.region)}, {shown.year}"
    return f"Cluster map: all regions and clusters, {shown.year}"


STYLE = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #000; background: #fff; margin: 2em; max-width: 1100px; }
h1 { font-size: 1.5em; } .provenance { color: #333; }
figure { margin: 1.5em 0; } svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.9em; } th, td { border-bottom: 1px solid #bbb; padding: 3px 8px; text-align: right; }
th:nth-child(2), td:nth-child(2), td:last-child, th:last-child { text-align: left; }
caption { text-align: left; font-weight: bold; padding: 0.5em 0; }
"""


def map_html(shown: MapView, options) -> str:
    """A self-contained page: the pictures, the ranked table with each record's evidence, the provenance."""
    result = shown.result
    rows = [r for r in shown.records if r.year == shown.year]
    if not (shown.region or shown.cluster or shown.show_all):
        rows = [r for r in rows if r.potential != "absent"]
    by_region = shown.cluster is not None
    body = []
    for rank, r in enumerate(rows, start=1):
        name = r.region_name if by_region else r.cluster_name if shown.region else f"{r.region_name} × {r.cluster_name}"
        body.append(f"<tr><td>{rank}</td><td><bdi>{_x(name)}</bdi></td><td>{count_text(r.employment)}</td>"
                    f"<td>{count_text(r.establishments)}</td><td>{lq_text(r.lq)}</td><td>{share_text(r.focus)}</td>"
                    f"<td>{r.size_percentile:.0f}</td><td>{growth_text(r.growth)}</td><td>{r.stars}</td>"
                    f"<td>{ {True: 'yes', False: 'no', None: '–'}[r.strong] }</td>"
                    f"<td title=\"{_x(evidence(r))}\">{r.potential}</td></tr>")
    heading = _heading(shown)
    figures = "\n".join(f"<figure>{svg}</figure>" for svg in _pictures(shown))
    notes = "".join(f"<p>{_x(line)}</p>" for line in footer(shown))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
            f"<title>{_x(heading)}</title><style>{STYLE}</style></head>\n<body><main>"
            f"<h1>{_x(heading)}</h1><p class=\"provenance\">{_x(result.provenance(shown.year))}</p>\n{figures}\n"
            f"<table><caption>Ranked, strongest first (hover a potential for its evidence)</caption>"
            f"<thead><tr><th>#</th><th>{'region' if by_region else 'cluster' if shown.region else 'region × cluster'}</th>"
            f"<th>employees</th><th>sites</th><th>LQ</th><th>focus</th><th>size pct</th><th>growth/yr</th>"
            f"<th>stars</th><th>strong</th><th>potential</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"{notes}</main></body></html>\n")
