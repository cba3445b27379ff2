"""The exact minimum cover against brute force on small random instances, and its edge cases."""

from __future__ import annotations

import random
import time
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolbox.audit.cover import minimum_cover


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
