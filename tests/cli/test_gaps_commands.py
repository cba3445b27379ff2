"""`toolbox gaps` and `toolbox organisation` through the command line, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CITY1 = EXAMPLES / "clusnet_city1_empty_slots.yaml"
CITY2 = EXAMPLES / "clusnet_city2_thickness.yaml"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TOOLBOX_KB": ""}


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_gaps_in_every_format(fmt):
    result = run("gaps", CITY1, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.stdout)["gaps"]
        assert data["empty"] == ["research", "education", "capital", "policy", "cluster_to_cluster"]
        assert [p["name"] for p in data["programmes"]] == ["Network Gathering", "Innovation Projects", "Website"]
    else:
        assert "Empty slots (5 of 7 gaps)" in result.stdout
    assert run("gaps", CITY1, "--format", fmt).stdout == result.stdout  # deterministic


def test_city_2_is_institutional_thickness():
    result = run("gaps", CITY2)
    assert result.exit_code == 0, result.output
    assert "No empty slot" in result.stdout


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_organisation_in_every_format(fmt):
    result = run("organisation", CITY1, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.stdout)["organisation"]
        assert [d["code"] for d in data["diagnoses"]] == [
            "single_source_dependence", "membership_public_sensitivity", "not_neutral", "smes_without_management"]
        assert data["indicators"]["largest_source_share"] == 0.8  # 120,000 of 150,000 in 2024
        assert data["indicators"]["public_trend"]["direction"] == "falling"
    else:
        assert "Dependence on one funding source" in result.stdout
        assert "Bridge building is easiest from a neutral position" in result.stdout


def test_organisation_without_the_section_is_a_usage_error():
    result = run("organisation", EXAMPLES / "greater_arntown_widgets.yaml")
    assert result.exit_code == 2
    assert "has no 'organisation:' section" in result.stderr


def test_plan_shows_one_line_each_in_the_summary_and_the_sections_in_detail():
    summary = run("plan", CITY1).stdout
    assert sum(1 for line in summary.splitlines() if line.startswith(("Gaps of innovation:", "Cluster organisation:"))) == 2
    detail = run("plan", CITY1, "--detail").stdout
    assert "Programmes × the seven gaps of innovation" in detail and "The cluster organisation" in detail
