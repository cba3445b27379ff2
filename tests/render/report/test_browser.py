"""The reports as a person sees them: the HTML opened in headless Chromium, the PDF rendered page by page.

Needs Debian's `chromium` and `poppler-utils` (installed by .ci/run, which also sets
TOOLBOX_REQUIRE_BROWSER=1 so that there a missing program fails instead of skipping).
"""

from __future__ import annotations

import subprocess

import pytest

from tests.render.report.tools import (
    EXAMPLES,
    HOSTILE_NAME,
    PWNED,
    DevTools,
    chromium,
    non_white_share,
    pixel_stddev,
    program,
    section_starts,
)
from toolbox.render.json_out import plan_dict
from toolbox.render.report import ReportFormat, render
from toolbox.render.report.pdf import OFFLINE_FLAGS, html_to_pdf
from toolbox.render.report.gaps_view import sections_for
from toolbox.render.report.view import SECTIONS

pytestmark = pytest.mark.browser

CASES = [p.stem for p in EXAMPLES] + ["hostile"]


@pytest.fixture
def plan(request, example_plans, hostile_plan):
    return hostile_plan if request.param == "hostile" else example_plans[request.param]


@pytest.fixture
def browser(tmp_path):
    tools = DevTools(chromium(), tmp_path / "profile")
    yield tools
    tools.close()


@pytest.mark.parametrize("plan", CASES, indirect=True)
def test_html_in_chromium(plan, browser, tmp_path):
    page = tmp_path / "report.html"
    page.write_bytes(render(plan, ReportFormat.html))
    browser.open(page.as_uri())
    assert browser.problems() == []
    assert browser.requests() == [page.as_uri()]  # the page itself, and nothing else
    title = f"Cluster strategy: {plan.cluster['name']} in {plan.region['name']}"
    assert browser.evaluate("document.title") == title  # no script ran to change it
    assert browser.evaluate("document.scripts.length + document.images.length + frames.length") == 0
    assert browser.evaluate("document.querySelector('h1').textContent") == plan.cluster["name"] + f"in {plan.region['name']}"
    assert browser.evaluate("document.querySelectorAll('main > section').length") == len(sections_for(SECTIONS, plan.gaps is not None, plan.organisation is not None))
    charts = browser.evaluate("[...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect().height)")
    assert len(charts) == (3 if plan.strategy else 1) and all(h > 150 for h in charts)  # laid out, not collapsed
    shot = browser.screenshot()
    (tmp_path / "screenshot.png").write_bytes(shot)
    assert pixel_stddev(shot) > 20 and non_white_share(shot) > 0.05


def test_hostile_dump_dom(hostile_plan, tmp_path):
    """The plain command-line way, offline: the dumped DOM holds the hostile name as text, the title is unchanged."""
    page = tmp_path / "hostile.html"
    page.write_bytes(render(hostile_plan, ReportFormat.html))
    done = subprocess.run([chromium(), *OFFLINE_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                           page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    dom = done.stdout
    assert done.returncode == 0 and "</html>" in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=document.title='pwned'&gt;" in dom
    title = dom.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Cluster strategy: Widgets &amp; ") and title != PWNED
    assert "<script" not in dom and "<img" not in dom
    assert HOSTILE_NAME not in dom  # only ever in its escaped form


@pytest.mark.parametrize("plan", CASES, indirect=True)
def test_pdf_pages(plan, tmp_path):
    """Printed by Chromium, rendered by poppler: an executive brief of at most two pages, every section heading
    on the page of its first content, no blank page, and no more pages than the content needs.

    Most pages: the brief (2), the detail's region, diagnosis, the charts and the method (6), then what the row
    counts need: a page holds at least 4 strategy entries (with all their contributors), 8 set-aside rows (with
    their reasons), 15 agents and 20 monitoring indicators; the implementation section's channels, balance and
    risk checklist take one page more, and the map and the measured figures a page each. A bound that catches
    a layout gone wrong, not a target.
    """
    program("pdftoppm")
    program("pdftotext")
    html = render(plan, ReportFormat.html).decode("utf-8")
    pdf = html_to_pdf(html, chromium())
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    data = plan_dict(plan)
    set_aside = len(data["deferred"]) + len(data["discarded"]) + len(data["in_place"])
    most = (8 + len(data["strategy"]) // 4 + set_aside // 8 + len(data["agents"]) // 15
            + (1 + len(data["monitoring"]) // 20 if data["strategy"] else 0))
    most += (2 if data["gaps"] else 0) + (2 if data["organisation"] else 0)  # matrix; quotes
    # evidence from data: the map's figures and its two pictures (cartogram, bubble chart) take two pages, the
    # measured figures another
    most += (2 if data["cluster"]["mapping"] else 0) + (1 if any(m["measured"] for m in data["mechanisms"]) else 0)
    assert len(pages) <= most, (len(pages), most)
    for page in pages:  # content above the footer (the bottom 7 % holds only the page number)
        assert non_white_share(page, skip_bottom=0.07) > 0.002, f"{page.name} is blank"
    texts = [pdf_text(tmp_path / "report.pdf", n) for n in range(1, len(pages) + 1)]
    expected = sections_for(SECTIONS, data["gaps"] is not None, data["organisation"] is not None)
    starts = section_starts(texts, "{number} {title}", expected)
    assert sorted(starts) == list(range(1, len(expected) + 1))
    if data["strategy"]:
        assert starts[2] <= 3, "the executive brief takes more than two pages"


def pdf_text(path, page: int) -> list[str]:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]
