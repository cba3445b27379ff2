"""`toolbox init --from-map` → `plan` → `report`, end to end on the shipped UK data."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.render.report.tools import chromium

LICENCE_ONS = "Source: Office for National Statistics, Nomis; Open Government Licence v3.0"
LICENCE_HESA = "Source: HESA; Creative Commons Attribution 4.0 (CC BY 4.0)"


@pytest.fixture(scope="module")
def cumbria(tmp_path_factory):
    from typer.testing import CliRunner

    from cli import app
    from tests.cli.conftest import ENV

    path = tmp_path_factory.mktemp("from-map") / "cumbria.yaml"
    result = CliRunner().invoke(app, ["init", str(path), "--from-map", "Cumbria", "manufacture_ships"], env=ENV)
    assert result.exit_code == 0, result.output
    return path


def test_profile_holds_the_map_figures_and_measured_degrees(cumbria):
    from toolbox.kb.load import load_kb
    from toolbox.profile.load import load_profile

    profile = load_profile(cumbria, load_kb([]))
    m = profile.cluster.mapping
    # uk-bres README: "manufacture_ships in UKD1 (Cumbria) about 27" (2018, against all 39 regions' employment)
    assert (m.region, m.cluster, m.year) == ("UKD1", "manufacture_ships", 2018) and 26.5 < m.lq < 27.5
    assert profile.cluster.potential == m.verdict and m.licence == LICENCE_ONS
    assert profile.region.name == "Cumbria" and profile.region.level == "regional"
    # Cumbria 2018 (data/uk/indicators): 38 graduate start-ups; no spin-off investment, no collaborative or SME
    # contract research income
    assert profile.observation("spinoff_formation").measured[0].value == 38
    assert profile.observation("venture_capital").observed == "none"
    assert profile.observation("research_cooperation").observed == "none"
    assert profile.observation("social_networks").observed == "unknown"


def test_plan_json_carries_every_figure(run, cumbria):
    result = run("plan", cumbria, "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["cluster"]["mapping"]["region"] == "UKD1" and plan["cluster"]["mapping"]["stars"] >= 1
    by_id = {m["id"]: m for m in plan["mechanisms"]}
    assert by_id["spinoff_formation"]["observed_source"] == "data"
    assert by_id["spinoff_formation"]["measured"][0]["year"] == 2018
    assert LICENCE_HESA in by_id["spinoff_formation"]["measured"][0]["licence"]
    assert by_id["labour_mobility"]["observed_source"] == "unassessed" and by_id["labour_mobility"]["measured"] == []


def test_plan_terminal_summary_names_the_map_and_the_data(run, cumbria):
    result = run("plan", cumbria)
    assert result.exit_code == 0, result.output
    assert "Map 2018: LQ 26.72, 3/3 ECO stars" in result.stdout
    assert "From data: 3 of 12 observed degrees" in result.stdout
    detail = run("plan", cumbria, "--detail").stdout
    assert "graduate_startups 2018: 38 start-ups" in detail and LICENCE_ONS in " ".join(detail.split())


def test_explain_shows_the_figures(run, cumbria):
    result = run("explain", cumbria, "entrepreneurship_seminars")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.replace("│", " ").split())
    assert "Evidence behind the profile:" in text and "graduate_startups 2018: 38 start-ups" in text


def test_report_shows_the_map_the_evidence_and_the_data_marks(run, cumbria, tmp_path):
    for suffix in ("html", "md", "docx"):
        result = run("report", cumbria, "-o", tmp_path / f"r.{suffix}")
        assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'class="map-tiles"' in html and 'class="map-bubbles"' in html and "Evidence from data" in html
    # the report's region is named on the bubble chart, first, whatever the other labels
    assert 'paint-order="stroke">Cumbria</text>' in html
    assert "UKD1" in html and LICENCE_ONS in html and "CC BY 4.0" in html
    assert html.count('<span class="small">(data)</span>') == 3
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "### Evidence from data" in md and "Cumbria ranks" in md and md.count(" (data) |") == 3
    assert "Cumbria (UKD1) is outlined: location quotient 26.72" in md
    with zipfile.ZipFile(io.BytesIO((tmp_path / "r.docx").read_bytes())) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "Evidence from data" in body and "graduate_startups 2018" in body and "CC BY 4.0" in body
    assert 'descr="Tile-grid map of 39 regions' in body and 'descr="Cumbria (UKD1) is outlined' in body


@pytest.mark.browser
def test_pdf_report_from_the_map(run, cumbria, tmp_path):
    chromium()
    target = tmp_path / "r.pdf"
    result = run("report", cumbria, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


def test_unknown_region_or_cluster_is_refused_with_a_suggestion(run, tmp_path):
    target = tmp_path / "x.yaml"
    result = run("init", target, "--from-map", "Cumbira", "manufacture_ships")
    assert result.exit_code == 2 and "did you mean 'Cumbria'" in result.stderr
    result = run("init", target, "--from-map", "UKD1", "ships")
    assert result.exit_code == 2 and "manufacture_ships" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_the_profile_passes_the_published_schema(run, cumbria):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(cumbria.read_text(encoding="utf-8")))


def test_planning_a_profile_from_the_map_imports_no_tabular_library(cumbria):
    from tests.test_imports import loaded, modules_after

    # the figures are in the profile: planning it never computes the map again
    assert loaded(modules_after("plan", str(cumbria), "--format", "json"), ("polars", "pyarrow", "pandas",
                                                                          "toolbox.mapping.engine")) == []


def test_the_written_profile_is_the_same_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = []
    for seed in ("0", "4242"):
        target = tmp_path / f"p{seed}.yaml"
        subprocess.run([sys.executable, "cli.py", "init", str(target), "--from-map", "UKM5", "primary_oil_gas"],
                       cwd=root, env={**os.environ, "PYTHONHASHSEED": seed, "TOOLBOX_KB": ""}, check=True,
                       capture_output=True, timeout=120)
        texts.append(target.read_bytes())
    assert texts[0] == texts[1]
