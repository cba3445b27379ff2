"""The smallest set of instruments that together reach every mechanism of a target: set cover, with bounded work.

1. HiGHS (through highspy, imported only when a cover is sought; engine/solver.py) solves the integer programme "fewest instruments such that
   every reachable target mechanism is reached", within `TIME_LIMIT` seconds. Past the limit the best
   cover found so far is returned with status `not_proven`: it may not be minimal, and the minimum
   covers are not counted. A greedy cover stands in when HiGHS has found none by then.
2. With the size proven, a branch-and-bound walk over bit masks enumerates the covers of that size
   (branching on the uncovered mechanism that the fewest instruments reach, an instrument tried in one
   branch forbidden in the later ones, so every cover is met once; a branch is cut when its size plus a
   lower bound exceeds the minimum). It stops at `count_cap` covers or after `WORK_CAP` instrument
   checks, whichever comes first; the count is then "at least". The work bound is counted, not timed,
   so the same input always gives the same answer.
3. The cover shown is, among the minimum covers, the one with the largest total value (the instruments'
   weighted reach), then the alphabetically first sorted tuple of ids. When the walk saw every minimum
   cover that choice is exact; when it stopped early, HiGHS is asked once more (in the time left) for the
   largest value among covers of the minimum size, and the rule is applied to what was found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

COUNT_CAP = 1000
"""Counting minimum covers stops here: the count is then reported as 'at least'."""
TIME_LIMIT = 3.0
"""Seconds HiGHS may spend in all; past them the cover is 'best found, not proven minimal'. Three, so that the
whole audit of a 1,000-instrument overlay stays within 10 s (bench/overlay.py)."""
WORK_CAP = 3_000_000
"""Instrument checks the counting walk may make (about a second); past them the count is 'at least'."""
OPTIMAL = "optimal"
"""Status: the cover is proven to have the fewest instruments."""
NOT_PROVEN = "not_proven"
"""Status: the time limit ran out; the best cover found, not proven minimal."""
_SCALE = 1_000_000
"""Values are compared as integers in millionths, so float sums cannot reorder equal covers."""


@dataclass(frozen=True)
class Cover:
    """A minimum cover of `target` and what else is known about the minimum covers."""

    target: tuple[str, ...]
    """The mechanisms to reach, in the order given."""
    uncoverable: tuple[str, ...]
    """Target mechanisms no instrument reaches: left out of the cover."""
    instruments: tuple[str, ...]
    """The chosen cover, sorted by id."""
    assignment: tuple[tuple[str, tuple[str, ...]], ...]
    """For each coverable target mechanism, the instruments of the cover that reach it."""
    value: float
    """The chosen cover's total value."""
    count: int | None
    """How many distinct minimum covers exist (at most `count_cap`); None when the size is not proven."""
    count_capped: bool
    """True when counting stopped early: there are at least `count` minimum covers."""
    status: str = OPTIMAL
    """`OPTIMAL`, or `NOT_PROVEN` when the time limit ran out first."""

    @property
    def size(self) -> int:
        return len(self.instruments)

    @property
    def proven(self) -> bool:
        return self.status == OPTIMAL

    def by_instrument(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """For each instrument of the cover, the target mechanisms it reaches."""
        return tuple((i, tuple(m for m, reached in self.assignment if i in reached)) for i in self.instruments)


def minimum_cover(sets: Mapping[str, Iterable[str]], target: Iterable[str],
                  value: Mapping[str, float] | None = None, count_cap: int = COUNT_CAP,
                  time_limit: float = TIME_LIMIT, work_cap: int = WORK_CAP) -> Cover:
    """The minimum cover of `target` by the `sets` (instrument id -> mechanisms it acts on)."""
    target = tuple(dict.fromkeys(target))
    index = {m: k for k, m in enumerate(target)}
    masks: dict[str, int] = {}
    for i in sorted(sets):
        mask = 0
        for m in sets[i]:
            if m in index:
                mask |= 1 << index[m]
        if mask:
            masks[i] = mask
    cands = list(masks)
    cmask = [masks[i] for i in cands]
    cval = [round((value or {}).get(i, 0.0) * _SCALE) for i in cands]
    reachable = 0
    for mask in cmask:
        reachable |= mask
    uncoverable = tuple(m for m in target if not reachable >> index[m] & 1)

    def result(chosen: list[int], count: int | None, capped: bool, status: str) -> Cover:
        ids = tuple(sorted(cands[c] for c in chosen))
        assignment = tuple((m, tuple(i for i in ids if masks[i] >> index[m] & 1))
                           for m in target if reachable >> index[m] & 1)
        return Cover(target, uncoverable, ids, assignment, sum(cval[c] for c in chosen) / _SCALE, count, capped, status)

    if not reachable:
        return result([], 1, False, OPTIMAL)
    solver = _Solver(cmask, reachable, time_limit)
    greedy = _greedy(cands, cmask, cval, reachable)
    found = solver.fewest(greedy)
    if found is None:
        best = min((greedy, solver.incumbent or greedy), key=lambda s: _rank(s, cands, cval))
        return result(best, None, False, NOT_PROVEN)
    size = len(found)
    order = sorted(range(len(cands)), key=lambda c: (-cmask[c].bit_count(), -cval[c], cands[c]))
    reaching = [[c for c in order if cmask[c] >> k & 1] for k in range(len(target))]
    walk = _Walk(cmask, reaching, size, count_cap, work_cap)
    walk.run(reachable)
    seen = [found, *walk.covers]
    if walk.capped:
        richest = solver.richest(size, cval, found)
        if richest is None:
            best = min(seen, key=lambda s: _rank(s, cands, cval))
            return result(best, None, False, NOT_PROVEN)
        seen.append(richest)
    best = min(seen, key=lambda s: _rank(s, cands, cval))
    return result(best, max(len(walk.covers), 1), walk.capped, OPTIMAL)


def _rank(chosen: list[int], cands: list[str], cval: list[int]) -> tuple:
    """The documented rule as a sort key: fewest instruments, largest value, first sorted ids."""
    return len(chosen), -sum(cval[c] for c in chosen), sorted(cands[c] for c in chosen)


def _greedy(cands: list[str], cmask: list[int], cval: list[int], uncovered: int) -> list[int]:
    chosen = []
    while uncovered:
        c = min(range(len(cands)), key=lambda c: (-(cmask[c] & uncovered).bit_count(), -cval[c], cands[c]))
        chosen.append(c)
        uncovered &= ~cmask[c]
    return chosen


class _Solver:
    """The integer programme: a binary x_i per instrument, Σ x_i over the instruments reaching each
    reachable target mechanism ≥ 1. One time budget is shared by every solve."""

    def __init__(self, cmask: list[int], reachable: int, time_limit: float):
        import time

        from toolbox.engine.solver import load_highspy, new_highs

        highspy = load_highspy()
        self._clock = time.monotonic
        self._deadline = self._clock() + max(time_limit, 0.0)
        self.n = len(cmask)
        self.incumbent: list[int] | None = None
        # Objective values are integers: a gap under 1 proves the optimum. Each solve sets its own time limit.
        h = self.h = new_highs(max(time_limit, 0.0), mip_abs_gap=0.5)
        lp = highspy.HighsLp()
        lp.num_col_ = self.n
        lp.col_cost_ = [1.0] * self.n
        lp.col_lower_ = [0.0] * self.n
        lp.col_upper_ = [1.0] * self.n
        rows = [k for k in range(reachable.bit_length()) if reachable >> k & 1]
        lp.num_row_ = len(rows)
        lp.row_lower_ = [1.0] * len(rows)
        lp.row_upper_ = [highspy.kHighsInf] * len(rows)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        start, col = [0], []
        for k in rows:
            col += [c for c in range(self.n) if cmask[c] >> k & 1]
            start.append(len(col))
        lp.a_matrix_.start_ = start
        lp.a_matrix_.index_ = col
        lp.a_matrix_.value_ = [1.0] * len(col)
        lp.integrality_ = [highspy.HighsVarType.kInteger] * self.n
        h.passModel(lp)
        self.highspy = highspy

    def _solve(self, start: list[int]) -> bool:
        """Run from a known cover; True when proven optimal. Keeps the best solution found either way."""
        left = self._deadline - self._clock()
        if left <= 0:
            return False
        h = self.h
        h.setOptionValue("time_limit", left)
        solution = self.highspy.HighsSolution()
        chosen = set(start)
        solution.col_value = [1.0 if c in chosen else 0.0 for c in range(self.n)]
        h.setSolution(solution)
        h.run()
        status = h.getModelStatus()
        if h.getInfo().primal_solution_status == self.highspy.SolutionStatus.kSolutionStatusFeasible:
            values = h.getSolution().col_value
            self.incumbent = [c for c in range(self.n) if values[c] > 0.5]
        return status == self.highspy.HighsModelStatus.kOptimal

    def fewest(self, start: list[int]) -> list[int] | None:
        """A cover proven to have the fewest instruments, or None when the time ran out."""
        return self.incumbent if self._solve(start) else None

    def richest(self, size: int, cval: list[int], start: list[int]) -> list[int] | None:
        """A cover of `size` instruments with the largest total value, or None when the time ran out."""
        h = self.h
        h.addRow(float(size), float(size), self.n, list(range(self.n)), [1.0] * self.n)
        h.changeColsCost(self.n, list(range(self.n)), [-float(v) for v in cval])
        return self.incumbent if self._solve(start) else None


class _Walk:
    """Every cover of exactly `size` instruments, up to `cap` covers or `work_cap` instrument checks."""

    def __init__(self, cmask: list[int], reaching: list[list[int]], size: int, cap: int, work_cap: int):
        self.cmask, self.reaching, self.size, self.cap = cmask, reaching, size, cap
        self.work = work_cap
        self.covers: list[list[int]] = []
        self.capped = False

    def _bound(self, uncovered: int, forbidden: int) -> int | None:
        """A lower bound on how many more instruments are needed; None when the rest cannot be covered."""
        self.work -= len(self.cmask)
        most = 0
        covered = 0
        for c, mask in enumerate(self.cmask):
            if not forbidden >> c & 1:
                hit = mask & uncovered
                covered |= hit
                most = max(most, hit.bit_count())
        if covered != uncovered:
            return None
        return -(-uncovered.bit_count() // most)

    def _branch(self, uncovered: int, forbidden: int) -> list[int]:
        """The allowed candidates for the uncovered mechanism with the fewest of them."""
        best: list[int] | None = None
        k, rest = 0, uncovered
        while rest:
            if rest & 1:
                self.work -= len(self.reaching[k])
                options = [c for c in self.reaching[k] if not forbidden >> c & 1]
                if best is None or len(options) < len(best):
                    best = options
                    if len(best) <= 1:
                        break
            rest >>= 1
            k += 1
        return best or []

    def run(self, uncovered: int) -> None:
        chosen: list[int] = []

        def walk(uncovered: int, forbidden: int) -> bool:
            """True when the walk must stop."""
            if not uncovered:
                self.covers.append(list(chosen))
                return len(self.covers) >= self.cap
            if self.work <= 0:
                return True
            bound = self._bound(uncovered, forbidden)
            if bound is None or len(chosen) + bound > self.size:
                return False
            for c in self._branch(uncovered, forbidden):
                chosen.append(c)
                stop = walk(uncovered & ~self.cmask[c], forbidden)
                chosen.pop()
                if stop:
                    return True
                forbidden |= 1 << c
            return False

        self.capped = walk(uncovered, 0)
