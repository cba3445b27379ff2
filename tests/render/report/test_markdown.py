"""The Markdown report: same sections, charts as text, tables that profile text cannot break."""

from __future__ import annotations

import re

import pytest

from tests.render.report.tools import EXAMPLES
from toolbox.render.json_out import plan_dict
from toolbox.render.report import ReportFormat, render
from toolbox.render.report.gaps_view import sections_for
from toolbox.render.report.view import SECTIONS

CASES = [p.stem for p in EXAMPLES] + ["hostile"]


@pytest.fixture
def case(request, example_plans, hostile_plan):
    plan = hostile_plan if request.param == "hostile" else example_plans[request.param]
    return plan, render(plan, ReportFormat.markdown).decode("utf-8")


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_sections_and_tables(case):
    plan, text = case
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == [f"{n}. {t}" for n, (_, t) in enumerate(
        sections_for(SECTIONS, plan.gaps is not None, plan.organisation is not None), start=1)]
    assert "<" not in re.sub(r"&lt;", "", text)  # no raw HTML from anywhere
    table = None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = len(re.findall(r"(?<!\\)\|", line))
            if table is None:
                table = cells
            assert cells == table, line  # an escaped | in profile text never adds a column
        else:
            table = None
    data = plan_dict(plan)
    for s in data["strategy"]:
        assert re.search(rf"^\| {s['rank']} \| .*\(`{s['instrument']['id']}`\) \| {s['score']:.3f} \|", text, re.MULTILINE)
    for key in ("deferred", "discarded", "in_place"):
        for e in data[key]:
            assert f"(`{e['instrument']['id']}`)" in text
    assert "Figure 1 (text alternative)" in text
