"""The implementation section (issue 14) states what the JSON plan states, in every report format: the failures
answered, the spillover channels opened and closed, the balance, the network-governance check, the monitoring
plan and CLUSNET's four hindering behaviours (Figure 23) as a risk checklist."""

from __future__ import annotations

import io

import lxml.html
import pytest

from toolbox.render.interaction_text import words
from toolbox.render.json_out import plan_dict
from toolbox.render.report import ReportFormat, render


def _text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def westhaven(example_plans):
    return example_plans["westhaven_film_network"]


def test_html_section_holds_the_plans_figures(westhaven):
    data = plan_dict(westhaven)
    doc = lxml.html.document_fromstring(render(westhaven, ReportFormat.html).decode("utf-8"))
    section = doc.get_element_by_id("implementation")
    text = _text(section)
    rows = section.find_class("monitoring")[0].xpath(".//tbody/tr")
    assert len(rows) == len(data["monitoring"])
    assert [_text(r.xpath("./td")[2]) for r in rows] == [m["indicator"] for m in data["monitoring"]]
    channels = section.find_class("channels")[0].xpath(".//tbody/tr")
    closed = [_text(r.xpath("./th")[0]) for r in channels if _text(r.xpath("./td")[1]) == "closed"]
    assert closed == [words(c) for c in data["spillovers"]["closed"]]
    for failure in data["rationales"]["addressed"]:
        assert f"{words(failure)} failure" in text
    assert "Network governance fits" in text
    assert "Social mechanisms to build with the network partners: restricted access, macroculture, collective " \
           "sanctions (already working: reputation)" in text
    for d in data["governance"]["digital"]:
        assert f"(digital form: {words(d['form'])})" in text
    for b in data["hindering_behaviours"]:
        assert f"\u2610 {b['name']}: {b['description']}" in text


def test_markdown_and_word_hold_the_same_checklist_and_indicators(westhaven):
    import docx

    data = plan_dict(westhaven)
    md = render(westhaven, ReportFormat.markdown).decode("utf-8")
    document = docx.Document(io.BytesIO(render(westhaven, ReportFormat.docx)))
    word = "\n".join(p.text for p in document.paragraphs)
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    for b in data["hindering_behaviours"]:
        assert f"- [ ] **{b['name']}**: {b['description']}" in md
        assert f"\u2610 {b['name']}: {b['description']}" in word
    for m in data["monitoring"]:
        assert m["indicator"] in cells
    assert "Network governance fits" in md and "Network governance fits" in word


def test_a_plan_without_exchange_conditions_has_no_governance_part(example_plans):
    plan = example_plans["greater_arntown_widgets"]
    md = render(plan, ReportFormat.markdown).decode("utf-8")
    assert "### Network governance" not in md and "### Monitoring plan" in md


def test_no_strategy_says_there_is_nothing_to_monitor(example_plans):
    plan = example_plans["eastmoor_no_potential"]
    md = render(plan, ReportFormat.markdown).decode("utf-8")
    assert "No instrument is recommended, so there is nothing to monitor." in md
