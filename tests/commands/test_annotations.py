"""Command modules keep real annotations, which Typer reads on every run without evaluating strings."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = [ROOT / "cli.py", *sorted((ROOT / "toolbox" / "commands").glob("*.py"))]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_postponed_annotations(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "from __future__ import annotations" not in lines
