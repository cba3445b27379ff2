"""Every text colour of the report meets WCAG 2.1 AA (4.5:1 for normal text) on the backgrounds it sits on.

The ratio is WCAG 2.1's (w3.org/TR/WCAG21/#dfn-contrast-ratio, relative luminance as defined there), computed
from the colours the stylesheet and the charts actually use.
"""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from toolbox.render.report import charts

AA = 4.5
CSS = files("toolbox.render.report").joinpath("templates/report.css").read_text(encoding="utf-8")


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula():
    # WCAG's extremes and a known pair: black on white is 21:1, a colour on itself 1:1, #767676 on white 4.54:1
    assert ratio("#000", "#fff") == pytest.approx(21)
    assert ratio("#2f6690", "#2f6690") == 1
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


VARIABLES = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{3,6})", CSS))


def resolve(value: str) -> str:
    found = re.fullmatch(r"var\(--([a-z]+)\)", value.strip())
    return VARIABLES[found.group(1)] if found else value.strip()


def rules() -> list[tuple[str, dict]]:
    """(selector, {property: value}) for every rule, nested ones (@media, @page boxes) included."""
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS):
        declarations = dict((k.strip(), v.strip()) for k, v in
                            (d.split(":", 1) for d in body.split(";") if ":" in d))
        out.append((" ".join(selector.split()), declarations))
    return out


def colour_of(value: str) -> str | None:
    value = resolve(value)
    return value if re.fullmatch(r"#[0-9a-fA-F]{3,6}", value) else None


def backgrounds() -> dict[str, str]:
    """selector -> its background colour."""
    out = {}
    for selector, declarations in rules():
        for key in ("background", "background-color"):
            if key in declarations:
                found = re.search(r"#[0-9a-fA-F]{3,6}|var\(--[a-z]+\)", declarations[key])
                if found and colour_of(found.group(0)):
                    out[selector] = colour_of(found.group(0))
    return out


def test_every_text_colour_on_the_page_backgrounds():
    """Text in the page body sits on white, a table stripe, a table head or a verdict box: each colour meets AA
    on each. The cover and the tags have their own backgrounds (next test)."""
    own = ("cover", ".tag", "h1", ".eyebrow")  # h1 and the eyebrow are only on the cover
    page = {bg for sel, bg in backgrounds().items() if not any(o in sel for o in own) and "blockquote" not in sel}
    page.add("#ffffff")
    assert {"#f3f5f8", "#e9eef3"} <= page  # the stripe and the table head are among them
    texts = {(sel, colour_of(d["color"])) for sel, d in rules()
             if "color" in d and colour_of(d["color"]) and not any(o in sel for o in own)}
    assert any(c == VARIABLES["warn"] for _, c in texts) and any(c == VARIABLES["grey"] for _, c in texts)
    low = [(sel, fg, bg, round(ratio(fg, bg), 2)) for sel, fg in texts for bg in page if ratio(fg, bg) < AA]
    assert low == []


def test_the_cover_and_the_tags_on_their_own_backgrounds():
    bgs = backgrounds()
    cover = bgs[".cover"]
    low = []
    for sel, d in rules():
        fg = colour_of(d.get("color", "")) if "color" in d else None
        if not fg:
            continue
        if "cover" in sel or sel.startswith(("h1", ".eyebrow")):
            bg = cover
        elif sel.startswith(".tag."):
            bg = bgs[sel]
        else:
            continue
        if ratio(fg, bg) < AA:
            low.append((sel, fg, bg))
    assert low == []


def test_the_chart_text_colours():
    """The charts write text in these colours on white and on the table stripe."""
    for colour in (charts.INK, charts.MUTED, charts.DEFICIT, charts.ATTAINED, charts.UNASSESSED, charts.DISCARDED):
        for bg in ("#ffffff", charts.STRIPE):
            assert ratio(colour, bg) >= AA, (colour, bg)
