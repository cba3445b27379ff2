"""The bubble charts' labels: no two overlap, none hides a bubble's centre, a dropped name stays readable.

Each label's box is computed from the SVG alone (its x, y, text-anchor, font size and text): the width
from the number of characters times the font size. 0.6 em a character plus half an em bounds the width of
every shipped region and cluster name in DejaVu Sans, the pictures' first font (measured with Pillow:
at most 0.65 em a character, for "Devon"), and a wide character (M, W, m, w, @, %, or East Asian wide)
counts a full em; the height from 0.8 em above the baseline to 0.25 em below,
with the 1.5-unit white outline. The browser test (tests/render/report/test_map_browser.py) measures the
same boxes as Chromium lays them out.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

import pytest

from toolbox.render.map_pictures import (
    LABELS,
    cluster_bubbles_chart,
    cluster_bubbles_svg,
    place_labels,
    region_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
CLUSTERS = ("manufacture_ships", "primary_oil_gas", "manufacture_aerospace", "services_financial_legal",
            "services_computing", "manufacture_food", "services_hospitality", "primary_fishing",
            "manufacture_pharmaceuticals")
REGIONS = ("UKM5", "UKD1", "UKI3", "UKK3")


def label_boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    root = ET.fromstring(svg)
    out = []
    for text in root.iter(f"{SVG}text"):
        if text.get("paint-order") != "stroke":  # the labels are the texts with a white outline
            continue
        x, y, size = float(text.get("x")), float(text.get("y")), float(text.get("font-size"))
        wide = sum(c in "MWmw@%" or unicodedata.east_asian_width(c) in "WF" for c in text.text)
        width = size * (0.6 * len(text.text) + 0.4 * wide + 0.5)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
        out.append((text.text, (left - 1.5, y - 0.8 * size - 1.5, left + width + 1.5, y + 0.25 * size + 1.5)))
    return out


def centres(svg: str) -> list[tuple[float, float]]:
    root = ET.fromstring(svg)
    return [(float(c.get("cx")), float(c.get("cy"))) for g in root.iter(f"{SVG}g") for c in g.iter(f"{SVG}circle")]


def overlaps(svg: str) -> list[str]:
    boxes = label_boxes(svg)
    found = [f"{a} / {b}" for n, (a, p) in enumerate(boxes) for b, q in boxes[n + 1:]
             if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]]
    found += [f"{a} covers a bubble's centre at {x}, {y}" for a, p in boxes for x, y in centres(svg)
              if p[0] <= x <= p[2] and p[1] <= y <= p[3]]
    return found


@pytest.mark.parametrize("cluster", CLUSTERS)
def test_no_two_labels_of_a_cluster_chart_overlap(uk, cluster):
    svg = cluster_bubbles_svg(uk, cluster)
    assert label_boxes(svg), "no bubble is named"
    assert overlaps(svg) == []


@pytest.mark.parametrize("region", REGIONS)
def test_no_two_labels_of_a_region_chart_overlap(uk, region):
    svg = region_svg(uk, region)
    assert label_boxes(svg)
    assert overlaps(svg) == []


def test_the_ships_labels_collided_before_and_not_now(uk):
    """The case reported: Cornwall's and the South's labels were drawn over each other above their bubbles."""
    svg = cluster_bubbles_svg(uk, "manufacture_ships")
    names = [name for name, _ in label_boxes(svg)]
    assert "Cumbria" in names and "Devon" in names and len(names) <= LABELS
    assert overlaps(svg) == []


def test_the_highlighted_region_is_named_first(uk):
    chart = cluster_bubbles_chart(uk, "manufacture_ships", highlight="UKK3")  # Cornwall and Isles of Scilly
    labels = [i for i in chart.items if i.kind == "text" and i.halo]
    assert labels[0].text == "Cornwall and Isles of Scilly"


def test_a_label_that_fits_nowhere_is_left_out_but_its_name_stays_in_the_tooltip(uk):
    """Three bubbles on one spot in a narrow plot: only above and below leave room for a label (at the
    sides a 38.5-unit label would cross the frame), so the third label has nowhere to go."""
    bubbles = [("Alpha", 100, 100, 5), ("Bravo", 100, 100, 5), ("Charlie", 100, 100, 5)]
    placed = place_labels(bubbles, (60, 60, 140, 140))
    assert [(t.text, t.anchor) for t in placed] == [("Alpha", "middle"), ("Bravo", "middle")]
    assert placed[0].y < 100 < placed[1].y
    svg = cluster_bubbles_svg(uk, "manufacture_ships")
    named = {name for name, _ in label_boxes(svg)}
    tips = {g.find(f"{SVG}title").text.split(":")[0] for g in ET.fromstring(svg).iter(f"{SVG}g")}
    dropped = {r.region_name for r in uk.records if r.cluster == "manufacture_ships" and r.year == uk.latest_year
               and r.lq and r.growth is not None and r.employment > 0} - named
    assert dropped and dropped <= tips


def test_labels_stay_inside_the_plot():
    placed = place_labels([("Edge of the plot", 295, 100, 4), ("Wider than the whole plot", 150, 100, 4)],
                          (100, 0, 300, 200))
    assert [t.text for t in placed] == ["Edge of the plot"]
    assert placed[0].anchor == "end"  # to the left: there is no room on the right


def test_the_text_alternative_names_the_leading_regions(uk):
    chart = cluster_bubbles_chart(uk, "manufacture_ships")
    assert "Highest location quotients: Cumbria 26.72" in chart.desc
    assert chart.desc.endswith("Open Government Licence v3.0")


def test_wide_names_get_wider_boxes():
    """A user's region names in Chinese: a full em each (DejaVu has no such glyphs; a fallback font draws
    them square), so that two such labels side by side are not estimated as overlapping-free when they do."""
    from toolbox.render.map_pictures import label_width

    assert label_width("北京市", 10) == pytest.approx(10 * (0.6 * 3 + 0.4 * 3 + 0.5))
    assert label_width("Devon", 10) == pytest.approx(10 * (0.6 * 5 + 0.5))
