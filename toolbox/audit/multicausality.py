"""The multicausality audit: how far Table 3's instruments reach, overlap and cover the mechanisms.

`audit(kb, level=None, plan=None)` is pure. Its scope is the whole knowledge base; a level weights the
mechanisms by their Table 2 strength there; a plan (from a region profile) weights them by the plan's
need and narrows the cover, the redundancy check and the key agents to the region. docs/audit.md gives
every formula and threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolbox.audit.cover import COUNT_CAP, TIME_LIMIT, Cover, minimum_cover
from toolbox.audit.graphs import INSTRUMENT, agent_instrument_graph, instrument_mechanism_graph, mechanisms_of
from toolbox.engine.plan import REDUNDANT_JACCARD
from toolbox.engine.result import Plan
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import STRENGTH_VALUE

THIN_MAX_INSTRUMENTS = 3
"""A mechanism that at most this many instruments act on is flagged as thinly reached (editorial)."""


@dataclass(frozen=True)
class Scope:
    """What the audit looked at and how it weighted the mechanisms."""

    level: str | None
    weighting: str
    """count (every mechanism 1) | strength (Table 2 on the level: weak 1, medium 2, strong 3) | need (the plan's)"""
    region: str | None
    cluster: str | None
    verdict: str | None
    deficient: tuple[str, ...] | None
    """With a profile: the mechanisms with a deficit (the cover's target)."""
    strategy: tuple[str, ...] | None
    """With a profile: the instruments the plan recommends, best first."""
    agent_basis: str
    """all (every agent type) | level (the agent types of the level) | profile (the plan's agents)"""
    agents: tuple[str, ...]
    agent_instruments: tuple[str, ...]
    """The instruments of the agent–instrument graph: all, or with a profile those acting on a deficit."""


@dataclass(frozen=True)
class InstrumentReach:
    rank: int
    id: str
    name: str
    mechanisms: tuple[str, ...]
    reach: float
    """Σ of the weights of the mechanisms it acts on."""
    deficient: tuple[str, ...]
    """With a profile: the deficient mechanisms it acts on; else empty."""
    outcome: str | None
    """With a profile: strategy | deferred | discarded | in_place | not_scored."""
    reason: str | None
    in_cover: bool

    @property
    def mechanism_count(self) -> int:
        return len(self.mechanisms)


@dataclass(frozen=True)
class MechanismReach:
    id: str
    name: str
    instruments: tuple[str, ...]
    weight: float
    thin: bool
    """At most THIN_MAX_INSTRUMENTS instruments act on it: hard to influence."""
    status: str | None
    deficit: int | None
    need: float | None
    strategy_instruments: tuple[str, ...] | None
    """With a profile: the recommended instruments that act on it."""
    unserved: bool
    """With a profile: it has a deficit but no recommended instrument acts on it."""

    @property
    def instrument_count(self) -> int:
        return len(self.instruments)


@dataclass(frozen=True)
class Overlap:
    """Two instruments and the mechanisms they share: Jaccard = |shared| / |union|."""

    a: str
    b: str
    shared: tuple[str, ...]
    union: int
    jaccard: float


@dataclass(frozen=True)
class KeyAgent:
    rank: int
    id: str
    name: str
    group: str
    level: str
    instruments: int
    """Degree in the agent–instrument graph: the instruments in scope it can contribute to."""
    degree_share: float
    """instruments / number of instruments in scope."""
    betweenness: float
    """Normalised betweenness centrality in the agent–instrument graph."""
    strategy_instruments: int | None
    """With a profile: the recommended instruments it contributes to."""


@dataclass(frozen=True)
class Summary:
    mechanisms: int
    instruments: int
    links: int
    multicausal: int
    """Instruments acting on two or more mechanisms."""
    mean_mechanisms: float
    overlapping_pairs: int
    agents: int
    contributions: int
    """Edges of the agent–instrument graph in scope."""


@dataclass(frozen=True)
class Audit:
    kb_version: str
    scope: Scope
    summary: Summary
    thresholds: dict
    instruments: tuple[InstrumentReach, ...]
    """Ranked: reach, then number of mechanisms (higher first), then id."""
    mechanisms: tuple[MechanismReach, ...]
    """In the knowledge base's (Table 2) order."""
    overlaps: tuple[Overlap, ...]
    """Every pair sharing a mechanism: Jaccard, then shared mechanisms (higher first), then ids."""
    redundant: tuple[Overlap, ...]
    """With a profile: pairs of recommended instruments overlapping on the deficient mechanisms by at least
    REDUNDANT_JACCARD, Jaccard computed on those mechanisms only."""
    cover: Cover
    agents: tuple[KeyAgent, ...]
    """Ranked: degree, then betweenness (higher first), then id."""
    weights_source: str | None = None
    weights_hash: str | None = None
    """With a profile, the weights its plan was made with; None when the audit scores no plan."""

    def jaccard_matrix(self) -> tuple[tuple[str, ...], tuple[tuple[float, ...], ...]]:
        """(instrument ids sorted, rows): the Jaccard overlap of every pair; 1 on the diagonal."""
        import numpy as np

        sets = {i.id: i.mechanisms for i in self.instruments}
        ids = tuple(sorted(sets))
        member = _membership(sets, ids, tuple(m.id for m in self.mechanisms))
        shared = member @ member.T
        size = np.diagonal(shared)
        union = size[:, None] + size[None, :] - shared
        # The same IEEE division of two whole numbers as `jaccard`, so the same floats.
        matrix = np.divide(shared, union, out=np.zeros(shared.shape), where=union > 0)
        np.fill_diagonal(matrix, 1.0)
        return ids, tuple(map(tuple, matrix.tolist()))


def jaccard(a: frozenset | set, b: frozenset | set) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _membership(sets: dict[str, tuple[str, ...]], ids: tuple[str, ...], order: tuple[str, ...]):
    """A 0/1 matrix, one row per id, one column per element of `order` (every element of a set is in it).

    Float, because products of such matrices are then counted by BLAS, and are exact (they are small
    whole numbers)."""
    import numpy as np

    column = {m: k for k, m in enumerate(order)}
    member = np.zeros((len(ids), len(order)))
    for row, i in enumerate(ids):
        member[row, [column[m] for m in sets[i]]] = 1.0
    return member


def overlaps(sets: dict[str, tuple[str, ...]], order: tuple[str, ...], minimum: float = 0.0) -> list[Overlap]:
    """Every pair of ids sharing at least one element with a Jaccard of at least `minimum`, best first.

    Counted for all pairs at once as a matrix product: an overlay of 1,000 instruments has half a million
    pairs, and comparing their sets one by one took seconds (bench/overlay.py)."""
    import numpy as np

    ids = tuple(sorted(sets))
    if len(ids) < 2:
        return []
    member = _membership(sets, ids, order)
    counts = member @ member.T
    size = np.diagonal(counts).astype(np.int64)
    a, b = np.nonzero(np.triu(counts > 0.5, 1))
    shared = counts[a, b].astype(np.int64)
    union = size[a] + size[b] - shared
    j = shared / union
    keep = j + 1e-12 >= minimum
    a, b, shared, union, j = a[keep], b[keep], shared[keep], union[keep], j[keep]
    # The order of the documented sort key (-round(jaccard, 9), -shared, a, b): Python's round applied to
    # each distinct value (there are few), and ids compared by their rank in the sorted ids.
    distinct, which = np.unique(j, return_inverse=True)
    rounded = np.array([round(x, 9) for x in distinct.tolist()])[which.reshape(-1)]
    ranked = np.lexsort((b, a, -shared, -rounded))
    column = {m: k for k, m in enumerate(order)}
    masks = [sum(1 << column[m] for m in set(sets[i])) for i in ids]
    names: dict[int, tuple[str, ...]] = {}

    def named(mask: int) -> tuple[str, ...]:
        found = names.get(mask)
        if found is None:
            found = names[mask] = tuple(m for k, m in enumerate(order) if mask >> k & 1)
        return found

    return [Overlap(ids[x], ids[y], named(masks[x] & masks[y]), n, f)
            for x, y, n, f in zip(a[ranked].tolist(), b[ranked].tolist(), union[ranked].tolist(), j[ranked].tolist())]


def _outcome(plan: Plan, instrument_id: str) -> tuple[str, str | None]:
    found = plan.find(instrument_id)
    if found is None:
        return "not_scored", plan.verdict.code
    where, entry = found
    return where, getattr(entry, "reason", None)


def _betweenness(g) -> dict[str, float]:
    """Normalised betweenness centrality, exact. rustworkx computes it in compiled code: networkx's pure
    Python took over 30 s on an overlay of 1,000 instruments and 112 agent types (bench/overlay.py)."""
    import rustworkx as rx

    r = rx.PyGraph()
    index = {n: r.add_node(n) for n in g.nodes}
    r.add_edges_from_no_data([(index[a], index[b]) for a, b in g.edges])
    # Serial: the parallel sums run in varying order, and the exports must be the same bytes every run.
    found = rx.betweenness_centrality(r, normalized=True, parallel_threshold=len(index) + 1)
    return {n: found[k] for n, k in index.items()}


def audit(kb: KnowledgeBase, level: str | None = None, plan: Plan | None = None) -> Audit:
    """The audit of the knowledge base, on a level, or for the region a plan was made for."""

    g = instrument_mechanism_graph(kb)
    mech_order = tuple(kb.mechanisms)
    instrument_ids = tuple(n for n, d in g.nodes(data=True) if d["kind"] == INSTRUMENT)
    acts_on = {i: mechanisms_of(g, i, mech_order) for i in instrument_ids}

    diagnosis = {d.id: d for d in plan.mechanisms} if plan is not None else {}
    if plan is not None:
        level = plan.region["level"]
        weighting = "need"
        weight = {m: diagnosis[m].need for m in mech_order}
        deficient = tuple(m for m in mech_order if diagnosis[m].status == "deficit")
        strategy = tuple(item.assessment.instrument for item in plan.strategy)
    elif level is not None:
        weighting = "strength"
        weight = {m: float(STRENGTH_VALUE[getattr(kb.mechanisms[m].strength, level)]) for m in mech_order}
        deficient = strategy = None
    else:
        weighting = "count"
        weight = {m: 1.0 for m in mech_order}
        deficient = strategy = None

    reach = {i: sum(weight[m] for m in acts_on[i]) for i in instrument_ids}
    target = deficient if deficient is not None else mech_order
    cover = minimum_cover(acts_on, target, reach)
    in_cover = set(cover.instruments)

    deficient_set = set(deficient or ())
    ranked = sorted(instrument_ids, key=lambda i: (-round(reach[i], 9), -len(acts_on[i]), i))
    instruments = []
    for rank, i in enumerate(ranked, start=1):
        outcome, reason = _outcome(plan, i) if plan is not None else (None, None)
        instruments.append(InstrumentReach(
            rank=rank, id=i, name=kb.instruments[i].name, mechanisms=acts_on[i], reach=reach[i],
            deficient=tuple(m for m in acts_on[i] if m in deficient_set), outcome=outcome, reason=reason,
            in_cover=i in in_cover))

    strategy_set = set(strategy or ())
    mechanisms = []
    for m in mech_order:
        reaching = tuple(i for i in instrument_ids if g.has_edge(i, m))
        d = diagnosis.get(m)
        in_strategy = tuple(i for i in (strategy or ()) if g.has_edge(i, m)) if plan is not None else None
        mechanisms.append(MechanismReach(
            id=m, name=kb.mechanisms[m].name, instruments=reaching, weight=weight[m],
            thin=len(reaching) <= THIN_MAX_INSTRUMENTS,
            status=d.status if d else None, deficit=d.deficit if d else None, need=d.need if d else None,
            strategy_instruments=in_strategy,
            unserved=bool(plan is not None and m in deficient_set and not in_strategy and plan.verdict.code == "strategy"),
        ))

    all_overlaps = overlaps(acts_on, mech_order)
    redundant: list[Overlap] = []
    if plan is not None:
        within = {i: tuple(m for m in acts_on[i] if m in deficient_set) for i in strategy_set}
        redundant = overlaps(within, mech_order, REDUNDANT_JACCARD)

    # Key agents: the agent–instrument graph in scope.
    if plan is not None:
        agent_basis = "profile"
        agent_ids = tuple(a.id for a in plan.agents)
        agent_instruments = tuple(i for i in instrument_ids if any(m in deficient_set for m in acts_on[i]))
    elif level is not None:
        agent_basis = "level"
        agent_ids = tuple(a.id for a in kb.agents.values() if a.level == level)
        agent_instruments = instrument_ids
    else:
        agent_basis = "all"
        agent_ids = tuple(kb.agents)
        agent_instruments = instrument_ids
    ag = agent_instrument_graph(kb, agent_ids, agent_instruments)
    betweenness = _betweenness(ag)
    carries: dict[str, int] = {}
    for item in (plan.strategy if plan is not None else ()):
        for c in item.contributions:
            carries[c.agent.id] = carries.get(c.agent.id, 0) + 1
    n_instruments = len(agent_instruments)
    agent_rows = sorted(agent_ids, key=lambda a: (-ag.degree(a), -round(betweenness.get(a, 0.0), 9), a))
    agents = tuple(KeyAgent(
        rank=rank, id=a, name=kb.agents[a].name, group=kb.agents[a].group, level=kb.agents[a].level,
        instruments=ag.degree(a), degree_share=ag.degree(a) / n_instruments if n_instruments else 0.0,
        betweenness=betweenness.get(a, 0.0),
        strategy_instruments=carries.get(a, 0) if plan is not None else None,
    ) for rank, a in enumerate(agent_rows, start=1))

    links = g.number_of_edges()
    scope = Scope(
        level=level, weighting=weighting,
        region=plan.region["name"] if plan is not None else None,
        cluster=plan.cluster["name"] if plan is not None else None,
        verdict=plan.verdict.code if plan is not None else None,
        deficient=deficient, strategy=strategy, agent_basis=agent_basis, agents=agent_ids,
        agent_instruments=agent_instruments,
    )
    summary = Summary(
        mechanisms=len(mech_order), instruments=len(instrument_ids), links=links,
        multicausal=sum(1 for i in instrument_ids if len(acts_on[i]) >= 2),
        mean_mechanisms=links / len(instrument_ids) if instrument_ids else 0.0,
        overlapping_pairs=len(all_overlaps), agents=len(agent_ids), contributions=ag.number_of_edges(),
    )
    thresholds = {"thin_max_instruments": THIN_MAX_INSTRUMENTS, "redundant_jaccard": REDUNDANT_JACCARD,
                  "cover_count_cap": COUNT_CAP, "cover_time_limit_s": TIME_LIMIT}
    return Audit(kb.version, scope, summary, thresholds, tuple(instruments), tuple(mechanisms),
                 tuple(all_overlaps), tuple(redundant), cover, agents,
                 plan.weights_source if plan else None, plan.weights_hash if plan else None)
