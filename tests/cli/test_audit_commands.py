"""`toolbox audit multicausality` and `toolbox compare` through Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARNTOWN = "examples/greater_arntown_widgets.yaml"
LAKESIDE = "examples/lakeside_medtech_tight_budget.yaml"


@pytest.mark.parametrize("command", [["audit", "multicausality"], ["compare"]])
def test_help_has_an_example(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example: toolbox " + command[0] in result.stdout


def test_audit_group_help(run):
    result = run("audit", "--help")
    assert result.exit_code == 0, result.output
    assert "multicausality" in result.stdout


def test_help_does_not_import_networkx():
    code = ("import sys; import cli; "
            "assert 'networkx' not in sys.modules, 'networkx imported at --help time'; "
            "assert not any(m.startswith('toolbox.audit') for m in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_audit_table(run):
    result = run("audit", "multicausality")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("Multicausality audit", "education_science_lobbying", "research_cooperation",
                     "thin (≤ 3)", "Minimum cover: 6 instrument(s)", "Key agents", "regional_cluster_management"):
        assert expected in out
    assert "… 30 more" in out
    assert "… 43 more" in run("audit", "multicausality", "--top", "2").stdout


def test_audit_json_reproduces_table_3(run):
    result = run("audit", "multicausality", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first = data["instruments"][0]
    # Table 3: lobbying for education and science policy is listed under five mechanisms
    assert first["id"] == "education_science_lobbying" and first["mechanism_count"] == 5
    counts = {m["id"]: m["instrument_count"] for m in data["mechanisms"]}
    assert counts["research_cooperation"] == 17 == max(counts.values())  # Table 3: 17 bullet points
    assert data["minimum_cover"]["size"] == 6 and data["summary"]["links"] == 84
    assert data["redundant_pairs"] is None and data["scope"]["weighting"] == "count"


def test_audit_with_profile(run):
    result = run("audit", "multicausality", "--profile", ARNTOWN, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scope"]["weighting"] == "need" and data["scope"]["region"] == "Greater Arntown"
    deficient = set(data["scope"]["deficient_mechanisms"])
    assert set(data["minimum_cover"]["target"]) == deficient
    strategy = set(data["scope"]["strategy"])
    assert all({p["a"], p["b"]} <= strategy for p in data["redundant_pairs"])
    table = run("audit", "multicausality", "-p", ARNTOWN)
    assert table.exit_code == 0, table.output
    assert "Greater Arntown" in table.stdout and "Possibly redundant" in table.stdout


def test_audit_on_a_level(run):
    data = json.loads(run("audit", "multicausality", "--level", "regional", "--format", "json").stdout)
    assert data["scope"]["weighting"] == "strength"
    assert data["instruments"][0]["reach"] == 15  # five mechanisms, strong on the regional level (Table 2)
    assert {a["level"] for a in data["agents"]} == {"regional"}


def test_audit_csv_tables(run, tmp_path):
    result = run("audit", "multicausality", "--format", "csv", "--table", "instruments")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 45 and rows[0]["id"] == "education_science_lobbying" and rows[0]["mechanism_count"] == "5"
    matrix = list(csv.reader(io.StringIO(run("audit", "multicausality", "-f", "csv", "--table", "jaccard").stdout)))
    assert len(matrix) == 46 and len(matrix[0]) == 46
    result = run("audit", "multicausality", "-f", "csv", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{n}.csv" for n in ("instruments", "mechanisms", "overlap", "jaccard", "cover", "agents"))
    again = run("audit", "multicausality", "-f", "csv", "-o", tmp_path)
    assert again.exit_code == 2 and "already exists" in again.output
    assert run("audit", "multicausality", "-f", "csv", "-o", tmp_path, "--force").exit_code == 0
    assert run("audit", "multicausality", "-f", "csv").exit_code == 2


def test_graphml_file_reads_back(run, tmp_path):
    target = tmp_path / "toolbox.graphml"
    result = run("audit", "multicausality", "--format", "graphml", "-o", target)
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(target)
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"mechanism", "instrument", "agent"}
    assert sum(1 for _, _, d in g.edges(data=True) if d["relation"] == "acts_on") == 84
    only = run("audit", "multicausality", "-f", "graphml", "--graph", "mechanisms")
    assert nx.read_graphml(io.BytesIO(only.stdout.encode())).number_of_edges() == 84
    refused = run("audit", "multicausality", "--format", "graphml", "-o", target)
    assert refused.exit_code == 2 and "already exists" in refused.output


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_output_is_byte_identical_across_runs(run, fmt):
    # the graph formats: tests/audit/test_graphs.py
    args = ("audit", "multicausality", "--profile", ARNTOWN, "--format", fmt)
    assert run(*args).stdout == run(*args).stdout


@pytest.mark.parametrize("args, message", [
    (["--table", "cover"], "--table applies to --format csv only"),
    (["--graph", "agents"], "--graph applies to"),
    (["-f", "json", "--top", "3"], "--top applies to --format table only"),
    (["--profile", "nothere.yaml"], "nothere.yaml"),
    (["--profile", ARNTOWN, "--level", "local"], "differs from the profile's level"),
])
def test_audit_bad_input(run, args, message):
    result = run("audit", "multicausality", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_audit_bad_profile_names_file_and_line(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("region: {name: X, level: regional}\ncluster: {name: Y, potential: present}\n"
                   "mechanisms:\n  venture_capitl: {observed: weak}\n", encoding="utf-8")
    result = run("audit", "multicausality", "--profile", bad)
    assert result.exit_code == 2, result.output
    assert "bad.yaml:4" in result.output and "did you mean 'venture_capital'" in result.output


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_compare_two_examples(run, fmt):
    result = run("compare", ARNTOWN, LAKESIDE, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Greater Arntown" in result.stdout and "Lakeside" in result.stdout
    assert "job_fairs" in result.stdout


def test_compare_json_explains_every_difference(run):
    data = json.loads(run("compare", ARNTOWN, LAKESIDE, "--format", "json").stdout)
    plans = {p: json.loads(run("plan", p, "--format", "json").stdout) for p in (ARNTOWN, LAKESIDE)}
    strategies = {p: {s["instrument"]["id"] for s in plans[p]["strategy"]} for p in plans}
    differing = strategies[ARNTOWN] ^ strategies[LAKESIDE]
    assert set(data["differing"]) == differing
    assert set(data["shared"]) == strategies[ARNTOWN] & strategies[LAKESIDE]
    label = {ARNTOWN: "Greater Arntown", LAKESIDE: "Lakeside"}
    for row in data["instruments"]:
        if row["id"] not in differing:
            assert row["why"] == []
            continue
        lacking = [p for p in plans if row["id"] not in strategies[p]]
        assert [w["region"] for w in row["why"]] == [label[p] for p in lacking]
        for w in row["why"]:
            assert w["reason"] in ("in_place", "budget", "little_added", "no_deficit", "not_worth_cost", "no_agent") \
                and w["detail"]
    reasons = {w["reason"] for row in data["instruments"] for w in row["why"]}
    assert {"in_place", "budget", "no_deficit"} <= reasons


def test_compare_markdown_to_file(run, tmp_path):
    target = tmp_path / "compare.md"
    result = run("compare", ARNTOWN, LAKESIDE, "--format", "markdown", "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Regions compared: Greater Arntown, Lakeside")
    assert "## Why the strategies differ" in text and "### `job_fairs`" in text
    assert run("compare", ARNTOWN, LAKESIDE, "-f", "markdown", "-o", target).exit_code == 2


def test_compare_bad_input(run, tmp_path):
    one = run("compare", ARNTOWN)
    assert one.exit_code == 2 and "at least two region profiles" in one.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("region: [\n", encoding="utf-8")
    both = run("compare", bad, ARNTOWN, tmp_path / "missing.yaml")
    assert both.exit_code == 2, both.output
    assert "bad.yaml:" in both.output and "missing.yaml" in both.output  # every bad file reported at once
    assert "Traceback" not in both.output


def test_compare_is_byte_identical_across_runs(run):
    for fmt in ("json", "markdown", "terminal"):
        assert run("compare", ARNTOWN, LAKESIDE, "-f", fmt).stdout == run("compare", ARNTOWN, LAKESIDE, "-f", fmt).stdout


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("args", [[], ["--profile", ARNTOWN], ["--profile", "examples/eastmoor_no_potential.yaml"],
                                  ["--level", "local"]], ids=["kb", "profile", "no-potential", "level"])
def test_audit_tables_fit_label_every_column_and_keep_ids_whole(args, columns):
    import re

    from typer.testing import CliRunner

    from cli import app

    env = {"NO_COLOR": "1", "TOOLBOX_KB": ""}
    data = json.loads(CliRunner().invoke(app, ["audit", "multicausality", "-f", "json", *args], env=env).stdout)
    result = CliRunner().invoke(app, ["audit", "multicausality", "--top", "0", *args],
                                env={**env, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert max(len(line) for line in text.splitlines()) <= columns
    assert "…" not in text
    words = set(re.findall(r"[a-z0-9_]+", text))
    ids = ({i["id"] for i in data["instruments"]} | {m["id"] for m in data["mechanisms"]}
           | {k["id"] for k in data["agents"]})
    assert sorted(i for i in ids if i not in words) == []
    # a piece of an id split over two lines shows as a word that is the start or the end of an id
    pieces = [w for w in words if "_" in w and w not in ids and any(i != w and (i.startswith(w) or i.endswith(w))
                                                                     for i in ids)]
    assert pieces == []
    # every column has a header: no header cell is empty on the line that ends the header
    for block in text.split("┏")[1:]:
        head = block.split("┡")[0]
        last = [line for line in head.splitlines() if line.startswith("┃")][-1]
        cells = [c.strip() for c in last.strip("┃").split("┃")]
        assert all(cells), last
