"""The report's sections on CLUSNET's interaction level: the programmes × seven gaps matrix and the
cluster organisation. Arranged from the plan's results in the words of render/gaps_text.py, for
every report format (HTML and PDF, Markdown, Word)."""

from __future__ import annotations

from dataclasses import dataclass

from toolbox.render import gaps_text as t
from toolbox.render.common import money

SECTION_GAPS = ("gaps", "Programmes and the seven gaps")
SECTION_ORGANISATION = ("organisation", "The cluster organisation")


@dataclass(frozen=True)
class InteractionView:
    head: list[str]
    rows: list[list[str]]
    """Programme name, then a tick or '' under each gap."""
    status: list[str]
    """Per gap: empty slot, bridged, ..."""
    empty: list[bool]
    facts: list[list[str]]
    """Programme, owner, Benner instrument, delivery, traffic."""
    lines: list[str]
    strategy_rows: list[list[str]]
    source: str


@dataclass(frozen=True)
class DiagnosisView:
    title: str
    text: str
    quotes: list[tuple[str, str]]
    """(quote, citation)."""
    links: str


@dataclass(frozen=True)
class OrganisationView:
    head: str
    sources: list[list[str]]
    indicators: list[tuple[str, str, str]]
    diagnoses: list[DiagnosisView]
    not_assessed: list[str]


def gaps_view(r) -> InteractionView:
    head, rows = t.matrix(r)
    return InteractionView(
        head=head, rows=rows, status=[t.STATUS_TEXT[g.status] for g in r.gaps],
        empty=[g.status == "empty" for g in r.gaps],
        facts=[[p.name, *t.programme_facts(p)] for p in r.programmes], lines=t.gap_lines(r),
        strategy_rows=t.strategy_rows(r), source=t.GAPS_SOURCE)


def organisation_view(r) -> OrganisationView:
    return OrganisationView(
        head=t.organisation_head(r) + ".",
        sources=[[s.name, t.TYPE_TEXT[s.type], s.sphere, money(s.amount, r.currency), t.pct(s.share)]
                 for s in r.sources],
        indicators=t.indicator_rows(r),
        diagnoses=[DiagnosisView(t.DIAGNOSIS_TITLE[d.code], t.diagnosis_text(d, r.currency),
                                 [(p.quote, t.citation(p)) for p in d.passages], t.links_text(d))
                   for d in r.diagnoses],
        not_assessed=[f"{t.DIAGNOSIS_TITLE[c]} (needs {f})" for c, f in r.not_assessed])


def sections_for(sections: tuple, gaps: bool, organisation: bool) -> tuple:
    """The report's sections with those the plan has inserted before the method section."""
    extra = ([SECTION_GAPS] if gaps else []) + ([SECTION_ORGANISATION] if organisation else [])
    keys = [k for k, _ in sections]
    at = keys.index("method") if "method" in keys else len(keys)
    return (*sections[:at], *extra, *sections[at:])


def attach(view, plan) -> None:
    """Add the sections the plan has."""
    if plan.gaps is not None:
        view.gaps = gaps_view(plan.gaps)
    if plan.organisation is not None:
        view.organisation = organisation_view(plan.organisation)
    view.sections = sections_for(view.sections, plan.gaps is not None, plan.organisation is not None)


def write_docx(w, v, section) -> None:
    """The two sections in a Word document (`w`: the document writer of report/docx.py)."""
    if v.gaps is not None:
        i = v.gaps
        section("gaps")
        w.para("Which programmes bridge which gap of innovation, as CLUSNET's Table 4 draws it: institutional "
               "thickness or empty slots?")
        if i.rows:
            n = len(i.head) - 1
            w.table(i.head, i.rows + [["Status", *i.status]], widths=[4.4] + [13.0 / n] * n, size=7.5,
                    caption="Programmes × the seven gaps")
            w.table(["Programme", "Owner", "Benner instrument", "Delivery", "Traffic"], i.facts,
                    widths=[3.8, 3.6, 3.8, 2.4, 3.8], size=8, caption="The programmes")
        for line in i.lines:
            w.bullet(line)
        if i.strategy_rows:
            n = len(i.head) - 1
            w.table(["Instrument", *i.head[1:]], i.strategy_rows, widths=[4.4] + [13.0 / n] * n, size=7.5,
                    caption="The strategy's own gap coverage")
        w.para(f"Source: {i.source}.", size=8)
    if v.organisation is not None:
        o = v.organisation
        section("organisation")
        w.para(o.head)
        if o.sources:
            w.table(["Source", "Type", "Sphere", "Amount", "Share"], o.sources, widths=[5.4, 3.4, 2.4, 3.6, 2.6],
                    size=8.5, caption="Funding sources, latest year")
        w.table(["Indicator", "Value", "Meaning"], [list(row) for row in o.indicators], widths=[3.6, 5.0, 8.8],
                size=8, caption="Indicators")
        w.heading("Diagnoses", 2)
        for d in o.diagnoses:
            w.para(d.text, bold_lead=f"{d.title}. ")
            for quote, where in d.quotes:
                w.para(f"\u201c{quote}\u201d ({where})", size=8.5)
            w.para(f"Benner's toolbox: {d.links}.", size=8.5)
        if not o.diagnoses:
            w.para("No diagnosis: none of the texts' warning signs is present in the figures given.")
        for line in o.not_assessed:
            w.bullet(f"Not assessed: {line}.")
