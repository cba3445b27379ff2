"""The knowledge base as networkx graphs.

- The instrument–mechanism graph: Table 3 as a bipartite graph, one edge per link ("acts_on").
- The agent–instrument graph: the contribution matrix, one edge per agent type and instrument it can
  contribute to ("contributes"), restricted to the agents and instruments in scope.

Both are bipartite with the instruments on one side (`bipartite=1`): mechanisms and agents never touch,
so their union is bipartite too. Node ids are the knowledge base's ids; nodes keep the knowledge base's
order, so every traversal and export is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from toolbox.errors import InputError
from toolbox.kb.model import KnowledgeBase

MECHANISM, INSTRUMENT, AGENT = "mechanism", "instrument", "agent"
ACTS_ON, CONTRIBUTES = "acts_on", "contributes"


def check_distinct_ids(kb: KnowledgeBase) -> None:
    """A graph needs one node per id: refuse a knowledge base that gives two kinds of record the same id."""
    seen: dict[str, str] = {}
    clashes = []
    for kind, table in ((MECHANISM, kb.mechanisms), (INSTRUMENT, kb.instruments), (AGENT, kb.agents)):
        for record_id in table:
            if record_id in seen:
                clashes.append(f"id '{record_id}' is used by two kinds of record ({seen[record_id]}, {kind})")
            seen.setdefault(record_id, kind)
    if clashes:
        raise InputError("; ".join(clashes) + ": the audit's graphs need distinct ids; rename one in your --kb directory")


def instrument_mechanism_graph(kb: KnowledgeBase) -> nx.Graph:
    """Table 3 as a bipartite graph: every mechanism and instrument, one edge per link."""
    check_distinct_ids(kb)
    g = nx.Graph(name="instrument-mechanism")
    for m in kb.mechanisms.values():
        g.add_node(m.id, kind=MECHANISM, label=m.name, bipartite=0)
    for i in kb.instruments.values():
        g.add_node(i.id, kind=INSTRUMENT, label=i.name, bipartite=1)
    for i in kb.instruments.values():
        for m in i.mechanisms:
            g.add_edge(i.id, m, relation=ACTS_ON)
    return g


def agent_instrument_graph(kb: KnowledgeBase, agents: Sequence[str], instruments: Sequence[str]) -> nx.Graph:
    """The contribution matrix between the given agent types and instruments, as a bipartite graph."""
    check_distinct_ids(kb)
    g = nx.Graph(name="agent-instrument")
    agent_set, instrument_set = set(agents), set(instruments)
    for a in agents:
        agent = kb.agents[a]
        g.add_node(a, kind=AGENT, label=agent.name, bipartite=0)
    for i in instruments:
        g.add_node(i, kind=INSTRUMENT, label=kb.instruments[i].name, bipartite=1)
    for c in kb.contributions:
        if c.agent in agent_set and c.instrument in instrument_set:
            g.add_edge(c.agent, c.instrument, relation=CONTRIBUTES, types=";".join(c.types))
    return g


def mechanisms_of(g: nx.Graph, instrument: str, order: Sequence[str]) -> tuple[str, ...]:
    """The mechanisms an instrument node touches, in the knowledge base's order."""
    return tuple(m for m in order if g.has_edge(instrument, m))


def _set(attrs: dict, **values) -> None:
    """Node or edge attributes without None: GraphML and GEXF have no null."""
    attrs.update({k: v for k, v in values.items() if v is not None})


def audit_graph(kb: KnowledgeBase, result, which: str = "both") -> nx.Graph:
    """The graph of an audit (`multicausality.Audit`) with every computed number as node attributes."""
    scope = result.scope
    parts = []
    if which in ("mechanisms", "both"):
        g = instrument_mechanism_graph(kb)
        for m in result.mechanisms:
            _set(g.nodes[m.id], instruments=m.instrument_count, mechanism_weight=float(m.weight), thin=m.thin,
                 status=m.status, deficit=m.deficit, need=None if m.need is None else float(m.need))
        weight = {m.id: float(m.weight) for m in result.mechanisms}
        for a, b, data in g.edges(data=True):
            data["weight"] = weight[b if b in weight else a]
        parts.append(g)
    if which in ("agents", "both"):
        ag = agent_instrument_graph(kb, scope.agents, scope.agent_instruments)
        for a in result.agents:
            _set(ag.nodes[a.id], group=a.group, level=a.level, instruments=a.instruments, agent_rank=a.rank,
                 degree_share=float(a.degree_share), betweenness=float(a.betweenness),
                 strategy_instruments=a.strategy_instruments)
        for _, _, data in ag.edges(data=True):
            data["weight"] = 1.0
        parts.append(ag)
    out = parts[0] if len(parts) == 1 else nx.compose(parts[0], parts[1])
    out.graph.clear()
    out.graph["name"] = f"toolbox audit ({which})"
    out.graph["cover_status"] = result.cover.status
    for i in result.instruments:
        if i.id in out:
            _set(out.nodes[i.id], mechanisms=i.mechanism_count, reach=float(i.reach), reach_rank=i.rank,
                 in_cover=i.in_cover, outcome=i.outcome, reason=i.reason)
    return out
