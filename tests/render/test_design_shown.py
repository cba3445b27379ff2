"""A design the profile declares is shown wherever its instrument is (issue 11, A, step 3: "The design is
shown wherever that instrument is"): the terminal summary's one-line entries and --detail, the Markdown and
JSON plans, explain, and the HTML, Markdown and Word reports, for a recommended instrument and for one
set aside."""

from __future__ import annotations

import io
import json

import docx
import pytest

from tests.conftest import MECHANISMS, make_profile
from toolbox.engine.explain import explain
from toolbox.engine.plan import make_plan
from toolbox.engine.weights import Weights
from toolbox.render.registry import render
from toolbox.render.report import ReportFormat
from toolbox.render.report import render as render_report

RECOMMENDED = "entrepreneurship_competitions"
RECOMMENDED_DESIGN = "an open call to every founder, judged by an outside jury"
SET_ASIDE = "new_business_subsidies"
SET_ASIDE_DESIGN = "an open call to every founder in the region, capped per firm"


@pytest.fixture(scope="module")
def plan(kb):
    """Spin-off formation and venture capital absent, everything else strong. The competition's local
    figure (8,000) makes it worth its cost; the subsidy's medium-risk design keeps it from the
    distortion screen, but at its indicative cost it is not worth it."""
    profile = make_profile(
        mechanisms={**{m: {"observed": "strong"} for m in MECHANISMS},
                    "spinoff_formation": {"observed": "none"}, "venture_capital": {"observed": "none"}},
        designs={RECOMMENDED: {"distortion_risk": "low", "reason": RECOMMENDED_DESIGN},
                 SET_ASIDE: {"distortion_risk": "medium", "reason": SET_ASIDE_DESIGN}},
        costs={RECOMMENDED: 8000})
    result = make_plan(kb, profile, Weights())
    assert RECOMMENDED in [i.assessment.instrument for i in result.strategy]
    assert SET_ASIDE in [s.instrument for s in (*result.deferred, *result.discarded)]
    return result


def _entry_lines(text: str, instrument: str) -> str:
    """The summary's entry of `instrument`: its own line and the indented lines under it."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if instrument in line)
    out = [lines[start]]
    for line in lines[start + 1:]:
        if line[:4].strip():  # the next entry, or the end of the table
            break
        out.append(line)
    return " ".join(" ".join(out).split())


def test_the_terminal_summary_shows_the_design_with_its_entry(plan):
    text = render("plan", "terminal", plan, width=100)
    entry = _entry_lines(text, RECOMMENDED)
    assert RECOMMENDED_DESIGN in entry
    assert "distortion risk low" in entry and "class is medium" in entry
    assert all(len(line) <= 100 for line in text.splitlines())


def test_the_terminal_detail_shows_both_designs(plan):
    # the set-aside table wraps its detail column; its other columns are blank on continuation lines
    text = " ".join(render("plan", "terminal", plan, width=200, detail=True).replace("│", " ").split())
    assert RECOMMENDED_DESIGN in text and SET_ASIDE_DESIGN in text


def test_the_markdown_plan_shows_both_designs(plan):
    text = render("plan", "markdown", plan)
    row = next(line for line in text.splitlines() if f"`{RECOMMENDED}`" in line)
    assert RECOMMENDED_DESIGN in row
    row = next(line for line in text.splitlines() if f"`{SET_ASIDE}`" in line)
    assert SET_ASIDE_DESIGN in row


def test_the_json_plan_carries_the_design_on_strategy_items_and_set_asides(plan):
    data = json.loads(render("plan", "json", plan))
    item = next(i for i in data["strategy"] if i["instrument"]["id"] == RECOMMENDED)
    assert item["assessment"]["design"] == RECOMMENDED_DESIGN
    aside = next(s for s in data["deferred"] + data["discarded"] if s["instrument"]["id"] == SET_ASIDE)
    assert aside["design"] == SET_ASIDE_DESIGN
    assert SET_ASIDE_DESIGN in aside["detail"]
    others = [s for s in data["deferred"] + data["discarded"] if s["instrument"]["id"] != SET_ASIDE and "design" in s]
    assert others and all(s["design"] is None for s in others)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_explain_shows_the_design(plan, fmt):
    for instrument, design in ((RECOMMENDED, RECOMMENDED_DESIGN), (SET_ASIDE, SET_ASIDE_DESIGN)):
        text = " ".join(render("explanation", fmt, explain(plan, instrument), width=200).split())
        assert design in text, (fmt, instrument)


@pytest.mark.parametrize("fmt", [ReportFormat.html, ReportFormat.markdown])
def test_the_text_reports_show_both_designs(plan, fmt):
    text = render_report(plan, fmt).decode("utf-8")
    # the executive brief's table and the detailed strategy table each name the recommended design
    assert text.count(RECOMMENDED_DESIGN) >= 2
    assert SET_ASIDE_DESIGN in text


def test_the_word_report_shows_both_designs(plan):
    document = docx.Document(io.BytesIO(render_report(plan, ReportFormat.docx)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert sum(RECOMMENDED_DESIGN in c for c in cells) >= 2
    assert any(SET_ASIDE_DESIGN in c for c in cells)
