"""`toolbox map` through the command line: views, formats, provenance, --plan."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from cli import app

ENV = {"NO_COLOR": "1", "COLUMNS": "120", "TOOLBOX_KB": ""}
LICENCE = "Source: Office for National Statistics, Nomis; Open Government Licence v3.0"
RECORD_FIELDS = {"region", "region_name", "cluster", "cluster_name", "year", "employment", "establishments", "lq",
                 "focus", "size_percentile", "growth", "stars", "strong", "potential"}


def run(*args):
    return CliRunner().invoke(app, ["map", *map(str, args)], env=ENV)


def test_a_region_by_name_ranks_its_clusters_and_names_the_data():
    done = run("--region", "north eastern scotland")
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == "Clusters of North Eastern Scotland (UKM5), 2018, strongest first"
    assert "Oil gas (primary)" in lines[4] and lines[4].rstrip().endswith("present")
    assert LICENCE in done.stdout


def test_json_holds_one_record_per_cluster_and_year_with_the_contract_fields():
    done = run("--region", "UKD1", "--format", "json")
    data = json.loads(done.stdout)
    assert data["licence"] == LICENCE and data["years"] == [2015, 2016, 2017, 2018]
    assert len(data["records"]) == 72 * 4
    assert RECORD_FIELDS <= set(data["records"][0])
    ships = next(r for r in data["records"] if r["cluster"] == "manufacture_ships" and r["year"] == 2018)
    assert ships["stars"] == 3 and ships["potential"] == "present" and ships["verdict"]["code"] == "present_stars"
    assert ships["verdict"]["numbers"]["present_stars"] == 2 and ships["verdict"]["numbers"]["stars"] == 3
    assert ships["employment"] == 8035 and isinstance(ships["employment"], int)


def test_detail_words_each_rows_evidence():
    done = run("--region", "UKD1", "--detail")
    assert ("- Ships (manufacture) in Cumbria, 2018: present: 3 ECO stars (size, specialisation, focus) (present "
            "from 2), not strong by the CMP test; 8,035 employees, 3.5 % of the region's employment, LQ 26.72; "
            "employment +10.0 % a year since 2015.") in done.stdout


def test_csv_of_one_cluster_and_year_carries_dataset_and_licence_on_every_row():
    done = run("--cluster", "primary_oil_gas", "--year", "2017", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 39 and {r["year"] for r in rows} == {"2017"}
    assert {r["licence"] for r in rows} == {LICENCE}
    assert rows[0]["region"] == "UKM5"  # strongest first


def test_the_same_run_gives_the_same_bytes():
    assert run("--format", "json").stdout == run("--format", "json").stdout


def test_unknown_names_and_years_are_usage_errors():
    done = run("--region", "Cumbira")
    assert done.exit_code == 2 and "unknown region 'Cumbira'" in done.stderr
    done = run("--year", "2009")
    assert done.exit_code == 2 and "no data for 2009; the data hold 2015, 2016, 2017, 2018" in done.stderr


def test_pictures_by_file_extension(tmp_path):
    done = run("--cluster", "manufacture_ships", "-o", tmp_path / "ships.svg")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "ships.svg").read_text(encoding="utf-8").startswith('<?xml version="1.0"')
    done = run("--region", "UKM5", "-o", tmp_path / "m.html")
    assert (tmp_path / "m.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_plan_ranks_every_pair_with_potential(tmp_path):
    employment = tmp_path / "e.csv"
    employment.write_text("region,industry,employment,establishments\nR1,A,900,20\nR1,B,100,5\nR2,A,100,5\n"
                          "R2,B,900,30\nR3,A,500,9\nR3,B,500,9\n", encoding="utf-8")
    mapping = tmp_path / "m.csv"
    mapping.write_text("industry,cluster\nA,a\nB,b\n", encoding="utf-8")
    done = run("--employment", employment, "--mapping", mapping, "--plan", "--format", "json",
               "--base", "examples/greater_arntown_widgets.yaml")
    assert done.exit_code == 0, done.output
    pairs = json.loads(done.stdout)["pairs"]
    assert [(p["region"], p["cluster"]) for p in pairs][:2] == [("R1", "a"), ("R2", "b")]
    assert all(p["potential"] != "absent" for p in pairs)
    assert pairs[0]["verdict"] == "strategy" and pairs[0]["instruments"]
    done = run("--employment", employment, "--mapping", mapping, "--plan")
    assert "nothing_assessed" in done.stdout and "mechanisms unknown" in done.stdout and "pairs/s" in done.stdout


def test_plan_options_need_plan():
    done = run("--base", "x.yaml")
    assert done.exit_code == 2 and "--base and --top apply to --plan only" in done.stderr
