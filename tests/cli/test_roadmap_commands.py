"""`toolbox plan --years N` and budget.years: the roadmap's JSON contract, its terminal and Markdown blocks, the
reports' roadmap section and charts, and its bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARNTOWN = ROOT / "examples" / "greater_arntown_widgets.yaml"
LAKESIDE = ROOT / "examples" / "lakeside_medtech_tight_budget.yaml"


def _with_budget(tmp_path: Path, budget: str, in_place: str = "in_place: [job_fairs]") -> Path:
    """Greater Arntown with another budget section (the example's other sections unchanged)."""
    text = ARNTOWN.read_text(encoding="utf-8")
    head, _, tail = text.partition("budget:\n")
    rest = tail.split("\n", 2)[2]  # drop the example's two budget lines (amount, currency)
    rest = rest.replace("in_place: [job_fairs]", in_place)
    path = tmp_path / "region.yaml"
    path.write_text(head + budget + "\n" + rest, encoding="utf-8")
    return path


def test_json_contract_of_a_roadmap(run):
    data = json.loads(run("plan", LAKESIDE, "--years", "5", "--format", "json").stdout)
    years = data["roadmap"]
    assert [y["year"] for y in years] == [1, 2, 3, 4, 5]
    for y in years:
        assert set(y) >= {"year", "budget", "spent", "instruments"}
        assert y["spent"] <= y["budget"]
        assert y["spent"] == pytest.approx(sum(i["cost"] for i in y["instruments"]), abs=1e-3)
        for i in y["instruments"]:
            assert set(i) >= {"id", "name", "start_year", "end_year", "effect_year", "cost"}
            assert i["start_year"] <= y["year"]
    details = data["roadmap_details"]
    assert details["horizon"] == 5 and details["proven_optimal"] is True
    assert {d["reason"] for d in details["first_year_differences"]} <= {"first_year_budget", "exact_set", "timing",
                                                                       "quick_wins"}
    for d in details["first_year_differences"]:
        assert d["detail"] and set(d["instrument"]) == {"id", "name"}
    # every instrument started once: one start year per id across the years
    starts: dict[str, int] = {}
    for y in years:
        for i in y["instruments"]:
            assert starts.setdefault(i["id"], i["start_year"]) == i["start_year"]


def test_without_years_the_plan_has_no_roadmap(run):
    data = json.loads(run("plan", ARNTOWN, "--format", "json").stdout)
    assert data["roadmap"] is None and data["roadmap_details"] is None


def test_budget_years_in_the_profile_give_a_roadmap_with_calendar_years(run, tmp_path):
    path = _with_budget(tmp_path, "budget:\n  years: [200000, 300000, 400000]\n  first_year: 2027\n"
                                  "  pays_for_in_place: [job_fairs]")
    data = json.loads(run("plan", path, "--format", "json").stdout)
    assert [y["year"] for y in data["roadmap"]] == [2027, 2028, 2029]
    assert [y["budget"] for y in data["roadmap"]] == [200000, 300000, 400000]
    assert data["budget"]["amount"] == 200000  # the first year's amount stands for the single-year strategy
    for y in data["roadmap"]:
        assert {"id": "job_fairs", "in_place": True}.items() <= next(
            i for i in y["instruments"] if i["id"] == "job_fairs").items()
    # --years takes the first N of the listed years
    short = json.loads(run("plan", path, "--years", "2", "--format", "json").stdout)
    assert [y["year"] for y in short["roadmap"]] == [2027, 2028]


def test_more_years_than_the_profile_lists_is_bad_input(run, tmp_path):
    path = _with_budget(tmp_path, "budget:\n  years: [200000, 300000]")
    result = run("plan", path, "--years", "4")
    assert result.exit_code == 2
    assert "region.yaml:" in result.stderr and "budget.years: --years 4 asks for more years than budget.years gives (2)" \
        in result.stderr


@pytest.mark.parametrize("value", ["0", "31", "two"])
def test_years_out_of_range_is_a_usage_error(run, value):
    result = run("plan", ARNTOWN, "--years", value)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_terminal_summary_has_one_roadmap_line_and_detail_the_tables(run):
    summary = run("plan", ARNTOWN, "--years", "5").stdout
    assert summary.count("Roadmap over 5 year(s)") == 1
    assert "Budget by year" not in summary
    detail = run("plan", ARNTOWN, "--years", "5", "--detail").stdout
    assert "Roadmap (5 years)" in detail and "Budget by year" in detail
    # Northfield: the long-lead lobbying is in the single-year strategy but not started: the reason is worded
    northfield = run("plan", ROOT / "examples" / "northfield_software_nascent.yaml", "--years", "5", "--detail").stdout
    assert "takes effect 4 year(s) after its start" in northfield


def test_markdown_has_the_roadmap_section(run):
    text = run("plan", ARNTOWN, "--years", "5", "--format", "markdown").stdout
    assert "## Roadmap (5 years)" in text and "| Year | Budget | Spent | Value in effect |" in text


@pytest.mark.parametrize("suffix", [".html", ".md", ".docx"])
def test_reports_carry_the_roadmap_section_and_charts(run, tmp_path, suffix):
    out = tmp_path / ("report" + suffix)
    result = run("report", ARNTOWN, "--years", "5", "-o", out)
    assert result.exit_code == 0, result.output
    if suffix == ".html":
        html = out.read_text(encoding="utf-8")
        assert '<section id="roadmap"' in html and 'id="chart-gantt-title"' in html and 'id="chart-yearly-costs-title"' in html
        assert "Phased roadmap" in html
    elif suffix == ".md":
        assert "Phased roadmap" in out.read_text(encoding="utf-8")
    else:
        from docx import Document

        doc = Document(str(out))
        texts = [p.text for p in doc.paragraphs]
        assert any("Phased roadmap" in t for t in texts)
        assert len(doc.inline_shapes) >= 5  # diagnosis, scores, network, Gantt, yearly costs


def test_report_without_years_has_no_roadmap_section(run, tmp_path):
    out = tmp_path / "r.html"
    assert run("report", ARNTOWN, "-o", out).exit_code == 0
    assert '<section id="roadmap"' not in out.read_text(encoding="utf-8")


def test_the_same_roadmap_twice_gives_the_same_bytes(run):
    a = run("plan", LAKESIDE, "--years", "5", "--format", "json").stdout_bytes
    b = run("plan", LAKESIDE, "--years", "5", "--format", "json").stdout_bytes
    assert a == b
