"""The smallest set of instruments that together reach every mechanism of a target: exact set cover.

Branch and bound over bit masks. At each node the search branches on the uncovered mechanism that the
fewest allowed instruments reach, one branch per such instrument; an instrument tried in one branch is
forbidden in the later branches of the same node, so every cover is visited at most once. A branch is
cut when its size plus a lower bound (uncovered mechanisms / the most any allowed instrument still
covers, rounded up) exceeds the best size found. A greedy cover gives the first bound.

Among the minimum covers the one chosen has the largest total value (the instruments' weighted reach),
then the alphabetically first sorted tuple of ids; instruments another one dominates for that rule are
left out of this search. A second search, over every instrument, counts the minimum covers up to
`count_cap`. Sizes here are small (45 instruments, 12 mechanisms); the search takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

COUNT_CAP = 1000
"""Counting minimum covers stops here: the count is then reported as 'at least'."""
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
    """The chosen minimum cover, sorted by id."""
    assignment: tuple[tuple[str, tuple[str, ...]], ...]
    """For each coverable target mechanism, the instruments of the cover that reach it."""
    value: float
    """The chosen cover's total value."""
    count: int
    """How many distinct minimum covers exist (at most `count_cap`)."""
    count_capped: bool
    """True when counting stopped at the cap: there are at least `count` minimum covers."""

    @property
    def size(self) -> int:
        return len(self.instruments)

    def by_instrument(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """For each instrument of the cover, the target mechanisms it reaches."""
        return tuple((i, tuple(m for m, reached in self.assignment if i in reached)) for i in self.instruments)


def minimum_cover(sets: Mapping[str, Iterable[str]], target: Iterable[str],
                  value: Mapping[str, float] | None = None, count_cap: int = COUNT_CAP) -> Cover:
    """The exact minimum cover of `target` by the `sets` (instrument id -> mechanisms it acts on)."""
    target = tuple(dict.fromkeys(target))
    index = {m: k for k, m in enumerate(target)}
    ids = sorted(sets)
    masks: dict[str, int] = {}
    for i in ids:
        mask = 0
        for m in sets[i]:
            if m in index:
                mask |= 1 << index[m]
        if mask:
            masks[i] = mask
    cands = [i for i in ids if i in masks]
    cmask = [masks[i] for i in cands]
    cval = [round((value or {}).get(i, 0.0) * _SCALE) for i in cands]
    reachable = 0
    for mask in cmask:
        reachable |= mask
    uncoverable = tuple(m for m in target if not reachable >> index[m] & 1)
    if not reachable:
        return Cover(target, uncoverable, (), (), 0.0, 1, False)
    # For each mechanism: the candidates reaching it, most promising first (more coverage, more value, id).
    order = sorted(range(len(cands)), key=lambda c: (-cmask[c].bit_count(), -cval[c], cands[c]))
    reaching = [[c for c in order if cmask[c] >> k & 1] for k in range(len(target))]
    search = _Search(cands, cmask, cval, reaching)
    search.greedy(reachable)
    search.optimise(reachable, [], 0, _dominated(cands, cmask, cval))
    count, capped = search.count(reachable, len(search.best_ids), count_cap)
    chosen = search.best_ids
    assignment = tuple((m, tuple(i for i in chosen if masks[i] >> index[m] & 1))
                       for m in target if reachable >> index[m] & 1)
    return Cover(target, uncoverable, chosen, assignment, search.best_value / _SCALE, count, capped)


def _dominated(cands: list[str], cmask: list[int], cval: list[int]) -> int:
    """Candidates the chosen cover never needs, as a bit set: i is dominated by j when j reaches every
    mechanism i reaches and has a higher value, or the same value and an earlier id. Swapping i for j in a
    cover keeps it a cover of the same size and never worsens the (value, ids) rule, so the search for the
    chosen cover can leave i out; the count of minimum covers still considers every candidate."""
    out = 0
    for i, (mi, vi) in enumerate(zip(cmask, cval)):
        for j, (mj, vj) in enumerate(zip(cmask, cval)):
            if j != i and not mi & ~mj and (vj > vi or (vj == vi and cands[j] < cands[i])):
                out |= 1 << i
                break
    return out


class _Search:
    def __init__(self, cands: list[str], cmask: list[int], cval: list[int], reaching: list[list[int]]):
        self.cands, self.cmask, self.cval, self.reaching = cands, cmask, cval, reaching
        self.best_ids: tuple[str, ...] = ()
        self.best_size = len(cands) + 1
        self.best_value = 0

    def _offer(self, chosen: list[int], value: int) -> None:
        ids = tuple(sorted(self.cands[c] for c in chosen))
        size = len(ids)
        if (size, -value, ids) < (self.best_size, -self.best_value, self.best_ids):
            self.best_size, self.best_value, self.best_ids = size, value, ids

    def greedy(self, uncovered: int) -> None:
        chosen, value = [], 0
        while uncovered:
            c = min(range(len(self.cands)),
                    key=lambda c: (-(self.cmask[c] & uncovered).bit_count(), -self.cval[c], self.cands[c]))
            chosen.append(c)
            value += self.cval[c]
            uncovered &= ~self.cmask[c]
        self._offer(chosen, value)

    def _bound(self, uncovered: int, forbidden: int) -> int | None:
        """A lower bound on how many more instruments are needed; None when the rest cannot be covered."""
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

    def _most_value(self, forbidden: int, slots: int) -> int:
        """An upper bound on the value `slots` more allowed instruments can add."""
        values = sorted((v for c, v in enumerate(self.cval) if not forbidden >> c & 1), reverse=True)
        return sum(values[:slots])

    def _branch(self, uncovered: int, forbidden: int) -> list[int] | None:
        """The allowed candidates for the uncovered mechanism with the fewest of them."""
        best = None
        k, rest = 0, uncovered
        while rest:
            if rest & 1:
                options = [c for c in self.reaching[k] if not forbidden >> c & 1]
                if best is None or len(options) < len(best):
                    best = options
                    if len(best) <= 1:
                        break
            rest >>= 1
            k += 1
        return best

    def optimise(self, uncovered: int, chosen: list[int], value: int, forbidden: int) -> None:
        if not uncovered:
            self._offer(chosen, value)
            return
        bound = self._bound(uncovered, forbidden)
        if bound is None:
            return
        size = len(chosen) + bound
        if size > self.best_size:
            return
        if size == self.best_size and value + self._most_value(forbidden, self.best_size - len(chosen)) < self.best_value:
            return
        for c in self._branch(uncovered, forbidden) or ():
            chosen.append(c)
            self.optimise(uncovered & ~self.cmask[c], chosen, value + self.cval[c], forbidden)
            chosen.pop()
            forbidden |= 1 << c

    def count(self, uncovered: int, size: int, cap: int) -> tuple[int, bool]:
        found = 0

        def walk(uncovered: int, depth: int, forbidden: int) -> bool:
            nonlocal found
            if not uncovered:
                found += 1
                return found >= cap
            bound = self._bound(uncovered, forbidden)
            if bound is None or depth + bound > size:
                return False
            for c in self._branch(uncovered, forbidden) or ():
                if walk(uncovered & ~self.cmask[c], depth + 1, forbidden):
                    return True
                forbidden |= 1 << c
            return False

        capped = walk(uncovered, 0, 0)
        return found, capped
