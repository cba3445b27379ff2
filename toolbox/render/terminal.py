"""A plan on the terminal: verdict, diagnosis, ranked strategy with contributors, then what was set aside."""

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
    set_aside_text,
    unserved_text,
    weights_note,
    who_line,
)
from toolbox.render.console import safe, to_text
from toolbox.safe_text import visible

WHO_LIMIT = 8
"""Contributors named per instrument on the terminal; the other formats name all."""
VERDICT_STYLE = {"strategy": "green", "no_cluster_potential": "yellow", "no_justification": "yellow",
                 "nothing_assessed": "yellow", "nothing_worth_cost": "yellow"}
STATUS_STYLE = {"deficit": "bold red", "attained": "green", "exceeds": "green", "unassessed": "yellow", "discarded": "dim"}


class TerminalRenderer:
    def __init__(self, color: bool = False, width: int = 100):
        self.color = color
        self.width = width

    def _text(self, *renderables) -> str:
        return to_text(*renderables, color=self.color, width=self.width)

    def plan(self, plan: Plan) -> str:
        cur = currency_of(plan)
        r, c = plan.region, plan.cluster
        head = Text()
        head.append(visible(f"{c['name']} in {r['name']}"), style="bold")
        head.append(f"  ·  {r['level']} level  ·  potential {c['potential']}")
        if plan.budget:
            head.append(f"  ·  budget {money(plan.budget['amount'], cur)}/year")
        verdict = safe(plan.verdict.message, style=VERDICT_STYLE.get(plan.verdict.code, ""))
        parts = [Panel(Group(head, verdict), title=f"Verdict: {plan.verdict.code}", title_align="left")]
        for c in plan.cautions:
            parts.append(safe(f"Check the profile: {caution_text(c)}", style="bold yellow"))

        diag = Table(title="Mechanism diagnosis (steps 1-2)", title_justify="left", expand=True)
        for col in ("Mechanism", "Observed", "Attainable", "Deficit", "Status", "Need"):
            diag.add_column(col, justify="right" if col in ("Deficit", "Need") else "left")
        for m in plan.mechanisms:
            diag.add_row(m.id, m.observed if m.possible else "–", safe(attainable_text(m)),
                         "–" if m.deficit is None else str(m.deficit),
                         Text(STATUS_TEXT[m.status], style=STATUS_STYLE[m.status]), f"{m.need:.3f}")
        parts.append(diag)

        if plan.strategy:
            parts.append(Text("Strategy (steps 3-4), in order of what each adds given those above it", style="italic"))
            for item in plan.strategy:
                parts.append(self._item(item, cur))
            if any(i.assessment.cost_source != "profile" for i in plan.strategy):
                parts.append(Text("* indicative cost (an editorial order of magnitude); set local figures under 'costs'",
                                  style="dim"))

        if plan.verdict.to_assess and plan.verdict.code == "nothing_assessed":
            parts.append(Text("To assess: " + ", ".join(plan.verdict.to_assess), style="yellow"))
        if plan.unserved:
            parts.append(Text("Deficits the strategy leaves unserved:", style="bold"))
            for u in plan.unserved:
                parts.append(safe(f"  {unserved_text(u)}"))
        if plan.redundant_pairs:
            parts.append(Text("Possibly redundant pairs (same mechanisms): "
                              + "; ".join(f"{a} / {b}" for a, b in plan.redundant_pairs)))
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
        parts.append(Text(f"Knowledge base {plan.kb_version}; {visible(weights_note(plan.weights_source, plan.weights_hash))}. Effects are contingent, not guaranteed. "
                          "Run `toolbox explain PROFILE INSTRUMENT` for any score.", style="dim"))
        return self._text(*parts)

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
        lines = [visible(line) for line in explanation_lines(e)]
        return self._text(Panel(Text("\n".join(lines[1:])), title=Text(lines[0]), title_align="left"))



def plan(result: Plan, options) -> str:
    return TerminalRenderer(color=options.color, width=options.width).plan(result)


def explanation(result: Explanation, options) -> str:
    return TerminalRenderer(color=options.color, width=options.width).explanation(result)
