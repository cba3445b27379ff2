"""The HTML report: structure, accessibility, self-containment, escaping and determinism."""

from __future__ import annotations

import re

import lxml.html
import pytest

from tests.render.report.tools import EXAMPLES, HOSTILE_NAME
from toolbox.render.report import ReportFormat, render
from toolbox.render.report.html import number
from toolbox.render.report.gaps_view import sections_for
from toolbox.render.report.view import SECTIONS, VERDICT_TITLE

STEMS = [p.stem for p in EXAMPLES]


def html_of(plan) -> str:
    return render(plan, ReportFormat.html).decode("utf-8")


def tree_of(plan):
    return lxml.html.document_fromstring(html_of(plan))


@pytest.mark.parametrize("stem", STEMS)
def test_semantic_structure(example_plans, stem):
    plan = example_plans[stem]
    doc = tree_of(plan)
    assert doc.get("lang") == "en"
    assert doc.findtext(".//title") == f"Cluster strategy: {plan.cluster['name']} in {plan.region['name']}"
    assert len(doc.findall(".//h1")) == 1 and len(doc.findall(".//main")) == 1
    sections = doc.findall(".//main/section")
    expected = sections_for(SECTIONS, plan.gaps is not None, plan.organisation is not None)
    assert [s.get("id") for s in sections] == [key for key, _ in expected]
    for n, (section, (key, title)) in enumerate(zip(sections, expected), start=1):
        heading = section.find(".//h2")  # first in the section, or in the block that keeps it with its figure
        assert heading.text_content() == f"{n}{title}"
        assert section.get("aria-labelledby") == heading.get("id")
    for table in doc.iter("table"):
        assert table.find("caption") is not None and table.find("caption").text_content().strip()
        assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))


@pytest.mark.parametrize("stem", STEMS)
def test_charts_have_text_alternatives(example_plans, stem):
    plan = example_plans[stem]
    doc = tree_of(plan)
    charts = doc.findall(".//svg")
    # + the map: its cartogram and its bubble chart (every shipped mapping example has a growth to draw)
    assert len(charts) == (3 if plan.strategy else 1) + (2 if plan.cluster.get("mapping") else 0)
    for svg in charts:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert doc.get_element_by_id(title_id).text_content().strip()
        assert len(doc.get_element_by_id(desc_id).text_content()) > 40
        assert svg.getparent().tag == "figure" and svg.getparent().find("figcaption") is not None


@pytest.mark.parametrize("stem", STEMS + ["hostile"])
def test_self_contained_no_script_no_network(example_plans, hostile_plan, stem):
    plan = hostile_plan if stem == "hostile" else example_plans[stem]
    html = html_of(plan)
    assert "http://" not in html and "https://" not in html and "//" not in re.sub(r"/\*.*?\*/", "", html).replace(
        "<!DOCTYPE", "")
    lowered = html.lower()
    for forbidden in ("<script", "<img", "<iframe", "<link", "<object", "<embed", "<base", "<meta http-equiv"):
        assert forbidden not in lowered, forbidden
    doc = lxml.html.document_fromstring(html)
    css = " ".join(style.text_content() for style in doc.iter("style")).lower()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in element.attrib:
            assert not attribute.lower().startswith("on"), (element.tag, attribute)
            assert attribute.lower() not in ("src", "srcset", "action", "formaction", "xlink:href")
            assert "javascript:" not in element.get(attribute).lower() and "url(" not in element.get(attribute)
        if element.get("href") is not None:
            assert element.get("href").startswith("#"), element.get("href")  # in-page links only


def test_hostile_profile_is_text(hostile_plan):
    html = html_of(hostile_plan)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<svg onload" not in html and "<style>body" not in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html  # data is never read as a template
    doc = lxml.html.document_fromstring(html)
    assert doc.findtext(".//title") == f"Cluster strategy: {hostile_plan.cluster['name']} in {HOSTILE_NAME}"
    assert HOSTILE_NAME in doc.find(".//h1").text_content()
    assert hostile_plan.cluster["evidence"] in doc.get_element_by_id("region").text_content()
    assert not doc.findall(".//script") and not doc.findall(".//img") and not doc.findall(".//iframe")
    assert len(doc.findall(".//style")) == 1
    for svg in doc.findall(".//svg"):  # charts name the region too: escaped in SVG text as well
        assert not svg.findall(".//script")



def test_deterministic(example_plans):
    for plan in example_plans.values():
        for fmt in (ReportFormat.html, ReportFormat.markdown):
            assert render(plan, fmt) == render(plan, fmt)


def test_svg_numbers_are_rounded(example_plans):
    html = html_of(example_plans["greater_arntown_widgets"])
    for value in re.findall(r'(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([-0-9.]+)"', html):
        assert re.fullmatch(r"-?\d+(\.\d)?", value), value
    assert number(-0.01) == "0" and number(2.0) == "2" and number(1.25) in ("1.2", "1.3")


def test_verdict_without_strategy(example_plans):
    plan = example_plans["eastmoor_no_potential"]
    doc = tree_of(plan)
    summary = doc.get_element_by_id("summary").text_content()
    assert VERDICT_TITLE["no_cluster_potential"] in summary and plan.verdict.message in summary
    assert "No instrument is recommended" in doc.get_element_by_id("strategy").text_content()
