"""A plan on the terminal: a one-screen summary, or with --detail the diagnosis, each instrument with its
contributors, and what was set aside."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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
    money,
    portfolio_line,
    redundant_line,
    robustness_line,
    robustness_note,
    sensitivity_text,
    set_aside_text,
    share,
    unserved_line,
    weights_note,
    who_line,
)
from toolbox.render.console import safe, to_text
from toolbox.render.interaction_terminal import interaction_parts
from toolbox.safe_text import visible

WHO_LIMIT = 8
"""Contributors named per instrument on the terminal; the other formats name all."""
INDICATIVE = "* indicative cost (an editorial order of magnitude); set local figures under 'costs'"
VERDICT_STYLE = {"strategy": "green", "no_cluster_potential": "yellow", "no_justification": "yellow",
                 "nothing_assessed": "yellow", "nothing_worth_cost": "yellow"}
STATUS_STYLE = {"deficit": "bold red", "attained": "green", "exceeds": "green", "unassessed": "yellow", "discarded": "dim"}


class TerminalRenderer:
    def __init__(self, color: bool = False, width: int = 100, detail: bool = False):
        self.color = color
        self.width = width
        self.detail = detail

    def _text(self, *renderables) -> str:
        return to_text(*renderables, color=self.color, width=self.width)

    def plan(self, plan: Plan) -> str:
        """The summary (one screen: verdict, strategy one line each, budget, what is left undone), or with
        `detail` the whole plan: diagnosis, each instrument with its contributors, the set-asides."""
        cur = currency_of(plan)
        parts = [self._verdict(plan, cur)]
        for c in plan.cautions:
            parts.append(safe(f"Check the profile: {caution_text(c)}", style="bold yellow"))
        parts += _evidence(plan, self.detail)
        if plan.verdict.code == "nothing_assessed" and plan.verdict.to_assess:
            parts.append(Text("To assess: " + ", ".join(plan.verdict.to_assess), style="yellow"))
        if self.detail:
            parts.append(self._diagnosis(plan))
        if plan.strategy:
            parts += self._detailed_strategy(plan, cur) if self.detail else [self._strategy_table(plan, cur)]
            if self.detail and any(i.assessment.cost_source != "profile" for i in plan.strategy):
                parts.append(Text(INDICATIVE, style="dim"))
        parts += self._undone(plan, cur)
        if plan.robustness is not None:
            parts += self._robustness(plan) if self.detail else [safe(robustness_line(plan.robustness))]
        if plan.roadmap is not None:
            parts += self._roadmap(plan, cur)
        parts += interaction_parts(plan, self.detail, cur)
        parts += self._overlay(plan)
        parts += _gaps_and_organisation(plan, self.detail)
        if self.detail:
            parts += self._set_asides(plan, cur)
            parts.append(Text(f"Knowledge base {plan.kb_version}; {visible(weights_note(plan.weights_source, plan.weights_hash))}. "
                              "Effects are contingent, not guaranteed. Run `toolbox explain PROFILE INSTRUMENT` for "
                              "any score.", style="dim"))
        else:
            parts.append(Text(self._pointer(plan) + " " + visible(weights_note(plan.weights_source, plan.weights_hash))
                              + ".", style="dim"))
        return self._text(*parts)

    def _overlay(self, plan: Plan) -> list:
        """One line naming the overlay knowledge base; with --detail, each record it changed."""
        from toolbox.render.overlay_text import overlay_lines

        lines = overlay_lines(plan.kb_overlay)
        if not lines:
            return []
        out: list = [safe(lines[0][0].upper() + lines[0][1:] + ("" if self.detail else "; --detail lists them"),
                          style="yellow")]
        if self.detail:
            out += [Padding(safe(line), (0, 0, 0, 2)) for line in lines[1:]]
        return out

    def _roadmap(self, plan: Plan, cur: str) -> list:
        """The summary: one line (when it starts what, the largest year's spending); --detail: the table of
        start years, the yearly budget and spending, and why the first year differs from the single-year plan."""
        from toolbox.render.roadmap_text import beyond_text, difference_text, method_line, runs_text, started
        from toolbox.render.roadmap_text import summary_line, year_label

        r = plan.roadmap
        if not self.detail:
            return [safe(summary_line(r, cur) + " --detail shows it.")]
        table = Table(title=f"Roadmap ({r.horizon} years)", title_justify="left", expand=False)
        for column in ("Start", "Instrument", "Takes effect", "Runs", f"Cost a year ({cur})"):
            table.add_column(column, overflow="fold")
        for s in started(r):
            table.add_row(year_label(r, s.start_year), safe(s.name + (" (quick win)" if s.quick_win else "")),
                          year_label(r, s.effect_year), runs_text(s, r), money(s.cost))
        years = Table(title="Budget by year", title_justify="left", expand=False)
        for column in ("Year", "Budget", "Spent", "Value in effect"):
            years.add_column(column, justify="right")
        for y in r.years:
            years.add_row(year_label(r, y.year), money(y.budget, cur), money(y.spent, cur), f"{y.value:.3f}")
        out = [table, years]
        for d in r.differences:
            out.append(safe(f"{d.name}: {difference_text(d, r, cur)}"))
        for b in r.beyond_horizon:
            out.append(safe(f"Not started: {b.name}: {beyond_text(b, r)}.", style="dim"))
        out.append(Text(method_line(r), style="dim"))
        return out

    @staticmethod
    def _verdict(plan: Plan, cur: str) -> Panel:
        r, c = plan.region, plan.cluster
        head = Text()
        head.append(visible(f"{c['name']} in {r['name']}"), style="bold")
        head.append(f"  ·  {r['level']} level  ·  potential {c['potential']}")
        if plan.budget:
            head.append(f"  ·  budget {money(plan.budget['amount'], cur)}/year")
        verdict = safe(plan.verdict.message, style=VERDICT_STYLE.get(plan.verdict.code, ""))
        return Panel(Group(head, verdict), title=f"Verdict: {plan.verdict.code}", title_align="left")

    @staticmethod
    def _diagnosis(plan: Plan) -> Table:
        diag = Table(title="Mechanism diagnosis (steps 1-2)", title_justify="left", expand=True)
        for col in ("Mechanism", "Observed", "Attainable", "Deficit", "Status", "Need"):
            diag.add_column(col, justify="right" if col in ("Deficit", "Need") else "left")
        for m in plan.mechanisms:
            diag.add_row(m.id, m.observed if m.possible else "–", safe(attainable_text(m)),
                         "–" if m.deficit is None else str(m.deficit),
                         Text(STATUS_TEXT[m.status], style=STATUS_STYLE[m.status]), f"{m.need:.3f}")
        return diag

    @staticmethod
    def _strategy_table(plan: Plan, cur: str) -> Table:
        """One line per instrument: rank, id, name (cut to fit), cost and, once known, what it adds; under an
        instrument the profile declares a design for, that design."""
        marginal = any(i.marginal_value for i in plan.strategy)
        table = Table(title=f"Strategy, best first ({len(plan.strategy)} instrument(s))", title_justify="left",
                      box=None, padding=(0, 1), expand=True, show_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Instrument", no_wrap=True)
        table.add_column("Name", no_wrap=True, overflow="ellipsis", ratio=1)
        table.add_column("Cost a year", justify="right", no_wrap=True)
        if marginal:
            table.add_column("Adds", justify="right", no_wrap=True)
        robust = plan.robustness
        if robust is not None:
            table.add_column("Draws", justify="right", no_wrap=True)
        for item in plan.strategy:
            a = item.assessment
            row = [str(item.rank), a.instrument, safe(a.name),
                   money(a.cost, cur) + ("" if a.cost_source == "profile" else "*")]
            if marginal:
                row.append(f"{item.marginal_value:.3f}")
            if robust is not None:
                r = robust.of(a.instrument)
                row.append(share(r.inclusion) if r else "–")
            table.add_row(*row)
            design = design_text(a)
            if design:  # the design is part of what is recommended: it goes with the entry, wrapped, never cut
                table.add_row("", "", Text(visible(design), no_wrap=False, overflow="fold", style="italic"))
        return table

    @staticmethod
    def _robustness(plan: Plan) -> list:
        """--detail: every instrument in the strategy in some draw, with its shares, then what moves it."""
        r = plan.robustness
        table = Table(title="Robustness: share of draws in the strategy, and at each rank", title_justify="left",
                      expand=True)
        depth = min(5, max((len(i.rank_acceptability) for i in r.instruments), default=0))
        for col in ("Instrument", "Plan", "In", *[f"#{k}" for k in range(1, depth + 1)], "Above next"):
            table.add_column(col, justify="left" if col == "Instrument" else "right", no_wrap=True)
        for k, i in enumerate(r.instruments):
            if not i.inclusion and i.rank is None:
                continue
            following = r.instruments[k + 1].instrument if k + 1 < len(r.instruments) else None
            above_next = dict(i.winning).get(following)
            table.add_row(i.instrument, "–" if i.rank is None else str(i.rank),
                          Text(share(i.inclusion), style="bold green" if i.inclusion >= r.core_threshold else ""),
                          *[share(v) for v in i.rank_acceptability[:depth]],
                          "–" if above_next is None else share(above_next))
        out = [table, Text("Robust core: " + (", ".join(r.core) or "none") + ". Fragile picks: "
                           + (", ".join(r.fragile) or "none") + ".")]
        if r.sensitivity:
            lines = Text("Inputs that move the strategy most:", style="bold")
            for s in r.sensitivity:
                lines.append("\n  " + visible(sensitivity_text(s)), style="")
            out.append(lines)
        out.append(Text(visible(robustness_note(r)) + ".", style="dim"))
        return out

    def _detailed_strategy(self, plan: Plan, cur: str) -> list:
        return [Text("Strategy (steps 3-4), best first", style="italic"), *(self._item(i, cur) for i in plan.strategy)]

    def _undone(self, plan: Plan, cur: str) -> list:
        """The budget, how the set was chosen, and what the strategy leaves undone."""
        out = []
        if plan.budget:
            out.append(Text(f"Budget {money(plan.budget['amount'], cur)} a year: {money(plan.budget_used, cur)} used, "
                            f"{money(plan.budget_left, cur)} left."))
        elif plan.strategy:
            out.append(Text(f"No budget given: the strategy costs {money(plan.budget_used, cur)} a year."))
        if plan.portfolio is not None:
            if out:
                out[-1].append(" " + portfolio_line(plan.portfolio))
            else:
                out.append(Text(portfolio_line(plan.portfolio)))
        if plan.unserved:
            lines = Text("Deficits left unserved:", style="bold")
            for u in plan.unserved:
                lines.append("\n  " + visible(unserved_line(u, instruments=self.detail)), style="")
            out.append(lines)
        if plan.redundant_pairs:
            out.append(Text(redundant_line(plan.redundant_pairs)))
        return out

    @staticmethod
    def _pointer(plan: Plan) -> str:
        counts = [f"{len(entries)} {name}" for name, entries in (
            ("deferred", plan.deferred), ("discarded", [s for s in plan.discarded if s.reason != "no_deficit"]),
            ("already in place", plan.in_place), ("assumption(s)", plan.assumptions)) if entries]
        lead = ("; ".join(counts) + ". ") if counts else ""
        if any(i.assessment.cost_source != "profile" for i in plan.strategy):
            lead = INDICATIVE + ". " + lead
        return (lead + "More: `toolbox plan PROFILE --detail` (diagnosis, who contributes what, set-asides) and "
                "`toolbox explain PROFILE INSTRUMENT` (any score).")

    @staticmethod
    def _set_asides(plan: Plan, cur: str) -> list:
        parts = []
        for title, entries in (("Already in place", plan.in_place), ("Deferred", plan.deferred),
                               ("Discarded", [s for s in plan.discarded if s.reason != "no_deficit"])):
            if entries:
                t = Table(title=title, title_justify="left", expand=True)
                t.add_column("Instrument")
                t.add_column("Reason")
                t.add_column("Detail")
                for s in entries:
                    t.add_row(s.instrument, REASON_TEXT.get(s.reason, s.reason), safe(set_aside_text(s, cur)))
                parts.append(t)
        idle = [s.instrument for s in plan.discarded if s.reason == "no_deficit"]
        if idle:
            parts.append(Text(f"Not relevant here (no deficit in their mechanisms): {', '.join(idle)}", style="dim"))
        if plan.excluded_agents:
            parts.append(safe("Agents left out: " + "; ".join(f"{e.agent.id} ({e.reason})" for e in plan.excluded_agents)))
        for note in plan.assumptions:
            parts.append(safe(f"Assumption: {note}", style="yellow"))
        return parts

    @staticmethod
    def _item(item, cur: str) -> Group:
        a = item.assessment
        head = Text()
        head.append(f"{item.rank:>3}. ", style="bold")
        head.append(a.instrument, style="bold")
        head.append(f"   adds {item.marginal_value:.3f}   {money(a.cost, cur)}/year" + ("" if a.cost_source == "profile" else "*"))
        if a.needs_other_field:
            head.append(f"   needs {a.policy_field}", style="magenta")
        body = safe(a.name)
        body.append("\nacts on: " + ", ".join(f"{t.mechanism} (deficit {t.deficit})" for t in a.terms), style="cyan")
        if design_text(a):
            body.append("\n" + visible(design_text(a)))
        body.append("\nwho: " + visible(who_line(item.contributions, limit=WHO_LIMIT)))
        return Group(head, Padding(body, (0, 0, 1, 5)))

    def explanation(self, e: Explanation) -> str:
        from toolbox.render.overlay_text import overlay_lines

        lines = [visible(line) for line in explanation_lines(e) + overlay_lines(e.kb_overlay)]
        return self._text(Panel(Text("\n".join(lines[1:])), title=Text(lines[0]), title_align="left"))



def _gaps_and_organisation(plan: Plan, detail: bool) -> list:
    """The programmes × gaps and the cluster organisation: a line each in the summary, whole with --detail."""
    if plan.gaps is None and plan.organisation is None:
        return []
    from toolbox.render import gaps_render, gaps_text

    if detail:
        return [*(gaps_render.gaps_renderables(plan.gaps) if plan.gaps else ()),
                *(gaps_render.organisation_renderables(plan.organisation) if plan.organisation else ())]
    lines = ([gaps_text.summary_line(plan.gaps)] if plan.gaps else []) + (
        [gaps_text.summary_line_organisation(plan.organisation)] if plan.organisation else [])
    return [Text(visible(line)) for line in lines]


def _evidence(plan: Plan, detail: bool) -> list:
    """The summary gets the map's line and which observations came from data; --detail every figure."""
    from toolbox.render.evidence_text import evidence_lines, summary_lines

    if detail:
        return [safe(line, style="dim" if line.startswith("Data: ") else "") for line in
                evidence_lines(plan.cluster, plan.mechanisms)]
    return [safe(line) for line in summary_lines(plan.cluster, plan.mechanisms)]


def plan(result: Plan, options) -> str:
    return TerminalRenderer(color=options.color, width=options.width, detail=options.detail).plan(result)


def explanation(result: Explanation, options) -> str:
    return TerminalRenderer(color=options.color, width=options.width).explanation(result)
