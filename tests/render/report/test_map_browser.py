"""`toolbox map`'s pictures as a person sees them: the page and the SVG opened in headless Chromium."""

from __future__ import annotations

import pytest

from tests.render.report.tools import DevTools, chromium, non_white_share, pixel_stddev
from toolbox.mapping.result import view
from toolbox.render.map_pictures import label_width, map_html, map_svg
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


LABEL_BOXES = """[...document.querySelectorAll('svg.map-bubbles text[paint-order="stroke"]')].map(t => {
  const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; })"""


@pytest.mark.parametrize("selection", [{"cluster": "manufacture_ships"}, {"cluster": "primary_oil_gas"},
                                       {"cluster": "services_computing"}, {"region": "UKI3"}, {"region": "UKD1"}],
                         ids=lambda s: next(iter(s.values())))
def test_bubble_labels_do_not_overlap_as_laid_out(uk, browser, tmp_path, selection):
    """The labels' boxes as Chromium lays the text out, in its own fonts: none overlaps another, and the
    estimate the placement works with (tests/mapping/test_picture_labels.py) is wide enough."""
    page = tmp_path / "map.html"
    page.write_text(map_html(view(uk, **selection), Options()), encoding="utf-8")
    browser.open(page.as_uri())
    boxes = browser.evaluate(LABEL_BOXES)
    assert len(boxes) >= 2
    clashes = [(a[0], b[0]) for n, a in enumerate(boxes) for b in boxes[n + 1:]
               if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert clashes == []
    for name, left, _, right, _ in boxes:
        assert right - left <= label_width(name, 11), name
