"""The portfolio (issue 11, B): value with diminishing returns, the exact choice under a budget, the ranking
by marginal contribution, and what the strategy leaves undone. Brute force is the reference."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MECHANISMS, make_profile
from tests.engine.test_properties import profiles
from toolbox.engine import Weights, make_plan
from toolbox.engine.portfolio import choose, greedy, net, rank, solve
from toolbox.engine.value import Problem, curve
from toolbox.profile.model import RegionProfile

FACTORS = (1.0, 0.8, 0.64, 0.6, 0.48, 0.4)
"""The products of the default distortion (1, 0.8, 0.6), policy-field (1, 0.8) and indirect (1, 0.5) factors
that occur in the shipped knowledge base (the one indirect instrument has low risk: 1 × 0.8 × 0.5)."""
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def problems(draw, most=12):
    m = draw(st.integers(1, 5))
    n = draw(st.integers(1, most))
    need = tuple(draw(st.sampled_from((0.05, 0.1, 0.175, 0.35, 0.5, 0.667, 1.0))) for _ in range(m))
    in_place = tuple(draw(st.sampled_from((0.0, 0.0, 0.8, 1.0, 2.0))) for _ in range(m))
    rows = []
    for _ in range(n):
        f = draw(st.sampled_from(FACTORS))
        acts = draw(st.sets(st.integers(0, m - 1), min_size=1, max_size=m))
        rows.append(tuple(f if k in acts else 0.0 for k in range(m)))
    problem = Problem(tuple(f"m{k}" for k in range(m)), need, in_place, tuple(f"i{k:02d}" for k in range(n)),
                      tuple(rows), draw(st.sampled_from((0.5, 0.3, 0.8))))
    cost = [float(draw(st.sampled_from((5_000, 25_000, 60_000, 120_000, 400_000)))) for _ in range(n)]
    weight = [(c / 100_000) ** 0.5 for c in cost]
    return problem, cost, weight


def brute_force(problem, cost, weight, threshold, budget):
    best = 0.0
    n = len(problem.instruments)
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            if sum(cost[i] for i in subset) <= budget + 1e-9:
                best = max(best, net(problem, subset, weight, threshold))
    return best


def test_the_curve_adds_decay_to_the_power_k_minus_1_for_the_kth_whole_instrument():
    # docs/method.md: G(1) = 1, G(2) = 1.5, G(3) = 1.75 with decay 0.5; half an instrument fills half a slot.
    assert [curve(k, 0.5) for k in range(4)] == [0, 1, 1.5, 1.75]
    assert curve(1.5, 0.5) == pytest.approx(1.25)
    assert curve(2.5, 1.0) == 2.5


@settings(max_examples=30, deadline=None)
@given(problems(), st.sampled_from((0.0, 0.1, 0.2, 0.5)), st.floats(0.1, 1.0))
def test_the_integer_programme_is_optimal_against_brute_force(case, threshold, share):
    problem, cost, weight = case
    budget = share * sum(cost)
    found, proven = solve(problem, weight, cost, threshold, budget)
    assert proven
    assert sum(cost[i] for i in found) <= budget + 1e-6
    assert net(problem, found, weight, threshold) == pytest.approx(brute_force(problem, cost, weight, threshold, budget),
                                                                   abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(problems(), st.floats(0.05, 1.0))
def test_the_choice_under_a_budget_is_never_worse_than_greedy_and_never_over_budget(case, share):
    problem, cost, weight = case
    budget = share * sum(cost)
    choice = choose(problem, weight, cost, 0.2, budget)
    assert sum(cost[i] for i in choice.chosen) <= budget + 1e-6
    assert net(problem, choice.chosen, weight, 0.2) >= net(problem, choice.greedy, weight, 0.2) - 1e-9


@settings(max_examples=40, deadline=None)
@given(problems(most=8))
def test_value_is_monotone_and_submodular(case):
    problem, _, _ = case
    n = len(problem.instruments)
    for i in range(n):
        for small in range(n):
            a = [k for k in range(small) if k != i]
            b = [k for k in range(n) if k != i]  # a ⊆ b
            gain_a = problem.value([*a, i]) - problem.value(a)
            gain_b = problem.value([*b, i]) - problem.value(b)
            assert gain_a >= -1e-12 and gain_b >= -1e-12
            assert gain_a >= gain_b - 1e-12


@settings(max_examples=40, deadline=None)
@given(problems(), st.data())
def test_raising_a_need_never_lowers_the_value_of_a_set(case, data):
    problem, _, _ = case
    m = data.draw(st.integers(0, len(problem.mechanisms) - 1))
    subset = data.draw(st.sets(st.integers(0, len(problem.instruments) - 1)))
    higher = problem._replace(need=tuple(n + 0.3 if k == m else n for k, n in enumerate(problem.need)))
    assert higher.value(sorted(subset)) >= problem.value(sorted(subset)) - 1e-12


@settings(max_examples=40, deadline=None)
@given(problems())
def test_the_ranking_never_rises(case):
    problem, cost, weight = case
    order = rank(problem, range(len(problem.instruments)), weight, cost)
    values = [round(v, 9) for _, v in order]  # equal to 9 places is a tie
    assert values == sorted(values, reverse=True)
    assert sum(v for _, v in order) == pytest.approx(problem.value(range(len(problem.instruments))))


def test_without_a_budget_greedy_stops_where_the_marginal_value_per_cost_falls_below_the_threshold():
    # One mechanism of need 1, three identical instruments of cost weight 1: they add 1, 0.5, 0.25.
    problem = Problem(("m",), (1.0,), (0.0,), ("a", "b", "c"), ((1.0,), (1.0,), (1.0,)), 0.5)
    assert greedy(problem, [1.0] * 3, [100_000.0] * 3, 0.3) == [0, 1]
    assert greedy(problem, [1.0] * 3, [100_000.0] * 3, 0.2) == [0, 1, 2]


# On plans ----------------------------------------------------------------------------------------


@SETTINGS
@given(profiles())
def test_every_deficient_mechanism_is_served_or_listed_unserved_with_a_reason(kb, data):
    plan = make_plan(kb, RegionProfile.model_validate(data))
    if plan.verdict.code not in ("strategy", "nothing_worth_cost"):
        return
    served = {t.mechanism for item in plan.strategy for t in item.assessment.terms}
    unserved = {u.mechanism: u for u in plan.unserved}
    for m in plan.mechanisms:
        if m.deficit:
            assert (m.id in served) != (m.id in unserved), m.id
    reasons = {"no_candidate", "distortion_risk", "not_worth_cost", "no_agent", "budget"}
    assert all(u.reason in reasons for u in plan.unserved)


@SETTINGS
@given(profiles())
def test_marginal_values_never_rise_down_the_ranking(kb, data):
    plan = make_plan(kb, RegionProfile.model_validate(data))
    values = [round(item.marginal_value, 9) for item in plan.strategy]  # equal to 9 places is a tie
    assert values == sorted(values, reverse=True)
    assert all(v > 0 for v in values)
    if plan.portfolio is not None:
        assert plan.portfolio.value == pytest.approx(sum(values))


@SETTINGS
@given(profiles(), st.sampled_from(MECHANISMS))
def test_raising_a_deficit_never_lowers_an_addressing_instruments_standalone_value(kb, data, mechanism):
    data["mechanisms"][mechanism] = {"observed": "medium", "possible": True}
    lower = make_plan(kb, RegionProfile.model_validate(data))
    data["mechanisms"][mechanism] = {"observed": "none", "possible": True}
    higher = make_plan(kb, RegionProfile.model_validate(data))
    before = {a.instrument: a.value for a in lower.ranking()}
    after = {a.instrument: a.value for a in higher.ranking()}
    for i in kb.instruments_for(mechanism):
        if i.id in before:
            assert after[i.id] >= before[i.id] - 1e-12


@pytest.mark.parametrize("running", [["networking_events"], ["networking_events", "partner_matching"]])
def test_an_instrument_in_place_lowers_the_value_of_instruments_on_the_same_mechanisms(kb, running):
    # Table 3: networking events and partner matching both act on research cooperation.
    profile = dict(mechanisms={"research_cooperation": {"observed": "none"}})
    without = make_plan(kb, make_profile(**profile))
    with_ = make_plan(kb, make_profile(in_place=running, **profile))
    a = without.find("online_cooperation_database")[1].assessment
    b = with_.find("online_cooperation_database")[1].assessment
    assert b.value < a.value
    # need 1 (deficit 3, strong support, high influence); each whole instrument in place halves the next slot
    assert b.value == pytest.approx(a.value * 0.5 ** len(running))


def test_near_duplicates_are_not_neighbours_at_the_same_value(kb):
    # Partner matching, the online cooperation database and trans-regional network matching act on the same
    # cooperation mechanisms (Table 3): the second and third add half and a quarter of the first.
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "none"}}))
    items = plan.strategy
    overlapping = [(a, b) for a, b in zip(items, items[1:])
                   if {t.mechanism for t in a.assessment.terms} & {t.mechanism for t in b.assessment.terms}]
    assert overlapping  # the case tests something: neighbours acting on shared mechanisms exist
    for a, b in overlapping:
        assert round(a.marginal_value, 9) > round(b.marginal_value, 9), (a.assessment.instrument, b.assessment.instrument)
    # instruments on unrelated mechanisms may tie (a seminar on spin-offs, coaching on venture capital: both
    # the first instrument on a mechanism of the same need); the ranking then orders them by value per cost


def test_a_binding_budget_is_solved_exactly_and_compared_with_greedy(kb):
    profile = make_profile(mechanisms={m: {"observed": "none"} for m in MECHANISMS}, budget={"amount": 200_000})
    plan = make_plan(kb, profile)
    assert plan.portfolio.method == "optimal" and plan.portfolio.proven_optimal
    assert plan.budget_used <= 200_000
    assert any(d.reason == "budget" for d in plan.deferred)
    budget = [d for d in plan.deferred if d.reason == "budget"]
    for d in budget:  # each would clear the threshold, but none fits what is left
        assert d.assessment.cost > plan.budget_left
        assert d.number("value_per_cost") >= plan.weights["min_value_per_cost"] - 1e-9


def test_without_a_budget_the_threshold_decides_and_says_what_each_left_out_would_add(kb):
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "none"}}))
    assert plan.portfolio.method == "threshold" and not plan.portfolio.proven_optimal
    for d in plan.deferred:
        if d.reason == "little_added":
            assert d.number("value_per_cost") < plan.weights["min_value_per_cost"]
            assert d.number("marginal_value") == pytest.approx(d.number("value_per_cost") * d.assessment.cost_factor)


def test_nothing_worth_its_cost_is_a_verdict_with_the_numbers(kb):
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "weak"}}),
                     Weights(min_value_per_cost=50.0))
    assert plan.verdict.code == "nothing_worth_cost"
    assert plan.verdict.threshold == 50.0
    assert plan.verdict.best_value_per_cost == pytest.approx(max(s.assessment.score for s in plan.discarded
                                                                 if s.reason == "not_worth_cost"))
    assert {u.mechanism: u.reason for u in plan.unserved}["research_cooperation"] == "not_worth_cost"


def test_redundant_pairs_share_most_mechanisms(kb):
    plan = make_plan(kb, make_profile(mechanisms={m: {"observed": "none"} for m in MECHANISMS}))
    strategy = {i.assessment.instrument: {t.mechanism for t in i.assessment.terms} for i in plan.strategy}
    for a, b in plan.redundant_pairs:
        assert len(strategy[a] & strategy[b]) / len(strategy[a] | strategy[b]) >= 0.75


@pytest.mark.parametrize("user", [None, "3"])
def test_highspy_is_loaded_with_one_blas_thread_and_the_environment_is_restored(user):
    """numpy's OpenBLAS reads OPENBLAS_NUM_THREADS when it loads: one thread is asked for during the import
    only, and a number the user set is left alone (engine/portfolio.py, _highspy)."""
    import os
    import subprocess
    import sys

    code = ("import os, sys\n"
            "from toolbox.engine.portfolio import _highspy\n"
            "seen = []\n"
            "import builtins\n"
            "real = builtins.__import__\n"
            "def spy(name, *a, **k):\n"
            "    if name == 'highspy' and not seen:\n"
            "        seen.append(os.environ.get('OPENBLAS_NUM_THREADS'))\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = spy\n"
            "_highspy()\n"
            "print(seen[0], os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if user is not None:
        env["OPENBLAS_NUM_THREADS"] = user
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    during, after = out.stdout.split()
    assert (during, after) == (("1", "None") if user is None else (user, user))
