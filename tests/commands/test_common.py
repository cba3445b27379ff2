"""The preamble that the commands planning one profile share (toolbox/commands/common.py, load_and_plan)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolbox.commands.common import load_and_plan
from toolbox.engine import Weights, make_plan
from toolbox.errors import InputError
from toolbox.profile.load import load_profile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lakeside_medtech_tight_budget.yaml"


@pytest.fixture(autouse=True)
def _shipped_kb_only(monkeypatch):
    monkeypatch.delenv("TOOLBOX_KB", raising=False)


def test_it_plans_the_profile_as_plan_does(kb):
    """The same plan as the engine gives the loaded profile under the default weights."""
    base, profile, plan = load_and_plan(EXAMPLE, None, None)
    assert base.version == kb.version
    assert profile == load_profile(EXAMPLE, kb)
    assert plan == make_plan(kb, profile, Weights(), "defaults")


def test_the_weights_file_is_read_first_then_the_profile(tmp_path):
    """Both wrong: the weights file's problem is the one reported (the order the commands always had)."""
    bad_weights = tmp_path / "weights.yaml"
    bad_weights.write_text("- not a mapping\n", encoding="utf-8")
    missing = tmp_path / "no_such_profile.yaml"
    with pytest.raises(InputError) as caught:
        load_and_plan(missing, None, bad_weights)
    assert [p.file for p in caught.value.problems] == [str(bad_weights)]
    with pytest.raises(InputError) as caught:
        load_and_plan(missing, None, None)
    assert "no_such_profile.yaml" in caught.value.problems[0].file
