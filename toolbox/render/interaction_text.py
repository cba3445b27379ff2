"""Words for the interaction side of a plan (engine/interaction.py): spillover channels, the short-term and
future-oriented balance, failures, approaches and the network-governance check. Worded here from the plan's
codes and numbers, so that every format says the same."""

from __future__ import annotations

from toolbox.render.common import money

MONITORING_COLUMNS = ("rank", "instrument", "instrument_name", "level", "measure", "indicator", "baseline",
                      "baseline_year", "target", "target_year", "data_source")
"""The monitoring CSV template's columns: the last five are the region's to fill in."""

LEVEL_TEXT = {"cluster": "cluster level (actors mapped)", "interaction": "interaction level (bridges in place)",
              "collaboration": "collaboration level (traffic on the bridges)"}
BALANCE_TEXT = {
    "balanced": "both short-term activities, for the participants' current needs, and future-oriented ones",
    "short_term_only": "only short-term activities: nothing works on future demand and future members",
    "future_oriented_only": "only future-oriented activities: nothing meets the participants' current needs soon",
    "empty": "no activities",
}
FIT_TEXT = {
    "fits": "network governance fits: all four exchange conditions are high",
    "partly": "network governance fits in part: no exchange condition is low, but not all are high",
    "does_not_fit": "network governance does not fit",
}
GOVERNANCE_SOURCE = "Manickam and de Graaf, Table 1, after Jones, Hesterly and Borgatti 1997"
SPILLOVER_SOURCE = "Günther and Meissner, Table 1, Spillover taxonomy"
FAILURE_SOURCE = "Manickam and de Graaf, Part 2, after Andersson et al. 2004"
BEHAVIOUR_INTRO = ("Four behaviours that can hinder collaboration (CLUSNET, Figure 23). Check for each whether "
                   "someone in the strategy's delivery shows it; \u201cwith skilful cluster management, problems like "
                   "these can be identified and circumvented\u201d.")
MONITORING_INTRO = ("Indicators on CLUSNET's three levels for each recommended instrument: the cluster level maps "
                    "the actors, the interaction level surveys the bridges, and the collaboration level observes "
                    "the \u201ctraffic on the bridges\u201d. Fill in a baseline and a target for each, so that the "
                    "strategy can be evaluated (\u201ccontinue building capacity for fact-based cluster policies and "
                    "evaluation\u201d). The indicators are editorial assessments; the command toolbox monitoring "
                    "writes them as a CSV template.")


def words(identifier: str) -> str:
    """An id as words: inter_organisational -> inter-organisational, demand_pull -> demand pull."""
    return identifier.replace("_organisational", "-organisational").replace("demand_side", "demand-side") \
        .replace("_", " ")


def channels_line(spillovers) -> str:
    opened, closed = spillovers.opened, spillovers.closed
    text = f"Spillover channels opened: {', '.join(words(c) for c in opened) or 'none'}"
    text += f"; left closed: {', '.join(words(c) for c in closed) or 'none'}"
    return text + f". Source: {SPILLOVER_SOURCE}."


def horizon_line(horizon, currency: str = "") -> str:
    h = horizon
    total = h.short_term_cost + h.future_oriented_cost
    shares = ""
    if total > 0:
        shares = (f" ({money(h.short_term_cost, currency)} or {h.short_term_cost / total:.0%} of the cost short-term, "
                  f"{money(h.future_oriented_cost, currency)} or {h.future_oriented_cost / total:.0%} future-oriented)")
    return (f"Balance: {BALANCE_TEXT[h.balance]}; {len(h.short_term)} short-term and {len(h.future_oriented)} "
            f"future-oriented instrument(s){shares}. Short-term: a short time to effect; future-oriented: medium or "
            "long (Günther and Meissner).")


def failures_line(rationales) -> str:
    addressed = [u for u in rationales.failures if u.instruments]
    missing = [u.id for u in rationales.failures if not u.instruments]
    text = "The strategy answers " + (
        "; ".join(f"{words(u.id)} failure ({len(u.instruments)} instrument(s))" for u in addressed) or "no failure")
    if missing:
        text += "; not " + " or ".join(f"{words(m)} failure" for m in missing)
    return text + f". Source: {FAILURE_SOURCE}."


def approaches_line(rationales) -> str:
    used = [u for u in rationales.approaches if u.instruments]
    unused = [u.id for u in rationales.approaches if not u.instruments]
    text = "Policy approaches: " + (", ".join(f"{words(u.id)} ({len(u.instruments)})" for u in used) or "none")
    if unused:
        text += "; not used: " + ", ".join(words(u) for u in unused)
    return text + "."


BALANCE_SHORT = {"balanced": "short-term and future-oriented activities", "short_term_only": "short-term only",
                 "future_oriented_only": "future-oriented only", "empty": "no activities"}
FIT_SHORT = {"fits": "network governance fits", "partly": "network governance fits in part",
             "does_not_fit": "network governance does not fit"}


def summary_line(plan) -> str:
    """At most one line in the terminal summary."""
    parts = []
    if plan.spillovers is not None:
        s = plan.spillovers
        parts.append(f"{len(s.opened)} of {len(s.opened) + len(s.closed)} spillover channels open")
        parts.append(BALANCE_SHORT[s.horizon.balance])
    if plan.rationales is not None:
        answered = [words(u.id) for u in plan.rationales.failures if u.instruments]
        if answered:
            parts.append("answers " + ", ".join(answered) + " failure")
    if plan.governance is not None:
        parts.append(FIT_SHORT[plan.governance.fit])
    return ("Interaction: " + "; ".join(parts) + ".") if parts else ""


def governance_lines(g) -> list[str]:
    conditions = ", ".join(f"{words(c)} {d}" for c, d in g.conditions)
    lines = [f"Exchange conditions: {conditions}. {FIT_TEXT[g.fit][0].upper() + FIT_TEXT[g.fit][1:]}"
             + (f" ({', '.join(words(c) for c in g.low)} low)" if g.low else "") + f". Source: {GOVERNANCE_SOURCE}."]
    if g.fit == "does_not_fit":
        lines.append("Social mechanisms need not be built for network governance, and network IT and social-media "
                     "channels do not suit: the paper names activities characterised by all four conditions as their "
                     "candidates.")
        return lines
    if g.to_build:
        lines.append("Social mechanisms to build with the network partners: " + ", ".join(words(m) for m in g.to_build)
                     + (f" (already working: {', '.join(words(m) for m in g.present)})" if g.present else "") + ".")
    else:
        lines.append("All four social mechanisms already work: " + ", ".join(words(m) for m in g.present) + ".")
    text = "Network IT and social-media channels suit this cluster's collaboration"
    if g.digital:
        text += "; instruments of the strategy with a digital form: " + ", ".join(
            f"{i} ({words(f)})" for i, f in g.digital)
    else:
        text += "; no instrument of the strategy has a digital form"
    lines.append(text + ".")
    return lines


def digital_of(plan) -> dict[str, str]:
    """Instrument id -> its digital form, for the strategy's instruments marked as such."""
    g = plan.governance
    return dict(g.digital) if g is not None and g.network_it else {}
