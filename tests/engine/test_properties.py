"""Properties the issue asks for, checked on generated profiles (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MECHANISMS
from toolbox.engine import make_plan
from toolbox.engine.result import sort_key
from toolbox.profile.model import RegionProfile

OBSERVED = ("none", "weak", "medium", "strong", "unknown")
DEGREE = {"none": 0, "weak": 1, "medium": 2, "strong": 3}


@st.composite
def profiles(draw):
    mechanisms = {m: {"observed": draw(st.sampled_from(OBSERVED)), "possible": draw(st.booleans() | st.just(True))}
                  for m in MECHANISMS}
    data = {
        "region": {"name": "R", "level": draw(st.sampled_from(("national", "regional", "local")))},
        "cluster": {"name": "C", "potential": draw(st.sampled_from(("present", "nascent")))},
        "mechanisms": mechanisms,
    }
    if draw(st.booleans()):
        data["budget"] = {"amount": draw(st.integers(10_000, 3_000_000))}
    return data


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(profiles())
def test_strategy_cost_never_exceeds_budget(kb, data):
    plan = make_plan(kb, RegionProfile.model_validate(data))
    if plan.budget:
        assert plan.budget_used <= plan.budget["amount"] + 1e-6


@SETTINGS
@given(profiles())
def test_discarded_mechanisms_never_appear_in_a_strategy(kb, data):
    plan = make_plan(kb, RegionProfile.model_validate(data))
    impossible = {m for m, v in data["mechanisms"].items() if not v["possible"]}
    for item in plan.strategy:
        assert not impossible & {t.mechanism for t in item.assessment.terms}


@SETTINGS
@given(profiles(), st.sampled_from(MECHANISMS))
def test_raising_a_deficit_never_moves_an_addressing_instrument_below_a_non_addressing_one(kb, data, mechanism):
    data["mechanisms"][mechanism] = {"observed": "strong", "possible": True}
    lower = make_plan(kb, RegionProfile.model_validate(data))
    data["mechanisms"][mechanism] = {"observed": "none", "possible": True}
    higher = make_plan(kb, RegionProfile.model_validate(data))
    addressing = {i.id for i in kb.instruments_for(mechanism)}

    def order(plan):
        return [a.instrument for a in sorted(plan.ranking(), key=sort_key)]

    before, after = order(lower), order(higher)
    for a in addressing:
        for b in set(before) - addressing:
            if a in before and b in before and before.index(a) < before.index(b):
                assert after.index(a) < after.index(b), (a, b)
    # and its score never falls
    scores_before = {a.instrument: a.score for a in lower.ranking()}
    scores_after = {a.instrument: a.score for a in higher.ranking()}
    for a in addressing & set(scores_before):
        assert scores_after[a] >= scores_before[a]
