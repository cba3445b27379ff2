"""`plan --robustness`, and robustness in explain, compare and the reports: the JSON contract and the words."""

from __future__ import annotations

import json

EXAMPLE = "examples/greater_arntown_widgets.yaml"
BUDGET = "examples/lakeside_medtech_tight_budget.yaml"


def _plan(run, *args):
    result = run("plan", EXAMPLE, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_without_robustness_the_fields_are_there_and_null(run):
    data = _plan(run)
    assert data["robustness"] is None
    for entry in data["strategy"] + data["deferred"] + data["discarded"]:
        assert entry["inclusion"] is None and entry["rank_acceptability"] is None


def test_the_json_contract_with_robustness(run):
    data = _plan(run, "--robustness", "--draws", "500", "--seed", "3")
    r = data["robustness"]
    assert (r["seed"], r["draws"], r["method"]) == (3, 500, "threshold")
    assert set(r["agreement"]) == {"sample", "same", "share", "binding_in_sample", "binding_draws", "shortfall",
                                   "detail"}
    depth = {len(i["rank_acceptability"]) for i in r["instruments"]}
    assert len(depth) == 1  # every instrument has a share at each rank, zeros included
    by_id = {i["id"]: i for i in r["instruments"]}
    for item in data["strategy"]:
        row = by_id[item["instrument"]["id"]]
        assert item["inclusion"] == row["inclusion"] and item["rank_acceptability"] == row["rank_acceptability"]
        assert row["rank"] == item["rank"]
        assert (row["id"] in r["core"]) == (row["inclusion"] >= 0.9)
        assert (row["id"] in r["fragile"]) == (row["inclusion"] < 0.9)
        assert [w["against"] for w in row["winning_index"]]  # its neighbours in the plan's order
    for s in r["sensitivity"]:
        assert s["input"] in ("weight", "empirical_support", "policy_influence", "distortion_risk", "cost",
                              "observed")
        assert s["shift"] >= 0.05 and abs(s["change"]) == s["shift"] and s["detail"]


def test_the_same_seed_gives_the_same_bytes(run):
    args = ("plan", EXAMPLE, "--format", "json", "--draws", "300", "--seed", "11")
    assert run(*args).stdout == run(*args).stdout
    assert run(*args).stdout != run("plan", EXAMPLE, "--format", "json", "--draws", "300", "--seed", "12").stdout


def test_seed_or_draws_imply_robustness_and_are_checked(run):
    assert _plan(run, "--seed", "1", "--draws", "100")["robustness"]["draws"] == 100
    result = run("plan", EXAMPLE, "--draws", "5")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_binding_budget_says_how_the_draws_were_solved(run):
    result = run("plan", BUDGET, "--format", "json", "--robustness", "--draws", "300")
    r = json.loads(result.stdout)["robustness"]
    assert r["method"] == "greedy_within_budget"
    assert r["agreement"]["binding_draws"] > 0 and "greedy passes within the budget" in r["agreement"]["detail"]


def test_the_terminal_summary_gives_a_column_and_one_line(run):
    plain = run("plan", EXAMPLE).stdout
    result = run("plan", EXAMPLE, "--robustness", "--draws", "300")
    assert result.exit_code == 0
    assert "Draws" in result.stdout and "Robustness (300 draws)" in result.stdout
    assert len(result.stdout.splitlines()) <= len(plain.splitlines()) + 3  # the summary still fits one screen
    detail = run("plan", EXAMPLE, "--robustness", "--draws", "300", "--detail").stdout
    assert "Robust core:" in detail and "Fragile picks:" in detail


def test_markdown_explain_and_compare_show_it(run):
    md = run("plan", EXAMPLE, "-f", "markdown", "--robustness", "--draws", "300").stdout
    assert "## Robustness" in md and "| Instrument | Plan rank | In strategy |" in md
    explained = json.loads(run("explain", EXAMPLE, "networking_events", "-f", "json", "--draws", "300").stdout)
    assert explained["robustness"]["draws"] == 300 and 0 <= explained["robustness"]["inclusion"] <= 1
    assert "Robustness (300 draws" in run("explain", EXAMPLE, "networking_events", "--draws", "300").stdout
    compared = json.loads(run("compare", EXAMPLE, BUDGET, "-f", "json", "--draws", "300").stdout)
    assert all(r["robust_picks"] is not None for r in compared["regions"])
    cells = [c for i in compared["instruments"] for c in i["regions"]]
    assert all((c["inclusion"] is None) == (c["outcome"] == "in_place") for c in cells)  # in place: never drawn


def test_the_report_always_has_the_robustness_section_and_chart(run, tmp_path):
    target = tmp_path / "r.html"
    result = run("report", EXAMPLE, "-o", target, "--draws", "300")
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert '<section id="robustness"' in html and 'id="chart-robustness-title"' in html and "robust core" in html
