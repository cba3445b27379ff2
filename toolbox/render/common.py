"""Small formatting helpers shared by the renderers."""

from __future__ import annotations

from toolbox.engine.deficits import NEED_FORMULA


def money(value: float | None, currency: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}"
    return f"{text} {currency}".strip()


def plain(value: float) -> int | float:
    """A number for JSON: whole numbers as int, others rounded to 6 decimals (stable across runs)."""
    rounded = round(float(value), 6)
    return int(rounded) if rounded.is_integer() else rounded


def currency_of(plan) -> str:
    return plan.budget["currency"] if plan.budget else "EUR"


STATUS_TEXT = {
    "deficit": "deficit",
    "attained": "attained",
    "exceeds": "above attainable",
    "unassessed": "to assess",
    "discarded": "discarded (not possible)",
}

REASON_TEXT = {
    "budget": "over budget",
    "no_agent": "no agent",
    "no_deficit": "no deficit",
    "distortion_risk": "distortion risk",
    "poor_ratio": "poor ratio",
    "in_place": "in place",
}


UNSERVED_TEXT = {
    "no_candidate": "no instrument acting on it passed the barriers",
    "distortion_risk": "its instruments were discarded for distortion risk",
    "not_worth_cost": "no instrument acting on it is worth its cost",
    "no_agent": "no agent present can carry its instruments",
    "budget": "its instruments did not fit the budget",
}
"""Why a deficient mechanism is left unserved, worded from the plan's reason code."""

PORTFOLIO_TEXT = {
    "optimal": "the best set within the budget (integer programme)",
    "threshold": "kept while the value added per cost unit clears the threshold",
}


def unserved_line(u, instruments: bool = True) -> str:
    """'venture_capital (deficit 2): its instruments did not fit the budget; acting on it: a, b'."""
    text = f"{u.mechanism} (deficit {u.deficit}): {UNSERVED_TEXT.get(u.reason, u.reason.replace('_', ' '))}"
    if instruments and u.instruments:
        text += f"; acting on it: {', '.join(u.instruments)}"
    return text


def portfolio_line(p) -> str:
    """How the set was chosen and its value against the greedy answer's, in one sentence."""
    text = f"Portfolio: {PORTFOLIO_TEXT.get(p.method, p.method.replace('_', ' '))}; value {p.value:.3f}"
    gap = p.value - p.greedy_value
    text += f", greedy {p.greedy_value:.3f} (gap {gap:+.3f})"
    if p.method == "optimal" and not p.proven_optimal:
        text += "; optimality not proven within the solver's limits"
    return text + "."


def redundant_line(pairs) -> str:
    return "Overlapping pairs in the strategy: " + "; ".join(f"{a} + {b}" for a, b in pairs) + "."


def formula_lines(a, weights: dict) -> list[str]:
    """The score of one instrument, written out term by term (shared by every text renderer)."""
    lines = [f"benefit = Σ {NEED_FORMULA}, over the deficient mechanisms it acts on:"]
    for t in a.terms:
        lines.append(f"  + {t.mechanism}: {t.deficit}/3 × {t.empirical_factor:g} × {t.policy_factor:g} = {t.value:.4f}")
    if not a.terms:
        lines.append("  (none of its mechanisms shows a deficit)")
    for m in a.unassessed:
        lines.append(f"  · {m}: observed degree unknown, not counted")
    lines.append(f"  = benefit {a.benefit:.4f}")
    lines.append(f"cost {a.cost:,.0f} a year ({'profile' if a.cost_source == 'profile' else 'indicative, class ' + a.cost_class})"
                 f" = {a.cost_units:.3f} cost units of {weights['cost_reference']:,.0f}; "
                 f"cost factor = {a.cost_units:.3f} ^ {weights['cost_elasticity']:g} = {a.cost_factor:.4f}")
    lines.append(f"distortion risk {a.distortion_risk}: factor {a.distortion_factor:g}")
    lines.append(f"score = {a.benefit:.4f} × {a.distortion_factor:g} / {a.cost_factor:.4f} = {a.score:.4f}")
    if a.needs_other_field:
        lines.append(f"policy field: {a.policy_field} (outside cluster policy proper: needs that field's decision makers)")
    return lines


def explanation_detail(e) -> str:
    """What became of the instrument, in one sentence: worded here from the explanation's numbers."""
    if e.outcome == "not_scored":
        return f"No instrument was scored: {e.verdict_message}"
    if e.outcome != "strategy":
        return e.detail
    text = f"Recommended at rank {e.rank} of {e.strategy_size}"
    if e.budget:
        text += f"; cumulative cost {e.cumulative_cost:,.0f} of {e.budget['amount']:,.0f} {e.budget['currency']}"
    return text + "."


def explanation_lines(e) -> list[str]:
    out = [f"{e.name} ({e.instrument})", f"Outcome: {e.outcome.replace('_', ' ')}"
           + (f" ({e.reason})" if e.reason else "") + f". {explanation_detail(e)}"]
    if e.assessment is not None:
        out.append("")
        out += formula_lines(e.assessment, e.weights)
    if e.position:
        out.append("")
        out.append(f"Position {e.position} of {e.ranked} scored instruments (ties: higher benefit, then lower cost, then id).")
        for i, s in e.above:
            out.append(f"  above: {i} ({s:.4f})")
        for i, s in e.below:
            out.append(f"  below: {i} ({s:.4f})")
    return out


def who_line(contributions, limit: int | None = None) -> str:
    """'regional cluster management (organisation, stakeholder outreach); …' for one instrument.

    With `limit`, only the first `limit` agents are named and the rest counted.
    """
    shown = contributions if limit is None else contributions[:limit]
    text = "; ".join(f"{c.agent.name} ({', '.join(t.replace('_', ' ') for t in c.types)})" for c in shown)
    if len(shown) < len(contributions):
        text += f"; and {len(contributions) - len(shown)} more (--format json or markdown lists all)"
    return text
