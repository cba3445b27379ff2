"""`toolbox gaps` and `toolbox organisation` in every format, and their sections of a plan (terminal
--detail, Markdown, JSON). Wording: render/gaps_text.py."""

from __future__ import annotations

from toolbox.engine.result import GapsResult, OrganisationResult
from toolbox.render import gaps_text as t
from toolbox.render.common import money, plain
from toolbox.safe_text import markdown as esc
from toolbox.safe_text import visible


def _num(v):
    return None if v is None else plain(v)


# --- JSON ---

def gaps_dict(r: GapsResult) -> dict:
    return {
        "gaps": [{"id": g.gap, "name": g.name, "status": g.status, "programmes": list(g.programmes),
                  "strategy": list(g.strategy), "others": [{"id": i, "where": w} for i, w in g.others]}
                 for g in r.gaps],
        "programmes": [{"name": p.name, "owner": p.owner, "instrument": p.instrument, "gaps": list(p.gaps),
                        "gaps_source": p.gaps_source, "delivery": p.delivery, "budget": _num(p.budget),
                        "traffic": {k: n for k, n in p.traffic}, "traffic_status": p.traffic_status,
                        "shorthand": p.shorthand} for p in r.programmes],
        "empty": [g.gap for g in r.gaps if g.status == "empty"],
        "no_traffic": [g.gap for g in r.gaps if g.status == "no_traffic"],
        "strategy": [{"id": i, "name": n, "gaps": list(g)} for i, n, g in r.strategy],
        "budget_by_delivery": {k: plain(v) for k, v in r.budget_by_delivery},
        "empty_gap_weight": plain(r.empty_gap_weight),
        "source": t.GAPS_SOURCE,
    }


def _passage(p) -> dict:
    return {"document": p.document, "section": p.section, "quote": p.quote}


def organisation_dict(r: OrganisationResult) -> dict:
    return {
        "name": r.name, "model": r.model,
        "sources": [{"name": s.name, "type": s.type, "sphere": s.sphere, "amount": plain(s.amount),
                     "share": plain(s.share)} for s in r.sources],
        "indicators": {
            "own_funding": plain(r.own_funding),
            "largest_source_share": _num(r.largest_source_share),
            "external_project_funding": _num(r.external_project_funding),
            "leverage_ratio": _num(r.leverage_ratio),
            "public_share": _num(r.public_share),
            "public_trend": {"years": [{"year": y, "public_share": plain(s)} for y, s in r.public_trend],
                             "direction": r.trend},
            "funding_by_sphere": {s: plain(v) for s, v in r.funding_by_sphere},
            "board_by_sphere": {s: plain(v) for s, v in r.board_by_sphere},
            "funding_neutrality": _num(r.funding_neutrality),
            "board_neutrality": _num(r.board_neutrality),
            "activity": {k: plain(v) for k, v in r.activity},
            "staff": _num(r.staff),
            "sme_share": _num(r.sme_share),
        },
        "indicator_sources": {k: _passage(p) for k, p in r.indicator_passages},
        "diagnoses": [{"code": d.code, "title": t.DIAGNOSIS_TITLE[d.code], "message": t.diagnosis_text(d, r.currency),
                       "data": {k: plain(v) if isinstance(v, float) else v for k, v in d.data},
                       "passages": [_passage(p) for p in d.passages], "agents": list(d.agents),
                       "instruments": list(d.instruments)} for d in r.diagnoses],
        "not_assessed": [{"code": c, "needs": f} for c, f in r.not_assessed],
        "currency": r.currency,
    }


def _document(kind: str, r, body: dict) -> str:
    from toolbox.render import json_text

    return json_text.document({"region": r.region, "cluster": r.cluster, kind: body})


def gaps_json(r: GapsResult, options) -> str:
    return _document("gaps", r, gaps_dict(r))


def organisation_json(r: OrganisationResult, options) -> str:
    return _document("organisation", r, organisation_dict(r))


# --- Markdown ---

def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(rows_cell for rows_cell in row) + " |" for row in rows]
    return out


def gaps_markdown_lines(r: GapsResult, level: str = "##") -> list[str]:
    head, rows = t.matrix(r)
    out = [f"{level} Programmes and the seven gaps of innovation", "",
           "Which programmes bridge which gap, as CLUSNET's Table 4 draws it: institutional thickness or empty slots?",
           ""]
    if rows:
        out += _md_table(head, [[esc(row[0])] + row[1:] for row in rows]) + [""]
        out += _md_table(["Programme", "Owner", "Benner instrument", "Delivery", "Traffic"],
                         [[esc(p.name)] + [esc(c) for c in t.programme_facts(p)] for p in r.programmes]) + [""]
    out += [f"- {esc(line)}" for line in t.gap_lines(r)] + [""]
    if r.strategy:
        out += ["The strategy's own gap coverage:", ""]
        out += _md_table(["Instrument"] + head[1:], t.strategy_rows(r)) + [""]
    out += [f"Source: {t.GAPS_SOURCE}.", ""]
    return out


def organisation_markdown_lines(r: OrganisationResult, level: str = "##") -> list[str]:
    out = [f"{level} The cluster organisation", "", esc(t.organisation_head(r)) + ".", ""]
    if r.sources:
        out += _md_table(["Source", "Type", "Sphere", "Amount", "Share"],
                         [[esc(s.name), t.TYPE_TEXT[s.type], s.sphere, money(s.amount, r.currency), t.pct(s.share)]
                          for s in r.sources]) + [""]
    out += _md_table(["Indicator", "Value", "Meaning"],
                     [[name, esc(value), esc(meaning)] for name, value, meaning in t.indicator_rows(r)]) + [""]
    if r.diagnoses:
        out += [f"{level}# Diagnoses", ""]
        for d in r.diagnoses:
            out += [f"**{t.DIAGNOSIS_TITLE[d.code]}.** {esc(t.diagnosis_text(d, r.currency))}", ""]
            out += [f"> “{esc(p.quote)}” ({esc(t.citation(p))})" for p in d.passages] + [""]
            out += [f"Benner's toolbox: {t.links_text(d)}.", ""]
    else:
        out += ["No diagnosis: none of the texts' warning signs is present in the figures given.", ""]
    for code, field in r.not_assessed:
        out.append(f"- Not assessed: {t.DIAGNOSIS_TITLE[code].lower()} (needs {field}).")
    if r.not_assessed:
        out.append("")
    return out


def gaps_markdown(r: GapsResult, options) -> str:
    title = f"# Interaction level: {esc(r.cluster['name'])} in {esc(r.region['name'])}"
    return "\n".join([title, ""] + gaps_markdown_lines(r)).rstrip() + "\n"


def organisation_markdown(r: OrganisationResult, options) -> str:
    title = f"# Cluster organisation: {esc(r.cluster['name'])} in {esc(r.region['name'])}"
    return "\n".join([title, ""] + organisation_markdown_lines(r)).rstrip() + "\n"


# --- terminal ---

def gaps_renderables(r: GapsResult) -> list:
    from rich.table import Table
    from rich.text import Text

    from toolbox.render.console import safe

    head, rows = t.matrix(r)
    parts = [Text("Programmes × the seven gaps of innovation (CLUSNET, Table 4)", style="bold")]
    if rows:
        table = Table(show_edge=False, pad_edge=False, box=None)
        for h in head:
            table.add_column(h, justify="left" if h == "Programme" else "center", overflow="fold")
        for row in rows:
            table.add_row(safe(row[0]), *row[1:])
        table.add_row("", *[Text(t.STATUS_TEXT[g.status].split(",")[0].split(";")[0], style=_style(g.status))
                            for g in r.gaps])
        parts.append(table)
    parts += [safe("• " + line) for line in t.gap_lines(r)]
    return parts


def _style(status: str) -> str:
    return {"empty": "bold red", "no_traffic": "yellow", "unreported": "dim", "bridged": "green"}[status]


def organisation_renderables(r: OrganisationResult) -> list:
    from rich.table import Table
    from rich.text import Text

    from toolbox.render.console import safe

    parts = [Text("The cluster organisation", style="bold"), safe(t.organisation_head(r) + ".")]
    table = Table(show_edge=False, pad_edge=False, box=None)
    table.add_column("Indicator")
    table.add_column("Value", overflow="fold")
    for name, value, _ in t.indicator_rows(r):
        table.add_row(name, safe(value))
    parts.append(table)
    for d in r.diagnoses:
        parts.append(Text("! " + t.DIAGNOSIS_TITLE[d.code], style="bold yellow"))
        parts.append(safe("  " + t.diagnosis_text(d, r.currency)))
        for p in d.passages:
            parts.append(safe(f"  “{p.quote}” ({t.citation(p)})", style="dim"))
        parts.append(Text("  Benner's toolbox: " + t.links_text(d), style="cyan"))
    if not r.diagnoses:
        parts.append(Text("No diagnosis: none of the texts' warning signs is present in the figures given.",
                          style="green"))
    for code, field in r.not_assessed:
        parts.append(Text(f"Not assessed: {t.DIAGNOSIS_TITLE[code].lower()} (needs {field}).", style="dim"))
    return parts


def _terminal(parts, options) -> str:
    from toolbox.render.console import to_text

    return to_text(*parts, color=options.color, width=options.width)


def gaps_terminal(r: GapsResult, options) -> str:
    from toolbox.render.console import safe

    head = safe(f"{r.cluster['name']} in {r.region['name']}", style="bold")
    return _terminal([head, *gaps_renderables(r)], options)


def organisation_terminal(r: OrganisationResult, options) -> str:
    return _terminal(organisation_renderables(r), options)


__all__ = ["gaps_dict", "organisation_dict", "visible"]
