"""The audit's graph in formats graph tools open: GraphML and GEXF (through networkx) and DOT (written here).

The graph itself (`toolbox.audit.graphs.audit_graph`) carries every number as node attributes; these
functions only serialise it, in the graph's own node and edge order, so the same audit gives the same bytes.
"""

from __future__ import annotations

import re

import networkx as nx

from toolbox.safe_text import visible

XML_HEAD = "<?xml version='1.0' encoding='utf-8'?>\n"


def _shown(g: nx.Graph) -> nx.Graph:
    """The graph with its texts (names from overlays) escaped: XML 1.0 cannot hold control characters, and a
    graph file shown on a terminal must not act on it."""
    out = g.copy()
    for _, data in out.nodes(data=True):
        data.update({k: visible(v) for k, v in data.items() if isinstance(v, str)})
    for _, _, data in out.edges(data=True):
        data.update({k: visible(v) for k, v in data.items() if isinstance(v, str)})
    return out


def graphml(g: nx.Graph) -> str:
    return XML_HEAD + "\n".join(nx.generate_graphml(_shown(g), prettyprint=True)) + "\n"


def gexf(g: nx.Graph) -> str:
    # The GEXF writer stamps today's date into <meta>; the attribute is optional and dropped here so that
    # the same audit gives the same file on any day.
    text = "\n".join(nx.generate_gexf(_shown(g), prettyprint=True))
    return XML_HEAD + re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1) + "\n"


SHAPES = {"mechanism": "box", "instrument": "ellipse", "agent": "diamond"}


def _quote(value) -> str:
    if isinstance(value, bool):
        return '"true"' if value else '"false"'
    if isinstance(value, (int, float)):
        text = f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        return f'"{text}"'
    text = visible(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _attrs(data: dict, extra: dict | None = None) -> str:
    items = {**data, **(extra or {})}
    return ", ".join(f"{k}={_quote(v)}" for k, v in items.items())


def dot(g: nx.Graph) -> str:
    """Graphviz DOT for an undirected graph: one statement per node, then one per edge."""
    out = [f"graph {_quote(g.graph.get('name', 'toolbox'))} {{", '  graph [overlap="false", splines="true"];']
    for node, data in g.nodes(data=True):
        extra = {"shape": SHAPES.get(data.get("kind"), "ellipse")}
        out.append(f"  {_quote(node)} [{_attrs(data, extra)}];")
    for a, b, data in g.edges(data=True):
        out.append(f"  {_quote(a)} -- {_quote(b)} [{_attrs(data)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _graph(result, options) -> nx.Graph:
    from toolbox.audit.graphs import audit_graph

    return audit_graph(options.kb, result, options.graph)


def audit_graphml(result, options) -> str:
    return graphml(_graph(result, options))


def audit_gexf(result, options) -> str:
    return gexf(_graph(result, options))


def audit_dot(result, options) -> str:
    return dot(_graph(result, options))
