"""`toolbox diff OLD.json NEW.json`: every format, and bad input refused with file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples/greater_arntown_widgets.yaml"
WEIGHTS = ROOT / "tests/audit/diff_weights"


@pytest.fixture
def plans(run, tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    for path, weights in ((old, "old.yaml"), (new, "new.yaml")):
        result = run("plan", EXAMPLE, "--format", "json", "--weights", WEIGHTS / weights, "-o", path)
        assert result.exit_code == 0, result.output
    return old, new


def test_diff_in_every_format(run, plans):
    old, new = plans
    for fmt in ("terminal", "markdown", "json"):
        result = run("diff", old, new, "--format", fmt)
        assert result.exit_code == 0, result.output
    data = json.loads(run("diff", old, new, "--format", "json").stdout)
    assert list(data) == ["old", "new", "reproduced", "summary", "changes", "differences"]
    assert data["reproduced"] == {"old": True, "new": True}
    assert data["changes"] and all(c["reasons"] for c in data["changes"])
    for change in data["changes"]:
        assert change["kind"] in ("entered", "left", "moved")
        for reason in change["reasons"]:
            assert reason["categories"] == ["weight"] and reason["inputs"] and reason["detail"]
    text = run("diff", old, new).stdout
    assert "Left the strategy" in text and "weight decay 0.6 → 0.4" in text
    markdown = run("diff", old, new, "--format", "markdown").stdout
    assert markdown.startswith("# What changed") and "## Inputs that differ" in markdown


def test_diff_is_byte_identical_across_runs(run, plans):
    old, new = plans
    assert run("diff", old, new, "-f", "json").stdout == run("diff", old, new, "-f", "json").stdout


def test_diff_to_a_file(run, plans, tmp_path):
    old, new = plans
    target = tmp_path / "diff.md"
    assert run("diff", old, new, "-f", "markdown", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# What changed")
    again = run("diff", old, new, "-f", "markdown", "-o", target)
    assert again.exit_code == 2 and "already exists" in again.stderr


def _bad(tmp_path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_saved_plans_are_refused_with_file_line_and_field(run, plans, tmp_path):
    old, new = plans
    data = json.loads(old.read_text(encoding="utf-8"))
    cases = []
    cases.append((_bad(tmp_path, "syntax.json", '{"kb_version": "x",\n  "strategy": [,]}'),
                  "syntax.json:2: not JSON"))
    cases.append((_bad(tmp_path, "list.json", "[1, 2]"), "list.json:1: not a saved plan"))
    no_inputs = {k: v for k, v in data.items() if k != "inputs"}
    cases.append((_bad(tmp_path, "old_toolbox.json", json.dumps(no_inputs, indent=2)),
                  "old_toolbox.json: inputs: missing: the plan was made by a toolbox"))
    future = json.loads(json.dumps(data))
    future["inputs"]["version"] = 99
    text = json.dumps(future, indent=2)
    line = text.split("\n").index('    "version": 99,') + 1
    cases.append((_bad(tmp_path, "future.json", text), f"future.json:{line}: inputs.version: inputs version 99"))
    wrong = json.loads(json.dumps(data))
    wrong["mechanisms"][2]["observed"] = "plenty"
    text = json.dumps(wrong, indent=2)
    line = text.split("\n").index('      "observed": "plenty",') + 1
    cases.append((_bad(tmp_path, "wrong.json", text), f"wrong.json:{line}: mechanisms[2].observed: 'plenty' is not allowed"))
    weights = json.loads(json.dumps(data))
    weights["weights"]["decay"] = 7
    text = json.dumps(weights, indent=2)
    line = text.split("\n").index('    "decay": 7,') + 1
    cases.append((_bad(tmp_path, "weights.json", text), f"weights.json:{line}: weights.decay: input should be at most 1"))
    cases.append((tmp_path / "missing.json", "missing.json: no such file"))
    cases.append((tmp_path, "is a directory"))
    cases.append((_bad(tmp_path, "latin1.json", "").with_name("latin1.json"), "latin1.json"))
    (tmp_path / "latin1.json").write_bytes(b'{"a": "\xfc"}')
    for path, expected in cases:
        result = run("diff", path, new)
        assert result.exit_code == 2, (path, result.output)
        assert expected in result.stderr, (expected, result.stderr)
        assert "Traceback" not in result.output


def test_both_files_are_reported_at_once(run, tmp_path):
    a, b = _bad(tmp_path, "a.json", "nope"), _bad(tmp_path, "b.json", "{}")
    result = run("diff", a, b)
    assert result.exit_code == 2
    assert "a.json:1: not JSON" in result.stderr and "b.json" in result.stderr


def test_diff_is_byte_identical_across_hash_seeds(plans):
    """Fresh interpreters with different PYTHONHASHSEED give the same bytes (nothing follows a set's order)."""
    import os
    import subprocess
    import sys

    old, new = plans
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TOOLBOX_KB": ""}
        for fmt in ("json", "markdown"):
            done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "diff", str(old), str(new), "-f", fmt],
                                  env=env, capture_output=True, timeout=120, check=False)
            assert done.returncode == 0, done.stderr
            outputs.add((fmt, done.stdout))
    assert len(outputs) == 2
