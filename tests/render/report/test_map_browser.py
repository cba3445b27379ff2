"""`toolbox map`'s pictures as a person sees them: the page and the SVG opened in headless Chromium."""

from __future__ import annotations

import pytest

from tests.render.report.tools import DevTools, chromium, non_white_share, pixel_stddev
from toolbox.mapping.result import view
from toolbox.render.map_pictures import map_html, map_svg
from toolbox.render.registry import Options

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def uk():
    from toolbox.mapping import compute

    return compute()


@pytest.fixture
def browser(tmp_path):
    tools = DevTools(chromium(), tmp_path / "profile")
    yield tools
    tools.close()


@pytest.mark.parametrize("selection", [{"cluster": "manufacture_ships"}, {"region": "UKM5"}, {}],
                         ids=["cluster", "region", "matrix"])
def test_map_page_in_chromium(uk, browser, tmp_path, selection):
    page = tmp_path / "map.html"
    page.write_text(map_html(view(uk, **selection), Options()), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.problems() == []
    assert browser.requests() == [page.as_uri()]  # self-contained: nothing fetched
    assert browser.evaluate("document.scripts.length + document.images.length") == 0
    sizes = browser.evaluate("[...document.querySelectorAll('figure > svg')].map(s => "
                             "[s.getBoundingClientRect().width, s.getBoundingClientRect().height])")
    assert len(sizes) == (2 if "cluster" in selection else 1)
    assert all(w > 300 and h > 300 for w, h in sizes)  # laid out, not collapsed
    assert "Open Government Licence v3.0" in browser.evaluate("document.body.innerText")
    shot = browser.screenshot()
    (tmp_path / "map.png").write_bytes(shot)
    assert pixel_stddev(shot) > 20 and non_white_share(shot) > 0.05


def test_map_svg_in_chromium(uk, browser, tmp_path):
    picture = tmp_path / "map.svg"
    picture.write_text(map_svg(view(uk, cluster="primary_oil_gas"), Options()), encoding="utf-8")
    browser.open(picture.as_uri())
    assert browser.problems() == []
    tiles = browser.evaluate("document.querySelectorAll('svg.map-tiles rect[rx]').length")
    assert tiles == 40
    bubbles = browser.evaluate("document.querySelectorAll('svg.map-bubbles circle').length")
    assert bubbles > 20
    shot = browser.screenshot()
    assert pixel_stddev(shot) > 20 and non_white_share(shot) > 0.05
