"""How sure is the strategy? SMAA-style Monte Carlo over the editorial inputs (docs/method.md, "Robustness").

Every number behind a strategy that is not the paper's is drawn many times at once, as numpy arrays with
one row per draw: the weights within their documented ranges (WEIGHT_DOCS' `spread`), each ordinal
rating one step up or down, each indicative cost within its low–high range, and each observed degree
within the range the profile states. Each draw is scored with the same functions as the single plan
(engine/value.py) and its strategy chosen and ranked the way the plan does it. What comes out, after
Lahdelma, Hokkanen & Salminen (1998) and Lahdelma & Salminen (2001):

- inclusion: the share of draws in which an instrument is in the strategy;
- rank acceptability: the share of draws in which it holds each rank of the strategy;
- winning index: the share of draws in which it is placed above a neighbour;
- the robust core (inclusion ≥ CORE) and the fragile picks, and the inputs that move the strategy most.

This module imports numpy; it is imported only when robustness is asked for (tests/test_imports.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np

from toolbox.engine.barriers.cost_benefit import instrument_cost
from toolbox.engine.barriers.policy import acts_indirectly, needs_other_field
from toolbox.engine.contributions import contribution_finder, present_agents
from toolbox.engine.gaps import GAP_KEY, gap_term
from toolbox.engine.money import eur_rate, in_budget_currency, scoring_weights
from toolbox.engine.portfolio import EPS, choose, net, rank
from toolbox.engine.result import Agreement, InstrumentRobustness, Plan, Robustness, Sensitivity
from toolbox.engine.value import build, cost_weight, coverage_factor, curve, gain, gap_need, need
from toolbox.engine.weights import DISTORTION_ORDER, WEIGHT_DOCS, Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import STRENGTH_VALUE
from toolbox.profile.model import OBSERVED_VALUE, RegionProfile

DRAWS = 10_000
"""Draws unless --draws says otherwise: the shares are then within about ±0.01 (one standard error at
a share of 0.5 is 0.005)."""
SEED = 20_260_101
RATING_STEP = 0.2
"""Probability that an ordinal rating is read one step lower in a draw, and again one step higher;
60 % of draws keep it. At an end of its scale a rating moves only inward (with 0.2)."""
CORE = 0.9
"""An instrument in the strategy in at least this share of draws is in the robust core (issue 12)."""
SAMPLE = 20
"""Draws re-solved with the plan's own portfolio solver (engine/portfolio.py) to measure the agreement of
the vectorised method."""
SENSITIVE = 0.05
"""An input moves the strategy when some instrument's inclusion differs by at least this between the draws
with the input below and above its nominal value: more than the noise of 10,000 draws (about ±0.02)."""
MIN_GROUP = 30
"""Fewer draws on one side of an input than this give no sensitivity for it."""
SHOWN = 5
"""Inputs listed as moving the strategy most."""

EMPIRICAL = ("limited", "moderate", "strong")
POLICY = ("low", "medium", "high")
SCALES = {"empirical": EMPIRICAL, "policy": POLICY, "distortion": DISTORTION_ORDER}
"""The rating scale of each table weight, lowest first: a drawn rating is an index into it."""


def _entries(name: str, table: Mapping[str, float]) -> tuple[str, ...]:
    return SCALES.get(name, tuple(table))


class Uncertainty(NamedTuple):
    """What is drawn, and how widely. The defaults are the documented ones; tests narrow or widen them."""

    spread: Mapping[str, float] | None = None
    """Per weight, the relative half-width of its range; None: WEIGHT_DOCS' spreads."""
    rating_step: float = RATING_STEP
    costs: bool = True
    """Indicative costs drawn within low–high (a profile's own cost is taken as given)."""
    observed: bool = True
    """An observed range drawn over its degrees (off: its lower end, as in the plan)."""
    random_ties: bool = True
    """Exact ties broken at random per draw, not by the knowledge base's order."""

    @classmethod
    def nominal(cls) -> Uncertainty:
        """Nothing drawn: every draw is the single plan."""
        return cls({name: 0.0 for name in WEIGHT_DOCS}, 0.0, False, False, False)

    def spreads(self) -> dict[str, float]:
        given = self.spread or {}
        return {name: given.get(name, doc.spread if self.spread is None else 0.0) for name, doc in WEIGHT_DOCS.items()}


class Inputs(NamedTuple):
    """The plan's inputs as arrays: what a draw varies and what it keeps."""

    weights: Weights
    mechanisms: tuple[str, ...]
    attainable: np.ndarray          # (M,) Table 2's or the profile's attainable strength, 1..3
    degrees: tuple[tuple[int, ...], ...]  # per mechanism, the observed values its range allows
    empirical: np.ndarray           # (M,) rating index into EMPIRICAL
    policy: np.ndarray              # (M,) rating index into POLICY
    instruments: tuple[str, ...]    # every instrument not in place, knowledge-base order
    names: tuple[str, ...]
    running: tuple[str, ...]        # instruments in place
    acts: np.ndarray                # (I + R, M) bool: instrument acts on mechanism (R in place, after I)
    distortion: np.ndarray          # (I + R,) rating index into DISTORTION_ORDER
    other: np.ndarray               # (I + R,) bool: outside cluster policy proper
    cost: np.ndarray                # (I,) nominal cost in the budget's currency
    cost_low: np.ndarray
    cost_high: np.ndarray
    carried: np.ndarray             # (I,) bool: some present agent can carry it
    budget: float | None
    indirect: np.ndarray            # (I + R,) bool: acts only indirectly (the policy barrier's `indirect` weight)
    gaps: tuple[str, ...] = ()
    """The empty gaps weighed like mechanisms (the empty_gap weight, engine/plan.py), in the knowledge base's
    order: `acts` has a column for each after the M mechanisms, and so have a draw's `need` and `in_place`."""


def inputs(kb: KnowledgeBase, profile: RegionProfile, weights: Weights) -> Inputs:
    """The arrays for the draws, read the way make_plan reads the profile (engine/plan.py)."""
    rate = eur_rate(profile)
    scoring = scoring_weights(weights, rate)
    level = profile.region.level
    mechanisms, attainable, degrees, emp, pol = [], [], [], [], []
    for m in kb.mechanisms.values():
        seen = profile.observation(m.id)
        if not seen.possible or not seen.degrees:
            continue  # discarded or unassessed: never a deficit, in no draw
        mechanisms.append(m.id)
        attainable.append(STRENGTH_VALUE[seen.attainable or getattr(m.strength, level)])
        degrees.append(tuple(OBSERVED_VALUE[d] for d in seen.degrees))
        emp.append(EMPIRICAL.index(m.empirical_support.rating))
        pol.append(POLICY.index(m.policy_influence.rating))
    gaps = tuple(key[len(GAP_KEY):] for key in gap_term(kb, profile, weights.empty_gap))
    index = {m: k for k, m in enumerate(mechanisms)}
    index.update({GAP_KEY + g: len(mechanisms) + k for k, g in enumerate(gaps)})
    present, _, _ = present_agents(kb, profile)
    contributors = contribution_finder(kb, present, level)
    own = [i for i in kb.instruments.values() if i.id not in profile.instruments_in_place]
    running = [i for i in kb.instruments.values() if i.id in profile.instruments_in_place]
    acts = np.zeros((len(own) + len(running), len(mechanisms) + len(gaps)), dtype=bool)
    distortion, other, indirect = [], [], []
    for k, instrument in enumerate([*own, *running]):
        # make_plan counts no gap for an instrument in place: what it bridges is bridged, not to be filled
        bridged = instrument.gaps if k < len(own) else ()
        for m in (*instrument.mechanisms, *(GAP_KEY + g for g in bridged)):
            if m in index:
                acts[k, index[m]] = True
        design = profile.designs.get(instrument.id)
        distortion.append(DISTORTION_ORDER.index(design.distortion_risk if design else instrument.distortion_risk))
        other.append(needs_other_field(instrument))
        indirect.append(acts_indirectly(instrument))
    cost, low, high = [], [], []
    for instrument in own:
        value, source = instrument_cost(kb, profile, instrument)
        cost.append(in_budget_currency(value, source, rate))
        if source == "indicative":
            low.append(instrument.cost.low * rate)
            high.append(instrument.cost.high * rate)
        else:
            low.append(cost[-1])
            high.append(cost[-1])
    return Inputs(scoring, tuple(mechanisms), np.array(attainable, dtype=float), tuple(degrees),
                  np.array(emp, dtype=int), np.array(pol, dtype=int), tuple(i.id for i in own),
                  tuple(i.name for i in own), tuple(i.id for i in running), acts,
                  np.array(distortion, dtype=int), np.array(other, dtype=bool), np.array(cost, dtype=float),
                  np.array(low, dtype=float), np.array(high, dtype=float),
                  np.array([bool(contributors(i.id)) for i in own], dtype=bool),
                  profile.budget.amount if profile.budget else None, np.array(indirect, dtype=bool), gaps)


class Draws(NamedTuple):
    """One row per draw: every drawn input, and the quantities the score model makes of them."""

    tables: dict[str, np.ndarray]   # table weight -> (D, 3); scalar weight -> (D, 1)
    empirical: np.ndarray           # (D, M) rating index after the step
    policy: np.ndarray
    distortion: np.ndarray          # (D, I + R)
    cost: np.ndarray                # (D, I)
    observed: np.ndarray            # (D, M)
    ties: np.ndarray                # (D, I) tie-break order, lowest first
    need: np.ndarray                # (D, M)
    factor: np.ndarray              # (D, I + R)
    weight: np.ndarray              # (D, I) cost weight
    in_place: np.ndarray            # (D, M) coverage of the instruments in place
    decay: np.ndarray               # (D, 1)
    threshold: np.ndarray           # (D, 1)


def _uniforms(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """(n, k) uniforms in [0, 1). Every input gets its own column in a fixed order, so that narrowing or
    widening one input's range changes no other input's draws."""
    return rng.random((n, k)) if k else np.zeros((n, 0))


def _spread(nominal: np.ndarray, spread: float, u: np.ndarray, limits: Mapping[str, float]) -> np.ndarray:
    """nominal × (1 + spread × (2u − 1)), kept within the weight's limits: a wider spread moves every draw
    away from the nominal value, never towards it."""
    x = nominal * (1 + spread * (2 * u - 1))
    low = limits.get("ge", limits.get("gt", -np.inf))
    high = limits.get("le", limits.get("lt", np.inf))
    if "gt" in limits:
        low = np.nextafter(low, np.inf)
    return np.clip(x, low, high)


def _step(rating: np.ndarray, u: np.ndarray, p: float, top: int) -> np.ndarray:
    """One step down with probability p, one up with probability p, within 0..top."""
    stepped = rating - (u < p) + (u >= 1 - p)
    return np.clip(stepped, 0, top)


def _cost(nominal: np.ndarray, low: np.ndarray, high: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Half the draws uniformly between low and typical, half between typical and high: the typical value is
    the median. The knowledge base gives three figures and no shape; this is the least assumption that keeps
    the typical value central, and a wider range moves every draw outward."""
    below = nominal - (1 - 2 * u) * (nominal - low)
    above = nominal + (2 * u - 1) * (high - nominal)
    return np.where(u < 0.5, below, above)


def draw(data: Inputs, n: int, seed: int, uncertainty: Uncertainty = Uncertainty()) -> Draws:
    """n draws from a numpy Generator(PCG64(seed)): the same seed, the same draws, on any machine."""
    rng = np.random.Generator(np.random.PCG64(seed))
    w = data.weights
    spreads = uncertainty.spreads()
    M, I = len(data.mechanisms), len(data.instruments)
    R = len(data.running)
    tables: dict[str, np.ndarray] = {}
    for name, value in zip(w._fields, w):
        doc = WEIGHT_DOCS[name]
        if isinstance(value, Mapping):
            nominal = np.array([value[k] for k in _entries(name, value)], dtype=float)
            u = _uniforms(rng, n, len(nominal))
            tables[name] = _spread(nominal, spreads[name], u, doc.limits) if spreads[name] else np.tile(nominal, (n, 1))
        elif isinstance(value, (int, float)):
            u = _uniforms(rng, n, 1)
            tables[name] = _spread(np.array([float(value)]), spreads[name], u, doc.limits) if spreads[name] \
                else np.full((n, 1), float(value))
    p = uncertainty.rating_step
    empirical = _step(data.empirical, _uniforms(rng, n, M), p, 2)
    policy = _step(data.policy, _uniforms(rng, n, M), p, 2)
    distortion = _step(data.distortion, _uniforms(rng, n, I + R), p, 2)
    u = _uniforms(rng, n, I)
    cost = _cost(data.cost, data.cost_low, data.cost_high, u) if uncertainty.costs else np.tile(data.cost, (n, 1))
    u = _uniforms(rng, n, M)
    observed = np.empty((n, M))
    for m, allowed in enumerate(data.degrees):
        if uncertainty.observed:
            observed[:, m] = np.array(allowed, dtype=float)[(u[:, m] * len(allowed)).astype(int)]
        else:
            observed[:, m] = allowed[0]
    u = _uniforms(rng, n, I)
    ties = np.argsort(np.argsort(u, axis=1, kind="stable"), axis=1, kind="stable") if uncertainty.random_ties \
        else np.tile(np.arange(I), (n, 1))

    def pick(table: str, index: np.ndarray) -> np.ndarray:
        return np.take_along_axis(tables[table], index, axis=1)

    deficit = np.maximum(data.attainable - observed, 0.0)
    needs = need(deficit, pick("empirical", empirical), pick("policy", policy))
    if data.gaps:  # the gap term's columns, after the mechanisms' (engine/plan.py puts them last too)
        needs = np.hstack([needs, np.repeat(gap_need(tables["empty_gap"]), len(data.gaps), axis=1)])
    field = np.where(data.other, tables["other_field"], 1.0)
    factor = coverage_factor(pick("distortion", distortion), field,
                             np.where(data.indirect, tables["indirect"], 1.0))
    weight = cost_weight(cost, w.cost_reference, tables["cost_elasticity"])
    in_place = np.zeros((n, data.acts.shape[1]))
    for r in range(R):  # in the knowledge base's order, as make_plan adds them
        for m in np.flatnonzero(data.acts[I + r]):
            in_place[:, m] += factor[:, I + r]
    return Draws(tables, empirical, policy, distortion, cost, observed, ties, needs, factor, weight, in_place,
                 tables["decay"], tables["min_value_per_cost"])


class _Ops:
    """numpy's floor, and decay ** whole looked up in each draw's own row of powers (value.curve's `ops`):
    the same numbers as `// 1` and `**`, at a small part of their cost on large arrays."""

    def __init__(self, powers: np.ndarray, rows: np.ndarray):
        self.flat = powers.ravel()
        self.offset = rows * powers.shape[1]

    floor = staticmethod(np.floor)

    def power(self, whole: np.ndarray) -> np.ndarray:
        return self.flat[self.offset.reshape(-1, *[1] * (whole.ndim - 1)) + whole.astype(np.intp)]


class _Model:
    """The marginal values of the instruments `cols` in the draws `rows` as instruments join: engine/value.py's
    `gain` per (instrument, mechanism) pair, summed per instrument over its mechanisms in the knowledge
    base's order (as Problem.marginal sums them, so that the sums agree to the last bit).

    When an instrument joins in a draw, only the pairs on the mechanisms it acts on are computed anew."""

    def __init__(self, data: Inputs, d: Draws, rows: np.ndarray, cols: np.ndarray):
        pairs = [np.flatnonzero(data.acts[i]) for i in cols]
        self.mech = np.concatenate([np.zeros(0, dtype=int), *pairs]).astype(int)
        self.on = [np.flatnonzero(self.mech == m) for m in range(data.acts.shape[1])]  # pair columns per mechanism
        inst = np.concatenate([np.zeros(0, dtype=int), *[np.full(len(p), k) for k, p in enumerate(pairs)]])
        self.acts = data.acts[cols]
        self.factor = d.factor[np.ix_(rows, cols)]
        self.a = self.factor[:, inst]                        # (D, E): a_im for every pair (i, m)
        self.need = d.need[rows][:, self.mech]
        self.in_place = d.in_place[rows]
        self.decay = d.decay[rows]
        # decay ** k for every whole number of slots a coverage can reach, raised once per draw
        top = int(np.ceil(self.in_place.sum(axis=1).max(initial=0) + self.factor.sum(axis=1).max(initial=0))) + 2
        self.powers = self.decay ** np.arange(top, dtype=float)[None, :]
        E = len(self.mech)
        width = max((len(p) for p in pairs), default=0)
        start = np.cumsum([0] + [len(p) for p in pairs])
        self.slots = np.full((len(cols), width), E)  # each instrument's pair columns, padded with a zero column
        for k, p in enumerate(pairs):
            self.slots[k, :len(p)] = np.arange(start[k], start[k + 1])
        n = len(rows)
        self.coverage = np.zeros((n, data.acts.shape[1]))
        base = self._curve(self.in_place, np.arange(n))
        self.gains = np.zeros((n, E + 1))  # the last column stays 0: the padding of `slots`
        self.gains[:, :E] = gain(self.need, self.in_place[:, self.mech], self.a, self.decay, self._power(None),
                                 base[:, self.mech])

    def _power(self, rows) -> _Ops:
        return _Ops(self.powers, np.arange(len(self.powers)) if rows is None else rows)

    def _curve(self, t: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return curve(t, self.decay[rows].reshape(-1, *[1] * (t.ndim - 1)), self._power(rows))

    def marginal(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), instruments): what each instrument adds given the draw's coverage so far."""
        gains = self.gains[rows]
        total = np.zeros((len(rows), self.slots.shape[0]))
        for k in range(self.slots.shape[1]):  # term by term, in the order Problem.marginal adds them
            total = total + gains[:, self.slots[:, k]]
        return total

    def join(self, rows: np.ndarray, instrument: np.ndarray) -> None:
        """Instrument instrument[j] joins the strategy of draw rows[j]."""
        touched = self.acts[instrument]
        self.coverage[rows] += touched * self.factor[rows, instrument][:, None]
        for m, cols in enumerate(self.on):
            r = rows[touched[:, m]]
            if not len(r) or not len(cols):
                continue
            before = self.in_place[r, m] + self.coverage[r, m]
            base = self._curve(before, r)
            self.gains[np.ix_(r, cols)] = gain(self.need[np.ix_(r, cols)], before[:, None], self.a[np.ix_(r, cols)],
                                               self.decay[r], self._power(r), base[:, None])


def _best(keys: list[np.ndarray], allowed: np.ndarray, ties: np.ndarray) -> np.ndarray:
    """Per draw, the allowed column with the lexicographically largest keys, then the lowest tie order."""
    mask = allowed.copy()
    for key in keys:
        k = np.where(mask, key, -np.inf)
        mask &= k == k.max(axis=1, keepdims=True)
    return np.where(mask, ties, np.iinfo(np.int64).max).argmin(axis=1)


def _greedy(data: Inputs, d: Draws, candidates: np.ndarray, budget: float | None, rows: np.ndarray,
            net: bool = False, cap: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """portfolio.greedy for the draws `rows`, all at once: the candidate adding the most value per cost weight
    joins while that clears the draw's threshold (and fits the budget). With `net`, the candidate adding the
    most to the integer programme's objective (value − threshold × cost weight) joins instead.

    Returns the chosen instruments, per draw the objective value(S) − threshold × Σ cost weights, and which
    draws stopped early because what they chose cost more than `cap` (the budget binds in them: costs only
    add up, so the whole greedy set would cost more too)."""
    cols = np.flatnonzero(candidates[rows].any(axis=0))
    n, I = len(rows), len(cols)
    out = np.zeros((n, len(data.instruments)), dtype=bool)
    objective = np.zeros(n)
    over = np.zeros(n, dtype=bool)
    if not I:
        return out, objective, over
    model = _Model(data, d, rows, cols)
    chosen = np.zeros((n, I), dtype=bool)
    left = np.full(n, np.inf if budget is None else budget)
    active = np.ones(n, dtype=bool)
    weight, cost, ties = d.weight[np.ix_(rows, cols)], d.cost[np.ix_(rows, cols)], d.ties[np.ix_(rows, cols)]
    threshold = d.threshold[rows, 0]
    candidates = candidates[np.ix_(rows, cols)]
    for _ in range(I):
        allowed = candidates & ~chosen & active[:, None] & (cost <= left[:, None] + EPS)
        active &= allowed.any(axis=1)
        live = np.flatnonzero(active)  # only the draws still adding
        if not len(live):
            break
        gain_ = model.marginal(live)
        ratio = np.round(gain_ / weight[live], 9)
        rounded = np.round(gain_, 9)
        first = np.round(gain_ - threshold[live, None] * weight[live], 9) if net else ratio
        best = _best([first, rounded, -cost[live]], allowed[live], ties[live])
        k = np.arange(len(live))
        ok = (ratio[k, best] >= threshold[live] - EPS) & (rounded[k, best] > 0)
        objective[live[ok]] += (gain_ - threshold[live, None] * weight[live])[k[ok], best[ok]]
        active[live[~ok]] = False
        live, best = live[ok], best[ok]
        chosen[live, best] = True
        left[live] -= cost[live, best]
        if cap is not None:
            spent = (chosen[live] * cost[live]).sum(axis=1)
            done = spent > cap + EPS
            over[live[done]] = True
            active[live[done]] = False
        model.join(live, best)
    out[:, cols] = chosen
    return out, objective, over


def _rank(data: Inputs, d: Draws, chosen: np.ndarray) -> np.ndarray:
    """portfolio.rank for every draw: 1 for the instrument adding the most value given nothing, 2 for the most
    given the first, ...; 0 for instruments not chosen."""
    n = chosen.shape[0]
    cols = np.flatnonzero(chosen.any(axis=0))
    full = np.zeros(chosen.shape, dtype=int)
    if not len(cols):
        return full
    model = _Model(data, d, np.arange(n), cols)
    chosen = chosen[:, cols]
    weight, cost, ties = d.weight[:, cols], d.cost[:, cols], d.ties[:, cols]
    out = np.zeros(chosen.shape, dtype=int)
    for position in range(1, int(chosen.sum(axis=1).max(initial=0)) + 1):
        allowed = chosen & (out == 0)
        live = np.flatnonzero(allowed.any(axis=1))
        gain_ = model.marginal(live)
        best = _best([np.round(gain_, 9), np.round(gain_ / weight[live], 9), -cost[live]], allowed[live], ties[live])
        out[live, best] = position
        model.join(live, best)
    full[:, cols] = out
    return full


class Outcome(NamedTuple):
    chosen: np.ndarray      # (D, I) bool
    rank: np.ndarray        # (D, I) 0 = not in the strategy
    score: np.ndarray       # (D, I) standalone value per cost weight
    value: np.ndarray       # (D, I) standalone value
    candidates: np.ndarray  # (D, I) passed the barriers and carried by an agent
    binding: np.ndarray     # (D,) the budget binds
    cost: np.ndarray        # (D, I)


def evaluate(data: Inputs, d: Draws) -> Outcome:
    """Every draw's strategy: screened, chosen and ranked as make_plan does (engine/plan.py)."""
    n = d.need.shape[0]
    I = len(data.instruments)
    value = _Model(data, d, np.arange(n), np.arange(I)).marginal(np.arange(n))
    score = value / d.weight
    M = len(data.mechanisms)  # an empty gap never justifies an instrument on its own (engine/plan.py)
    deficient = (d.need[:, None, :M] > 0) & data.acts[None, :I, :M]
    limit = DISTORTION_ORDER.index(data.weights.max_distortion)
    candidates = (deficient.any(axis=2) & (d.distortion[:, :I] <= limit)
                  & (score >= d.threshold - 1e-9) & data.carried[None, :])
    rows = np.arange(n)
    chosen, _, binding = _greedy(data, d, candidates, None, rows, cap=data.budget)
    if data.budget is not None:
        if binding.any():
            # The faster method for a binding budget (docs/method.md, "Robustness"): two greedy passes within
            # the budget, by value per cost weight and by the programme's own objective; the better one is kept.
            by_ratio, a, _ = _greedy(data, d, candidates, data.budget, rows[binding])
            by_net, b, _ = _greedy(data, d, candidates, data.budget, rows[binding], net=True)
            chosen[binding] = np.where((b > a + EPS)[:, None], by_net, by_ratio)
    return Outcome(chosen, _rank(data, d, chosen), score, value, candidates, binding, d.cost)


def exact(data: Inputs, d: Draws, k: int, other: list[str] | None = None) -> tuple[list[str], float, float]:
    """Draw k's strategy by the plan's own solver (engine/portfolio.py), in rank order; with the portfolio's
    objective, value(S) − threshold × Σ cost weights, of that strategy and of `other` (from the draws)."""
    I = len(data.instruments)
    order = sorted(range(I), key=lambda i: d.ties[k, i])
    value = _Model(data, d, np.array([k]), np.arange(I)).marginal(np.array([0]))[0]
    limit = DISTORTION_ORDER.index(data.weights.max_distortion)
    threshold = float(d.threshold[k, 0])
    columns = (*data.mechanisms, *(GAP_KEY + g for g in data.gaps))
    needs = {m: float(d.need[k, j]) for j, m in enumerate(columns)}
    factors, weight, cost = {}, [], []
    for i in order:
        acting = tuple(columns[j] for j in np.flatnonzero(data.acts[i]))
        useful = any(needs[m] > 0 for m in acting if not m.startswith(GAP_KEY))
        score = value[i] / d.weight[k, i]
        if useful and d.distortion[k, i] <= limit and score >= threshold - 1e-9 and data.carried[i]:
            factors[data.instruments[i]] = (float(d.factor[k, i]), acting)
            weight.append(float(d.weight[k, i]))
            cost.append(float(d.cost[k, i]))
    running = {data.running[r]: (float(d.factor[k, I + r]),
                                 tuple(columns[j] for j in np.flatnonzero(data.acts[I + r])))
               for r in range(len(data.running))}
    if not factors:
        return [], 0.0, 0.0
    problem = build(needs, factors, running, float(d.decay[k, 0]))
    choice = choose(problem, weight, cost, threshold, data.budget)
    where = {iid: i for i, iid in enumerate(problem.instruments)}
    theirs = [where[i] for i in other or () if i in where]
    return ([problem.instruments[i] for i, _ in rank(problem, choice.chosen, weight, cost)],
            net(problem, choice.chosen, weight, threshold), net(problem, theirs, weight, threshold))


def strategy_of(data: Inputs, outcome: Outcome, k: int) -> list[str]:
    ranks = outcome.rank[k]
    return [data.instruments[i] for i in sorted(np.flatnonzero(ranks), key=lambda i: ranks[i])]


def _positions(data: Inputs, o: Outcome) -> np.ndarray:
    """Each instrument's place in each draw: the strategy by rank, then the others by the standalone order
    (result.sort_key: value per cost weight, value, cost, id)."""
    n, I = o.rank.shape
    ids = np.argsort(np.argsort(np.array(data.instruments)))
    first = np.where(o.rank > 0, o.rank, I + 1)
    keys = (np.tile(ids, (n, 1)), o.cost, -np.round(o.value, 9), -np.round(o.score, 9), first)
    order = np.lexsort(keys, axis=1)
    positions = np.empty_like(order)
    np.put_along_axis(positions, order, np.tile(np.arange(I), (n, 1)), axis=1)
    return positions


def _inputs_moved(data: Inputs, d: Draws, uncertainty: Uncertainty) -> list[tuple]:
    """(input, target, entry, per-draw value, nominal value) for every input that is drawn."""
    out = []
    spreads = uncertainty.spreads()
    for name, value in zip(data.weights._fields, data.weights):
        if not spreads.get(name) or (name == "empty_gap" and not data.gaps):
            continue  # a weight on a term the plan does not have cannot move the strategy
        if isinstance(value, Mapping):
            for j, entry in enumerate(_entries(name, value)):
                out.append(("weight", name, entry, d.tables[name][:, j], value[entry]))
        else:
            out.append(("weight", name, None, d.tables[name][:, 0], value))
    if uncertainty.rating_step:
        for j, m in enumerate(data.mechanisms):
            out.append(("empirical_support", m, None, d.empirical[:, j], data.empirical[j]))
            out.append(("policy_influence", m, None, d.policy[:, j], data.policy[j]))
        for i, iid in enumerate(data.instruments):
            out.append(("distortion_risk", iid, None, d.distortion[:, i], data.distortion[i]))
    if uncertainty.costs:
        for i, iid in enumerate(data.instruments):
            if data.cost_low[i] < data.cost_high[i]:
                out.append(("cost", iid, None, d.cost[:, i], data.cost[i]))
    if uncertainty.observed:
        for j, m in enumerate(data.mechanisms):
            if len(data.degrees[j]) > 1:
                out.append(("observed", m, None, d.observed[:, j], data.degrees[j][0]))
    return out


def _sensitivity(data: Inputs, d: Draws, chosen: np.ndarray, uncertainty: Uncertainty) -> list[Sensitivity]:
    """For each drawn input: how much each instrument's inclusion differs between the draws where the input
    is above its nominal value and those where it is below (at it, when the draws never go below or above,
    as at the end of a rating's scale or an observed range's lower end). The input's shift is the largest
    such difference; the inputs with the largest shifts move the strategy most."""
    x = chosen.astype(float)
    moved = _inputs_moved(data, d, uncertainty)
    lows, highs = [], []
    for kind, target, entry, values, nominal in moved:
        below, above = values < nominal - 1e-12, values > nominal + 1e-12
        at = ~below & ~above
        if below.sum() < MIN_GROUP:
            below = at
        elif above.sum() < MIN_GROUP:
            above = at
        lows.append(below)
        highs.append(above)
    if not moved:
        return []
    lows, highs = np.array(lows, dtype=float), np.array(highs, dtype=float)
    n_low, n_high = lows.sum(axis=1), highs.sum(axis=1)
    changes = (highs @ x) / np.maximum(n_high, 1)[:, None] - (lows @ x) / np.maximum(n_low, 1)[:, None]
    found = []
    for order, (kind, target, entry, _, _) in enumerate(moved):
        if n_low[order] < MIN_GROUP or n_high[order] < MIN_GROUP:
            continue
        change = changes[order]
        i = int(np.argmax(np.abs(change)))  # the first of equal ones: knowledge-base order
        shift = float(abs(change[i]))
        if shift >= SENSITIVE:
            found.append((-round(shift, 9), order, Sensitivity(kind, target, entry, round(shift, 4),
                                                               data.instruments[i], round(float(change[i]), 4))))
    found.sort(key=lambda t: (t[0], t[1]))
    return [s for _, _, s in found[:SHOWN]]


def analyse(kb: KnowledgeBase, profile: RegionProfile, weights: Weights, plan: Plan, draws: int = DRAWS,
            seed: int = SEED, uncertainty: Uncertainty = Uncertainty()) -> Robustness | None:
    """The robustness of `plan` (made by make_plan from the same inputs). None when the plan stopped before
    any instrument was scored (no cluster potential, nothing assessed)."""
    if plan.verdict.code in ("no_cluster_potential", "nothing_assessed"):
        return None
    data = inputs(kb, profile, weights)
    if not data.instruments or not data.mechanisms:
        return None
    d = draw(data, draws, seed, uncertainty)
    o = evaluate(data, d)
    # half the sample from draws where the budget binds (where the methods differ), the rest from the others
    others = np.flatnonzero(~o.binding)
    binding = np.flatnonzero(o.binding)[:max(SAMPLE // 2, SAMPLE - len(others))]
    sample = sorted([*binding, *others[:SAMPLE - len(binding)]])
    same, shortfall = 0, []
    for k in sample:
        ours = strategy_of(data, o, k)
        theirs, best, got = exact(data, d, k, ours)
        same += theirs == ours
        if o.binding[k] and best > 0:
            shortfall.append((best - got) / best)
    agreement = Agreement(len(sample), same, len(binding), int(o.binding.sum()),
                          round(float(np.mean(shortfall)), 4) if shortfall else 0.0)
    I = len(data.instruments)
    inclusion = o.chosen.mean(axis=0)
    depth = int(o.rank.max(initial=0))
    acceptability = np.stack([(o.rank == r).mean(axis=0) for r in range(1, depth + 1)], axis=1) if depth \
        else np.zeros((I, 0))
    nominal = {item.assessment.instrument: item.rank for item in plan.strategy}
    place = {a.instrument: k for k, a in enumerate(plan.ranking())}
    order = sorted(range(I), key=lambda i: (nominal.get(data.instruments[i], I + 1),
                                            place.get(data.instruments[i], I + 1), data.instruments[i]))
    positions = _positions(data, o)
    rows = []
    for k, i in enumerate(order):
        neighbours = [order[j] for j in (k - 1, k + 1) if 0 <= j < I]
        winning = tuple((data.instruments[j], round(float((positions[:, i] < positions[:, j]).mean()), 4))
                        for j in neighbours)
        rows.append(InstrumentRobustness(
            data.instruments[i], data.names[i], nominal.get(data.instruments[i]), round(float(inclusion[i]), 4),
            tuple(round(float(v), 4) for v in acceptability[i]), winning))
    core = tuple(r.instrument for r in rows if r.inclusion >= CORE)
    fragile = tuple(r.instrument for r in rows if r.rank is not None and r.inclusion < CORE)
    method = "greedy_within_budget" if o.binding.any() else "threshold"
    return Robustness(seed, draws, method, agreement, tuple(rows), core, fragile,
                      tuple(_sensitivity(data, d, o.chosen, uncertainty)), CORE, uncertainty.rating_step)


def with_robustness(kb: KnowledgeBase, profile: RegionProfile, weights: Weights, plan: Plan, draws: int = DRAWS,
                    seed: int = SEED) -> Plan:
    return plan._replace(robustness=analyse(kb, profile, weights, plan, draws, seed))
