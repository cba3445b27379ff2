"""The reports show the portfolio fields when the plan has them: what each instrument adds, the deficits left
unserved with their reason, how the set was chosen, and the overlapping pairs."""

from __future__ import annotations

import io

import docx
import lxml.html
import pytest

from tests.render.filled import PORTFOLIO, UNSERVED, emptied, filled
from toolbox.render.report import ReportFormat, render


@pytest.fixture(scope="module")
def plan(example_plans):
    return filled(example_plans["greater_arntown_widgets"])


def test_html(plan):
    doc = lxml.html.document_fromstring(render(plan, ReportFormat.html).decode("utf-8"))
    summary = doc.get_element_by_id("summary")
    body = " ".join(summary.text_content().split())
    assert [th.text_content() for th in summary.find_class("brief")[0].findall(".//thead//th")][-1] == "Adds"
    rows = summary.find_class("brief")[0].findall(".//tbody/tr")
    assert [tr.findall("td")[-1].text_content() for tr in rows] == [f"{i.marginal_value:.3f}" for i in plan.strategy]
    (item,) = summary.find_class("unserved")[0].findall("li")
    assert " ".join(item.text_content().split()) == (
        "venture capital (deficit 2): its instruments did not fit the budget; acting on it: "
        "venture capital fund allocation, incubators with venture capital")
    assert f"value {PORTFOLIO.value:.3f}, greedy {PORTFOLIO.greedy_value:.3f} (gap +0.250)" in body
    assert "Overlapping pairs in the strategy:" in body


def test_markdown(plan):
    text = render(plan, ReportFormat.markdown).decode("utf-8")
    assert "| Rank | Instrument | Mechanisms addressed | Cost a year | Adds |" in text
    assert "### Deficits left unserved" in text and f"(deficit {UNSERVED.deficit})" in text
    assert "gap +0.250" in text


def test_docx(plan):
    document = docx.Document(io.BytesIO(render(plan, ReportFormat.docx)))
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Rank", "Instrument", "Mechanisms addressed", "Cost a year", "Adds"] in headers
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Deficits left unserved" in body and "its instruments did not fit the budget" in body
    assert "gap +0.250" in body and "Overlapping pairs in the strategy:" in body


def test_without_them_nothing_is_shown(example_plans):
    plan = emptied(example_plans["greater_arntown_widgets"])
    html = render(plan, ReportFormat.html).decode("utf-8")
    assert "Deficits left unserved" not in html and "Portfolio:" not in html and ">Adds<" not in html
