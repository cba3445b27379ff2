"""The report as a Word document (python-docx): the same sections, tables and charts as the HTML.

Charts are PNG pictures painted from the same primitives as the SVG (`raster.py`), each with the
chart's text alternative as the picture's description. Text goes through python-docx's API, which
writes it as text: nothing from the profile is ever read as markup.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime, timezone

from toolbox.errors import UsageError
from toolbox.render.report.docx_implementation import write_implementation
from toolbox.render.report.gaps_view import write_docx as write_gaps

from toolbox.safe_text import visible

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HEADER_FILL = "E9EEF3"
KEEP_WHOLE = 8
"""Tables of at most this many rows are kept on one page."""
FONT = "Arial"


def _clean(text: str) -> str:
    """Text as Word can hold it and as the reader should see it: control characters, line breaks and
    bidirectional controls written as visible escapes (as on the terminal), anything else XML 1.0
    forbids dropped."""
    return _NOT_XML.sub("", visible(text))


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _set_widths(table, widths) -> None:
    """Fixed column widths that Word and LibreOffice both honour: the grid, every cell, and a fixed layout."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    props = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    props.append(layout)


def _row_flag(row, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _keep_with_next(row) -> None:
    """The row stays on the page of the row after it (Word and LibreOffice both read keep-with-next here)."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _one_font(doc, font: str) -> None:
    """Every style in `font`: python-docx's template gives headings the theme's heading font (Calibri Light),
    and a theme font in a style outranks a named one, so the theme attributes go."""
    from docx.oxml.ns import qn

    theme = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    holders = [s.element for s in doc.styles] + ([defaults] if defaults is not None else [])
    for holder in holders:
        for fonts in holder.iter(qn("w:rFonts")):
            for name in theme:
                fonts.attrib.pop(name, None)
            for name in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(qn(f"w:{name}"), font)


def _page_numbers(section, font_size) -> None:
    """'Page N of M' in the footer, as Word fields that every reader updates."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def text(value):
        paragraph.add_run(value).font.size = font_size

    def field(instruction, shown):
        for kind in ("begin", None, "separate", "shown", "end"):
            run = paragraph.add_run()
            run.font.size = font_size
            if kind is None:
                code = OxmlElement("w:instrText")
                code.set(qn("xml:space"), "preserve")
                code.text = f" {instruction} "
                run._r.append(code)
            elif kind == "shown":
                run.text = shown
            else:
                mark = OxmlElement("w:fldChar")
                mark.set(qn("w:fldCharType"), kind)
                run._r.append(mark)

    text("Page ")
    field("PAGE", "1")
    text(" of ")
    field("NUMPAGES", "1")


def _drop_thumbnail(doc) -> None:
    """python-docx's template carries a blank preview picture: without its relationship it is not saved."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rid]


def _repeat_header(row) -> None:
    _row_flag(row, "tblHeader")


class _Writer:
    def __init__(self, view, step):
        from docx import Document
        from docx.shared import Cm, Pt

        self.view = view
        self.step = step
        self.Pt, self.Cm = Pt, Cm
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.8)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10)
        _one_font(self.doc, FONT)
        _page_numbers(section, Pt(8))
        _drop_thumbnail(self.doc)
        props = self.doc.core_properties
        props.title = _clean(view.title)[:255]
        props.subject = "Cluster strategy report"
        props.author = props.last_modified_by = "toolbox"
        props.comments = f"Cluster strategy report for {_clean(view.region['name'])[:200]}"  # not the template's
        props.keywords = f"knowledge base {view.kb_version}"
        props.created = props.modified = self.made = made_at()  # not the template's own date
        self.figures = 0
        self.styles = {}

    # -- building blocks -------------------------------------------------------------------------
    def style(self, name: str):
        """The style object: python-docx looks a name up through every style on each use."""
        if name not in self.styles:
            self.styles[name] = self.doc.styles[name]
        return self.styles[name]

    def heading(self, text: str, level: int):
        return self.doc.add_heading(_clean(text), level=level)

    def overlay(self, v) -> None:
        """The overlay knowledge base the plan was made with, and each record it changed."""
        if not v.kb_overlay:
            return
        self.heading("Knowledge-base overlay", 2)
        self.para(v.kb_overlay[0][0].upper() + v.kb_overlay[0][1:] + ".")
        for line in v.kb_overlay[1:]:
            self.bullet(line)

    def para(self, text: str = "", bold_lead: str | None = None, style: str | None = None, size: float | None = None):
        p = self.doc.add_paragraph(style=self.style(style) if style else None)
        if bold_lead:
            p.add_run(_clean(bold_lead)).bold = True
        run = p.add_run(_clean(text))
        if size:
            run.font.size = self.Pt(size)
        return p

    def bullet(self, text: str, bold_lead: str | None = None, numbered: bool = False):
        return self.para(text, bold_lead, style="List Number" if numbered else "List Bullet")

    def more(self, key: str) -> None:
        """The line under a list cut to its first rows, when it was."""
        if self.view.more(key):
            self.para(self.view.more(key), size=8.5)

    def table(self, header: list[str] | None, rows: list[list[str]], widths: list[float] | None = None, size: float = 8.5,
              bold_first: bool = True, caption: str | None = None, more: str = ""):
        if caption:
            cap = self.para(caption, style="Caption")
            cap.paragraph_format.keep_with_next = True
        columns = len(header) if header else len(rows[0])
        table = self.doc.add_table(rows=1 if header else 0, cols=columns)
        table.style = self.style("Table Grid")
        if header:
            for cell, text in zip(table.rows[0].cells, header):
                run = cell.paragraphs[0].add_run(_clean(text))
                run.bold = True
                run.font.size = self.Pt(size)
                _shade(cell, HEADER_FILL)
            _repeat_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for n, (cell, text) in enumerate(zip(cells, values)):
                run = cell.paragraphs[0].add_run(_clean(text))
                run.font.size = self.Pt(size)
                run.bold = bold_first and n == 0
        for row in table.rows:
            _row_flag(row, "cantSplit")
        # no page holds a lone row: a short table stays whole, a long one keeps its last two rows together.
        # (LibreOffice reads keep-with-next in a row as the whole table's, so long tables get it on one row only.)
        if len(table.rows) <= KEEP_WHOLE:
            for row in table.rows[:-1]:
                _keep_with_next(row)
        else:
            _keep_with_next(table.rows[-2])
        if widths:
            _set_widths(table, [self.Cm(w) for w in widths])
        if more:
            self.para(more, size=8.5)
        self.doc.add_paragraph()
        return table

    def strategy_table(self, rows) -> None:
        """Each instrument on a row, and who contributes what on a full-width row under it, kept together."""
        size = 8
        cap = self.para("The recommended instruments in detail", style="Caption")
        cap.paragraph_format.keep_with_next = True
        header = ["Rank", "Instrument", "Score", "Benefit by mechanism", "Total cost so far", "Policy field"]
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.style("Table Grid")
        for cell, text in zip(table.rows[0].cells, header):
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = self.Pt(size)
            _shade(cell, HEADER_FILL)
        _repeat_header(table.rows[0])
        _keep_with_next(table.rows[0])
        merged = []
        for r in rows:
            values = [str(r.rank), f"{r.name} ({r.id})" + (f"; {r.design}" if r.design else ""), r.score_text,
                      ", ".join(f"{m.replace('_', ' ')} {value:.3f}" for m, value in r.terms), r.cumulative,
                      r.policy_field + (" (other field)" if r.needs_other_field else "")]
            main = table.add_row()
            for n, (cell, text) in enumerate(zip(main.cells, values)):
                run = cell.paragraphs[0].add_run(_clean(text))
                run.font.size = self.Pt(size)
                run.bold = n == 1
            who = table.add_row()
            cell = who.cells[0].merge(who.cells[-1])
            merged.append(cell)
            lead = cell.paragraphs[0].add_run("Who contributes what: ")
            lead.bold = True
            lead.font.size = self.Pt(size)
            text = "; ".join(f"{c.agent} ({c.types})" for c in r.contributions) or "no agent named"
            cell.paragraphs[0].add_run(_clean(text)).font.size = self.Pt(size)
            for row in (main, who):
                _row_flag(row, "cantSplit")
            _keep_with_next(main)
        widths = [self.Cm(w) for w in (1.1, 5.0, 1.3, 5.2, 2.3, 2.5)]
        _set_widths(table, widths)
        for cell in merged:
            cell.width = sum(widths, self.Cm(0))
        self.doc.add_paragraph()

    def chart(self, key: str, caption: str) -> None:
        self.picture(self.view.charts[key], caption)

    def picture(self, chart, caption: str, desc: str | None = None, width: float = 17.4) -> None:
        """`chart` painted as PNG, `width` cm wide, described by `desc` (else the chart's own text alternative)."""
        from toolbox.render.report.raster import chart_png

        self.step(f"Drawing the chart: {chart.title}")
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the text before it stays with it
        self.doc.add_picture(io.BytesIO(chart_png(chart)), width=self.Cm(width))
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the picture stays with its caption
        picture = self.doc.inline_shapes[-1]
        picture._inline.docPr.set("descr", _clean(desc or chart.desc))
        picture._inline.docPr.set("title", _clean(chart.title))
        self.figures += 1
        self.para(f"Figure {self.figures}. {caption}", style="Caption")

    def data_evidence(self) -> None:
        """The cluster map's figures and the figures behind data-derived observations (report/evidence.py)."""
        e = self.view.data_evidence
        if e is None:
            return
        self.heading("Evidence from data", 2)
        if e.figures:
            self.table(None, [[name, value] for name, value in e.figures], widths=[5, 12.4], size=9,
                       caption="The cluster map's figures, from which the profile's potential was read")
            for p in e.pictures:
                # at most 15 cm tall, as in the HTML report (report.css): the tall cartogram and its caption fit
                # on a page
                self.picture(p.chart, p.caption, p.desc, width=min(17.4, 15 * p.chart.width / p.chart.height))
            if not e.pictures and e.map_note:
                self.para(e.map_note, size=9)
        if e.rows:
            self.para(f"{e.sources_line} A degree marked \u201cfrom data\u201d is the grade the figures give by the "
                      "tool's rule; the others are the officer's judgement. An indicator is the region's figure, not "
                      "the cluster's.")
            self.table(["Mechanism", "Observed", "Source", "Figures (dataset, year, grade)"],
                       [[r.label, r.observed, r.source + ("" if r.source == "from data" else
                                                          f" (the figures give {r.data_grade})"),
                         "\n".join(r.figures)] for r in e.rows],
                       widths=[3.2, 1.8, 2.2, 10.2], size=8, caption="Observations that rest on measured figures")
        self.para("Data: " + " | ".join(e.licences), size=8.5)

    # -- sections --------------------------------------------------------------------------------
    def robustness(self, section) -> None:
        """The strategy under many draws of its editorial inputs: chart, table, core, what moves it."""
        r = self.view.robustness
        section("robustness")
        if r is None:
            self.para("The procedure stopped before any instrument was scored, so there are no inputs to draw.")
            return
        self.para(r.intro)
        if "robustness" in self.view.charts:
            self.chart("robustness", "Share of the draws in which each instrument is in the strategy; green: the "
                                     "robust core; the dashed line marks the threshold.")
        self.table(["Instrument", "Plan rank", "In the strategy", "Likeliest ranks"],
                   [[row.name, row.rank, row.inclusion_text + (" (core)" if row.core else ""), row.ranks]
                    for row in r.rows], widths=[6.6, 1.8, 2.8, 6.2], size=8, bold_first=False)
        if r.left_out:
            self.para(f"{r.left_out} more instrument(s) are in the strategy in some draws; toolbox plan "
                      "--robustness --format json lists every one.")
        self.para(r.core, bold_lead="Robust core: ")
        self.para(r.fragile, bold_lead="Fragile picks: ")
        if r.sensitivity:
            self.heading("What moves the strategy most", 2)
            for text in r.sensitivity:
                self.bullet(text)
        self.para(r.note, size=8)

    def write(self) -> bytes:
        from toolbox.render.report.roadmap import write_docx as write_roadmap

        v = self.view
        title = self.doc.add_heading(v.cluster["name"], level=0)
        title.paragraph_format.space_after = self.Pt(2)
        self.para(f"in {v.region['name']}", size=16)
        meta = [f"{v.region['level']} level"] + ([v.region["country"]] if v.region.get("country") else [])
        meta += [f"cluster potential: {v.cluster['potential']}", f"knowledge base {v.kb_version}"]
        self.para(" \u00b7 ".join(meta), size=9)
        titles = dict(v.sections)
        number = {key: n for n, (key, _) in enumerate(v.sections, start=1)}

        def section(key):
            # LibreOffice does not keep a heading with a chart that no longer fits below it: the sections that
            # open with a chart start a page
            if key in ("diagnosis", "roadmap") or (v.strategy and key in ("strategy", "network")):
                self.doc.add_page_break()
            self.heading(f"{number[key]}. {titles[key]}", 1)

        section("summary")
        self.para(v.verdict_message, bold_lead=f"{v.verdict_title} ({v.verdict_code}). ")
        for c in v.cautions:
            self.para(c, bold_lead="Check the profile: ")
        if v.strategy:
            self.table([k for k, _ in v.kpis], [[value for _, value in v.kpis]], size=10, bold_first=False)
            header = ["Rank", "Instrument", "Mechanisms addressed", "Cost a year"] + (["Adds"] if v.marginal else [])
            widths = [1.1, 8.0, 5.6, 2.7] if not v.marginal else [1.1, 7.2, 5.0, 2.5, 1.6]
            self.table(header, [[str(r.rank), f"{r.name} ({r.id})" + (f"; {r.design}" if r.design else ""),
                                 ", ".join(m.replace("_", " ") for m in r.mechanisms),
                                 r.cost + (" (profile figure)" if r.cost_from_profile else "")]
                                + ([r.marginal] if v.marginal else []) for r in v.strategy],
                       widths=widths, size=8, bold_first=False, caption="The strategy, best first")
            self.para(v.budget_line + (f" {v.portfolio_line}" if v.portfolio_line else ""))
            if v.marginal:
                self.para("\u201cAdds\u201d: what the instrument adds to the strategy's value given those ranked "
                          "above it.", size=8.5)
        if v.unserved:
            self.heading("Deficits left unserved", 2)
            for u in v.unserved:
                acting = f"; acting on it: {', '.join(i.replace('_', ' ') for i in u.instruments)}" if u.instruments else ""
                self.bullet(f" (deficit {u.deficit}): {u.reason_text}{acting}", bold_lead=u.label)
        if v.redundant_line:
            self.para(v.redundant_line)
        self.heading("Key caveats", 2)
        self.bullet(v.caveat)
        for a in v.assumptions:
            self.bullet(a)

        section("region")
        self.table(None, [[name, value] for name, value in v.facts], widths=[5, 12.4], size=9,
                   caption="The region and cluster as described in the profile")
        if v.evidence:
            self.table(["Mechanism", "Observed", "Evidence"], [[m.label, m.observed, m.evidence] for m in v.evidence],
                       widths=[5, 2.4, 10], size=9, caption="Evidence noted in the profile, by mechanism")
        else:
            self.para("The profile gives no evidence notes for the mechanisms.")
        self.data_evidence()

        section("diagnosis")
        self.para(f"Steps 1 and 2: for each mechanism, the degree observed in the cluster against the strength it "
                  f"could attain on the {v.level} level (Benner, Table 2). A deficit is the gap between them.")
        self.chart("diagnosis", "Observed degree against attainable strength. Red: deficit; dashed amber: observed "
                                "degree unknown (to assess, not counted); grey: discarded as not possible.")
        self.table(["Mechanism", "Observed", "Attainable", "Deficit", "Status", "Need"],
                   [[f"{m.label} \u2014 {m.name}", m.observed if m.possible else "–", m.attainable, m.deficit_text,
                     m.status_text, m.need] for m in v.mechanisms],
                   widths=[7.4, 2, 2, 1.5, 2.8, 1.7], caption="Mechanism diagnosis")

        section("strategy")
        if v.strategy:
            self.para("Steps 3 and 4: the instruments that passed the three barriers and that an agent present can "
                      "carry, with what each mechanism adds to their benefit and who contributes what.")
            self.chart("scores", "Score of each recommended instrument: its benefit (the weighted deficits it "
                                 "addresses) against its cost and distortion risk.")
            self.strategy_table(v.strategy)
            self.para("Costs are the profile's figure where marked in the brief, else the instrument's indicative "
                      "cost. \u201cOther field\u201d: the instrument belongs to another field of economic policy than "
                      "cluster policy proper and needs that field's decision makers.", size=8.5)
        else:
            self.para(f"No instrument is recommended: {v.verdict_message}")

        section("agents")
        if v.strategy:
            self.para(f"Step 4: the agents counted as present and willing, and how many of the {len(v.strategy)} "
                      "recommended instruments each contributes to. What each contributes is said once, under each "
                      f"instrument in section {number['strategy']}.")
        else:
            self.para("No instrument is recommended, so no agent has a part to play.")
        # the short list of agents left out comes before the long table: a table that runs over the page
        # carries its header and last two rows with it, where a list after it could stand alone on a page
        # that the next section's page break then ends
        if v.excluded_agents:
            self.heading("Agents left out", 2)
            for _, name, reason in v.excluded_agents:
                self.bullet(f": {reason}", bold_lead=name)
            self.more("excluded_agents")
        if v.strategy:
            self.table(["Agent", "Group", "Level", "Instruments"],
                       [[a.name, a.group, a.level, str(a.share)] for a in v.agents],
                       widths=[8.4, 4.4, 2.6, 2.0], size=8.5, caption="Agents counted")

        section("network")
        if v.strategy:
            self.para(v.network_note)
            self.chart("network", "The recommended instruments and the deficient mechanisms they act on. An "
                                  "instrument that acts on several mechanisms gains from each: \u201cthis "
                                  "multicausality can be used to multiply the effects of the use of limited "
                                  "resources\u201d (Benner).")
        else:
            self.para("No instrument is recommended, so there is no network to show.")

        self.robustness(section)

        write_roadmap(self, v, section)
        section("implementation")
        write_implementation(self, v)
        section("set-aside")
        if not (v.in_place or v.deferred or v.discarded):
            self.para("No instrument was deferred, discarded or found already in place.")
        for key, name, rows in (("in_place", "Already in place", v.in_place), ("deferred", "Deferred", v.deferred),
                                ("discarded", "Discarded", v.discarded)):
            if rows:
                self.table(["Instrument", "Reason", "Detail", "Score", "Cost a year"],
                           [[f"{s.name} ({s.id})", s.reason_text, s.detail, s.score, s.cost] for s in rows],
                           widths=[5, 2.2, 6.4, 1.5, 2.3], size=8, caption=name, more=v.more(key))

        write_gaps(self, v, section)
        section("method")
        procedure = "Benner, Cluster Policy: Principles and a Toolbox: four steps and three barriers"
        self.table(None, [["Knowledge base", v.kb_version], ["Weights", v.weights_used], ["Procedure", procedure]], widths=[5, 12.4], size=9,
                   caption="Provenance")
        self.overlay(v)
        self.heading("The scoring model in words", 2)
        self.para(v.score_model)
        self.table(["Weight", "Value", "Meaning"], [list(w) for w in v.weights], widths=[3.6, 6.2, 7.6], size=8.5,
                   caption="Weights of the score model")
        self.heading("Figures the profile overrode", 2)
        for o in v.overrides:
            self.bullet(f" ({o.id}): cost {o.cost} a year, the profile's figure ({o.where})", bold_lead=o.name)
        if not v.overrides:
            self.para("None: no figure in the plan comes from the profile's costs.")
        self.para(f"{v.title}. Produced with toolbox, knowledge base {v.kb_version}. The same profile and knowledge "
                  "base give the same report.", size=8)
        self.step("Writing the Word document")
        out = io.BytesIO()
        self.doc.save(out)
        if REPRODUCIBLE in os.environ:
            return _stamped(out.getvalue(), self.made)
        return out.getvalue()


REPRODUCIBLE = "SOURCE_DATE_EPOCH"
"""The reproducible-builds convention (reproducible-builds.org/specs/source-date-epoch): when set, the
report's dates are that time, and two runs give the same bytes."""


def made_at() -> datetime:
    """When the report was made, to the second (UTC): now, or SOURCE_DATE_EPOCH when set."""
    value = os.environ.get(REPRODUCIBLE)
    if value is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"{REPRODUCIBLE}={value!r}: not a time; give whole seconds since 1970-01-01 UTC, "
                         "or unset it") from None


def _stamped(package: bytes, made: datetime) -> bytes:
    """The package with every member dated `made`: the zip's own times are otherwise the clock's."""
    when = max(made, datetime(1980, 1, 1, tzinfo=timezone.utc)).timetuple()[:6]  # a zip's first date
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            stamped = zipfile.ZipInfo(member.filename, date_time=when)
            stamped.compress_type = member.compress_type
            stamped.external_attr = member.external_attr
            target.writestr(stamped, source.read(member))
    return out.getvalue()


def render_docx(view, step=lambda text: None) -> bytes:
    return _Writer(view, step).write()
