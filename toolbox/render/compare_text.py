"""Cell texts and the wording of every reason, shared by the terminal, Markdown and JSON comparisons."""

from __future__ import annotations

from typing import NamedTuple

from toolbox.audit.compare import AgentContrast, Comparison, InstrumentCell, InstrumentRow, MechanismCell, Why
from toolbox.render.common import REASON_TEXT, money, set_aside_text, share, weights_note

MECHANISM_TEXT = {
    "attained": "attained",
    "exceeds": "above attainable",
    "unassessed": "to assess",
    "discarded": "not possible",
    "absent": "not in its knowledge base",
}


def mechanism_cell(cell: MechanismCell) -> str:
    if cell.status == "deficit":
        return f"deficit {cell.deficit}"
    return MECHANISM_TEXT.get(cell.status, cell.status)


def instrument_cell(cell: InstrumentCell) -> str:
    text = _outcome(cell)
    return text if cell.inclusion is None else f"{text} ({share(cell.inclusion)} of draws)"


def _outcome(cell: InstrumentCell) -> str:
    if cell.outcome == "strategy":
        return f"#{cell.rank}"
    if cell.outcome == "in_place":
        return "in place"
    if cell.outcome == "not_scored":
        return f"no strategy ({cell.reason})"
    if cell.outcome == "absent":
        return "not in its knowledge base"
    return f"{cell.outcome}: {REASON_TEXT.get(cell.reason or '', cell.reason)}"


def reason_text(reason: str) -> str:
    return REASON_TEXT.get(reason, reason.replace("_", " "))


def region_rows(c: Comparison) -> list[tuple[str, list[str]]]:
    """(field, one value per region) for the regions table."""
    return [
        ("Cluster", [r.cluster for r in c.regions]),
        ("Level", [r.level for r in c.regions]),
        ("Potential", [r.potential for r in c.regions]),
        ("Verdict", [r.verdict for r in c.regions]),
        ("Budget a year", [money(r.budget, r.currency) if r.budget is not None else "none set" for r in c.regions]),
        ("Strategy cost a year", [money(r.budget_used, r.currency) for r in c.regions]),
        ("Instruments recommended", [str(r.strategy) for r in c.regions]),
        ("Agents taking part", [str(r.agents) for r in c.regions]),
        *([("Robust picks (≥ 90 % of draws)", [f"{r.robust[0]} of {r.robust[1]}" if r.robust else "–"
                                               for r in c.regions])] if any(r.robust for r in c.regions) else []),
        ("Profile", [r.file for r in c.regions]),
        ("Knowledge base", [kb_text(r) for r in c.regions]),
        ("Weights", [weights_text(r) for r in c.regions]),
    ]


def kb_text(r) -> str:
    """'0.1.0+kb.… (shipped)' or '0.1.0+kb.… with overlay my_kb'."""
    return r.kb_version + (f" with overlay {', '.join(r.kb_overlay)}" if r.kb_overlay else " (shipped)")


def weights_text(r) -> str:
    return f"{r.weights_source} (sha256 {r.weights_hash})"


def overlay_lines(c: Comparison) -> list[tuple[str, list[str]]]:
    """(the columns using it, its lines) for each overlay knowledge base the columns used, once each."""
    from toolbox.render.overlay_text import overlay_lines as lines_of

    seen: dict = {}
    for r in c.regions:
        if r.overlay is not None:
            seen.setdefault(r.kb_version, (r.overlay, []))[1].append(r.label)
    return [(", ".join(columns), lines_of(overlay)) for overlay, columns in seen.values()]


def causes_text(w: Why, currency: str = "") -> str | None:
    """'the input that makes the difference: …', from the computed causes; None without them."""
    if not w.causes:
        return None
    from toolbox.render.diff_text import reason_text

    head = f"what takes it out of {w.reference}'s strategy, computed: "
    return head + " or ".join(reason_text(r, currency) for r in w.causes)


NO_STRATEGY = "No region's strategy recommends any instrument."
SAME_STRATEGY = "The strategies recommend the same instruments."


class WhyLine(NamedTuple):
    """One region's reason for lacking an instrument, worded."""

    region: str
    reason: str
    """The plan's reason for setting it aside (`reason_text`)."""
    text: str
    """What the comparison found (`why_text`)."""
    cause: str | None
    """The computed input that makes the difference (`causes_text`), if the plans recorded their inputs."""


def differences(c: Comparison) -> list[tuple[InstrumentRow, list[WhyLine]]]:
    """Each instrument that not every strategy recommends, with the reasons of each region whose strategy lacks it.
    Money in the causes is in the first region's currency, as the comparison's own reference."""
    return [(row, [WhyLine(w.region, reason_text(w.reason), why_text(w), causes_text(w, c.regions[0].currency))
                   for w in row.whys])
            for row in c.instruments if not row.shared]


def provenance_note(c: Comparison) -> str:
    """The footer: the one knowledge base and weights of every column, or a pointer to each column's."""
    if c.uniform:
        return f"Knowledge base {kb_text(c.regions[0]) if c.regions else c.kb_version}; " \
               + weights_note(c.weights_source, c.weights_hash)
    return "The columns use different knowledge bases or weights: see the rows Knowledge base and Weights"


def _state(cell: MechanismCell) -> str:
    if cell.status == "deficit":
        return f"deficit {cell.deficit} ({cell.observed}, could be {cell.attainable})"
    return {"attained": f"attained ({cell.observed})", "exceeds": f"above attainable ({cell.observed})",
            "unassessed": "observed degree unknown", "discarded": "not possible (profile)",
            "absent": "not in its knowledge base"}[cell.status]


def _some(ids, shown: int = 3) -> str:
    """'a, b, c and 4 more'."""
    head = ", ".join(ids[:shown])
    return head + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _money(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}"


def agent_detail(agent: AgentContrast, region: str) -> str:
    return agent.detail if agent.status == "excluded" else f"not present in {region}"


def why_text(w: Why) -> str:
    """Why the instrument is missing from `w.region`'s strategy, in words, from the comparison's code and numbers."""
    label, ref_label, code, d = w.region, w.reference, w.explanation.code, w.explanation.data
    if code == "not_scored":
        return f"{label} has no strategy ({d['verdict']}): {d['message']}"
    if code == "not_in_kb":
        return f"the knowledge base {label} was planned with does not have it; {ref_label}'s does"
    if code == "no_deficit":
        in_ref = [f"{c.mechanism} {_state(c.there)}" for c in w.mechanisms if c.there.status == "deficit"]
        return (f"none of the mechanisms it acts on shows a deficit in {label} ("
                + "; ".join(f"{c.mechanism}: {_state(c.here)}" for c in w.mechanisms) + f"); in {ref_label}: "
                + "; ".join(in_ref))
    if code == "not_worth_cost":
        text = (f"adds {d['score']:.3f} of value per cost weight in {label}, below the {d['threshold']:g} an "
                f"instrument must reach to be worth its cost; in {ref_label} {d['reference_score']:.3f}")
        parts = []
        if d["benefit"]:
            parts.append("value {:.3f} against {:.3f}".format(*d["benefit"]))
        if d["cost"]:
            parts.append("cost {:,.0f} against {:,.0f} a year".format(*d["cost"]))
        if w.mechanisms:
            parts.append("; ".join(f"{c.mechanism}: {_state(c.here)} against {_state(c.there)}" for c in w.mechanisms))
        if not parts:
            parts.append("the same value and cost")
        return text + " (" + "; ".join(parts) + ")"
    if code == "no_agent":
        carriers, level, others = d["carriers"], d["level"], d["others"]
        left_out = [a for a in w.agents if a.status == "excluded"]
        text = (f"no agent present and willing in {label} can contribute to it; in {ref_label} "
                f"{len(carriers)} agent type(s) carry it ({_some(carriers)})")
        if left_out:
            text += f"; left out in {label}: " + ", ".join(f"{a.agent} ({a.detail})" for a in left_out)
        text += (f"; {'the other' if left_out else 'its'} {len(others)} possible contributor(s) on the {level} level "
                 f"({_some(others)}) are not listed in {label}" if others
                 else f"; no other agent type of the {level} level contributes to it")
        return text
    if code == "budget":
        budget, ref_budget = d["budget"], d["reference_budget"]
        text = set_aside_text(d["set_aside"]) + f" in {label}"
        if d["position"]:
            text += f" (it ranks {d['position']} of {d['ranked']} by score there"
            text += f"; the budget is {_money(budget['amount'], budget['currency'])} a year)" if budget else ")"
        if d["cost"]:
            (cost, source), (ref_cost, ref_source) = d["cost"]
            text += f"; its cost is {cost:,.0f} ({source}) in {label} against {ref_cost:,.0f} ({ref_source}) in {ref_label}"
        text += (f"; in {ref_label} it fits: budget {_money(ref_budget['amount'], ref_budget['currency'])}, "
                 f"{_money(d['reference_used'], ref_budget['currency'])} used" if ref_budget
                 else f"; {ref_label} sets no budget")
        return text
    if code == "in_place":
        return f"{label} already runs it (profile: in_place); not recommended anew"
    return f"in {label}: {set_aside_text(d['set_aside'])}"
