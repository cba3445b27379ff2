"""Wording of the interaction-level sections, shared by every format: CLUSNET's programmes × gaps matrix
(engine/gaps.py) and the cluster organisation's indicators and diagnoses (engine/organisation.py).

Sentences are worded here from codes and numbers. Names from the profile are returned as they are: each
renderer escapes them for its format."""

from __future__ import annotations

from toolbox.engine.result import Diagnosis, GapCoverage, GapsResult, OrganisationResult
from toolbox.render.common import money

TICK = "✓"
GAP_SHORT = {"research": "Research", "education": "Education", "capital": "Capital", "policy": "Policy",
             "firm_to_firm": "Firm-to-firm", "cluster_to_cluster": "Cluster-to-cluster",
             "global_market": "Global market"}
"""Column heads of CLUSNET's Table 4 (gaps 1-7); a gap from a user's overlay keeps its id."""
STATUS_TEXT = {"empty": "empty slot", "no_traffic": "bridged, but no traffic on it",
               "unreported": "bridged; traffic not reported", "bridged": "bridged, with traffic"}
TRAFFIC_TEXT = {"active": "traffic", "none": "no traffic", "unreported": "not reported"}
DELIVERY_TEXT = {"project": "project", "platform_service": "platform service", None: "–", "unknown": "not given"}
WHERE_TEXT = {"deferred": "deferred", "discarded": "discarded", "in_place": "in place", "not_scored": "not scored"}
GAPS_SOURCE = ("CLUSNET final report (Lindqvist & Sölvell), Table 4 'Two hypothetical cities with different "
               "bridge building programmes' and chapter 3, the seven gaps of innovation")
DOCUMENTS = {"clusnet": "CLUSNET final report (Lindqvist & Sölvell)",
             "gunther_meissner": "Günther & Meissner, Clusters as Innovative Melting Pots?"}


def short(gap: str) -> str:
    return GAP_SHORT.get(gap, gap)


def matrix(result: GapsResult) -> tuple[list[str], list[list[str]]]:
    """Table 4 as head and rows: programme, then a tick under each gap it bridges."""
    head = ["Programme"] + [short(g.gap) for g in result.gaps]
    rows = [[p.name] + [TICK if g.gap in p.gaps else "" for g in result.gaps] for p in result.programmes]
    return head, rows


def programme_facts(p) -> list[str]:
    """Owner, instrument, delivery, budget and traffic of a programme, as short cells (names unescaped)."""
    traffic = ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in p.traffic if n is not None)
    return [p.owner or "–", p.instrument or "–", DELIVERY_TEXT.get(p.delivery, p.delivery),
            TRAFFIC_TEXT[p.traffic_status] + (f" ({traffic})" if traffic else "")]


def empty(result: GapsResult) -> list[GapCoverage]:
    return [g for g in result.gaps if g.status == "empty"]


def summary_line(result: GapsResult) -> str:
    """One line for the plan's summary (at most 100 characters)."""
    slots = empty(result)
    quiet = [g for g in result.gaps if g.status == "no_traffic"]
    text = f"Gaps of innovation: {len(result.gaps) - len(slots)} of {len(result.gaps)} bridged"
    if slots:
        text += f", {len(slots)} empty"
        if result.verdict_code == "strategy":
            text += f" ({sum(1 for g in slots if g.strategy)} filled by the strategy)"
    if quiet:
        text += f", {len(quiet)} without traffic"
    return text + "; `toolbox gaps PROFILE`."


def gap_lines(result: GapsResult) -> list[str]:
    """The findings, one sentence each: empty slots and what fills them, bridges without traffic, the
    strategy's own coverage."""
    out = []
    slots = empty(result)
    if not result.programmes:
        out.append("The profile lists no programmes and no instrument in place: every gap is an empty slot.")
    if slots:
        out.append(f"Empty slots ({len(slots)} of {len(result.gaps)} gaps): "
                   + ", ".join(g.name for g in slots) + ".")
    else:
        out.append(f"No empty slot: every one of the {len(result.gaps)} gaps is bridged by at least one programme "
                   "(CLUSNET's 'institutional thickness').")
    for g in slots:
        if result.verdict_code != "strategy":
            break
        if g.strategy:
            out.append(f"{g.name}: filled by the recommended {', '.join(g.strategy)}.")
        elif g.others:
            out.append(f"{g.name}: no recommended instrument bridges it; instruments that would: "
                       + ", ".join(f"{i} ({WHERE_TEXT[w]})" for i, w in g.others[:5])
                       + (f" and {len(g.others) - 5} more" if len(g.others) > 5 else "") + ".")
        else:
            out.append(f"{g.name}: no instrument of the knowledge base bridges it.")
    for g in result.gaps:
        if g.status == "no_traffic":
            out.append(f"{g.name}: bridged only by programmes with no traffic ({', '.join(g.programmes)}); "
                       "'a bridge without traffic is of no use' (CLUSNET, A final word).")
    unreported = [g for g in result.gaps if g.status == "unreported"]
    if unreported:
        out.append("Traffic not reported on: " + ", ".join(short(g.gap) for g in unreported)
                   + " (give participants, events or joint projects under the programmes' traffic).")
    if result.verdict_code == "strategy":
        covered = [g for g in result.gaps if g.strategy]
        out.append(f"The strategy's own coverage: its {len(result.strategy)} instrument(s) bridge "
                   f"{len(covered)} of {len(result.gaps)} gaps"
                   + (f" ({', '.join(short(g.gap) for g in covered)})" if covered else "") + ".")
        after = [g for g in slots if not g.strategy]
        if slots:
            out.append(f"Left empty after the strategy: {', '.join(short(g.gap) for g in after)}." if after
                       else "After the strategy no gap is left empty.")
    if result.budget_by_delivery:
        out.append("Programme budgets by delivery: " + "; ".join(
            f"{DELIVERY_TEXT.get(k, k)} {money(v, result.currency)}" for k, v in result.budget_by_delivery) + ".")
    if result.empty_gap_weight > 0:
        out.append(f"The portfolio weighed each empty gap at {result.empty_gap_weight:g} (the empty_gap weight).")
    return out


def strategy_rows(result: GapsResult) -> list[list[str]]:
    """The strategy's own gap coverage: instrument, then a tick under each gap it bridges."""
    return [[i] + [TICK if g.gap in gaps else "" for g in result.gaps] for i, _, gaps in result.strategy]


# --- the cluster organisation ---

MODEL_TEXT = {"membership": "membership model", "partnership": "partnership model", "hybrid": "hybrid model"}
TYPE_TEXT = {"public_supranational": "public, supranational", "public_national": "public, national",
             "public_regional": "public, regional", "public_local": "public, local",
             "membership_fees": "membership fees", "service_fees": "service fees", "project_funds": "project funds"}
DIAGNOSIS_TITLE = {
    "single_source_dependence": "Dependence on one funding source",
    "membership_public_sensitivity": "A membership organisation sensitive to losing public funding",
    "not_neutral": "Not a neutral position for bridge building",
    "smes_without_management": "A cluster of SMEs without professional cluster management",
}


def pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


def _spheres(shares) -> str:
    return " (" + ", ".join(f"{s} {pct(v)}" for s, v in shares) + ")" if shares else ""


def indicator_rows(r: OrganisationResult) -> list[tuple[str, str, str]]:
    """(indicator, value, what it means and where it comes from)."""
    rows = [
        ("own funding", money(r.own_funding, r.currency),
         "The sum of the organisation's own funding sources (latest year): CLUSNET's 'cluster organisation "
         "funding' ('investment'), which covers the platform and seed money for projects."),
        ("largest_source_share", pct(r.largest_source_share)
         + (f" ({r.sources[0].name})" if r.sources else ""),
         "The largest source's share of total funding; 'the higher this share is, the more dependant on its main "
         "funding source is the organisation' (CLUSNET, Funding logics)."),
        ("leverage_ratio", "–" if r.leverage_ratio is None else f"{r.leverage_ratio:.2f}",
         "External project funding attracted ÷ own funding: CLUSNET's 'return' on the 'investment', a key "
         "indicator of the partnership model." + ("" if r.external_project_funding is not None
                                                  else " Give external_project_funding to compute it.")),
        ("public share", pct(r.public_share)
         + (" (" + ", ".join(f"{y}: {pct(s)}" for y, s in r.public_trend) + f"; {r.trend})" if r.trend else ""),
         "Public money's share of the funding, and its trend over the years given; organisations normally 'shift "
         "gradually from public to private financing' (CLUSNET, Funding logics)."),
        ("neutrality of funding", ("–" if r.funding_neutrality is None else f"{r.funding_neutrality:.2f}")
         + _spheres(r.funding_by_sphere),
         "1 at equal thirds of public, academic and business money, 0 when one sphere pays all; 'mixed financing, "
         "board representation and so on build legitimacy as a neutral actor' (CLUSNET, Targeted Cluster Policy)."),
        ("neutrality of the board", ("–" if r.board_neutrality is None else f"{r.board_neutrality:.2f}")
         + _spheres(r.board_by_sphere), "The same measure over board seats."),
        ("project–platform mix", ", ".join(f"{k} {pct(v)}" for k, v in r.activity) if r.activity else "–",
         "CLUSNET's two ways of working: projects (limited time, a subset of participants) and platform services "
         "(on-going, open to all)."),
        ("staff", "–" if r.staff is None else f"{r.staff:g} FTE", "Full-time equivalents."),
        ("SME share", pct(r.sme_share), "Small and medium firms' share of the cluster's firms."),
    ]
    return rows


def diagnosis_text(d: Diagnosis, currency: str = "") -> str:
    """The finding in the tool's words, from its code and numbers; the rule is the tool's editorial one."""
    n = d.number
    if d.code == "single_source_dependence":
        return (f"{n('source')} pays {pct(n('share'))} of the organisation's funding: losing it would cut the "
                f"budget by that much. Rule (editorial): a single source of {pct(n('threshold'))} or more.")
    if d.code == "membership_public_sensitivity":
        text = f"A membership organisation with {pct(n('public_share'))} public funding"
        if n("trend") == "falling":
            text += f", falling from {pct(n('first_share'))} in {n('first_year'):.0f}"
        return (text + ": its projects depend on money that is normally ramped down. Rule (editorial): "
                f"membership model with a public share of {pct(n('threshold'))} or more, or a falling one.")
    if d.code == "not_neutral":
        held = [f"{pct(v)} of the {'funding' if k.startswith('funding') else 'board seats'}"
                for k, v in d.data if k.endswith("_share")]
        return (f"The {n('sphere')} sphere holds {' and '.join(held)}: the organisation is seen as "
                f"{n('sphere')}-run and will find it hard to engage the other spheres. Rule (editorial): one "
                f"sphere with {pct(n('threshold'))} or more of the funding or of the board seats.")
    if d.code == "smes_without_management":
        return (f"Small and medium firms are {pct(n('sme_share'))} of the cluster's firms, and the organisation "
                f"has {n('staff'):g} FTE staff: no professional cluster management. Rule (editorial): SMEs more "
                f"than {pct(n('sme_threshold'))} and under {n('staff_threshold'):g} FTE.")
    return d.code


def links_text(d: Diagnosis) -> str:
    parts = []
    if d.agents:
        parts.append("agents: " + ", ".join(d.agents))
    if d.instruments:
        parts.append("instruments: " + ", ".join(d.instruments))
    return "; ".join(parts) if parts else "no Benner agent or instrument applies"


def citation(p) -> str:
    return f"{DOCUMENTS.get(p.document, p.document)}, {p.section}"


def organisation_head(r: OrganisationResult) -> str:
    return (f"{r.name or 'The cluster organisation'}: {MODEL_TEXT[r.model]}, own funding "
            f"{money(r.own_funding, r.currency)} a year from {len(r.sources)} source(s)")


def summary_line_organisation(r: OrganisationResult) -> str:
    n = len(r.diagnoses)
    return (f"Cluster organisation: {n} diagnosis(es)" if n else "Cluster organisation: no diagnosis") + \
        "; `toolbox organisation PROFILE`."
