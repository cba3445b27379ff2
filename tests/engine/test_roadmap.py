"""The phased roadmap (issue 12, B): the multi-period integer programme against brute force, its budgets and
single starts, effects after the horizon, why the first year differs from the single-year strategy, and the
roadmap of the shipped examples. Brute force over every start plan is the reference."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.test_portfolio import problems
from toolbox.engine import Weights, make_plan
from toolbox.engine.roadmap import Inputs, Timing, feasible, make_roadmap, objective, solve_roadmap, spending

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def roadmaps(draw, most=4):
    problem, cost, weight = draw(problems(most=most))
    n = len(cost)
    horizon = draw(st.integers(1, 3))
    timing = tuple(Timing(draw(st.integers(0, 3)), draw(st.sampled_from((None, 1, 2))), draw(st.sampled_from((1.0, 0.5))))
                   for _ in range(n))
    budgets = tuple(draw(st.sampled_from((None, 30_000.0, 80_000.0, 200_000.0, 500_000.0))) for _ in range(horizon))
    bonus = tuple(draw(st.sampled_from((0.0, 0.0, 0.05, 0.2))) for _ in range(n))
    return Inputs(problem, tuple(cost), tuple(w * t.share ** 0.5 for w, t in zip(weight, timing)), timing, bonus,
                  budgets, draw(st.sampled_from((0.0, 0.2, 0.5))), draw(st.sampled_from((0.0, 0.035, 0.2))))


def brute_force(inputs: Inputs) -> float:
    """The best objective over every start plan (each instrument: not started, or started in a year)."""
    n, T = len(inputs.cost), inputs.horizon
    best = 0.0
    for plan in product(range(-1, T), repeat=n):
        starts = {i: t for i, t in enumerate(plan) if t >= 0}
        if feasible(inputs, starts):
            best = max(best, objective(inputs, starts))
    return best


@SETTINGS
@given(roadmaps())
def test_the_programme_is_optimal_against_brute_force(inputs):
    starts, proven = solve_roadmap(inputs)
    assert proven
    assert objective(inputs, starts) == pytest.approx(brute_force(inputs), abs=1e-6)


@SETTINGS
@given(roadmaps(most=8))
def test_no_year_exceeds_its_budget_and_no_instrument_starts_twice(inputs):
    starts, _ = solve_roadmap(inputs)
    # a dict cannot hold an instrument twice; the rendered years must not either (see the example test below)
    for budget, spent in zip(inputs.budgets, spending(inputs, starts)):
        assert budget is None or spent <= budget + 1e-6
    for i, t in starts.items():
        assert 0 <= t < inputs.horizon


@SETTINGS
@given(roadmaps(most=6))
def test_an_instrument_is_never_started_where_its_effect_falls_after_the_horizon(inputs):
    starts, _ = solve_roadmap(inputs)
    for i, t in starts.items():
        assert t + inputs.timing[i].effect < inputs.horizon


def _single(effect: int, bonus: float = 0.0, cost: float = 100_000.0, horizon: int = 3) -> Inputs:
    """One instrument on one mechanism of need 1, worth far more than its cost weight."""
    from toolbox.engine.value import Problem

    problem = Problem(("m",), (1.0,), (0.0,), ("i",), ((1.0,),), 0.5)
    return Inputs(problem, (cost,), (1.0,), (Timing(effect, None, 1.0),), (bonus,), (None,) * horizon, 0.2, 0.035)


def test_effect_after_the_horizon_is_not_started_even_with_a_quick_win_bonus():
    # effect 3 years after a start in year 0 of a 3-year horizon: year 3 is after it
    assert solve_roadmap(_single(effect=3, bonus=10.0))[0] == {}
    # within the horizon it is started at once: value 1 a year from year 2 on beats the charge 0.2 a year
    assert solve_roadmap(_single(effect=2))[0] == {0: 0}


def test_a_larger_budget_later_lets_the_roadmap_start_more_then():
    from toolbox.engine.value import Problem

    # two platform services on separate mechanisms; year 1 can afford one, year 2 both
    problem = Problem(("a", "b"), (1.0, 0.8), (0.0, 0.0), ("x", "y"), ((1.0, 0.0), (0.0, 1.0)), 0.5)
    inputs = Inputs(problem, (100_000.0, 100_000.0), (1.0, 1.0), (Timing(0, None, 1.0),) * 2, (0.0, 0.0),
                    (100_000.0, 200_000.0, 200_000.0), 0.2, 0.035)
    starts, proven = solve_roadmap(inputs)
    assert proven and starts == {0: 0, 1: 1}  # the larger need first, the other as soon as the money is there


def test_a_project_frees_its_money_when_it_ends():
    from toolbox.engine.value import Problem

    problem = Problem(("a", "b"), (1.0, 0.8), (0.0, 0.0), ("x", "y"), ((1.0, 0.0), (0.0, 1.0)), 0.5)
    inputs = Inputs(problem, (100_000.0, 100_000.0), (1.0, 1.0), (Timing(0, 1, 1.0), Timing(0, None, 1.0)),
                    (0.0, 0.0), (100_000.0, 100_000.0, 100_000.0), 0.2, 0.035)
    starts, _ = solve_roadmap(inputs)
    # the one-year project first (its effect lasts), then the service from year 2 on
    assert starts == {0: 0, 1: 1}
    assert spending(inputs, starts) == [100_000.0, 100_000.0, 100_000.0]


def _plan(kb, profile, weights=None, years=None):
    plan = make_plan(kb, profile, weights)
    return plan._replace(roadmap=make_roadmap(kb, profile, plan, weights, years))


def test_the_shipped_example_roadmap_keeps_every_budget_and_starts_each_once(kb):
    from toolbox.profile.load import load_profile

    for path in sorted((ROOT / "examples").glob("*.yaml")):
        profile = load_profile(path, kb)
        r = _plan(kb, profile, years=5).roadmap
        assert r is not None and r.horizon == 5 and len(r.years) == 5
        assert r.proven_optimal
        starts: dict[str, int] = {}
        for y in r.years:
            assert y.budget is None or y.spent <= y.budget + 1e-6, (path.name, y)
            assert y.spent == pytest.approx(sum(e.cost for e in y.instruments))
            ids = [e.instrument for e in y.instruments]
            assert len(ids) == len(set(ids))
            for e in y.instruments:
                if e.start_year is not None:
                    assert starts.setdefault(e.instrument, e.start_year) == e.start_year
                    assert e.effect_year <= r.first_year + r.horizon - 1


def test_first_year_budget_is_the_reason_when_year_one_has_less_money(kb):
    # Lakeside's single-year strategy spends its whole 150,000; a first year of 60,000 cannot hold it
    from toolbox.profile.load import load_profile

    base = load_profile(ROOT / "examples" / "lakeside_medtech_tight_budget.yaml", kb)
    budget = base.budget.model_copy(update={"years": (60_000.0, 150_000.0, 150_000.0)})
    profile = base.model_copy(update={"budget": budget})
    r = _plan(kb, profile).roadmap
    assert r.years[0].spent <= 60_000
    dropped = [d for d in r.differences if d.in_single_year]
    assert dropped and any(d.reason == "first_year_budget" for d in dropped)
    d = next(d for d in dropped if d.reason == "first_year_budget")
    assert d.number("available") == 60_000 and d.number("single_year_budget") == 150_000


def test_timing_is_the_reason_for_a_long_lead_instrument_left_out(kb):
    # education_science_lobbying takes effect 4 years after its start (data/instruments.yaml): in a 5-year roadmap
    # it covers one year and pays five, so the roadmap leaves out what the single-year strategy recommends
    from toolbox.profile.load import load_profile

    profile = load_profile(ROOT / "examples" / "northfield_software_nascent.yaml", kb)
    plan = _plan(kb, profile, years=5)
    assert "education_science_lobbying" in [i.assessment.instrument for i in plan.strategy]
    d = {d.instrument: d for d in plan.roadmap.differences}["education_science_lobbying"]
    assert d.in_single_year and d.start_year is None and d.reason == "timing" and d.number("years_to_effect") == 4


def test_the_exact_optimum_of_the_first_year_is_a_reason(kb):
    # Greater Arntown's single-year strategy is built greedily (its budget does not bind); the exact optimum of
    # the first year leaves out transregional_network_matching, which the greedy keeps (docs/method.md, "Roadmap")
    from toolbox.profile.load import load_profile

    profile = load_profile(ROOT / "examples" / "greater_arntown_widgets.yaml", kb)
    plan = _plan(kb, profile, years=5)
    d = {d.instrument: d for d in plan.roadmap.differences}["transregional_network_matching"]
    assert d.in_single_year and d.start_year is None and d.reason == "exact_set"


def test_without_a_quick_win_preference_the_quick_win_reason_disappears(kb):
    from toolbox.profile.load import load_profile

    profile = load_profile(ROOT / "examples" / "lakeside_medtech_tight_budget.yaml", kb)
    with_pref = _plan(kb, profile, years=5).roadmap
    assert any(d.reason == "quick_wins" for d in with_pref.differences)
    without = _plan(kb, profile, Weights(quick_wins=0.0), years=5).roadmap
    assert not any(d.reason == "quick_wins" for d in without.differences)


@SETTINGS
@given(problems(most=8), st.sampled_from((30_000.0, 80_000.0, 200_000.0)))
def test_a_one_year_roadmap_of_immediate_effects_is_the_single_year_portfolio(data, budget):
    # one year, every effect in its start year, no quick-win bonus: the roadmap maximises the portfolio's objective
    # value(S) - threshold x sum of cost weights under the budget (engine/portfolio.py)
    from toolbox.engine.portfolio import net, solve

    problem, cost, weight = data
    inputs = Inputs(problem, tuple(cost), tuple(weight), (Timing(0, None, 1.0),) * len(cost), (0.0,) * len(cost),
                    (budget,), 0.2, 0.035)
    starts, _ = solve_roadmap(inputs)
    chosen, _ = solve(problem, weight, cost, 0.2, budget)
    assert objective(inputs, starts) == pytest.approx(net(problem, chosen, weight, 0.2), abs=1e-6)


def test_in_place_instruments_paid_from_the_budget_count_every_year(kb):
    from toolbox.profile.load import load_profile

    base = load_profile(ROOT / "examples" / "greater_arntown_widgets.yaml", kb)
    budget = base.budget.model_copy(update={"pays_for_in_place": ("job_fairs",), "amount": 200_000.0})
    r = _plan(kb, base.model_copy(update={"budget": budget}), years=3).roadmap
    assert r.in_place_cost == 30_000  # job fairs' indicative annual cost (data/instruments.yaml)
    for y in r.years:
        assert any(e.in_place and e.instrument == "job_fairs" for e in y.instruments)
        assert y.spent <= 200_000 + 1e-6


def test_no_roadmap_unless_asked(kb):
    from toolbox.profile.load import load_profile

    profile = load_profile(ROOT / "examples" / "greater_arntown_widgets.yaml", kb)
    plan = make_plan(kb, profile)
    assert make_roadmap(kb, profile, plan) is None


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_on_random_profiles_no_year_exceeds_its_budget_and_each_instrument_starts_once(kb, data):
    from tests.engine.test_properties import profiles
    from toolbox.profile.model import RegionProfile

    raw = data.draw(profiles())
    years = data.draw(st.lists(st.integers(20_000, 2_000_000), min_size=1, max_size=5))
    raw["budget"] = {"years": [float(y) for y in years], "first_year": 2030}
    in_place = data.draw(st.sets(st.sampled_from(("job_fairs", "networking_events", "online_job_exchange")),
                                 max_size=2))
    raw["in_place"] = sorted(in_place)
    raw["budget"]["pays_for_in_place"] = sorted(in_place)
    profile = RegionProfile.model_validate(raw)
    r = _plan(kb, profile).roadmap
    assert [y.year for y in r.years] == list(range(2030, 2030 + len(years)))
    starts: dict[str, int] = {}
    for y, budget in zip(r.years, years):
        assert y.budget == budget
        new = sum(e.cost for e in y.instruments if not e.in_place)
        # new instruments fit what is left after the instruments in place; those alone may exceed a small budget
        assert new <= max(budget - r.in_place_cost, 0.0) + 1e-6
        for e in y.instruments:
            if e.start_year is not None:
                assert starts.setdefault(e.instrument, e.start_year) == e.start_year
                assert e.effect_year <= 2030 + len(years) - 1


def test_with_the_gap_term_each_years_value_weighs_the_empty_gaps_as_the_plan_does(kb):
    """CLUSNET's City 1 with the empty_gap weight set: a year's value is the plan's value model (its deficient
    mechanisms and its five empty gaps, engine/value.py) over the instruments in effect that year."""
    from toolbox.engine.barriers.cost_benefit import factor
    from toolbox.engine.value import build
    from toolbox.profile.load import load_profile

    profile = load_profile(ROOT / "examples" / "clusnet_city1_empty_slots.yaml", kb)
    weights = Weights(empty_gap=0.3)
    plan = _plan(kb, profile, weights, years=4)
    assert len(plan.gap_term) == 5
    scored = {a.instrument: a for a in [i.assessment for i in plan.strategy] + [s.assessment for s in plan.deferred]}
    effect = {e.instrument: e.effect_year for row in plan.roadmap.years for e in row.instruments if e.effect_year}
    needs = {m.id: m.need for m in plan.mechanisms if m.deficit}
    needs.update(plan.gap_term)

    def rows(assessments):
        return {a.instrument: (factor(a), tuple(t.mechanism for t in a.terms) + tuple("gap:" + g for g in a.gaps))
                for a in assessments}

    running = rows(s.assessment for s in plan.in_place)
    filled = 0
    for row in plan.roadmap.years:
        live = [scored[i] for i, y in effect.items() if y <= row.year]
        problem = build(needs, rows(live), running, weights.decay)
        assert row.value == pytest.approx(problem.value(range(len(live))), abs=1e-12), row.year
        filled += any(a.gaps for a in live)
    assert filled  # some year has an instrument in effect that fills an empty gap
