"""The audit's graphs and their exports: GraphML and GEXF read back by networkx, DOT by a small parser."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import networkx as nx
import pytest

from toolbox.audit.graphs import agent_instrument_graph, audit_graph, instrument_mechanism_graph
from toolbox.audit.multicausality import audit
from toolbox.errors import InputError
from toolbox.render.audit_graph import dot, gexf, graphml


@pytest.fixture(scope="module")
def result(kb):
    return audit(kb)


def _edges(g) -> set[frozenset]:
    return {frozenset(e) for e in g.edges}


def test_instrument_mechanism_graph_is_table_3(kb):
    g = instrument_mechanism_graph(kb)
    assert g.number_of_edges() == 84  # Table 3's bullet points
    assert nx.is_bipartite(g)
    assert g.degree("education_science_lobbying") == 5 and g.degree("research_cooperation") == 17
    assert all(g.nodes[n]["bipartite"] == (1 if n in kb.instruments else 0) for n in g)


def test_agent_instrument_graph_is_the_contribution_matrix(kb):
    g = agent_instrument_graph(kb, list(kb.agents), list(kb.instruments))
    assert g.number_of_edges() == len({(c.agent, c.instrument) for c in kb.contributions})
    assert nx.is_bipartite(g)


@pytest.mark.parametrize("which", ["mechanisms", "agents", "both"])
def test_graphml_round_trip(kb, result, which):
    g = audit_graph(kb, result, which)
    back = nx.read_graphml(io.BytesIO(graphml(g).encode("utf-8")))
    assert set(back.nodes) == set(g.nodes)
    assert _edges(back) == _edges(g)
    for node, data in g.nodes(data=True):
        assert back.nodes[node] == data
    for a, b, data in g.edges(data=True):
        assert back.edges[a, b] == data


def test_gexf_round_trip_and_no_date(kb, result):
    g = audit_graph(kb, result, "both")
    text = gexf(g)
    assert "lastmodifieddate" not in text
    back = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert set(back.nodes) == set(g.nodes)
    assert _edges(back) == _edges(g)
    assert back.nodes["education_science_lobbying"]["label"] == kb.instruments["education_science_lobbying"].name
    assert back.nodes["education_science_lobbying"]["mechanisms"] == 5


def test_dot_has_every_node_and_edge(kb, result):
    g = audit_graph(kb, result, "both")
    text = dot(g)
    assert text.startswith('graph "toolbox audit (both)" {') and text.rstrip().endswith("}")
    nodes = re.findall(r'^  "([^"]+)" \[', text, flags=re.MULTILINE)
    edges = re.findall(r'^  "([^"]+)" -- "([^"]+)" \[', text, flags=re.MULTILINE)
    assert set(nodes) == set(g.nodes) and len(nodes) == g.number_of_nodes()
    assert {frozenset(e) for e in edges} == _edges(g) and len(edges) == g.number_of_edges()
    assert 'shape="box"' in text and 'shape="diamond"' in text


def test_dot_escapes_quotes_and_backslashes():
    g = nx.Graph(name='a "b"')
    g.add_node('x"y', label="back\\slash", kind="mechanism")
    g.add_edge('x"y', "z", weight=0.5)
    text = dot(g)
    assert 'graph "a \\"b\\"" {' in text
    assert '"x\\"y" [label="back\\\\slash", kind="mechanism", shape="box"];' in text
    assert '"x\\"y" -- "z" [weight="0.5"];' in text


def test_exports_are_byte_identical_across_runs(kb, result):
    again = audit(kb)
    for fn in (graphml, gexf, dot):
        assert fn(audit_graph(kb, result, "both")) == fn(audit_graph(kb, again, "both"))


def test_profile_attributes_in_the_graph(kb):
    from tests.conftest import make_profile
    from toolbox.engine import make_plan

    plan = make_plan(kb, make_profile())
    g = audit_graph(kb, audit(kb, plan=plan), "both")
    assert g.nodes["research_cooperation"]["status"] == "deficit"
    assert {g.nodes[a]["kind"] for a in (x.id for x in plan.agents)} == {"agent"}
    back = nx.read_graphml(io.BytesIO(graphml(g).encode("utf-8")))
    assert back.nodes["research_cooperation"]["need"] == g.nodes["research_cooperation"]["need"]


def test_an_id_used_by_two_kinds_of_record_is_refused(kb):
    clash = replace(kb, agents={**kb.agents, "job_fairs": next(iter(kb.agents.values()))})
    with pytest.raises(InputError, match="'job_fairs' is used by two kinds of record"):
        instrument_mechanism_graph(clash)


def _networkx_layout(g: nx.Graph, generate) -> str:
    """What networkx's own writer gives for `g`, with attribute texts escaped as the audit escapes them."""
    from toolbox.safe_text import visible

    g = g.copy()
    for _, data in [*g.nodes(data=True), *((None, d) for _, _, d in g.edges(data=True))]:
        data.update({k: visible(v) for k, v in data.items() if isinstance(v, str)})
    text = "\n".join(generate(g, prettyprint=True))
    return "<?xml version='1.0' encoding='utf-8'?>\n" + re.sub(r' lastmodifieddate="[^"]*"', "", text) + "\n"


def _awkward_graph() -> nx.Graph:
    g = nx.Graph(name="n & <m>", cover_status="not_proven")
    g.add_node("a&b", kind="mechanism", label='say "hi"\t<now>\r\nor \x1b[2J', thin=True, weight=1.0)
    g.add_node("c", label="", instruments=3, reach=float("inf"), need=float("nan"))
    g.add_node("lonely")
    g.add_edge("a&b", "c", relation="acts_on", weight=0.25, types="x;y")
    g.add_edge("c", "lonely")
    g.add_edge("lonely", "a&b", weight=2)
    return g


@pytest.mark.parametrize("which", ["mechanisms", "agents", "both"])
def test_graph_files_are_networkx_own_layout(kb, result, which):
    # The writers are hand-made for speed; networkx's writers are the reference for the layout.
    for g in (audit_graph(kb, result, which), _awkward_graph()):
        assert graphml(g) == _networkx_layout(g, nx.generate_graphml)
        assert gexf(g) == _networkx_layout(g, nx.generate_gexf)
