"""Long lists in a report: the first SHOWN rows, and a line saying how many more there are, in every format."""

from __future__ import annotations

import io

from toolbox.render.report import ReportFormat, render
from toolbox.render.report import view as view_module
from toolbox.render.report.view import build_view


def test_a_list_longer_than_shown_is_cut_with_a_count_line(example_plans, monkeypatch):
    plan = example_plans["greater_arntown_widgets"]  # 18 deferred, 16 discarded (plan --format json)
    monkeypatch.setattr(view_module, "SHOWN", 16)
    view = build_view(plan)
    assert [r.id for r in view.deferred] == [s.instrument for s in plan.deferred[:16]]
    assert view.left_out == {"deferred": 2}  # 16 discarded: not more than SHOWN, so whole
    assert [r.id for r in view.discarded] == [s.instrument for s in plan.discarded]
    line = view.more("deferred")
    assert line == "The first 16 of 18 are shown; 2 more are not. toolbox plan --format json lists them all."
    assert view.more("discarded") == ""
    assert dict(view.kpis)["Deferred"] == "18"  # figures still count the whole list

    assert line in render(plan, ReportFormat.markdown).decode()
    assert line in render(plan, ReportFormat.html).decode()
    from docx import Document

    doc = Document(io.BytesIO(render(plan, ReportFormat.docx)))
    assert line in [p.text for p in doc.paragraphs]


def test_shipped_examples_are_not_cut(example_plans):
    for plan in example_plans.values():
        assert build_view(plan).left_out == {}
