"""What a set of instruments is worth: need times coverage, with diminishing returns (docs/method.md).

    value(S) = Σ_m need_m × ( G(p_m + c_m(S)) − G(p_m) ),    c_m(S) = Σ_{i ∈ S} a_im

    a_im = f_i = D(i) × F(i) when instrument i acts on the deficient mechanism m, else 0

With the optional gap term (the empty_gap weight, with the profile's programmes), each gap of innovation no
programme bridges is one more m: need_m = `gap_need(empty_gap)`, a_im = f_i when the gap is among
instrument i's gaps.
    p_m  = Σ a_im over the instruments already in place (they count toward coverage first)
    G(t) = Σ_{k ≥ 1} decay^(k−1) × min(1, max(0, t − (k − 1)))

G is the piecewise-linear curve through the geometric series: a whole instrument in the k-th slot adds
decay^(k−1); an instrument weighed down by its distortion or policy-field factor fills only that share of
its slot. G is increasing and concave and c_m is a non-negative sum, so value is monotone and
submodular: an instrument never adds more to a larger set.

The score model is written once, here: `need`, `gap_need`, `coverage_factor`, `cost_weight`, `curve` and `gain`
use only arithmetic and comparisons, so the same functions take floats (the single plan) and numpy
arrays (the robustness draws, engine/robustness.py). The two cannot drift apart, and a draw with
every input at its nominal value reproduces the plan bit for bit (tests/engine/test_robustness.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


MAX_DEFICIT = 3
"""Attainable 'strong' (3) against observed 'none' (0)."""


def need(deficit, empirical, policy):
    """need(m) = deficit / 3 × E(m) × P(m): what one whole instrument on the mechanism gains (0 to 1)."""
    return deficit / MAX_DEFICIT * empirical * policy


def gap_need(empty_gap):
    """need(g) of an empty gap of innovation: the empty_gap weight, the same for every empty gap (CLUSNET
    gives no ranking of the seven gaps)."""
    return empty_gap * 1.0


def coverage_factor(distortion, field, indirect=1.0):
    """f(i) = D(i) × F(i) × I(i): how much of a coverage slot the instrument fills."""
    return distortion * field * indirect


def cost_weight(cost, reference, elasticity):
    """(cost / cost_reference) ** cost_elasticity: what the value is divided by."""
    return (cost / reference) ** elasticity


def curve(t, decay, ops=None):
    """G(t): the value of coverage t on one mechanism whose need is 1.

    Written with arithmetic and comparisons only (`// 1` is floor; a comparison is 0 or 1), so that t and
    decay may be floats or numpy arrays alike. `ops` may supply faster equivalents of the two slow steps
    for arrays: `ops.floor(t)` for t // 1, and `ops.power(whole)` for decay ** whole, looked up in a table
    of the same powers (engine/robustness.py)."""
    t = t * (t > 0)
    whole = t // 1 if ops is None else ops.floor(t)
    step = decay ** whole if ops is None else ops.power(whole)
    flat = decay == 1  # G(t) = t: the geometric sum's closed form would divide by zero
    return (1 - step) / (1 - decay + flat) + whole * flat + (t - whole) * step


def gain(need_m, before, a, decay, ops=None, base=None):
    """What coverage a adds on a mechanism of need need_m already covered up to `before`. `base` is
    curve(before, decay) when the caller has it already (the draws reuse it for every instrument)."""
    return need_m * (curve(before + a, decay, ops) - (curve(before, decay, ops) if base is None else base))


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
        return sum(gain(n, p, c, d) for n, p, c in zip(self.need, self.in_place, coverage) if n)

    def value(self, chosen: Sequence[int]) -> float:
        return self.value_of_coverage(self.coverage(chosen))

    def gains(self, i: int, coverage: Sequence[float]) -> list[tuple[int, float, float]]:
        """(mechanism index, coverage before, gain) for each mechanism instrument i acts on, given coverage."""
        d = self.decay
        out = []
        for m, a in enumerate(self.incidence[i]):
            if a:
                before = self.in_place[m] + coverage[m]
                out.append((m, before, gain(self.need[m], before, a, d)))
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
