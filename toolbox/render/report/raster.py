"""The charts' primitives painted as PNG with Pillow, for Word (which cannot show inline SVG reliably).

Painting the same primitives the SVG is written from keeps the Word charts identical in content and
layout to the HTML ones, with no browser, no Cairo and no plotting library: Pillow ships as a wheel
with its own FreeType. The chart is drawn at SUPERSAMPLE times the target size and scaled down, which
gives smooth (anti-aliased) lines and circles.
"""

from __future__ import annotations

import io
from functools import lru_cache

SUPERSAMPLE = 3
OUTPUT_SCALE = 2.0
"""PNG pixels per chart unit: a 760-unit chart becomes 1520 px, sharp at 6.5 inches wide."""
MAX_PIXELS = 12_000_000
"""The supersampled canvas's largest size. A chart grows with its rows: on a 1,000-instrument overlay one
was 4,560 x 24,480 px (335 MB) at SUPERSAMPLE 3; such a chart is drawn with less supersampling instead.
At 40 M pixels a 100-mechanism diagnosis still took 4 s to paint, shrink and quantize; 12 M keeps the full
supersampling for the shipped examples' charts (at most 760 x 414 units, 11.3 M pixels)."""

FONT_FILES = {
    False: ("LiberationSans-Regular.ttf", "Arial.ttf", "DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    True: ("LiberationSans-Bold.ttf", "Arial Bold.ttf", "DejaVuSans-Bold.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
           "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}


@lru_cache(maxsize=64)
def _font(size: int, bold: bool):
    from PIL import ImageFont

    for name in FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)  # Pillow's own scalable font: always there


def _rgba(colour: str, opacity: float = 1.0) -> tuple[int, int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), round(255 * opacity)


def _dashed(draw, points, fill, width, dash: str | None) -> None:
    if not dash:
        draw.line(points, fill=fill, width=width)
        return
    on, off = (float(p) * SUPERSAMPLE for p in dash.split()[:2])
    (x1, y1), (x2, y2) = points
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    pos = 0.0
    while pos < length:
        end = min(pos + on, length)
        draw.line([(x1 + ux * pos, y1 + uy * pos), (x1 + ux * end, y1 + uy * end)], fill=fill, width=width)
        pos = end + off


def _bezier(x0, y0, x1, y1, steps: int = 40) -> list[tuple[float, float]]:
    mid = (x0 + x1) / 2
    out = []
    for k in range(steps + 1):
        t = k / steps
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
        out.append((a * x0 + b * mid + c * mid + d * x1, a * y0 + b * y0 + c * y1 + d * y1))
    return out


def _curve(image, curve, k: float) -> None:
    """A translucent curve: drawn opaque into a mask of its own, then blended once (a polyline drawn
    translucent directly would darken where its segments overlap)."""
    from PIL import Image, ImageDraw

    width = max(1, round(curve.width * k))
    points = [(x * k, y * k) for x, y in _bezier(curve.x0, curve.y0, curve.x1, curve.y1)]
    pad = width + 2
    x0, y0 = int(min(p[0] for p in points)) - pad, int(min(p[1] for p in points)) - pad
    x1, y1 = int(max(p[0] for p in points)) + pad, int(max(p[1] for p in points)) + pad
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(mask).line([(x - x0, y - y0) for x, y in points], fill=round(255 * curve.opacity), width=width,
                              joint="curve")
    image.paste(Image.new("RGB", mask.size, _rgba(curve.stroke)[:3]), (x0, y0), mask)


ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}
"""SVG's text-anchor at the baseline, as Pillow's anchor codes."""


def _flat(items):
    """The primitives in drawing order, groups opened (a group only shares a tooltip, which a PNG cannot show)."""
    for item in items:
        if item.kind == "group":
            yield from _flat(item.items)
        else:
            yield item


def _turned_text(image, text, k: float) -> None:
    """Text turned about its anchor point by a multiple of 90 degrees (SVG's rotate(-90) is an axis title)."""
    from PIL import Image, ImageDraw

    font = _font(round(text.size * k), text.bold)
    anchor = ANCHORS[text.anchor]
    left, top, right, bottom = font.getbbox(text.text, anchor=anchor)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text.text, fill=255, font=font, anchor=anchor)
    turns = round(-text.rotate / 90) % 4  # SVG turns clockwise, Pillow counter-clockwise
    turned = mask.transpose((None, Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180,
                             Image.Transpose.ROTATE_270)[turns]) if turns else mask
    w, h = mask.size
    ax, ay = -left, -top  # the anchor inside the unturned mask
    ax, ay = ((ax, ay), (ay, w - ax), (w - ax, h - ay), (h - ay, ax))[turns]
    image.paste(Image.new("RGB", turned.size, _rgba(text.fill)[:3]), (round(text.x * k - ax), round(text.y * k - ay)),
                turned)


def chart_png(chart) -> bytes:
    """The chart as PNG bytes, OUTPUT_SCALE pixels per chart unit."""
    from PIL import Image, ImageDraw

    area = chart.width * chart.height * OUTPUT_SCALE ** 2
    k = OUTPUT_SCALE * max(1, min(SUPERSAMPLE, int((MAX_PIXELS / area) ** 0.5) if area else SUPERSAMPLE))
    size = (round(chart.width * k), round(chart.height * k))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image, "RGBA")
    for i in _flat(chart.items):
        if i.kind == "rect":
            box = [i.x * k, i.y * k, (i.x + max(i.w, 0)) * k, (i.y + i.h) * k]
            if i.rx:
                # the map's tiles: rounded, one solid outline
                draw.rounded_rectangle(box, radius=i.rx * k, fill=None if i.fill == "none" else _rgba(i.fill, i.opacity),
                                       outline=None if i.stroke == "none" else _rgba(i.stroke),
                                       width=max(1, round(i.stroke_width * k)))
                continue
            if i.fill != "none":
                draw.rectangle(box, fill=_rgba(i.fill, i.opacity))
            if i.stroke != "none":
                w = max(1, round(i.stroke_width * k))
                x1, y1, x2, y2 = box
                for a, b in (((x1, y1), (x2, y1)), ((x2, y1), (x2, y2)), ((x2, y2), (x1, y2)), ((x1, y2), (x1, y1))):
                    _dashed(draw, [a, b], _rgba(i.stroke), w, i.dash)
        elif i.kind == "line":
            _dashed(draw, [(i.x1 * k, i.y1 * k), (i.x2 * k, i.y2 * k)], _rgba(i.stroke),
                    max(1, round(i.width * k)), i.dash)
        elif i.kind == "curve":
            _curve(image, i, k)
        elif i.kind == "circle":
            box = [(i.cx - i.r) * k, (i.cy - i.r) * k, (i.cx + i.r) * k, (i.cy + i.r) * k]
            draw.ellipse(box, fill=_rgba(i.fill, i.opacity), outline=_rgba(i.stroke),
                         width=max(1, round(i.stroke_width * k)))
        elif i.kind == "text":
            if i.rotate:
                _turned_text(image, i, k)
                continue
            font = _font(round(i.size * k), i.bold)
            halo = {"stroke_width": round(1.5 * k), "stroke_fill": _rgba(i.halo)} if i.halo else {}
            draw.text((i.x * k, i.y * k), i.text, fill=_rgba(i.fill), font=font, anchor=ANCHORS[i.anchor], **halo)
    if k != OUTPUT_SCALE:
        image = image.resize((round(chart.width * OUTPUT_SCALE), round(chart.height * OUTPUT_SCALE)), Image.LANCZOS)
    from PIL.Image import Dither, Quantize

    # a palette PNG: a third of the size, same look. Median cut took 0.6 s on a 100-mechanism diagnosis
    # (1520 x 5756 px); a chart too large to supersample fully gets the octree, three times as fast.
    method = Quantize.MEDIANCUT if k == OUTPUT_SCALE * SUPERSAMPLE else Quantize.FASTOCTREE
    image = image.quantize(colors=256, method=method, dither=Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
