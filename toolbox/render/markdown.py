"""A plan as Markdown, for notes, tickets and the first draft of a report."""

from __future__ import annotations

from toolbox.engine.barriers.cost_benefit import SCORE_FORMULA
from toolbox.engine.explain import Explanation
from toolbox.engine.result import Plan
from toolbox.render.common import (
    REASON_TEXT,
    STATUS_TEXT,
    attainable_text,
    caution_text,
    currency_of,
    design_text,
    explanation_lines,
    formula_lines,
    money,
    portfolio_line,
    redundant_line,
    robustness_note,
    sensitivity_text,
    set_aside_text,
    share,
    unserved_line,
    weights_note,
    who_line,
)
from toolbox.render.interaction_markdown import interaction_markdown
from toolbox.safe_text import markdown as esc
from toolbox.safe_text import visible

__all__ = ["MarkdownRenderer", "esc"]


class MarkdownRenderer:
    def plan(self, plan: Plan) -> str:
        cur = currency_of(plan)
        r, c = plan.region, plan.cluster
        out = [f"# Cluster strategy: {esc(c['name'])} in {esc(r['name'])}", ""]
        out += [f"**Verdict ({plan.verdict.code}):** {esc(plan.verdict.message)}", ""]
        out += [f"> **Check the profile:** {esc(caution_text(c))}\n" for c in plan.cautions]
        out += [f"- Level: {r['level']}" + (f", country: {esc(r['country'])}" if r.get("country") else ""),
                f"- Cluster potential: {c['potential']}" + (f" ({esc(c['evidence'])})" if c.get("evidence") else "")]
        if plan.budget:
            out.append(f"- Budget: {money(plan.budget['amount'], cur)} a year; used {money(plan.budget_used, cur)}, "
                       f"left {money(plan.budget_left, cur)}")
        out.append(f"- Knowledge base: {plan.kb_version}")
        out += _overlay(plan.kb_overlay)
        out.append("- " + esc(weights_note(plan.weights_source, plan.weights_hash, "Weights")))
        out += ["", "## Mechanism diagnosis (steps 1 and 2)", "",
                "| Mechanism | Possible | Observed | Attainable | Deficit | Status | Need | Evidence |",
                "|---|---|---|---|---|---|---|---|"]
        for m in plan.mechanisms:
            out.append(f"| {m.id} | {'yes' if m.possible else 'no'} | {m.observed} | {esc(attainable_text(m))} | "
                       f"{'–' if m.deficit is None else m.deficit} | {STATUS_TEXT[m.status]} | {m.need:.3f} | "
                       f"{esc(m.evidence or '')} |")
        out += _evidence(plan)
        if plan.strategy:
            marginal = any(i.marginal_value for i in plan.strategy)
            out += ["", "## Strategy (steps 3 and 4)", "",
                    "| Rank | Instrument | Score |" + (" Adds |" if marginal else "")
                    + " Mechanisms addressed | Cost | Policy field | Contributors |",
                    "|---|---|---|" + ("---|" if marginal else "") + "---|---|---|---|"]
            for item in plan.strategy:
                a = item.assessment
                field = a.policy_field + (" (other field)" if a.needs_other_field else "")
                who = esc(who_line(item.contributions))
                adds = f" {item.marginal_value:.3f} |" if marginal else ""
                design = f"; {esc(design_text(a))}" if design_text(a) else ""
                out.append(f"| {item.rank} | {esc(a.name)} (`{a.instrument}`){design} | {a.score:.3f} |{adds} "
                           f"{', '.join(t.mechanism for t in a.terms)} | {money(a.cost, cur)} | {field} | {who} |")
        if plan.verdict.code == "nothing_assessed":
            out += ["", "## To assess", ""] + [f"- {m}" for m in plan.verdict.to_assess]
        if plan.portfolio is not None:
            out += ["", portfolio_line(plan.portfolio)]
        if plan.unserved:
            out += ["", "## Deficits left unserved", ""] + [f"- {esc(unserved_line(u))}" for u in plan.unserved]
        if plan.redundant_pairs:
            out += ["", esc(redundant_line(plan.redundant_pairs))]
        out += robustness_section(plan)
        out += interaction_markdown(plan, esc)
        for title, entries in (("Already in place", plan.in_place), ("Deferred", plan.deferred),
                               ("Discarded", plan.discarded)):
            if entries:
                out += ["", f"## {title}", "", "| Instrument | Reason | Detail |", "|---|---|---|"]
                for s in entries:
                    out.append(f"| {esc(s.name)} (`{s.instrument}`) | {REASON_TEXT.get(s.reason, s.reason)} | {esc(set_aside_text(s, cur))} |")
        if plan.roadmap is not None:
            out += roadmap_markdown(plan.roadmap, cur)
        out += _gaps_and_organisation(plan)
        if plan.excluded_agents:
            out += ["", "## Agents left out", ""]
            out += [f"- {e.agent.id}: {esc(e.reason)}" for e in plan.excluded_agents]
        if plan.assumptions:
            out += ["", "## Assumptions", ""] + [f"- {esc(a)}" for a in plan.assumptions]
        out += ["", "## Method", "",
                "Benner's four steps: cluster potential; observed against possible mechanisms; the empirical, policy "
                f"and cost-benefit barriers; the agents' contributions. Score = {SCORE_FORMULA}. Weights: "
                + ", ".join(f"{k} = {v}" for k, v in plan.weights.items()) + ".",
                "", "The toolbox's causal relationships are contingent: no instrument is guaranteed to have the "
                "intended effect on a mechanism (Benner).", ""]
        if plan.strategy:
            out += ["## Scores term by term", ""]
            for item in plan.strategy:
                out += [f"### {item.rank}. {esc(item.assessment.name)}", "", "```"]
                out += [visible(line) for line in formula_lines(item.assessment, plan.weights, cur)] + ["```", ""]
        return "\n".join(out).rstrip() + "\n"

    def explanation(self, e: Explanation) -> str:
        from toolbox.render.common import explanation_evidence

        lines = explanation_lines(e, evidence=False)
        # inside the code block nothing is Markdown, but a line break in a name could close the block
        text = f"# Why {esc(e.instrument)}\n\n```\n" + "\n".join(visible(line) for line in lines[1:]) + "\n```\n"
        overlay = _overlay(e.kb_overlay)  # the knowledge base's texts, escaped as Markdown outside the block
        if overlay:
            text += "\n" + "\n".join(overlay) + "\n"
        evidence = explanation_evidence(e)  # the data's own texts: escaped as Markdown, outside the block
        if evidence:
            text += "\n## Evidence behind the profile\n\n" + "\n".join(
                ("  - " if line.startswith("  ") else "- ") + esc(line.strip()) for line in evidence) + "\n"
        return text



def _evidence(plan: Plan) -> list[str]:
    """The map's figures and every figure behind a data-derived observation, with dataset, year and licence."""
    from toolbox.render.evidence_text import evidence_lines

    lines = evidence_lines(plan.cluster, plan.mechanisms)
    if not lines:
        return []
    return ["", "### Evidence from data", ""] + [
        ("  - " + esc(line.strip())) if line.startswith("  ") else ("- " + esc(line)) for line in lines]


def _gaps_and_organisation(plan: Plan) -> list[str]:
    """The programmes × gaps and the cluster organisation, when the profile describes them."""
    if plan.gaps is None and plan.organisation is None:
        return []
    from toolbox.render import gaps_render

    out = [""]
    if plan.gaps is not None:
        out += gaps_render.gaps_markdown_lines(plan.gaps)
    if plan.organisation is not None:
        out += gaps_render.organisation_markdown_lines(plan.organisation)
    return out[:-1]


def _overlay(overlay) -> list[str]:
    """The overlay knowledge base and every record it changed, as list items."""
    from toolbox.render.overlay_text import overlay_lines

    lines = overlay_lines(overlay)
    if not lines:
        return []
    return [f"- {esc(lines[0][0].upper() + lines[0][1:])}:"] + [f"  - {esc(line)}" for line in lines[1:]]
def robustness_section(plan: Plan) -> list[str]:
    """With --robustness: each instrument ever in the strategy, with its shares; the core; what moves it."""
    r = plan.robustness
    if r is None:
        return []
    depth = min(5, max((len(i.rank_acceptability) for i in r.instruments), default=0))
    out = ["", "## Robustness", "",
           "How often each instrument is in the strategy when the editorial inputs (weights, ratings, costs, "
           "observed ranges) are drawn again and again (docs/method.md, \"Robustness\"). "
           + esc(robustness_note(r)) + ".", "",
           "| Instrument | Plan rank | In strategy |" + "".join(f" Rank {k} |" for k in range(1, depth + 1))
           + " Placed above |", "|---|---|---|" + "---|" * depth + "---|"]
    for i in r.instruments:
        if not i.inclusion and i.rank is None:
            continue
        above = "; ".join(f"{other}: {share(v)}" for other, v in i.winning)
        core = " (core)" if i.inclusion >= r.core_threshold else ""
        out.append(f"| `{i.instrument}` | {'–' if i.rank is None else i.rank} | {share(i.inclusion)}{core} |"
                   + "".join(f" {share(v)} |" for v in i.rank_acceptability[:depth]) + f" {above} |")
    out += ["", f"- Robust core: {', '.join(r.core) or 'none'}",
            f"- Fragile picks: {', '.join(r.fragile) or 'none'}"]
    if r.sensitivity:
        out += ["", "Inputs that move the strategy most:", ""] + [f"- {esc(sensitivity_text(s))}" for s in r.sensitivity]
    return out


def roadmap_markdown(r, cur: str) -> list[str]:
    """The roadmap section: start years, the budget by year, and why the first year differs."""
    from toolbox.render.roadmap_text import beyond_text, difference_text, method_line, runs_text, started, year_label

    out = ["", f"## Roadmap ({r.horizon} years)", "",
           "| Start | Instrument | Takes effect | Runs | Cost a year |", "|---|---|---|---|---|"]
    for s in started(r):
        out.append(f"| {year_label(r, s.start_year)} | {esc(s.name)} (`{s.instrument}`)"
                   f"{' (quick win)' if s.quick_win else ''} | {year_label(r, s.effect_year)} | {runs_text(s, r)} | "
                   f"{money(s.cost, cur)} |")
    out += ["", "| Year | Budget | Spent | Value in effect |", "|---|---|---|---|"]
    out += [f"| {year_label(r, y.year)} | {money(y.budget, cur)} | {money(y.spent, cur)} | {y.value:.3f} |"
            for y in r.years]
    if r.differences:
        out += ["", "Why the first year differs from the single-year strategy:", ""]
        out += [f"- {esc(d.name)} (`{d.instrument}`): {esc(difference_text(d, r, cur))}" for d in r.differences]
    if r.beyond_horizon:
        out += ["", "Not started:", ""]
        out += [f"- {esc(b.name)} (`{b.instrument}`): {esc(beyond_text(b, r))}." for b in r.beyond_horizon]
    out += ["", method_line(r)]
    return out


def plan(result: Plan, options) -> str:
    return MarkdownRenderer().plan(result)


def explanation(result: Explanation, options) -> str:
    return MarkdownRenderer().explanation(result)
