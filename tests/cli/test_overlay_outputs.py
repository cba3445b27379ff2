"""Every output of plan, explain and report names an overlay knowledge base and what it changed."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_OVERLAY = ROOT / "tests/audit/diff_kb"


def test_every_plan_format_names_the_overlay(run):
    args = ("examples/greater_arntown_widgets.yaml", "--kb", TEST_OVERLAY)
    data = json.loads(run("plan", *args, "--format", "json").stdout)
    assert data["kb_overlay"]["layers"] == ["tests/audit/diff_kb"] and data["kb_overlay"]["changed"] == 2
    assert {c["id"] for c in data["kb_overlay"]["changes"]} == {"social_networks", "networking_events"}
    assert "overlay tests/audit/diff_kb" in run("plan", *args).stdout
    detail = run("plan", *args, "--detail").stdout
    assert "distortion_risk low → medium" in detail
    markdown = run("plan", *args, "--format", "markdown").stdout
    assert "empirical_support.rating strong → limited" in markdown
    explained = json.loads(run("explain", "examples/greater_arntown_widgets.yaml", "networking_events", "--kb",
                               TEST_OVERLAY, "--format", "json").stdout)
    assert explained["kb_overlay"]["changed"] == 2
    assert "distortion_risk low → medium" in run("explain", "examples/greater_arntown_widgets.yaml",
                                                 "networking_events", "--kb", TEST_OVERLAY).stdout
    plain = json.loads(run("plan", "examples/greater_arntown_widgets.yaml", "--format", "json").stdout)
    assert plain["kb_overlay"] is None


def test_reports_name_the_overlay(run, tmp_path):
    for suffix in ("md", "html"):
        target = tmp_path / f"r.{suffix}"
        result = run("report", "examples/greater_arntown_widgets.yaml", "--kb", TEST_OVERLAY, "-o", target)
        assert result.exit_code == 0, result.output
        text = target.read_text(encoding="utf-8")
        assert "Knowledge-base overlay" in text or "overlay tests/audit/diff_kb" in text
        assert "distortion_risk low → medium" in text
