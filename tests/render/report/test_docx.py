"""The Word report, reopened with python-docx: headings, the strategy table and the charts agree with the plan."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import docx
import pytest

from tests.render.report.tools import EXAMPLES, HOSTILE_NAME, non_white_share
from toolbox.errors import UsageError
from toolbox.render.common import REASON_TEXT, money
from toolbox.render.json_out import plan_dict
from toolbox.render.report import ReportFormat, render
from toolbox.render.report.gaps_view import sections_for
from toolbox.render.report.view import SECTIONS

CASES = [p.stem for p in EXAMPLES] + ["hostile"]


def words(identifier: str) -> str:
    return identifier.replace("_", " ")


@pytest.fixture(scope="module")  # one document per case, shared by the tests that read it
def case(request, example_plans, hostile_plan):
    plan = hostile_plan if request.param == "hostile" else example_plans[request.param]
    return plan_dict(plan), docx.Document(io.BytesIO(render(plan, ReportFormat.docx)))


def table_with(document, header: list[str]):
    return [t for t in document.tables if [c.text for c in t.rows[0].cells] == header]


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_headings(case):
    data, document = case
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == [data["cluster"]["name"]]
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert level1 == [f"{n}. {text}" for n, (_, text) in enumerate(sections_for(SECTIONS, data['gaps'] is not None, data['organisation'] is not None), start=1)]
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert {"Key caveats", "Figures the profile overrode"} <= set(level2)
    assert level2.count("Key caveats") == 1 and "Assumptions" not in level2  # the assumptions are in the brief
    assert document.core_properties.title == f"Cluster strategy: {data['cluster']['name']} in {data['region']['name']}"


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_strategy_tables(case):
    """The brief's list, one row each; the detail, each instrument with who contributes what on a full-width
    row under it (not in a narrow seventh column), so each contribution is named once."""
    data, document = case
    marginal = any(s["marginal_value"] for s in data["strategy"])  # the engine's marginal values: an "Adds" column
    brief = table_with(document, ["Rank", "Instrument", "Mechanisms addressed", "Cost a year"] + ["Adds"] * marginal)
    found = table_with(document, ["Rank", "Instrument", "Score", "Benefit by mechanism", "Total cost so far",
                                  "Policy field"])
    if not data["strategy"]:
        assert not found and not brief
        return
    (brief,), (table,) = brief, found
    currency = data["budget"]["currency"] if data["budget"] else "EUR"
    shown = [[c.text for c in row.cells] for row in brief.rows[1:]]
    assert [row[:4] for row in shown] == [
        [str(s["rank"]), f"{s['instrument']['name']} ({s['instrument']['id']})",
         ", ".join(words(m) for m in s["mechanisms"]),
         money(s["cost"], currency) + (" (profile figure)" if s["assessment"]["cost_source"] == "profile" else "")]
        for s in data["strategy"]]
    for row, s in zip(shown, data["strategy"]):  # 3 decimals of the value JSON rounds to 6
        assert len(row) == 4 + marginal and (not marginal or abs(float(row[4]) - s["marginal_value"]) < 6e-4)
    rows = table.rows[1:]
    assert len(rows) == 2 * len(data["strategy"])
    for main, who, s in zip(rows[0::2], rows[1::2], data["strategy"]):
        cells = [c.text for c in main.cells]
        assert cells[0] == str(s["rank"])
        assert cells[1] == f"{s['instrument']['name']} ({s['instrument']['id']})"
        assert cells[2] == f"{s['score']:.3f}"
        assert cells[4] == money(s["cumulative_cost"], currency)
        assert cells[5].startswith(words(s["assessment"]["policy_field"]))
        assert len(who._tr.tc_lst) == 1  # one cell across the table's width
        assert who.cells[0].text == "Who contributes what: " + "; ".join(
            f"{c['agent']['name']} ({', '.join(words(t) for t in c['types'])})" for c in s["contributions"])
    cells = [c.text for t in document.tables if t._tbl is not table._tbl for r in t.rows for c in r.cells]
    first = data["strategy"][0]["contributions"][0]
    assert not [c for c in cells if f"{first['agent']['name']} (" in c]


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_the_document_as_clients_open_it(case):
    """One font family; page numbers as a PAGE field; no template description, no blank thumbnail."""
    data, document = case
    from docx.oxml.ns import qn

    families = {f.get(qn(f"w:{a}")) for f in document.styles.element.iter(qn("w:rFonts"))
                for a in ("ascii", "hAnsi")} - {None}
    themed = [f for f in document.styles.element.iter(qn("w:rFonts")) if f.get(qn("w:asciiTheme"))]
    assert families == {"Arial"} and not themed
    assert {r.font.name for p in document.paragraphs for r in p.runs} <= {None, "Arial"}
    footer = document.sections[0].footer._element
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert "python-docx" not in (document.core_properties.comments + document.core_properties.author
                                 + document.core_properties.last_modified_by)
    assert not [r for r in document.part.package.rels.values() if r.reltype.endswith("/thumbnail")]


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_set_aside_tables_and_charts(case):
    data, document = case
    header = ["Instrument", "Reason", "Detail", "Score", "Cost a year"]
    entries = [e for key in ("in_place", "deferred", "discarded") for e in data[key]]
    rows = [r for t in table_with(document, header) for r in t.rows[1:]]
    assert [(r.cells[0].text, r.cells[1].text, r.cells[2].text) for r in rows] == [
        (f"{e['instrument']['name']} ({e['instrument']['id']})", REASON_TEXT[e["reason"]], e["detail"])
        for e in entries]
    pictures = document.inline_shapes
    # + the map's cartogram and bubble chart, from the shipped UK data
    assert len(pictures) == (3 if data["strategy"] else 1) + (2 if data["cluster"]["mapping"] else 0)
    for shape in pictures:
        assert len(shape._inline.docPr.get("descr")) > 40  # the chart's text alternative
        blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        assert blob.startswith(b"\x89PNG") and non_white_share(blob) > 0.03


def test_hostile_text_is_kept_as_text(hostile_plan):
    document = docx.Document(io.BytesIO(render(hostile_plan, ReportFormat.docx)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"in {HOSTILE_NAME}" in body
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert hostile_plan.cluster["evidence"] in cells
    # a control character is shown as an escape, as on the terminal (Word could not hold it anyway)
    assert "\x07" not in cells and " \\x07bell" in cells


SMALL = "eastmoor_no_potential"  # the shortest report: the dates do not depend on the content


def _dates(data: bytes) -> tuple[datetime, datetime]:
    """(created, modified) as the document's core properties state them, read from the XML itself: python-docx
    gives naive datetimes before 1.1.1 and aware ones after."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    found = [datetime.fromisoformat(re.search(rf"<dcterms:{name}[^>]*>([^<]+)<", core)[1].replace("Z", "+00:00"))
             for name in ("created", "modified")]
    return found[0], found[1]


def test_the_dates_are_when_the_report_was_made(example_plans, monkeypatch):
    """Not python-docx's template date (2013-12-23), which every report carried before."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    created, modified = _dates(render(example_plans[SMALL], ReportFormat.docx))
    after = datetime.now(timezone.utc)
    assert before <= created <= after
    assert modified == created


def test_source_date_epoch_fixes_the_dates_and_the_bytes(example_plans, monkeypatch):
    """The reproducible-builds convention: 1700000000 s after 1970 is 2023-11-14 22:13:20 UTC."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render(example_plans[SMALL], ReportFormat.docx)
    assert _dates(first) == (datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc),) * 2
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {m.date_time for m in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert render(example_plans[SMALL], ReportFormat.docx) == first


def test_a_source_date_epoch_that_is_not_a_time_is_a_usage_error(example_plans, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError) as info:
        render(example_plans[SMALL], ReportFormat.docx)
    assert str(info.value).startswith("SOURCE_DATE_EPOCH='yesterday': not a time")


def test_the_map_pictures_are_in_the_word_report(example_plans):
    """The cluster map and its bubble chart as PNG pictures, each with its text alternative as the picture's
    description and its caption under it; no longer only the text alternative."""
    from PIL import Image

    from toolbox.render.report.evidence import data_evidence

    plan = example_plans["cumbria_ships_from_map"]
    evidence = data_evidence(plan)
    document = docx.Document(io.BytesIO(render(plan, ReportFormat.docx)))
    shapes = list(document.inline_shapes)[:2]
    assert [s._inline.docPr.get("descr") for s in shapes] == [p.desc for p in evidence.pictures]
    assert "Cumbria ranks 1 of 39" in shapes[0]._inline.docPr.get("descr")
    assert shapes[1]._inline.docPr.get("descr").startswith("Cumbria (UKD1) is outlined: location quotient 26.72")
    for shape, picture in zip(shapes, evidence.pictures):
        blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        image = Image.open(io.BytesIO(blob))
        assert image.size == (2 * picture.chart.width, 2 * picture.chart.height)  # raster.OUTPUT_SCALE
        assert non_white_share(blob) > 0.05
        assert shape.height.cm <= 15.01  # fits a page with its caption
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure")]
    assert captions[:2] == [f"Figure {n}. {p.caption}" for n, p in enumerate(evidence.pictures, 1)]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "drawn in the HTML and PDF reports" not in body
