"""The pictures of `toolbox map` as text: well-formed SVG, escaped names, readable contrast, the provenance."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.mapping.conftest import HOSTILE_CLUSTER, HOSTILE_REGION
from toolbox.mapping import compute
from toolbox.mapping.result import view
from toolbox.render.map_pictures import (
    LQ_BINS,
    POTENTIAL_FILLS,
    STAR_FILLS,
    cluster_bubbles_svg,
    cluster_svg,
    contrast,
    ink,
    map_html,
    map_svg,
    region_svg,
)
from toolbox.render.registry import Options

SVG = "{http://www.w3.org/2000/svg}"
LICENCE = "Source: Office for National Statistics, Nomis; Open Government Licence v3.0"


def test_every_fill_has_a_label_colour_of_at_least_aa_contrast():
    """WCAG 2 AA asks 4.5:1 for normal text; the tile labels are 11-12 px."""
    for fill in [c for _, c, _ in LQ_BINS] + list(STAR_FILLS) + list(POTENTIAL_FILLS.values()):
        assert contrast(fill, ink(fill)) >= 4.5, fill


def test_contrast_matches_the_wcag_definition():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # a published WCAG example grey


def test_the_cluster_cartogram_has_one_tile_per_region_titled_and_sourced(uk):
    svg = cluster_svg(uk, "primary_oil_gas")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text.startswith("Oil gas (primary): location quotient")
    tiles = root.findall(f"{SVG}g")
    assert len(tiles) == 40  # the 40 NUTS 2 tiles of the layout; UKN0 has no BRES data
    tips = [g.find(f"{SVG}title").text for g in tiles]
    assert any(t.startswith("North Eastern Scotland (UKM5): LQ 87.40, 3 ECO stars") for t in tips)
    assert "UKN0: no data" in tips
    assert LICENCE in root.find(f"{SVG}desc").text


def test_stars_colouring_labels_each_tile_with_its_stars(uk):
    root = ET.fromstring(cluster_svg(uk, "manufacture_ships", by="stars"))
    labels = {g.find(f"{SVG}title").text.split(" (")[0]: g.findall(f"{SVG}text")[1].text for g in root.findall(f"{SVG}g")}
    assert labels["Cumbria"] == "***"


def test_bubble_charts_draw_one_circle_per_record_with_growth(uk):
    root = ET.fromstring(cluster_bubbles_svg(uk, "manufacture_ships"))
    circles = [g for g in root.findall(f"{SVG}g") if g.find(f"{SVG}circle") is not None]
    expected = [r for r in uk.records if r.cluster == "manufacture_ships" and r.year == 2018
                and r.lq and r.growth is not None and r.employment > 0]
    assert len(circles) == len(expected) > 20
    root = ET.fromstring(region_svg(uk, "UKD1"))
    assert len([g for g in root.findall(f"{SVG}g") if g.find(f"{SVG}circle") is not None]) > 40


def test_hostile_names_stay_text_in_svg_and_html(hostile_files):
    employment, mapping = hostile_files
    result = compute(employment, mapping)
    for shown in (view(result, cluster="a"), view(result, region="R1"), view(result)):
        svg = map_svg(shown, Options())
        ET.fromstring(svg.split("\n", 1)[1])  # well-formed: nothing broke out of its element
        page = map_html(shown, Options())
        for text in (svg, page):
            assert "<script" not in text and "<b>" not in text and "\u202e" not in text
    page = map_html(view(result, cluster="a"), Options())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;\\u202eNorth" in page
    assert HOSTILE_REGION not in page and HOSTILE_CLUSTER not in page


def test_the_page_names_the_dataset_and_licence(uk):
    page = map_html(view(uk, cluster="manufacture_ships"), Options())
    assert page.count(LICENCE) >= 3  # the heading's line, each picture, the footer
    assert "Content-Security-Policy" in page and "<script" not in page


def test_a_file_with_one_year_says_there_is_no_growth_to_draw(hostile_files, tmp_path):
    employment = tmp_path / "one_year.csv"
    employment.write_text("region,industry,employment\nR1,A,10\nR2,A,20\nR1,B,5\nR2,B,1\n", encoding="utf-8")
    result = compute(employment, hostile_files[1])
    assert "No growth to draw" in cluster_bubbles_svg(result, "a")
