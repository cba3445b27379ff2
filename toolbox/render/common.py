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


def weights_note(source: str, digest: str, start: str = "weights") -> str:
    """'weights: defaults (sha256 c85b01ba42a7)': which weights an output used, to reproduce it."""
    return f"{start}: {source} (sha256 {digest})"


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


def caution_text(c) -> str:
    """A Caution (engine/result.py) in words: what looks wrong in the profile, its likely cause, the fix."""
    where = f"{c.field}" + (f" (line {c.line})" if c.line else "")
    if c.code == "dotted_thousands":
        meant = c.literal.lstrip("+").replace(".", "")
        return (f"{where} is written {c.literal}, which YAML reads as {c.value:g}, not {int(meant):,}: a point is a "
                f"decimal point in YAML. Write {meant} if that is what you meant.")
    if c.code == "budget_below_cheapest":
        text = (f"The budget ({money(c.value, c.currency)} a year) is smaller than the cheapest candidate, "
                f"{c.instrument} ({money(c.cheapest, c.currency)} a year), so nothing fits.")
        if float(c.value).is_integer() and c.value < 1000 and c.value * 1000 >= c.cheapest:  # 800.000 meant
            text += (f" If you wrote {c.value:g}.000: YAML reads {c.value:g}.000 as {c.value:g}; "
                     f"write {c.value * 1000:.0f}.")
        return text
    return f"{where}: {c.code}"


def formula_lines(a, weights: dict, currency: str = "EUR") -> list[str]:
    """The score of one instrument, written out term by term (shared by every text renderer)."""
    lines = [f"benefit = Σ {NEED_FORMULA}, over the deficient mechanisms it acts on:"]
    for t in a.terms:
        lines.append(f"  + {t.mechanism}: {t.deficit}/3 × {t.empirical_factor:g} × {t.policy_factor:g} = {t.value:.4f}")
    if not a.terms:
        lines.append("  (none of its mechanisms shows a deficit)")
    for m in a.unassessed:
        lines.append(f"  · {m}: observed degree unknown, not counted")
    lines.append(f"  = benefit {a.benefit:.4f}")
    unit = a.cost / a.cost_units if a.cost_units else weights["cost_reference"]  # in the cost's currency
    lines.append(f"cost {money(a.cost, currency)} a year ({'profile' if a.cost_source == 'profile' else 'indicative, class ' + a.cost_class})"
                 f" = {a.cost_units:.3f} cost units of {money(unit, currency)}; "
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
        out += formula_lines(e.assessment, e.weights, e.budget["currency"] if e.budget else "EUR")
    if e.position:
        out.append("")
        out.append(f"Position {e.position} of {e.ranked} scored instruments (ties: higher benefit, then lower cost, then id).")
        for i, s in e.above:
            out.append(f"  above: {i} ({s:.4f})")
        for i, s in e.below:
            out.append(f"  below: {i} ({s:.4f})")
    out += ["", weights_note(e.weights_source, e.weights_hash, "Weights") + "."]
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
