"""The profile's own judgements (issue 11, A): a lower attainable strength (step 1) and an instrument's
design with a lower distortion risk (step 3), each with a reason; refused with file, line and field otherwise."""

from __future__ import annotations

import pytest
import yaml

from toolbox.errors import InputError
from toolbox.profile.load import profile_from
from toolbox.yamlio import parse_yaml

BASE = {"region": {"name": "Testland", "level": "regional"}, "cluster": {"name": "Widgets", "potential": "present"}}


def _load(kb, **added):
    return profile_from(parse_yaml(yaml.safe_dump({**BASE, **added}, sort_keys=False), "p.yaml"), kb)


def _problems(kb, **added) -> list[tuple[int | None, str, str]]:
    with pytest.raises(InputError) as exc:
        _load(kb, **added)
    return [(p.line, str(p.path), p.message) for p in exc.value.problems]


def test_a_lower_attainable_strength_with_a_reason_is_accepted(kb):
    # Table 2: venture capital is strong on the regional level.
    profile = _load(kb, mechanisms={"venture_capital": {"observed": "weak", "attainable": "medium",
                                                        "reason": "a small software niche: few funds invest"}})
    assert profile.mechanisms["venture_capital"].attainable == "medium"


def test_an_attainable_strength_needs_a_reason(kb):
    found = _problems(kb, mechanisms={"venture_capital": {"attainable": "medium"}})
    assert len(found) == 1 and "reason" in found[0][2] and "venture_capital" in found[0][1]


def test_an_attainable_strength_may_not_reach_table_2s(kb):
    # Table 2: cafeteria effects are medium on the regional level.
    found = _problems(kb, mechanisms={"cafeteria_effects": {"attainable": "medium", "reason": "r"}})
    assert len(found) == 1 and found[0][0] is not None
    assert "attainable" in found[0][1] and "medium" in found[0][2]


def test_a_design_lowering_the_distortion_risk_is_accepted(kb):
    # new_business_subsidies has a high distortion risk (data/instruments.yaml).
    assert kb.instruments["new_business_subsidies"].distortion_risk == "high"
    profile = _load(kb, designs={"new_business_subsidies": {"distortion_risk": "medium", "reason": "an open call"}})
    assert profile.designs["new_business_subsidies"].reason == "an open call"


@pytest.mark.parametrize("design,word", [
    ({"distortion_risk": "medium"}, "reason"),
    ({"distortion_risk": "high", "reason": "open call"}, "only lower"),
])
def test_a_design_needs_a_reason_and_a_lower_risk(kb, design, word):
    found = _problems(kb, designs={"new_business_subsidies": design})
    assert len(found) == 1 and word in found[0][1] + ": " + found[0][2] and "new_business_subsidies" in found[0][1]


def test_a_design_names_a_known_instrument(kb):
    found = _problems(kb, designs={"no_such_instrument": {"distortion_risk": "low", "reason": "r"}})
    assert "no_such_instrument" in found[0][2]
