"""What a set of instruments is worth: need times coverage, with diminishing returns (docs/method.md).

    value(S) = Σ_m need_m × ( G(p_m + c_m(S)) − G(p_m) ),    c_m(S) = Σ_{i ∈ S} a_im

    a_im = f_i = D(i) × F(i) when instrument i acts on the deficient mechanism m, else 0
    p_m  = Σ a_im over the instruments already in place (they count toward coverage first)
    G(t) = Σ_{k ≥ 1} decay^(k−1) × min(1, max(0, t − (k − 1)))

G is the piecewise-linear curve through the geometric series: a whole instrument in the k-th slot adds
decay^(k−1); an instrument weighed down by its distortion or policy-field factor fills only that share of
its slot. G is increasing and concave and c_m is a non-negative sum, so value is monotone and
submodular: an instrument never adds more to a larger set.

The formula is written once, here, over plain arrays: `need` and `in_place` per mechanism, and an
incidence matrix of rows `a_i` per instrument. A vectorised Monte Carlo can apply the same
functions to numpy arrays row-wise (`coverage` is `A.T @ x`, `curve` only needs floor and power).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple


def curve(t: float, decay: float) -> float:
    """G(t): the value of coverage t on one mechanism whose need is 1."""
    if t <= 0:
        return 0.0
    whole = math.floor(t)
    part = t - whole
    if decay == 1:
        return t
    return (1 - decay ** whole) / (1 - decay) + part * decay ** whole


class Problem(NamedTuple):
    """The deficient mechanisms and the instruments that may act on them, as arrays."""

    mechanisms: tuple[str, ...]
    need: tuple[float, ...]
    in_place: tuple[float, ...]
    """Coverage already there, per mechanism, from the instruments the region runs."""
    instruments: tuple[str, ...]
    incidence: tuple[tuple[float, ...], ...]
    """Per instrument, per mechanism: a_im (its factor where it acts on m, else 0)."""
    decay: float

    def coverage(self, chosen: Sequence[int]) -> list[float]:
        c = [0.0] * len(self.mechanisms)
        for i in chosen:
            for m, a in enumerate(self.incidence[i]):
                c[m] += a
        return c

    def value_of_coverage(self, coverage: Sequence[float]) -> float:
        d = self.decay
        return sum(n * (curve(p + c, d) - curve(p, d)) for n, p, c in zip(self.need, self.in_place, coverage) if n)

    def value(self, chosen: Sequence[int]) -> float:
        return self.value_of_coverage(self.coverage(chosen))

    def gains(self, i: int, coverage: Sequence[float]) -> list[tuple[int, float, float]]:
        """(mechanism index, coverage before, gain) for each mechanism instrument i acts on, given coverage."""
        d = self.decay
        out = []
        for m, a in enumerate(self.incidence[i]):
            if a:
                before = self.in_place[m] + coverage[m]
                out.append((m, before, self.need[m] * (curve(before + a, d) - curve(before, d))))
        return out

    def marginal(self, i: int, coverage: Sequence[float]) -> float:
        return sum(g for _, _, g in self.gains(i, coverage))


def build(needs: dict[str, float], factors: dict[str, tuple[float, tuple[str, ...]]],
          in_place: dict[str, tuple[float, tuple[str, ...]]], decay: float) -> Problem:
    """A Problem from the needs of the deficient mechanisms and each instrument's (factor, mechanisms)."""
    mechanisms = tuple(m for m, n in needs.items() if n > 0)
    index = {m: k for k, m in enumerate(mechanisms)}

    def row(factor: float, acts_on: tuple[str, ...]) -> tuple[float, ...]:
        r = [0.0] * len(mechanisms)
        for m in acts_on:
            if m in index:
                r[index[m]] = factor
        return tuple(r)

    present = [0.0] * len(mechanisms)
    for factor, acts_on in in_place.values():
        for m, a in enumerate(row(factor, acts_on)):
            present[m] += a
    return Problem(mechanisms, tuple(needs[m] for m in mechanisms), tuple(present), tuple(factors),
                   tuple(row(f, ms) for f, ms in factors.values()), decay)
