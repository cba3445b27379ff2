"""The minimum cover against brute force on small random instances, its edge cases, and its bounds on work."""

from __future__ import annotations

import random
import time
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolbox.audit.cover import NOT_PROVEN, OPTIMAL, minimum_cover


def brute_force(sets: dict[str, set[str]], target: list[str], value: dict[str, float]):
    """Every subset of the sets, smallest first: (size, best cover by the documented rule, count of minimum covers)."""
    reachable = set().union(*sets.values()) & set(target) if sets else set()
    ids = sorted(sets)
    for size in range(len(ids) + 1):
        covers = [c for c in combinations(ids, size) if reachable <= set().union(set(), *(sets[i] for i in c))]
        if covers:
            best = min(covers, key=lambda c: (-round(sum(value[i] for i in c) * 1_000_000), c))
            return size, best, len(covers)
    raise AssertionError("unreachable: all sets together cover what is reachable")


def random_instance(rng: random.Random):
    universe = [f"m{k}" for k in range(rng.randint(1, 6))]
    sets = {}
    for k in range(rng.randint(1, 9)):
        sets[f"i{k}"] = {m for m in universe if rng.random() < 0.35} or {rng.choice(universe)}
    if rng.random() < 0.2:  # sometimes an element no set reaches
        universe.append("lonely")
    value = {i: rng.choice([0.0, 0.5, 1.0, 1.5, 2.0]) for i in sets}
    return sets, universe, value


def check(sets, universe, value):
    size, best, count = brute_force(sets, universe, value)
    cover = minimum_cover(sets, universe, value)
    assert cover.size == size
    assert cover.instruments == best
    assert cover.count == count and not cover.count_capped
    assert cover.status == OPTIMAL
    reachable = set().union(*sets.values())
    assert set(cover.uncoverable) == set(universe) - reachable
    covered = set().union(set(), *(sets[i] for i in cover.instruments))
    assert set(universe) & reachable <= covered
    for mechanism, reached in cover.assignment:
        assert reached and all(mechanism in sets[i] for i in reached)


def test_minimum_cover_equals_brute_force_on_seeded_random_instances():
    rng = random.Random(20240605)
    for _ in range(400):
        check(*random_instance(rng))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from([f"i{k}" for k in range(8)]),
                       st.sets(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1), min_size=1),
       st.lists(st.sampled_from(["a", "b", "c", "d", "e", "z"]), min_size=1, unique=True))
def test_minimum_cover_equals_brute_force_property(sets, target):
    check(sets, target, {i: float(len(s)) for i, s in sets.items()})


def test_hand_example():
    # a covers x, y; b covers y, z; c covers z; d covers x. Minimum covers of {x, y, z}: {a, b}, {a, c}, {b, d}.
    sets = {"a": {"x", "y"}, "b": {"y", "z"}, "c": {"z"}, "d": {"x"}}
    cover = minimum_cover(sets, ["x", "y", "z"], {"a": 2, "b": 2, "c": 1, "d": 1})
    assert cover.instruments == ("a", "b")  # the larger total value wins
    assert cover.count == 3 and cover.value == 4
    assert dict(cover.assignment) == {"x": ("a",), "y": ("a", "b"), "z": ("b",)}
    assert cover.by_instrument() == (("a", ("x", "y")), ("b", ("y", "z")))
    # equal values: the alphabetically first cover
    assert minimum_cover(sets, ["x", "y", "z"]).instruments == ("a", "b")
    assert minimum_cover(sets, ["x", "y", "z"], {"b": 0, "c": 1}).instruments == ("a", "c")


def test_empty_and_uncoverable_targets():
    sets = {"a": {"x"}}
    empty = minimum_cover(sets, [])
    assert empty.size == 0 and empty.count == 1 and empty.uncoverable == ()
    lonely = minimum_cover(sets, ["q"])
    assert lonely.size == 0 and lonely.uncoverable == ("q",)
    mixed = minimum_cover(sets, ["x", "q"])
    assert mixed.instruments == ("a",) and mixed.uncoverable == ("q",)


def test_count_stops_at_the_cap():
    # ten elements, three interchangeable sets each: 3**10 minimum covers
    sets = {f"s{e}_{k}": {f"e{e}"} for e in range(10) for k in range(3)}
    cover = minimum_cover(sets, [f"e{e}" for e in range(10)], count_cap=50)
    assert cover.size == 10
    assert cover.count == 50 and cover.count_capped


def test_shipped_table_3_cover_is_fast(kb):
    start = time.perf_counter()
    minimum_cover({i.id: i.mechanisms for i in kb.instruments.values()}, kb.mechanisms)
    assert time.perf_counter() - start < 1.0


def large_instance(instruments: int, mechanisms: int, seed: int = 30):
    """Like bench/generate.py's overlay: each instrument acts on two to six mechanisms, each mechanism is
    reached by a few. The issue's 30-mechanism, 60-instrument case took 15 s with the former exact search."""
    rng = random.Random(seed)
    universe = [f"m{k:03d}" for k in range(mechanisms)]
    sets = {f"i{k:04d}": {universe[k % mechanisms], *rng.sample(universe, rng.randint(1, 5))}
            for k in range(instruments)}
    value = {i: float(len(s)) + rng.random() for i, s in sets.items()}
    return sets, universe, value


def is_cover(cover, sets, universe) -> bool:
    return set(universe) <= set().union(*(sets[i] for i in cover.instruments))


def test_past_the_time_limit_the_best_cover_found_is_labelled_not_proven():
    sets, universe, value = large_instance(200, 30)
    cover = minimum_cover(sets, universe, value, time_limit=0)
    assert cover.status == NOT_PROVEN and not cover.proven
    assert cover.count is None and not cover.count_capped  # minimum covers are not counted without a minimum
    assert is_cover(cover, sets, universe)


def test_a_large_instance_ends_with_a_status_and_a_cover():
    sets, universe, value = large_instance(200, 30)
    cover = minimum_cover(sets, universe, value, time_limit=0.5, work_cap=200_000)
    assert cover.status in (OPTIMAL, NOT_PROVEN)
    assert is_cover(cover, sets, universe)
    if cover.proven:
        assert cover.count >= 1
    greedy = minimum_cover(sets, universe, value, time_limit=0)
    assert cover.size <= greedy.size


def test_the_count_stops_at_the_work_bound_and_the_choice_still_has_the_largest_value():
    # 3**10 minimum covers; the values make one of them the richest, whatever the walk met first
    sets = {f"s{e}_{k}": {f"e{e}"} for e in range(10) for k in range(3)}
    value = {i: (1.0 if i.endswith("_2") else 0.0) for i in sets}
    cover = minimum_cover(sets, [f"e{e}" for e in range(10)], value, work_cap=500)
    assert cover.status == OPTIMAL and cover.count_capped and 1 <= cover.count < 3 ** 10
    assert cover.instruments == tuple(sorted(f"s{e}_2" for e in range(10))) and cover.value == 10


def test_the_portfolio_and_the_roadmap_still_solve_after_the_audit_s_cover():
    """HiGHS sizes one thread scheduler per process at its first solve, and a later solve asking for another
    thread count fails with no solution: a minimum cover first, then a one-year roadmap whose single
    instrument is worth starting (a value of 0.05 at no threshold) must still start it."""
    from toolbox.engine.roadmap import Inputs, Timing, objective, solve_roadmap
    from toolbox.engine.value import Problem

    sets = {"a": {"x", "y"}, "b": {"y", "z"}, "c": {"z"}, "d": {"x"}}
    assert minimum_cover(sets, ["x", "y", "z"]).instruments == ("a", "b")
    one = Inputs(Problem(("m0",), (0.05,), (0.0,), ("i0",), ((1.0,),), 0.5), (5000.0,), (0.2,),
                 (Timing(0, None, 1.0),), (0.0,), (None,), 0.0, 0.0)
    starts, proven = solve_roadmap(one)
    assert starts == {0: 0} and proven and objective(one, starts) == 0.05
