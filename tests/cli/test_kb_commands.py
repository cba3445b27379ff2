"""`toolbox kb …` and the root options, through Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest

from toolbox import __version__


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"toolbox {__version__}"


@pytest.mark.parametrize("command", [[], ["plan"], ["explain"], ["init"], ["schema"], ["kb"], ["kb", "list"],
                                     ["kb", "show"], ["kb", "validate"], ["kb", "export"], ["report"],
                                     ["compare"], ["audit"], ["audit", "multicausality"]])
def test_every_command_has_help_with_an_example(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    if command and command not in (["kb"], ["audit"]):
        assert "Example" in result.stdout


def test_validate_ok(run):
    result = run("kb", "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 12 mechanisms, 45 instruments (84 links), 80 agent types")


def test_export_json_contract(run):
    result = run("kb", "export", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"mechanisms", "instruments", "agents", "contributions"}
    m = data["mechanisms"][0]
    assert set(m) >= {"id", "name", "strength", "source"} and set(m["strength"]) == {"supranational", "national", "regional", "local"}
    i = data["instruments"][0]
    assert set(i) >= {"id", "name", "mechanisms", "source"} and isinstance(i["mechanisms"], list)
    a = data["agents"][0]
    assert set(a) >= {"id", "name", "group", "level", "source"}
    c = data["contributions"][0]
    assert set(c) >= {"instrument", "agent", "types"} and isinstance(c["types"], list)
    agent_ids = {x["id"] for x in data["agents"]}
    assert all(c["agent"] in agent_ids for c in data["contributions"])
    assert sum(len(i["mechanisms"]) for i in data["instruments"]) == 84  # Benner, Table 3


def test_export_yaml_round_trips_to_the_same_data(run):
    import yaml

    as_json = json.loads(run("kb", "export", "--format", "json").stdout)
    as_yaml = yaml.load(run("kb", "export", "--format", "yaml").stdout, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert as_yaml == as_json


def test_export_csv_table_and_directory(run, tmp_path):
    result = run("kb", "export", "--format", "csv", "--table", "links")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 84
    result = run("kb", "export", "--format", "csv", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agents.csv", "contributions.csv", "instruments.csv",
                                                          "links.csv", "mechanisms.csv"]
    result = run("kb", "export", "--format", "csv")
    assert result.exit_code == 2
    assert "--table" in result.output


def test_export_to_file_refuses_to_overwrite(run, tmp_path):
    target = tmp_path / "kb.json"
    assert run("kb", "export", "-o", target).exit_code == 0
    result = run("kb", "export", "-o", target)
    assert result.exit_code == 2 and "--force" in result.output
    assert run("kb", "export", "-o", target, "--force").exit_code == 0


@pytest.mark.parametrize("table,expected", [("mechanisms", "social_networks"), ("instruments", "innovation_vouchers"),
                                            ("agents", "regional_cluster_management")])
def test_list(run, table, expected):
    result = run("kb", "list", table)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_list_agents_by_level(run):
    result = run("kb", "list", "agents", "--level", "local")
    assert result.exit_code == 0, result.output
    assert "local_cluster_management" in result.stdout
    assert "regional_cluster_management" not in result.stdout


def test_show_instrument_has_links_contributions_and_provenance(run):
    result = run("kb", "show", "education_science_lobbying")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("graduate_recruitment", "research_cooperation", "education_science_policy",
                     "contributions, regional", "regional_cluster_management", "benner, Table 3"):
        assert expected in out


def test_show_mechanism_lists_its_instruments(run):
    result = run("kb", "show", "venture_capital")
    assert result.exit_code == 0, result.output
    assert "instruments (3)" in result.stdout  # Table 3 lists three instruments for venture capital


def test_show_unknown_id_is_a_usage_error(run):
    result = run("kb", "show", "venture_capitol")
    assert result.exit_code == 2
    assert "did you mean 'venture_capital'" in result.output
    assert "Traceback" not in result.output


def test_validate_reports_every_error_in_a_user_kb(run, tmp_path):
    (tmp_path / "instruments.yaml").write_text(
        "instruments:\n"
        "  - id: cluster_hackathon\n"
        "    name: Cluster hackathon\n"
        "    name: Again\n"
        "    description: A weekend event.\n"
        "    mechanisms: [student_work, spinof_formation]\n"
        "    cost_class: low\n"
        "    distortion_risk: low\n"
        "    time_to_effect: short\n"
        "    delivery: project\n"
        "    policy_field: cluster_policy\n"
        "    gapz: [education]\n"
        "    source: {rationale: Ours.}\n", encoding="utf-8")
    result = run("kb", "validate", "--kb", tmp_path)
    assert result.exit_code == 2
    out = result.output
    assert "instruments.yaml:4: instruments[0].name: duplicate key 'name' (first at line 3)" in out
    assert ("instruments.yaml:6: instruments[0].mechanisms[1]: unknown mechanism 'spinof_formation' "
            "(did you mean 'spinoff_formation'?)") in out
    assert "instruments.yaml:12: instruments[0].gapz: unknown field 'gapz' (did you mean 'gaps'?)" in out
    assert "Traceback" not in out


def test_kb_from_environment_variable(run, tmp_path):
    (tmp_path / "mechanisms.yaml").write_text("mechanisms: []\nextra: 1\n", encoding="utf-8")
    from typer.testing import CliRunner

    from cli import app

    result = CliRunner().invoke(app, ["kb", "validate"], env={"NO_COLOR": "1", "TOOLBOX_KB": str(tmp_path)})
    assert result.exit_code == 2
    assert "unknown section 'extra'" in result.output
