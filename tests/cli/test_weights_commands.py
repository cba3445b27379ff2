"""`toolbox weights` and `--weights FILE` on every command that plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolbox.engine.weights import Weights

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "greater_arntown_widgets.yaml"
OTHER = ROOT / "examples" / "lakeside_medtech_tight_budget.yaml"
CHANGED = Weights(cost_elasticity=1.0)
"""What tests/cli's weights file below sets: a pure cost-benefit ratio."""


@pytest.fixture
def weights_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("cost_elasticity: 1.0\n", encoding="utf-8")
    return path


def test_weights_prints_commented_defaults_that_read_back(run, tmp_path):
    result = run("weights")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Weights of the toolbox score model (defaults; sha256 " + Weights().digest())
    saved = tmp_path / "w.yaml"
    saved.write_text(result.stdout, encoding="utf-8")
    again = run("plan", EXAMPLE, "--format", "json", "--weights", saved)
    assert json.loads(again.stdout)["weights_hash"] == Weights().digest()


def test_weights_with_a_file_prints_the_merged_weights(run, weights_file):
    result = run("weights", "--weights", weights_file)
    assert result.exit_code == 0, result.output
    assert "cost_elasticity: 1.0" in result.stdout and CHANGED.digest() in result.stdout


def test_plan_json_names_the_weights_and_their_hash(run, weights_file):
    default = json.loads(run("plan", EXAMPLE, "--format", "json").stdout)
    assert (default["weights_source"], default["weights_hash"]) == ("defaults", Weights().digest())
    result = run("plan", EXAMPLE, "--format", "json", "--weights", weights_file)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["weights"]["cost_elasticity"] == 1
    assert data["weights_source"].endswith("mine.yaml") and data["weights_hash"] == CHANGED.digest()


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_plan_text_names_the_weights(run, weights_file, fmt):
    result = run("plan", EXAMPLE, "--format", fmt, "--weights", weights_file)
    assert result.exit_code == 0, result.output
    assert CHANGED.digest() in result.stdout.replace("\n", "")


def test_explain_uses_and_names_the_weights(run, weights_file):
    result = run("explain", EXAMPLE, "job_fairs", "--format", "json", "--weights", weights_file)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["weights"]["cost_elasticity"] == 1 and data["weights_hash"] == CHANGED.digest()


def test_report_names_the_weights(run, weights_file):
    result = run("report", EXAMPLE, "-o", "-", "--format", "markdown", "--weights", weights_file)
    assert result.exit_code == 0, result.output
    assert f"sha256 {CHANGED.digest()}" in result.stdout


def test_compare_names_the_weights(run, weights_file):
    result = run("compare", EXAMPLE, OTHER, "--format", "json", "--weights", weights_file)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["weights_hash"] == CHANGED.digest()


def test_audit_with_a_profile_names_the_weights(run, weights_file):
    result = run("audit", "multicausality", "--profile", EXAMPLE, "--format", "json", "--weights", weights_file)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["weights_hash"] == CHANGED.digest()


def test_audit_without_a_profile_refuses_weights_it_would_not_use(run, weights_file):
    result = run("audit", "multicausality", "--weights", weights_file)
    assert result.exit_code == 2
    assert "--weights applies with --profile only" in result.stderr


def test_a_bad_weights_file_stops_every_command_with_exit_2(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("policy:\n  low: 2\n", encoding="utf-8")
    for args in (("plan", EXAMPLE), ("explain", EXAMPLE, "job_fairs"), ("report", EXAMPLE, "-o", "-"),
                 ("compare", EXAMPLE, OTHER), ("audit", "multicausality", "-p", EXAMPLE), ("weights",)):
        result = run(*args, "--weights", bad)
        assert result.exit_code == 2, (args, result.output)
        assert "bad.yaml:2: policy.low: input should be at most 1" in result.stderr
