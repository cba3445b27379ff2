"""`toolbox map` as pictures: a tile-grid cartogram of the regions and a bubble chart (docs/map.md#pictures).

Written as SVG text by hand: no drawing library, no script, no font or image fetched. Every piece of
text from a data file is escaped (`_x`); every shape carries a <title> with its figures, and each
picture a <title> and <desc>, so that a screen reader reads what the eye sees.

For other parts of the tool (a report embeds them):
- `cluster_svg(result, cluster, year=None, by="lq")`: the cartogram of one cluster's regions;
- `cluster_bubbles_svg(result, cluster, year=None)`: its regions by LQ and growth, sized by employment;
- `region_svg(result, region, year=None)`: one region's clusters by LQ and growth.
"""

from __future__ import annotations

import html
import math

from toolbox.mapping.result import MapRecord, MapResult, MapView
from toolbox.render.map_text import count_text, evidence, footer, growth_text, lq_text, share_text, stars_text
from toolbox.safe_text import visible

TILE = 52
GAP = 4
MARGIN = 16
FONT = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\""

LQ_BINS = ((0.5, "#f4f4f4", "below 0.5"), (1.0, "#cfd8dc", "0.5 to 1"), (2.0, "#fdb863", "1 to 2"),
           (5.0, "#e66101", "2 to 5"), (math.inf, "#7f2704", "5 and more"))
"""Location quotient classes: greys below the national share, oranges above (ColorBrewer PuOr/Oranges hues)."""
STAR_FILLS = ("#f4f4f4", "#fee391", "#fe9929", "#993404")
NO_DATA = "#ffffff"
POTENTIAL_FILLS = {"present": "#b35806", "nascent": "#fdb863", "absent": "#cfd8dc"}


def _x(text) -> str:
    """Text from the data, safe inside SVG or HTML: controls made visible, markup escaped."""
    return html.escape(visible(text), quote=True)


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


def ink(fill: str) -> str:
    """Black or white, whichever reads better on `fill`."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def lq_fill(lq: float | None) -> str:
    if lq is None:
        return NO_DATA
    return next(colour for upper, colour, _ in LQ_BINS if lq < upper)


def _layout(result: MapResult) -> dict[str, tuple[int, int]]:
    if result.tiles:
        return result.tiles
    codes = sorted(result.regions)
    columns = max(1, math.ceil(math.sqrt(len(codes))))
    return {code: (i % columns, i // columns) for i, code in enumerate(codes)}


def _tiles(result: MapResult, cells: dict[str, tuple[str, str, str]], title: str, desc: str,
           legend: list[tuple[str, str]], note: str) -> str:
    """A cartogram: `cells` region -> (fill, short label, tooltip)."""
    layout = _layout(result)
    columns = max(c for c, _ in layout.values()) + 1
    rows = max(r for _, r in layout.values()) + 1
    grid_w = columns * (TILE + GAP)
    legend_x = MARGIN + grid_w + 12
    width = legend_x + 170
    height = max(MARGIN * 2 + 40 + rows * (TILE + GAP), 40 + 24 * len(legend) + 120) + 36
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map-tiles" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="t-tiles d-tiles" {FONT}>',
           f'<title id="t-tiles">{_x(title)}</title>', f'<desc id="d-tiles">{_x(desc)}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{MARGIN}" y="24" font-size="15" font-weight="bold" fill="#000000">{_x(title)}</text>']
    top = 40
    for code in sorted(layout):
        col, row = layout[code]
        fill, label, tip = cells.get(code, (NO_DATA, "", f"{result.regions.get(code, code)}: no data"))
        x, y = MARGIN + col * (TILE + GAP), top + row * (TILE + GAP)
        colour = ink(fill)
        out.append(f'<g><title>{_x(tip)}</title>'
                   f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="3" fill="{fill}" stroke="#555555" '
                   f'stroke-width="0.8"/>'
                   f'<text x="{x + TILE / 2}" y="{y + 21}" font-size="11" text-anchor="middle" '
                   f'fill="{colour}">{_x(code[-4:] if len(code) > 4 else code)}</text>'
                   f'<text x="{x + TILE / 2}" y="{y + 38}" font-size="12" font-weight="bold" text-anchor="middle" '
                   f'fill="{colour}">{_x(label)}</text></g>')
    y = top + 6
    for fill, label in legend:
        out.append(f'<rect x="{legend_x}" y="{y}" width="18" height="18" fill="{fill}" stroke="#555555" '
                   f'stroke-width="0.8"/><text x="{legend_x + 26}" y="{y + 14}" font-size="12" '
                   f'fill="#000000">{_x(label)}</text>')
        y += 24
    for i, part in enumerate(_wrap(note, 26)):
        out.append(f'<text x="{legend_x}" y="{y + 16 + 15 * i}" font-size="11" fill="#333333">{_x(part)}</text>')
    out.append("</svg>")
    return "\n".join(out)


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


def cluster_svg(result: MapResult, cluster: str, year: int | None = None, by: str = "lq") -> str:
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
    return _tiles(result, cells, title, desc, legend, result.provenance(year))


def _bubbles(points: list[tuple[MapRecord, str]], title: str, desc: str, note: str, highlight: str | None = None) -> str:
    """LQ (log scale) across, yearly growth up, area by employment: as the ECO and the CMP draw them."""
    width, height = 760, 520
    left, right, top, bottom = 70, 24, 48, 100
    shown = [(r, label) for r, label in points if r.lq and r.lq > 0 and r.growth is not None and r.employment > 0]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map-bubbles" role="img" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="t-bubbles d-bubbles" {FONT}>',
           f'<title id="t-bubbles">{_x(title)}</title>', f'<desc id="d-bubbles">{_x(desc)}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{left}" y="24" font-size="15" font-weight="bold" fill="#000000">{_x(title)}</text>']
    if not shown:
        out.append(f'<text x="{left}" y="{height / 2}" font-size="13" fill="#000000">No growth to draw: the data '
                   'hold one year only, or no employment.</text>')
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

        out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#767676"/>')
        for tick in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500):
            if lo <= math.log10(tick) <= hi:
                x = px(tick)
                out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#e0e0e0"/>'
                           f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="11" text-anchor="middle" '
                           f'fill="#000000">{tick:g}</text>')
        step = _nice_step(g_hi - g_lo)
        g = math.ceil(g_lo / step) * step
        while g <= g_hi:
            y = py(g)
            out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e0e0e0"/>'
                       f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                       f'fill="#000000">{100 * g:+.0f} %</text>')
            g += step
        if lo <= 0 <= hi:
            out.append(f'<line x1="{px(1):.1f}" y1="{top}" x2="{px(1):.1f}" y2="{top + plot_h}" stroke="#333333" '
                       'stroke-dasharray="4 3"/>')
        if g_lo <= 0 <= g_hi:
            out.append(f'<line x1="{left}" y1="{py(0):.1f}" x2="{left + plot_w}" y2="{py(0):.1f}" stroke="#333333" '
                       'stroke-dasharray="4 3"/>')
        order = sorted(shown, key=lambda p: -p[0].employment)  # big bubbles first, small ones drawn on top
        labelled = {id(p[0]) for p in sorted(shown, key=lambda p: (-p[0].lq * (p[0].employment ** 0.5)))[:6]}
        for r, label in order:
            radius = 3 + 27 * math.sqrt(r.employment / biggest)
            fill = POTENTIAL_FILLS[r.potential]
            stroke = "#000000" if highlight in (r.region, r.cluster) else "#4d4d4d"
            tip = (f"{label}: LQ {lq_text(r.lq)}, employment {growth_text(r.growth)} a year since {r.growth_since}, "
                   f"{count_text(r.employment)} employees, {r.potential}")
            out.append(f'<g><title>{_x(tip)}</title><circle cx="{px(r.lq):.1f}" cy="{py(r.growth):.1f}" '
                       f'r="{radius:.1f}" fill="{fill}" fill-opacity="0.8" stroke="{stroke}" stroke-width="1"/></g>')
        for r, label in order:
            if id(r) in labelled:
                out.append(f'<text x="{px(r.lq):.1f}" y="{py(r.growth) - 5:.1f}" font-size="11" text-anchor="middle" '
                           f'fill="#000000" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
                           f'{_x(label[:40])}</text>')
        out.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h + 34}" font-size="12" text-anchor="middle" '
                   f'fill="#000000">Location quotient (log scale; dashed line: 1, the share of all regions)</text>')
        out.append(f'<text transform="translate(16 {top + plot_h / 2}) rotate(-90)" font-size="12" '
                   f'text-anchor="middle" fill="#000000">Employment growth a year</text>')
        x = left
        for potential, fill in POTENTIAL_FILLS.items():
            out.append(f'<circle cx="{x + 7}" cy="{height - 48}" r="7" fill="{fill}" stroke="#4d4d4d"/>'
                       f'<text x="{x + 20}" y="{height - 44}" font-size="12" fill="#000000">{potential}</text>')
            x += 100
        out.append(f'<text x="{x + 10}" y="{height - 44}" font-size="12" fill="#000000">area: employment</text>')
    for i, part in enumerate(_wrap(note, 115)[:2]):
        out.append(f'<text x="{left}" y="{height - 18 + 13 * i}" font-size="11" fill="#333333">{_x(part)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _nice_step(span: float) -> float:
    raw = span / 6
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def cluster_bubbles_svg(result: MapResult, cluster: str, year: int | None = None,
                        highlight: str | None = None) -> str:
    """One cluster's regions: LQ against growth, sized by employment."""
    year = _year(result, year)
    name = result.cluster_name(cluster)
    points = [(r, r.region_name) for r in result.records if r.cluster == cluster and r.year == year]
    since = next((r.growth_since for r, _ in points if r.growth_since is not None), None)
    title = f"{name}: regions by location quotient and growth, {year}"
    desc = (f"Bubble chart of the regions of {name}: location quotient across (log scale), yearly employment "
            f"growth since {since} up, bubble area by employment, colour by potential. {result.provenance(year)}")
    return _bubbles(points, title, desc, result.provenance(year), highlight)


def region_svg(result: MapResult, region: str, year: int | None = None, highlight: str | None = None) -> str:
    """One region's clusters: LQ against growth, sized by employment."""
    year = _year(result, year)
    name = result.region_name(region)
    points = [(r, r.cluster_name) for r in result.records if r.region == region and r.year == year]
    title = f"{name}: clusters by location quotient and growth, {year}"
    desc = (f"Bubble chart of the clusters of {name}: location quotient across (log scale), yearly employment "
            f"growth up, bubble area by employment, colour by potential. {result.provenance(year)}")
    return _bubbles(points, title, desc, result.provenance(year), highlight)


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
