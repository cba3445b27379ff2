"""Choosing the strategy's set of instruments and ranking it (docs/method.md, "Portfolio").

Without a binding budget the set is built greedily: the instrument adding the most value per cost
weight joins while that clears `min_value_per_cost`. Under a binding budget the set maximising

    value(S) − min_value_per_cost × Σ_{i ∈ S} w_i      subject to  Σ_{i ∈ S} cost_i ≤ budget

is found exactly by integer programming (HiGHS), so that every cost weight the strategy spends still
buys at least the threshold's value, as without a budget. w_i = cost_units_i ^ cost_elasticity.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

# _highspy: the name tests/engine/test_portfolio.py loads highspy by, from when it was defined here
from toolbox.engine.solver import load_highspy as _highspy  # noqa: F401
from toolbox.engine.solver import new_highs
from toolbox.engine.value import Problem

TIME_LIMIT = 20.0
"""Seconds the solver may search; past it the best set found is used and not called proven optimal."""
EPS = 1e-9


class Choice(NamedTuple):
    chosen: tuple[int, ...]
    method: str
    """optimal | threshold"""
    greedy: tuple[int, ...]
    proven_optimal: bool


def net(problem: Problem, chosen: Sequence[int], weight: Sequence[float], threshold: float) -> float:
    return problem.value(chosen) - threshold * sum(weight[i] for i in chosen)


def greedy(problem: Problem, weight: Sequence[float], cost: Sequence[float], threshold: float,
           budget: float | None = None) -> list[int]:
    """Add the instrument with the highest marginal value per cost weight while it clears the threshold
    and fits. Ties: higher marginal value, then lower cost, then the candidates' order (by id)."""
    chosen: list[int] = []
    coverage = [0.0] * len(problem.mechanisms)
    left = math.inf if budget is None else budget
    remaining = list(range(len(problem.instruments)))
    while remaining:
        best, key = None, None
        for i in remaining:
            if cost[i] > left + EPS:
                continue
            gain = problem.marginal(i, coverage)
            k = (round(gain / weight[i], 9), round(gain, 9), -cost[i])
            if key is None or k > key:
                best, key = i, k
        if best is None or key[0] < threshold - EPS or key[1] <= 0:
            break
        chosen.append(best)
        remaining.remove(best)
        left -= cost[best]
        for m, a in enumerate(problem.incidence[best]):
            coverage[m] += a
    return chosen


def choose(problem: Problem, weight: Sequence[float], cost: Sequence[float], threshold: float,
           budget: float | None) -> Choice:
    unlimited = greedy(problem, weight, cost, threshold)
    if budget is None or sum(cost[i] for i in unlimited) <= budget + EPS:
        return Choice(tuple(sorted(unlimited)), "threshold", tuple(sorted(unlimited)), False)
    within = greedy(problem, weight, cost, threshold, budget)
    found, proven = solve(problem, weight, cost, threshold, budget)
    if found is None or net(problem, found, weight, threshold) < net(problem, within, weight, threshold) - EPS:
        found = within  # the solver's answer is never worse than the greedy one it is compared with
    return Choice(tuple(sorted(found)), "optimal", tuple(sorted(within)), proven)


def solve(problem: Problem, weight: Sequence[float], cost: Sequence[float], threshold: float,
          budget: float) -> tuple[list[int] | None, bool]:
    """The exact integer programme. Binary x_i per instrument; per mechanism m, slot variables
    0 ≤ y_mk ≤ 1 (k = 1..K_m) worth need_m × decay^(k−1), with Σ_k y_mk ≤ p_m + Σ_i a_im x_i. The slot
    values fall with k, so an optimum fills slots in order and Σ_k need_m decay^(k−1) y_mk = need_m × G(·)."""
    highs = new_highs(TIME_LIMIT, maximize=True)
    inf = highs.getInfinity()
    n = len(problem.instruments)
    for i in range(n):  # columns 0..n-1: x_i, maximising −threshold × w_i
        highs.addCol(-threshold * weight[i], 0.0, 1.0, 0, [], [])
    highs.changeColsIntegrality(n, list(range(n)), [1] * n)  # HighsVarType.kInteger
    column = n
    for m, need in enumerate(problem.need):
        top = problem.in_place[m] + sum(row[m] for row in problem.incidence)
        slots = list(range(column, column + math.ceil(top - EPS)))
        for k in range(len(slots)):
            highs.addCol(need * problem.decay ** k, 0.0, 1.0, 0, [], [])
        column += len(slots)
        acting = [i for i in range(n) if problem.incidence[i][m]]
        # Σ_k y_mk − Σ_i a_im x_i ≤ p_m
        highs.addRow(-inf, problem.in_place[m], len(slots) + len(acting), slots + acting,
                     [1.0] * len(slots) + [-problem.incidence[i][m] for i in acting])
    highs.addRow(-inf, budget, n, list(range(n)), [float(c) for c in cost])
    highs.run()
    status = highs.modelStatusToString(highs.getModelStatus())
    solution = highs.getSolution()
    if not solution.value_valid:
        return None, False
    x = solution.col_value[:n]
    return [i for i in range(n) if x[i] > 0.5], status == "Optimal"


def rank(problem: Problem, chosen: Sequence[int], weight: Sequence[float], cost: Sequence[float]) -> list[tuple[int, float]]:
    """The chosen set in order of marginal contribution: each next instrument is the one adding the most
    value given those above it (ties: higher value per cost weight, lower cost, the candidates' order).
    By submodularity the marginal values never rise down the ranking."""
    order: list[tuple[int, float]] = []
    coverage = [0.0] * len(problem.mechanisms)
    remaining = list(chosen)
    while remaining:
        best, key = None, None
        for i in remaining:
            gain = problem.marginal(i, coverage)
            k = (round(gain, 9), round(gain / weight[i], 9), -cost[i])
            if key is None or k > key:
                best, key = i, k
        gain = problem.marginal(best, coverage)
        order.append((best, gain))
        remaining.remove(best)
        for m, a in enumerate(problem.incidence[best]):
            coverage[m] += a
    return order
