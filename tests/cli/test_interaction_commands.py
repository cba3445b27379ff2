"""`toolbox monitoring` (the monitoring plan as a CSV template), `toolbox audit spillovers`, and the JSON contract
of the interaction side of a plan (issue 14, parts C-E)."""

from __future__ import annotations

import csv
import io
import json

from toolbox.render.interaction_text import MONITORING_COLUMNS

ARNTOWN = "examples/greater_arntown_widgets.yaml"
WESTHAVEN = "examples/westhaven_film_network.yaml"


def _plan(run, path):
    result = run("plan", path, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_csv_template_has_one_row_per_indicator_and_empty_baseline_and_target(run):
    result = run("monitoring", ARNTOWN)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == MONITORING_COLUMNS
    plan = _plan(run, ARNTOWN)
    assert len(rows) - 1 == len(plan["monitoring"]) > 0
    by_name = dict(zip(rows[0], zip(*rows[1:])))
    assert set(by_name["instrument"]) == {s["instrument"]["id"] for s in plan["strategy"]}
    assert set(by_name["level"]) == {"cluster", "interaction", "collaboration"}
    for column in ("baseline", "baseline_year", "target", "target_year", "data_source"):
        assert set(by_name[column]) == {""}


def test_the_template_is_written_atomically_and_never_over_a_file_without_force(run, tmp_path):
    target = tmp_path / "plan.csv"
    assert run("monitoring", ARNTOWN, "-o", target).exit_code == 0
    first = target.read_bytes()
    target.write_text("my filled-in figures\n")
    refused = run("monitoring", ARNTOWN, "-o", target)
    assert refused.exit_code == 2 and target.read_text() == "my filled-in figures\n"
    assert run("monitoring", ARNTOWN, "-o", target, "--force").exit_code == 0
    assert target.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_plan_without_strategy_gives_the_header_only(run):
    result = run("monitoring", "examples/eastmoor_no_potential.yaml")
    assert result.exit_code == 0 and result.stdout.splitlines() == [",".join(MONITORING_COLUMNS)]


def test_a_bad_profile_ends_with_exit_2_and_a_located_message(run):
    result = run("monitoring", "tests/bad_input/profiles/bad_exchange_degree.yaml")
    assert result.exit_code == 2
    assert "bad_exchange_degree.yaml:10: exchange_conditions.task_uncertainty" in result.output
    assert "Traceback" not in result.output


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted():
    from toolbox.render.monitoring_csv import monitoring_csv
    from toolbox.engine.result import IndicatorRow, Plan

    plan = Plan.__new__(Plan, *([None] * len(Plan._fields)))._replace(
        monitoring=(IndicatorRow(1, "x", "=HYPERLINK(\"http://evil\")", "cluster", "actors_mapped", "+1"),))
    row = list(csv.reader(io.StringIO(monitoring_csv(plan))))[1]
    assert row[2].startswith("'=") and row[5] == "'+1"


def test_json_contract_of_the_interaction_side(run):
    data = _plan(run, WESTHAVEN)
    assert set(data["monitoring"][0]) == {"rank", "instrument", "level", "measure", "indicator", "baseline", "target"}
    s = data["spillovers"]
    assert set(s) == {"channels", "opened", "closed", "horizon", "unassessed"}
    assert len(s["channels"]) == 10 and set(s["opened"]) | set(s["closed"]) == {c["id"] for c in s["channels"]}
    assert set(s["horizon"]) == {"short_term", "future_oriented", "short_term_cost", "future_oriented_cost", "balance"}
    r = data["rationales"]
    assert [f["id"] for f in r["failures"]] == ["market", "government", "systemic"]
    assert r["addressed"] == [f["id"] for f in r["failures"] if f["instruments"]]
    g = data["governance"]
    assert g["fit"] == "fits" and g["network_it"] is True
    assert g["social_mechanisms_present"] == ["reputation"]
    assert g["social_mechanisms_to_build"] == ["restricted_access", "macroculture", "collective_sanctions"]
    assert {d["instrument"]["id"] for d in g["digital"]} <= {i["instrument"]["id"] for i in data["strategy"]}
    assert [b["name"] for b in data["hindering_behaviours"]] == [
        "The Bridge Keeper", "The Resourceless Supporter", "The Braker", "The Reluctant Boss"]


def test_a_profile_without_exchange_conditions_has_no_governance(run):
    assert _plan(run, ARNTOWN)["governance"] is None


def test_audit_spillovers_with_a_profile_says_what_is_closed_and_what_could_open_it(run):
    result = run("audit", "spillovers", "--profile", ARNTOWN, "--format", "json")
    assert result.exit_code == 0, result.output
    audit = json.loads(result.stdout)
    plan = _plan(run, ARNTOWN)
    assert audit["closed"] == plan["spillovers"]["closed"]
    assert audit["horizon"] == plan["spillovers"]["horizon"]
    for c in audit["channels"]:
        assert c["open"] == bool(c["in_strategy"]) and set(c["in_strategy"]) <= set(c["instruments"])
    table = run("audit", "spillovers", "--profile", ARNTOWN)
    assert table.exit_code == 0 and "closed" in table.stdout and "Balance:" in table.stdout


def test_audit_spillovers_of_the_knowledge_base(run):
    result = run("audit", "spillovers", "--format", "json")
    assert result.exit_code == 0, result.output
    audit = json.loads(result.stdout)
    assert audit["region"] is None and audit["closed"] is None
    assert audit["knowledge_base"]["short_term"] + audit["knowledge_base"]["future_oriented"] == 45
    assert all(c["instruments"] for c in audit["channels"])
