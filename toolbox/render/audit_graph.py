"""The audit's graph in formats graph tools open: GraphML and GEXF (through networkx) and DOT (written here).

The graph itself (`toolbox.audit.graphs.audit_graph`) carries every number as node attributes; these
functions only serialise it, in the graph's own node and edge order, so the same audit gives the same bytes.
"""

from __future__ import annotations

import networkx as nx

from toolbox.safe_text import visible

XML_HEAD = "<?xml version='1.0' encoding='utf-8'?>\n"


def _shown(value):
    """A node's or edge's attribute value with its text (names from overlays) escaped: XML 1.0 cannot hold
    control characters, and a graph file shown on a terminal must not act on it."""
    return visible(value) if isinstance(value, str) else value


# GraphML and GEXF are written here, in exactly the layout of networkx's writers (prettyprinted by
# ElementTree): those build an element tree of the whole graph and serialise it in pure Python, which took
# over two seconds for an overlay's 25,000 edges (bench/overlay.py). tests/render/test_audit_graph.py
# compares the two byte for byte.
_XML_TYPE = {str: "string", int: "long", float: "double", bool: "boolean"}


def _attr(text: str) -> str:
    """An XML attribute value, escaped as ElementTree escapes it."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _lines(text: str) -> str:
    # networkx yields the serialised document's lines (str.splitlines), joined here by newlines
    return XML_HEAD + "\n".join(text.splitlines()) + "\n"


def graphml(g: nx.Graph) -> str:
    keys: dict[tuple[str, str, str], str] = {}
    declared: list[str] = []

    def data(items, scope: str, pad: str, shown: bool = True) -> list[str]:
        out = []
        for k, v in items:
            v = _shown(v) if shown else v
            name, kind = str(k), _XML_TYPE[type(v)]
            key = keys.get((name, kind, scope))
            if key is None:
                key = keys[name, kind, scope] = f"d{len(keys)}"
                declared.append(f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="{kind}" />')
            value = str(v)
            out.append(f'{pad}<data key="{key}">{_text(value)}</data>' if value else f'{pad}<data key="{key}" />')
        return out

    graph_data = data(g.graph.items(), "graph", "    ", shown=False)  # networkx declares the graph's keys first
    body = []
    for node, d in g.nodes(data=True):
        head = f'    <node id="{_attr(str(node))}"'
        body += [head + ">", *data(d.items(), "node", "      "), "    </node>"] if d else [head + " />"]
    for a, b, d in g.edges(data=True):
        head = f'    <edge source="{_attr(str(a))}" target="{_attr(str(b))}"'
        body += [head + ">", *data(d.items(), "edge", "      "), "    </edge>"] if d else [head + " />"]
    body += graph_data
    graph = ['  <graph edgedefault="undirected">', *body, "  </graph>"] if body else ['  <graph edgedefault="undirected" />']
    head = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
    return _lines("\n".join([head, *reversed(declared), *graph, "</graphml>"]))


def gexf(g: nx.Graph) -> str:
    # networkx's writer also stamps today's date into <meta>; the attribute is optional and left out, so
    # that the same audit gives the same file on any day.
    ids: dict[tuple[str, str], str] = {}
    declared: dict[str, list[str]] = {}
    classes: list[str] = []

    def values(d: dict, scope: str, pad: str) -> list[str]:
        if not d:
            return []
        out = [pad + "<attvalues>"]
        for k, v in d.items():
            v = _shown(v)
            name = "networkx_key" if k == "key" else str(k)
            key = ids.get((scope, name))
            if key is None:
                key = ids[scope, name] = str(len(ids))
                if scope not in declared:
                    declared[scope] = []
                    classes.insert(0, scope)
                declared[scope].append(f'      <attribute id="{key}" title="{_attr(name)}" type="{_XML_TYPE[type(v)]}" />')
            value = str(v).lower() if isinstance(v, bool) else str(v)
            if isinstance(v, float):
                value = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(value, value)
            out.append(f'{pad}  <attvalue for="{key}" value="{_attr(value)}" />')
        return [*out, pad + "</attvalues>"]

    nodes = []
    for node, d in g.nodes(data=True):
        d = dict(d)
        head = f'      <node id="{_attr(str(node))}" label="{_attr(str(_shown(d.pop("label")) if "label" in d else node))}"'
        inner = values(d, "node", "        ")
        nodes += [head + ">", *inner, "      </node>"] if inner else [head + " />"]
    edges = []
    for n, (a, b, d) in enumerate(g.edges(data=True)):
        d = dict(d)
        head = f'      <edge source="{_attr(str(a))}" target="{_attr(str(b))}" id="{n}"'
        if "weight" in d:
            head += f' weight="{_attr(str(_shown(d.pop("weight"))))}"'
        inner = values(d, "edge", "        ")
        edges += [head + ">", *inner, "      </edge>"] if inner else [head + " />"]
    attributes = []
    for scope in classes:
        attributes += [f'    <attributes mode="static" class="{scope}">', *declared[scope], "    </attributes>"]
    part = [*attributes,
            *(["    <nodes>", *nodes, "    </nodes>"] if nodes else ["    <nodes />"]),
            *(["    <edges>", *edges, "    </edges>"] if edges else ["    <edges />"])]
    head = ('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">')
    name = _attr(str(g.graph.get("name", "")))
    return _lines("\n".join([head, "  <meta>", f"    <creator>NetworkX {nx.__version__}</creator>", "  </meta>",
                              f'  <graph defaultedgetype="undirected" mode="static" name="{name}">', *part,
                              "  </graph>", "</gexf>"]))


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
