"""The phased roadmap: in which year each instrument starts (docs/method.md, "Roadmap").

Years u = 0..T−1 of the horizon. Binary s_it: instrument i starts in year t, at most once. It pays
cost_i × share_i in every year from t on (a platform service), or in years t..t+d_i−1 (a project of
duration d_i); it covers from year t + L_i on (L_i: its years to effect), to the horizon's end, a
project's outputs too once it has ended. The programme maximises

    Σ_u δ^u [ value(coverage_u) − min_value_per_cost × Σ_{i paying in u} w_i ]  +  Σ_i bonus_i × s_i0

with δ = 1 / (1 + discount_rate), value as in engine/value.py (need × G, diminishing returns) over the
instruments in effect in year u, w_i the cost weight of its yearly payment, and bonus_i = quick_wins ×
its standalone value for a quick win (low-hanging fruit), subject to every year's budget. It is the
single-year objective per year: every cost weight paid in a year must buy at least the threshold's
value over the horizon. An instrument is never started where its effect would fall after the horizon:
it would pay for nothing within it.

Pure: the engine computes, the renderers word. HiGHS is imported only when a roadmap is asked for.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from toolbox.engine.barriers.cost_benefit import factor
from toolbox.engine.gaps import acts_on
from toolbox.engine.portfolio import EPS, TIME_LIMIT, choose, solve
from toolbox.engine.result import (
    BeyondHorizon,
    Plan,
    Roadmap,
    RoadmapDifference,
    RoadmapEntry,
    RoadmapYear,
)
from toolbox.engine.value import Problem, build
from toolbox.engine.weights import Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import RegionProfile

MAX_YEARS = 30
"""The longest horizon: as many years as budget.years may list."""
CANDIDATE_REASONS = ("budget", "little_added")
"""Deferred instruments that passed every barrier and found an agent: the roadmap may start them."""
DIFFERENCE_STEPS = ("first_year_budget", "exact_set", "timing", "quick_wins")
"""The order in which the single-year strategy is turned into the roadmap's first year, one change at a time."""


class Timing(NamedTuple):
    effect: int
    """Whole years from start to effect."""
    duration: int | None
    """A project's years; None for a platform service."""
    share: float
    """Share of the annual cost paid in each year it runs."""


class Inputs(NamedTuple):
    """The roadmap's problem as plain arrays (index i: candidate, index u: year of the horizon)."""

    problem: Problem
    cost: tuple[float, ...]
    """Annual cost, in the budget's currency."""
    weight: tuple[float, ...]
    """The cost weight of one year's payment: (share × cost_units) ** cost_elasticity."""
    timing: tuple[Timing, ...]
    bonus: tuple[float, ...]
    """Objective added by starting in the first year (quick wins), else 0."""
    budgets: tuple[float | None, ...]
    """Per year, what is left for new instruments (None: no budget constraint)."""
    threshold: float
    discount_rate: float

    @property
    def horizon(self) -> int:
        return len(self.budgets)

    def paying(self, i: int, start: int, year: int) -> bool:
        d = self.timing[i].duration
        return start <= year and (d is None or year < start + d)

    def yearly_cost(self, i: int) -> float:
        return self.cost[i] * self.timing[i].share

    def startable(self, i: int, start: int) -> bool:
        """Started then, it takes effect within the horizon."""
        return start + self.timing[i].effect < self.horizon

    def factor(self, year: int) -> float:
        return (1 + self.discount_rate) ** -year


def spending(inputs: Inputs, starts: Mapping[int, int]) -> list[float]:
    """Per year, what the started instruments cost."""
    return [sum(inputs.yearly_cost(i) for i, t in starts.items() if inputs.paying(i, t, u))
            for u in range(inputs.horizon)]


def in_effect(inputs: Inputs, starts: Mapping[int, int], year: int) -> list[int]:
    return sorted(i for i, t in starts.items() if t + inputs.timing[i].effect <= year)


def objective(inputs: Inputs, starts: Mapping[int, int]) -> float:
    """The programme's objective for a start plan {candidate: start year} (the docstring's formula)."""
    total = 0.0
    for u in range(inputs.horizon):
        charge = sum(inputs.weight[i] for i, t in starts.items() if inputs.paying(i, t, u))
        total += inputs.factor(u) * (inputs.problem.value(in_effect(inputs, starts, u)) - inputs.threshold * charge)
    return total + sum(inputs.bonus[i] for i, t in starts.items() if t == 0)


def feasible(inputs: Inputs, starts: Mapping[int, int]) -> bool:
    return all(b is None or spent <= b + 1e-6 * max(1.0, b)
               for b, spent in zip(inputs.budgets, spending(inputs, starts))) \
        and all(inputs.startable(i, t) for i, t in starts.items())


def solve_roadmap(inputs: Inputs, hint: Mapping[int, int] | None = None) -> tuple[dict[int, int], bool]:
    """The start year of each instrument started, by the exact integer programme, and whether HiGHS proved it
    optimal. Binary z_iu = "i has started by year u" (non-decreasing in u; s_it = z_it − z_i,t−1), so a platform
    service pays share × cost × z_iu, a project (z_iu − z_i,u−d), and i covers in year u when z_i,u−L = 1. Slots
    as in portfolio.solve, once per year: y_mku ≤ 1 worth δ^u need_m decay^k, Σ_k y_mku ≤ p_m + Σ_i a_im z_i,u−L_i.
    (The cumulative form has the same relaxation as one binary per start year, and HiGHS branches on it faster.)
    `hint`, a feasible start plan, is given to the solver as its first solution (it only speeds the search up)."""
    from toolbox.engine.solver import new_highs

    problem, T = inputs.problem, inputs.horizon
    n = len(problem.instruments)
    last = [T - 1 - inputs.timing[i].effect for i in range(n)]  # the last year it may start
    column = 0
    z: dict[tuple[int, int], int] = {}
    for i in range(n):
        for u in range(last[i] + 1):
            z[i, u] = column
            column += 1
    if not z:
        return {}, True

    def started(i: int, u: int) -> int | None:
        """The column of z_iu, extended past its last start year; None before year 0."""
        return None if u < 0 or last[i] < 0 else z[i, min(u, last[i])]

    cost = [0.0] * column
    for i in range(n):
        if last[i] < 0:
            continue
        cost[z[i, 0]] += inputs.bonus[i]
        d = inputs.timing[i].duration
        for u in range(T):
            charge = inputs.factor(u) * inputs.threshold * inputs.weight[i]
            cost[started(i, u)] -= charge
            if d is not None and started(i, u - d) is not None:
                cost[started(i, u - d)] += charge
    highs = new_highs(TIME_LIMIT, maximize=True)
    inf = highs.getInfinity()
    for c in range(column):
        highs.addCol(cost[c], 0.0, 1.0, 0, [], [])
    highs.changeColsIntegrality(column, list(range(column)), [1] * column)
    for (i, u), c in z.items():  # started stays started
        if u + 1 <= last[i]:
            highs.addRow(-inf, 0.0, 2, [c, z[i, u + 1]], [1.0, -1.0])
    for u, budget in enumerate(inputs.budgets):
        if budget is None:
            continue
        row: dict[int, float] = {}
        for i in range(n):
            a = started(i, u)
            if a is None:
                continue
            yearly = inputs.yearly_cost(i)
            row[a] = row.get(a, 0.0) + yearly
            d = inputs.timing[i].duration
            b = None if d is None else started(i, u - d)
            if b is not None:
                row[b] = row.get(b, 0.0) - yearly
        row = {c: v for c, v in row.items() if v}
        if row:
            highs.addRow(-inf, budget, len(row), list(row), list(row.values()))
    rows = []
    for u in range(T):
        for m, need in enumerate(problem.need):
            acting = [(started(i, u - inputs.timing[i].effect), problem.incidence[i][m]) for i in range(n)
                      if problem.incidence[i][m] and started(i, u - inputs.timing[i].effect) is not None]
            if not acting:
                continue  # nothing new can act on m by year u: its value is the constant of what is in place
            top = problem.in_place[m] + sum(a for _, a in acting)
            slots = list(range(column, column + math.ceil(top - EPS)))
            for k in range(len(slots)):
                highs.addCol(inputs.factor(u) * need * problem.decay ** k, 0.0, 1.0, 0, [], [])
            column += len(slots)
            # Σ_k y_mku − Σ a_im z_i,u−L ≤ p_m
            highs.addRow(-inf, problem.in_place[m], len(slots) + len(acting), slots + [c for c, _ in acting],
                         [1.0] * len(slots) + [-a for _, a in acting])
            rows.append((problem.in_place[m], slots, acting))
    if hint is not None and feasible(inputs, hint):
        _start_from(highs, column, z, last, hint, rows)
    # measured on the shipped examples: presolve reformulates this small model for longer than it saves
    highs.setOptionValue("presolve", "off")
    highs.run()
    status = highs.modelStatusToString(highs.getModelStatus())
    solution = highs.getSolution()
    if not solution.value_valid:
        return {}, False
    x = solution.col_value
    starts = {}
    for i in range(n):
        for u in range(last[i] + 1):
            if x[z[i, u]] > 0.5:
                starts[i] = u
                break
    if not feasible(inputs, starts) or objective(inputs, starts) < -EPS:  # never worse than starting nothing
        return {}, False
    return starts, status == "Optimal"


def _start_from(highs, columns: int, z, last, hint: Mapping[int, int], rows) -> None:
    """Give HiGHS the start plan `hint` as a full solution: z from the starts, each year's slots filled in order."""
    from toolbox.engine.solver import load_highspy

    highspy = load_highspy()

    value = [0.0] * columns
    for (i, u), c in z.items():
        value[c] = 1.0 if i in hint and hint[i] <= u else 0.0
    for present, slots, acting in rows:
        covered = present + sum(a * value[c] for c, a in acting)
        for k, c in enumerate(slots):
            value[c] = min(1.0, max(0.0, covered - k))
    solution = highspy.HighsSolution()
    solution.col_value = value
    solution.value_valid = True
    highs.setSolution(solution)


def _quick_win(instrument, assessment) -> bool:
    """CLUSNET's low-hanging fruit: quick (effect within a year) and agreed on (low distortion risk, no other
    field's decision makers to win over)."""
    return (instrument.years_to_effect() <= 1 and assessment.distortion_risk == "low"
            and not assessment.needs_other_field)


def horizon_budgets(profile: RegionProfile, years: int | None) -> tuple[tuple[float | None, ...], int] | None:
    """The budget of each year and the first year's label, or None when no roadmap is asked for.
    `years` (plan --years N) takes the first N of budget.years, or N times budget.amount."""
    budget = profile.budget
    listed = budget.years if budget is not None else None
    if years is None and listed is None:
        return None
    first = budget.first_year if budget is not None and budget.first_year is not None else 1
    if listed is not None:
        n = len(listed) if years is None else years
        return tuple(listed[:n]), first
    amount = budget.amount if budget is not None else None
    return tuple([amount] * years), first


def make_roadmap(kb: KnowledgeBase, profile: RegionProfile, plan: Plan, weights: Weights | None = None,
                 years: int | None = None) -> Roadmap | None:
    """The roadmap for a plan already made (its candidates, costs and in-place instruments), or None when the
    profile lists no budget years and `years` is None. The caller checks `years` against budget.years."""
    weights = weights or Weights()
    found = horizon_budgets(profile, years)
    if found is None or plan.verdict.code not in ("strategy", "nothing_worth_cost"):
        return None if found is None else _empty(kb, found, weights, profile, plan)
    budgets, first = found
    T = len(budgets)
    carried = [item.assessment for item in plan.strategy]
    carried += [s.assessment for s in plan.deferred if s.reason in CANDIDATE_REASONS]
    order = {iid: k for k, iid in enumerate(kb.instruments)}
    carried.sort(key=lambda a: order.get(a.instrument, len(order)))
    needs = {d.id: d.need for d in plan.mechanisms if d.deficit}
    needs.update(plan.gap_term)  # the empty gaps the plan weighed (its assessments carry the gaps they bridge)
    acting = {s.instrument: (factor(s.assessment), acts_on(s.assessment))
              for s in plan.in_place if s.assessment is not None}
    problem = build(needs, {a.instrument: (factor(a), acts_on(a)) for a in carried}, acting, weights.decay)
    paid = _in_place_cost(kb, profile, plan)
    available = tuple(None if b is None else b - paid for b in budgets)
    timing = []
    for a in carried:
        record = kb.instruments[a.instrument]
        timing.append(Timing(record.years_to_effect(), record.years_running(), record.running_share()))
    records = [kb.instruments[a.instrument] for a in carried]
    inputs = Inputs(
        problem=problem, cost=tuple(a.cost for a in carried),
        weight=tuple(a.cost_factor * t.share ** weights.cost_elasticity for a, t in zip(carried, timing)),
        timing=tuple(timing),
        bonus=tuple(weights.quick_wins * a.value if _quick_win(r, a) else 0.0 for r, a in zip(records, carried)),
        budgets=tuple(None if b is None else max(b, 0.0) for b in available),
        threshold=weights.min_value_per_cost, discount_rate=weights.discount_rate)
    starts, proven = solve_roadmap(inputs)

    quick = {a.instrument for a, b in zip(carried, inputs.bonus) if b > 0}
    rows = []
    spent = spending(inputs, starts)
    pays_for = profile.budget.pays_for_in_place if profile.budget is not None else ()
    for u in range(T):
        entries = []
        for s in plan.in_place:
            if s.instrument in pays_for:
                entries.append(RoadmapEntry(s.instrument, s.name, None, None, None,
                                            _yearly_in_place(kb, s), kb.instruments[s.instrument].delivery,
                                            False, True))
        for i, t in sorted(starts.items(), key=lambda it: (it[1], order[carried[it[0]].instrument])):
            if not inputs.paying(i, t, u):
                continue
            d = inputs.timing[i].duration
            entries.append(RoadmapEntry(
                carried[i].instrument, carried[i].name, first + t, None if d is None else first + t + d - 1,
                first + t + inputs.timing[i].effect, inputs.yearly_cost(i), carried[i].delivery,
                carried[i].instrument in quick))
        rows.append(RoadmapYear(first + u, budgets[u], spent[u] + paid,
                                problem.value(in_effect(inputs, starts, u)), tuple(entries)))
    beyond = tuple(BeyondHorizon(a.instrument, a.name, t.effect, first + t.effect)
                   for a, t in zip(carried, timing) if t.effect >= T)
    single = profile.budget.amount if profile.budget is not None else None
    differences = _differences(plan, inputs, carried, starts, first, single, budgets[0], paid)
    return Roadmap(tuple(rows), T, first, weights.discount_rate, weights.quick_wins, objective(inputs, starts),
                   proven, beyond, differences, paid, single)


def _empty(kb: KnowledgeBase, found, weights: Weights, profile: RegionProfile, plan: Plan) -> Roadmap:
    """No strategy to phase (no potential, no deficit, nothing assessed): every year starts nothing."""
    budgets, first = found
    paid = _in_place_cost(kb, profile, plan)
    rows = tuple(RoadmapYear(first + u, b, paid, 0.0, ()) for u, b in enumerate(budgets))
    return Roadmap(rows, len(budgets), first, weights.discount_rate, weights.quick_wins, 0.0, True, (), (), paid,
                   profile.budget.amount if profile.budget else None)


def _yearly_in_place(kb: KnowledgeBase, s) -> float:
    """An instrument in place keeps running: its annual cost times its running share (a project in place is
    assumed to run through the horizon, its remaining duration being unknown)."""
    return s.assessment.cost * kb.instruments[s.instrument].running_share() if s.assessment else 0.0


def _in_place_cost(kb: KnowledgeBase, profile: RegionProfile, plan: Plan) -> float:
    if profile.budget is None:
        return 0.0
    return sum(_yearly_in_place(kb, s) for s in plan.in_place if s.instrument in profile.budget.pays_for_in_place)


def _differences(plan: Plan, inputs: Inputs, carried, starts: Mapping[int, int], first: int,
                 single_budget: float | None, first_budget: float | None, paid: float) -> tuple[RoadmapDifference, ...]:
    """Why the roadmap's first year differs from the single-year strategy: the strategy is changed one step at a
    time (DIFFERENCE_STEPS), and each instrument that ends up elsewhere is explained by the last step that moved
    it there. The steps: the first year's budget instead of the single-year one; the exact optimum instead of
    the threshold rule (when no budget binds, the single-year strategy is built greedily); the horizon with each
    instrument's timing; the quick-win preference."""
    index = {a.instrument: i for i, a in enumerate(carried)}
    single = {index[item.assessment.instrument] for item in plan.strategy if item.assessment.instrument in index}
    year_one = {i for i, t in starts.items() if t == 0}
    if single == year_one:
        return ()
    problem = inputs.problem
    weight = [a.cost_factor for a in carried]
    costs = list(inputs.cost)
    threshold = inputs.threshold
    available = inputs.budgets[0]
    steps = [set(single)]
    steps.append(set(choose(problem, weight, costs, threshold, available).chosen))
    exact, _ = solve(problem, weight, costs, threshold, math.fsum(costs) + 1.0 if available is None else available)
    steps.append(set(exact if exact is not None else steps[-1]))
    if any(inputs.bonus[i] for i in year_one):
        timed, _ = solve_roadmap(inputs._replace(bonus=(0.0,) * len(carried)), hint=starts)
    else:  # no quick win earns its bonus in the roadmap, so it is also optimal without the preference
        timed = starts
    steps.append({i for i, t in timed.items() if t == 0})
    steps.append(year_one)
    out = []
    for i in sorted(single ^ year_one, key=lambda i: (i not in single, carried[i].instrument)):
        member = [i in s for s in steps]
        last = max(k for k in range(1, len(member)) if member[k] != member[k - 1])
        reason = DIFFERENCE_STEPS[last - 1]
        t = inputs.timing[i]
        data = [("years_to_effect", t.effect), ("horizon", inputs.horizon), ("cost", inputs.yearly_cost(i))]
        if reason == "first_year_budget":
            data += [("single_year_budget", single_budget), ("first_year_budget", first_budget),
                     ("in_place_cost", paid), ("available", available)]
        elif reason == "quick_wins":
            data += [("quick_win", 1.0 if inputs.bonus[i] > 0 else 0.0), ("bonus", inputs.bonus[i])]
        data = tuple((k, v) for k, v in data if v is not None)
        out.append(RoadmapDifference(carried[i].instrument, carried[i].name, i in single,
                                     None if i not in starts else first + starts[i], reason, data))
    return tuple(out)


def check_years(profile: RegionProfile, years: int | None) -> str | None:
    """Why `plan --years N` cannot be used with this profile, or None."""
    if years is None:
        return None
    listed = profile.budget.years if profile.budget is not None else None
    if listed is not None and years > len(listed):
        return (f"--years {years} asks for more years than budget.years gives ({len(listed)}); "
                f"add amounts to budget.years or ask for at most {len(listed)}")
    return None


__all__: Sequence[str] = ("make_roadmap", "solve_roadmap", "objective", "feasible", "Inputs", "Timing",
                          "horizon_budgets", "check_years")
