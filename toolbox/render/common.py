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
    "not_worth_cost": "not worth its cost",
    "little_added": "adds little",
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


def set_aside_text(s, currency: str = "") -> str:
    """Why an instrument was deferred or discarded, worded from its reason code and numbers, with the
    profile's design of it where one is declared."""
    text = _set_aside_reason(s, currency)
    design = design_text(s.assessment) if s.assessment is not None else None
    return f"{text}; {design}" if design else text


def _set_aside_reason(s, currency: str) -> str:
    d = dict(s.data)
    a = s.assessment
    if s.reason == "no_deficit":
        return "none of its mechanisms shows a deficit" + (f" (not yet assessed: {d['unassessed']})"
                                                            if d.get("unassessed") else "")
    if s.reason == "distortion_risk":
        return (f"{d.get('risk', a.distortion_risk if a else '?')} risk of distorting markets (the limit is "
                f"{d.get('limit', '?')}): the paper requires that an intervention not distort the market "
                "disproportionately; a profile may declare a design that lowers the risk")
    if s.reason == "not_worth_cost":
        return (f"adds {d['value']:.3f} alone, {d['value_per_cost']:.3f} per cost weight: below the "
                f"{d['threshold']:g} an instrument must reach to be worth its cost")
    if s.reason == "little_added":
        return (f"would add {d['marginal_value']:.3f} to the strategy, {d['value_per_cost']:.3f} per cost weight: "
                f"below the {d['threshold']:g} required, as the strategy already covers its mechanisms")
    if s.reason == "budget":
        text = (f"would add {d['marginal_value']:.3f} to the strategy ({d['value_per_cost']:.3f} per cost weight) "
                f"but costs {money(a.cost, currency)} a year")
        if "budget_left" in d:
            text += f" and {money(d['budget_left'], currency)} of the budget is left"
        return text
    if s.reason == "no_agent":
        return "no agent present and willing in the region can contribute to it"
    if s.reason == "in_place":
        return "already run in the region (profile); not recommended anew"
    return s.detail or s.reason.replace("_", " ")


def unserved_text(u) -> str:
    text = f"{u.name} (deficit {u.deficit}): {UNSERVED_TEXT.get(u.reason, u.reason.replace('_', ' '))}"
    if u.instruments:
        text += " (" + ", ".join(u.instruments[:3]) + (f" and {len(u.instruments) - 3} more" if len(u.instruments) > 3 else "") + ")"
    return text


def attainable_text(m) -> str:
    """A mechanism's attainable strength and whose judgement it is."""
    if m.attainable_source == "profile":
        return f"{m.attainable} (profile's judgement, Table 2: {m.paper_attainable}; {m.attainable_reason})"
    return m.attainable


def design_text(a) -> str | None:
    """The profile's design of an instrument, shown wherever the instrument is."""
    if not a.design:
        return None
    return f"design: {a.design} (distortion risk {a.distortion_risk}; the instrument's class is {a.listed_distortion_risk})"


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


def formula_lines(a, weights: dict, currency: str = "EUR") -> list[str]:
    """The score of one instrument, written out term by term (shared by every text renderer)."""
    lines = [f"benefit = Σ {NEED_FORMULA}, over the deficient mechanisms it acts on:"]
    for t in a.terms:
        lines.append(f"  + {t.mechanism}: {t.deficit}/3 × {t.empirical_factor:g} × {t.policy_factor:g} = {t.value:.4f}")
    if not a.terms:
        lines.append("  (none of its mechanisms shows a deficit)")
    for m in a.unassessed:
        lines.append(f"  · {m}: observed degree unknown, not counted")
    lines.append(f"  = benefit {a.benefit:.4f} (as the first instrument on each, at full factor)")
    lines.append(f"distortion risk {a.distortion_risk}: factor {a.distortion_factor:g}")
    design = design_text(a)
    if design:
        lines.append(f"  {design}")
    if a.needs_other_field:
        lines.append(f"policy field: {a.policy_field}, outside cluster policy proper (needs that field's decision "
                     f"makers): factor {a.field_factor:g}")
    else:
        lines.append(f"policy field: cluster policy proper: factor {a.field_factor:g}")
    if a.indirect_factor != 1.0:
        lines.append(f"acts only indirectly (asks another field's decision makers to act): factor {a.indirect_factor:g}")
    lines.append(f"value alone = Σ need × coverage gain, with diminishing returns (decay {weights['decay']:g}) and "
                 f"the instruments in place = {a.value:.4f}")
    unit = a.cost / a.cost_units if a.cost_units else weights["cost_reference"]  # in the cost's currency
    lines.append(f"cost {money(a.cost, currency)} a year ({'profile' if a.cost_source == 'profile' else 'indicative, class ' + a.cost_class})"
                 f" = {a.cost_units:.3f} cost units of {money(unit, currency)}; "
                 f"cost weight = {a.cost_units:.3f} ^ {weights['cost_elasticity']:g} = {a.cost_factor:.4f}")
    lines.append(f"value per cost weight = {a.value:.4f} / {a.cost_factor:.4f} = {a.score:.4f} "
                 f"(worth its cost from {weights['min_value_per_cost']:g})")
    return lines


def marginal_lines(e) -> list[str]:
    """What the instrument adds given the others, mechanism by mechanism, and the alternative it beat or lost to."""
    if e.marginal_value is None:
        return []
    given = "given those ranked above it" if e.outcome == "strategy" else "given the strategy"
    out = [f"marginal value {given} = {e.marginal_value:.4f}, Σ need × (G(before + factor) − G(before)); "
           f"G gives the k-th whole instrument on a mechanism {e.weights['decay']:g}^(k−1):"]
    for t in e.marginal_terms:
        out.append(f"  + {t.mechanism}: {t.need:.4f} × (G({t.before:.2f} + {t.factor:.2f}) − G({t.before:.2f})) = {t.gain:.4f}")
    if not e.marginal_terms:
        out.append("  (it acts on no deficient mechanism)")
    alt = e.alternative
    if alt is not None:
        if e.outcome == "strategy":
            why = REASON_TEXT.get(alt.reason or "", alt.reason or alt.outcome)
            out.append(f"next-best alternative on its mechanisms: {alt.instrument} ({alt.outcome}, {why}), which would "
                       f"add {alt.marginal_value:.4f} to the strategy ({alt.value_per_cost:.4f} per cost weight)")
        else:
            out.append(f"recommended instead on its mechanisms: {alt.instrument} (adds {alt.marginal_value:.4f} at its "
                       f"rank, {alt.value_per_cost:.4f} per cost weight)")
    return out


def explanation_detail(e) -> str:
    """What became of the instrument, in one sentence: worded here from the explanation's numbers."""
    if e.outcome == "not_scored":
        return f"No instrument was scored: {e.verdict_message}"
    if e.outcome != "strategy":
        if e.assessment is None:
            return e.detail or ""
        from toolbox.engine.result import SetAside

        currency = e.budget["currency"] if e.budget else ""
        return set_aside_text(SetAside(e.instrument, e.name, e.reason, e.detail or "", e.assessment, e.data), currency)
    text = f"Recommended at rank {e.rank} of {e.strategy_size}, adding {e.marginal_value:.4f} given those above it"
    if e.budget:
        text += f"; cumulative cost {e.cumulative_cost:,.0f} of {e.budget['amount']:,.0f} {e.budget['currency']}"
    return text + "."


def explanation_lines(e, evidence: bool = True) -> list[str]:
    out = [f"{e.name} ({e.instrument})", f"Outcome: {e.outcome.replace('_', ' ')}"
           + (f" ({e.reason})" if e.reason else "") + f". {explanation_detail(e)}"]
    if e.assessment is not None:
        out.append("")
        out += formula_lines(e.assessment, e.weights, e.budget["currency"] if e.budget else "EUR")
    extra = marginal_lines(e)
    if extra:
        out.append("")
        out += extra
    if e.position:
        out.append("")
        out.append(f"Position {e.position} of {e.ranked} scored instruments by value per cost weight alone "
                   "(ties: higher value, then lower cost, then id).")
        for i, s in e.above:
            out.append(f"  above: {i} ({s:.4f})")
        for i, s in e.below:
            out.append(f"  below: {i} ({s:.4f})")
    if e.robustness is not None:
        out.append("")
        out += instrument_robustness_lines(e.robustness, e.draws, e.seed)
    if evidence:
        out += _evidence_lines(e)
    out += ["", weights_note(e.weights_source, e.weights_hash, "Weights") + "."]
    return out


def _evidence_lines(e) -> list[str]:
    lines = explanation_evidence(e)
    return ["", "Evidence behind the profile:", *lines] if lines else []


def explanation_evidence(e) -> list[str]:
    """The map's figures and the measured figures behind the profile's observations, as plain lines."""
    from toolbox.render.evidence_text import evidence_lines

    return evidence_lines({"mapping": e.mapping}, e.evidence)


def instrument_robustness_lines(r, draws: int, seed) -> list[str]:
    """One instrument across the robustness draws: inclusion, its likeliest ranks, the winning index."""
    out = [f"Robustness ({draws:,} draws, seed {seed}): in the strategy in {share(r.inclusion)} of draws"
           + (" (robust core)" if r.inclusion >= 0.9 else "") + "."]
    ranks = sorted(((v, k) for k, v in enumerate(r.rank_acceptability, start=1) if v > 0), key=lambda t: (-t[0], t[1]))
    if ranks:
        out.append("  rank acceptability: " + ", ".join(f"rank {k} in {share(v)}" for v, k in ranks[:4])
                   + ("; other ranks less often" if len(ranks) > 4 else ""))
    for other, value in r.winning:
        out.append(f"  placed above {other} in {share(value)} of draws")
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


INPUT_TEXT = {
    "weight": "the weight {target}",
    "empirical_support": "the empirical support of {target}",
    "policy_influence": "the policy influence on {target}",
    "distortion_risk": "the distortion risk of {target}",
    "cost": "the cost of {target}",
    "observed": "the observed degree of {target}",
}
"""An input the robustness draws vary, worded from its code (engine/result.py, Sensitivity)."""


def input_text(s) -> str:
    """'the weight empirical.moderate', 'the cost of job_fairs': which input a Sensitivity is about."""
    target = f"{s.target}.{s.entry}" if s.entry else s.target
    return INPUT_TEXT.get(s.input, "{target}").format(target=target)


def sensitivity_text(s) -> str:
    """One input that moves the strategy, with its number: the largest change in any instrument's inclusion."""
    direction = "raises" if s.change > 0 else "lowers"
    return (f"{input_text(s)}: reading it higher {direction} the inclusion of {s.instrument} by "
            f"{abs(s.change) * 100:.0f} percentage points")


def sensitivity_summary(robustness, shown: int = 2) -> str:
    """'most sensitive to the cost of x and to the weight decay' (the first `shown` inputs), or ''."""
    names = [input_text(s) for s in robustness.sensitivity[:shown]]
    return "most sensitive to " + " and to ".join(names) if names else ""


def share(value: float) -> str:
    """A share of draws as a whole percentage: 0.9814 -> '98 %'."""
    return f"{value:.0%}".replace("%", " %")


def agreement_text(r) -> str:
    """How the per-draw method agrees with the plan's own solver on the sample of draws."""
    a = r.agreement
    text = f"{a.same} of {a.sample} sampled draws give the plan solver's strategy"
    if a.binding_draws:
        text += (f"; the budget binds in {a.binding_draws:,} of {r.draws:,} draws, which take the better of two "
                 f"greedy passes within the budget ({a.binding} of them in the sample, on average "
                 f"{a.shortfall:.1%} short of the exact solver's objective)")
    return text


def robustness_note(r) -> str:
    """The one line that says what a robustness result rests on."""
    return (f"{r.draws:,} draws, seed {r.seed}; robust core: in the strategy in at least {share(r.core_threshold)} "
            f"of draws; {agreement_text(r)}")


def robustness_line(r) -> str:
    """The terminal summary's line: how many picks are robust, and what moves the strategy most."""
    picks = [i for i in r.instruments if i.rank is not None]
    robust = [i for i in picks if i.inclusion >= r.core_threshold]
    text = (f"Robustness ({r.draws:,} draws): {len(robust)} of {len(picks)} pick(s) in the strategy in at least "
            f"{share(r.core_threshold)} of draws (column Draws)")
    sensitive = sensitivity_summary(r)
    return text + (f"; {sensitive}" if sensitive else "") + "."
