"""The robustness draws (engine/robustness.py): issue 12's done-when checks, and that a draw with every input
at its nominal value is the single plan."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolbox.engine import make_plan
from toolbox.engine import robustness as R
from toolbox.engine.weights import WEIGHT_DOCS, Weights
from toolbox.profile.load import load_profile
from toolbox.profile.model import RegionProfile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [p for p in sorted((ROOT / "examples").glob("*.yaml")) if "no_potential" not in p.name]


def _plan(kb, path):
    profile = load_profile(path, kb)
    return profile, make_plan(kb, profile)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_draw_at_the_nominal_inputs_is_the_single_plan(kb, path):
    """Every number the plan computes, the draws compute the same to the last bit: the score model is written
    once (engine/value.py) and both use it."""
    profile, plan = _plan(kb, path)
    _assert_nominal_draws_are_the_plan(kb, profile, plan, Weights())


WITH_PROGRAMMES = [p for p in EXAMPLES if "programmes:" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("empty_gap", [0.2, 1.0])
@pytest.mark.parametrize("path", WITH_PROGRAMMES, ids=lambda p: p.stem)
def test_with_the_gap_term_a_draw_at_the_nominal_inputs_is_the_single_plan(kb, path, empty_gap):
    """The draws weigh the empty gaps as the plan does: the CLUSNET cities with the empty_gap weight set (at 1.0
    City 1's budget binds and the plan solves the integer programme)."""
    profile = load_profile(path, kb)
    weights = Weights(empty_gap=empty_gap)
    plan = make_plan(kb, profile, weights)
    _assert_nominal_draws_are_the_plan(kb, profile, plan, weights)


def test_the_gap_term_is_in_the_draws_where_the_plan_has_it(kb):
    """City 1 leaves five of the seven gaps empty (CLUSNET Table 4; tests/engine/test_gaps.py): with the weight
    set, its plan changes and each draw has a column per empty gap; City 2 leaves none empty and has none."""
    path = ROOT / "examples" / "clusnet_city1_empty_slots.yaml"
    profile = load_profile(path, kb)
    weights = Weights(empty_gap=0.2)
    plan = make_plan(kb, profile, weights)
    data = R.inputs(kb, profile, weights)
    assert data.gaps == tuple(key[len("gap:"):] for key, _ in plan.gap_term)
    assert len(data.gaps) == 5 and data.acts.shape[1] == len(data.mechanisms) + 5
    assert ([i.assessment.instrument for i in plan.strategy]
            != [i.assessment.instrument for i in make_plan(kb, profile).strategy])
    assert R.inputs(kb, profile, Weights()).gaps == ()  # weight 0: off, as in the plan
    city2 = load_profile(ROOT / "examples" / "clusnet_city2_thickness.yaml", kb)
    assert R.inputs(kb, city2, weights).gaps == ()


def test_the_empty_gap_weight_is_drawn_within_its_spread_and_stays_0_when_off(kb):
    profile = load_profile(ROOT / "examples" / "clusnet_city1_empty_slots.yaml", kb)
    spread = WEIGHT_DOCS["empty_gap"].spread
    assert spread > 0
    on = R.inputs(kb, profile, Weights(empty_gap=0.2))
    d = R.draw(on, 2000, seed=7)
    drawn = d.tables["empty_gap"][:, 0]
    assert drawn.min() >= 0.2 * (1 - spread) and drawn.max() <= 0.2 * (1 + spread)
    assert drawn.max() - drawn.min() > 0.2 * spread  # drawn, not fixed
    M = len(on.mechanisms)
    assert (d.need[:, M:] == drawn[:, None]).all()  # every empty gap's need is the draw's weight
    off = R.inputs(kb, profile, Weights())
    assert (R.draw(off, 200, seed=7).tables["empty_gap"] == 0).all()


def _assert_nominal_draws_are_the_plan(kb, profile, plan, weights):
    data = R.inputs(kb, profile, weights)
    d = R.draw(data, 3, seed=1, uncertainty=R.Uncertainty.nominal())
    o = R.evaluate(data, d)
    needs = {m.id: m.need for m in plan.mechanisms}
    needs.update(plan.gap_term)
    columns = (*data.mechanisms, *("gap:" + g for g in data.gaps))
    assert d.need.shape[1] == len(columns)
    for j, m in enumerate(columns):
        assert d.need[:, j].tolist() == [needs[m]] * 3
    scored = {a.instrument: a for a in (*[i.assessment for i in plan.strategy],
                                        *[s.assessment for s in (*plan.deferred, *plan.discarded)])}
    for i, iid in enumerate(data.instruments):
        a = scored[iid]
        assert o.value[:, i].tolist() == [a.value] * 3, iid
        assert o.score[:, i].tolist() == [a.score] * 3, iid
        assert d.weight[:, i].tolist() == [a.cost_factor] * 3, iid
    expected = [item.assessment.instrument for item in plan.strategy]
    for k in range(3):
        if plan.portfolio.method == "threshold":
            assert R.strategy_of(data, o, k) == expected
        # under a binding budget the plan solves the integer programme; the draws' method is measured against it
        assert R.exact(data, d, k)[0] == expected


def test_the_same_seed_gives_the_same_result_and_another_seed_another(kb):
    profile, plan = _plan(kb, ROOT / "examples" / "greater_arntown_widgets.yaml")
    one = R.analyse(kb, profile, Weights(), plan, draws=500, seed=3)
    assert one == R.analyse(kb, profile, Weights(), plan, draws=500, seed=3)
    assert one != R.analyse(kb, profile, Weights(), plan, draws=500, seed=4)


def test_shares_add_up(kb):
    profile, plan = _plan(kb, ROOT / "examples" / "northfield_software_nascent.yaml")
    r = R.analyse(kb, profile, Weights(), plan, draws=1000, seed=5)
    assert {i.instrument for i in r.instruments} == {i.id for i in kb.instruments.values()} - set(profile.in_place)
    for row in r.instruments:
        assert 0 <= row.inclusion <= 1
        assert sum(row.rank_acceptability) == pytest.approx(row.inclusion, abs=1e-3)
    # the robust core and the fragile picks as the issue defines them
    assert set(r.core) == {i.instrument for i in r.instruments if i.inclusion >= 0.9}
    assert set(r.fragile) == {i.assessment.instrument for i in plan.strategy} - set(r.core)


def test_a_binding_budget_reports_agreement_with_the_exact_solver(kb):
    profile, plan = _plan(kb, ROOT / "examples" / "lakeside_medtech_tight_budget.yaml")
    r = R.analyse(kb, profile, Weights(), plan, draws=400, seed=1)
    assert r.method == "greedy_within_budget"
    a = r.agreement
    assert a.sample == R.SAMPLE and a.binding >= R.SAMPLE // 2 and a.binding_draws > 300
    assert a.sample - a.binding <= a.same <= a.sample  # where the budget does not bind, the methods are one
    assert 0 <= a.shortfall < 0.05


# Constructed problems: three mechanisms, instruments with fixed costs (the profile's own, never drawn).

def synthetic(acts: list[list[int]], cost: list[float], draws_costs: bool = False) -> R.Inputs:
    n = len(acts)
    matrix = np.zeros((n, 3), dtype=bool)
    for i, ms in enumerate(acts):
        matrix[i, ms] = True
    cost = np.array(cost, dtype=float)
    low, high = (cost / 2, cost * 2) if draws_costs else (cost, cost)
    return R.Inputs(Weights(), ("m1", "m2", "m3"), np.full(3, 3.0), ((0,), (0,), (0,)),
                    np.full(3, 2), np.full(3, 2), tuple(f"i{k}" for k in range(n)), tuple(f"I{k}" for k in range(n)),
                    (), matrix, np.zeros(n, dtype=int), np.zeros(n, dtype=bool), cost, low, high,
                    np.ones(n, dtype=bool), None, np.zeros(n, dtype=bool))


def test_an_instrument_dominating_on_every_draw_has_inclusion_and_rank_acceptability_one():
    """i0 acts on all three deficient mechanisms, each other instrument on one, all at the same cost. With
    needs of at least 0.675 × 0.595 = 0.40 (strong support and high influence drawn one step down at most)
    and factors in [0.72, 1] (low risk drawn one step up at most), i0 adds at least 0.72 × (n1 + n2 + n3),
    more than any single need: it is first on every draw."""
    data = synthetic([[0, 1, 2], [0], [1], [2]], [10_000.0] * 4)
    d = R.draw(data, 4000, seed=11)
    o = R.evaluate(data, d)
    assert (o.rank[:, 0] == 1).all()
    assert o.chosen[:, 0].mean() == 1.0
    assert (o.rank[:, 0] == 1).mean() == 1.0


@pytest.mark.parametrize("draws_costs", [False, True])
def test_two_instruments_identical_but_for_their_names_win_against_each_other_half_the_time(draws_costs):
    data = synthetic([[0, 1], [0, 1], [2]], [40_000.0] * 3, draws_costs)
    d = R.draw(data, 4000, seed=12)
    o = R.evaluate(data, d)
    positions = R._positions(data, o)
    assert (positions[:, 0] < positions[:, 1]).mean() == pytest.approx(0.5, abs=0.05)


def test_the_winning_index_of_identical_instruments_through_a_profile(kb):
    """Through the whole path: two instruments of the shipped knowledge base alike in every input the draws use
    (mechanisms, policy field, distortion risk) and given the same cost by the profile hold each other to a
    half, within ±0.05."""
    groups: dict[tuple, list[str]] = {}
    for i in kb.instruments.values():
        groups.setdefault((tuple(sorted(i.mechanisms)), i.policy_field, i.distortion_risk), []).append(i.id)
    first, second = next(ids[:2] for key, ids in groups.items() if len(ids) > 1 and key[2] != "high")
    data = {"region": {"name": "R", "level": "regional"}, "cluster": {"name": "C", "potential": "present"},
            "mechanisms": {m: {"observed": "none"} for m in kb.mechanisms},
            "costs": {first: 50_000, second: 50_000}}
    profile = RegionProfile.model_validate(data)
    plan = make_plan(kb, profile)
    r = R.analyse(kb, profile, Weights(), plan, draws=4000, seed=13)
    inputs = R.inputs(kb, profile, Weights())
    o = R.evaluate(inputs, R.draw(inputs, 4000, seed=13))
    positions = R._positions(inputs, o)
    a, b = inputs.instruments.index(first), inputs.instruments.index(second)
    assert (positions[:, a] < positions[:, b]).mean() == pytest.approx(0.5, abs=0.05)
    assert r.of(first).inclusion == pytest.approx(r.of(second).inclusion, abs=0.05)


def _ranges(data, spread: dict, costs: bool = False, step: float = 0.0):
    u = R.Uncertainty(spread, step, costs, False, False)
    d = R.draw(data, 600, seed=21, uncertainty=u)
    o = R.evaluate(data, d)
    outputs = {"need": d.need, "factor": d.factor, "weight": d.weight, "score": o.score, "value": o.value,
               "threshold": d.threshold}
    return {k: v.max(axis=0) - v.min(axis=0) for k, v in outputs.items()}


DRAWN = [name for name, doc in WEIGHT_DOCS.items() if doc.spread]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(DRAWN), st.floats(0.0, 0.5), st.floats(0.0, 0.5))
def test_widening_a_weights_range_never_narrows_the_spread_of_what_it_feeds(kb, name, s1, s2):
    narrow, wide = sorted((s1, s2))
    profile, _ = _plan(kb, ROOT / "examples" / "greater_arntown_widgets.yaml")
    data = R.inputs(kb, profile, Weights())
    before, after = _ranges(data, {name: narrow}), _ranges(data, {name: wide})
    for key in before:
        assert (after[key] >= before[key] - 1e-12).all(), key


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_widening_a_cost_range_never_narrows_the_spread_of_what_it_feeds(kb, t1, t2):
    narrow, wide = sorted((t1, t2))
    profile, _ = _plan(kb, ROOT / "examples" / "greater_arntown_widgets.yaml")
    data = R.inputs(kb, profile, Weights())

    def widened(t):  # low and high moved towards (t=0) or away from (t=1) the typical value
        return data._replace(cost_low=data.cost - t * (data.cost - data.cost_low),
                             cost_high=data.cost + t * (data.cost_high - data.cost))

    before, after = _ranges(widened(narrow), {}, costs=True), _ranges(widened(wide), {}, costs=True)
    for key in before:
        assert (after[key] >= before[key] - 1e-12).all(), key


def test_the_weight_ranges_are_documented_and_keep_table_entries_in_order():
    for name, value in zip(Weights._fields, Weights()):
        doc = WEIGHT_DOCS[name]
        assert doc.spread_why, name  # every weight says why it is drawn as it is, or why not
        if isinstance(value, dict) or hasattr(value, "items"):
            entries = sorted(value.values())
            for low, high in zip(entries, entries[1:]):
                assert low * (1 + doc.spread) < high * (1 - doc.spread), name


def test_an_observed_range_is_drawn_over_its_degrees_and_the_plan_reads_its_lower_end(kb):
    data = {"region": {"name": "R", "level": "regional"}, "cluster": {"name": "C", "potential": "present"},
            "mechanisms": {"venture_capital": {"observed": "none..medium"}, "labour_mobility": {"observed": "weak"}}}
    profile = RegionProfile.model_validate(data)
    plan = make_plan(kb, profile)
    vc = next(m for m in plan.mechanisms if m.id == "venture_capital")
    assert (vc.observed, vc.observed_range) == ("none", "none..medium")
    inputs = R.inputs(kb, profile, Weights())
    d = R.draw(inputs, 3000, seed=2)
    j = inputs.mechanisms.index("venture_capital")
    shares = [float((d.observed[:, j] == v).mean()) for v in (0, 1, 2)]
    assert shares == pytest.approx([1 / 3] * 3, abs=0.04)
    assert set(d.observed[:, inputs.mechanisms.index("labour_mobility")]) == {1.0}
