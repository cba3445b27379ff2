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


def _at(columns: int, *args):
    from typer.testing import CliRunner

    from cli import app

    return CliRunner().invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": str(columns),
                                                                "TOOLBOX_KB": ""})


def _lines_have_words(text: str) -> set[str]:
    """Every maximal run of id characters in `text`, as the terminal shows it."""
    import re

    return set(re.findall(r"[a-z0-9_]+", text))


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("table", ["mechanisms", "instruments", "agents"])
def test_list_never_cuts_an_id_and_fits_the_width(run, table, columns):
    # issue 10: at 80 and 100 columns `kb list instruments` cut ids off ("direct_job_…") and `kb list mechanisms`
    # padded each row with about ten blank lines
    data = json.loads(run("kb", "list", table, "--format", "json").stdout)
    ids = [r["id"] for r in data["rows"]]
    result = _at(columns, "kb", "list", table)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in result.stdout
    words = _lines_have_words(result.stdout)
    assert [i for i in ids if i not in words] == []
    # a piece of an id split over two lines shows as a word that is the start or the end of an id
    known = {r["id"] for t in ("mechanisms", "instruments", "agents")
             for r in json.loads(run("kb", "list", t, "--format", "json").stdout)["rows"]}
    pieces = [w for w in words if "_" in w and w not in known and any(i != w and (i.startswith(w) or i.endswith(w))
                                                                       for i in known)]
    assert pieces == []
    # a row is as tall as its name or its attributes, never padded with empty lines
    blank = [line for line in lines if set(line.strip()) <= {"│", " "} and line.strip()]
    assert blank == []


def test_list_csv_and_json_hold_the_same_rows(run):
    as_json = json.loads(run("kb", "list", "instruments", "--format", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(run("kb", "list", "instruments", "--format", "csv").stdout)))
    assert as_json["table"] == "instruments" and len(as_json["rows"]) == len(as_csv) == 45  # Benner, Table 3
    first = as_json["rows"][0]
    assert as_csv[0]["id"] == first["id"] and as_csv[0]["mechanisms"] == ";".join(first["mechanisms"])
    assert list(as_csv[0]) == list(first)


def test_list_csv_by_level_to_a_file(run, tmp_path):
    target = tmp_path / "agents.csv"
    result = run("kb", "list", "agents", "--level", "local", "--format", "csv", "-o", target)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows and {r["level"] for r in rows} == {"local"}
    assert run("kb", "list", "agents", "-f", "csv", "-o", target).exit_code == 2


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


def test_an_indirect_instrument_shows_and_exports_its_influence(run):
    """The policy barrier's "directly or more indirectly" (data/instruments.yaml, `influence`)."""
    out = " ".join(run("kb", "show", "education_science_lobbying").stdout.split())
    assert "influence indirect: Editorial assessment." in out
    assert "influence" not in run("kb", "show", "job_fairs").stdout
    data = json.loads(run("kb", "export", "--format", "json").stdout)
    modes = {i["id"]: i["influence"] for i in data["instruments"]}
    assert modes["education_science_lobbying"]["mode"] == "indirect" and modes["job_fairs"] is None
    rows = list(csv.DictReader(io.StringIO(run("kb", "export", "--format", "csv", "--table", "instruments").stdout)))
    assert {r["id"]: r["influence"] for r in rows}["education_science_lobbying"] == "indirect"
    assert {r["influence"] for r in rows} == {"direct", "indirect"}


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
