"""The multicausality audit on the terminal: scope and summary, then one table per question."""

from __future__ import annotations

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from toolbox.audit.multicausality import Audit, Overlap
from toolbox.engine.deficits import NEED_FORMULA
from toolbox.render.common import REASON_TEXT, STATUS_TEXT, weights_note
from toolbox.render.console import to_text
from toolbox.safe_text import visible

WEIGHTING_TEXT = {
    "count": "whole knowledge base; every mechanism weighs 1, so reach = number of mechanisms",
    "strength": "mechanisms weighted by their Table 2 strength on the {level} level (weak 1, medium 2, strong 3)",
    "need": f"mechanisms weighted by the plan's need ({NEED_FORMULA})",
}
AGENT_BASIS_TEXT = {
    "all": "every agent type of Table 4",
    "level": "the agent types of the {level} level",
    "profile": "the plan's agents (present and willing, or the level's standard set)",
}


def _outcome(outcome: str | None, reason: str | None) -> str:
    if outcome is None:
        return ""
    if outcome == "strategy":
        return "strategy"
    if outcome == "not_scored":
        return f"not scored ({(reason or '').replace('_', ' ')})"
    if outcome == "in_place":
        return "in place"
    return f"{outcome}: {REASON_TEXT.get(reason or '', reason)}"


class AuditTerminalRenderer:
    def __init__(self, color: bool = False, width: int = 100, top: int = 15):
        self.color = color
        self.width = width
        self.top = top

    def _text(self, *renderables) -> str:
        return to_text(*renderables, color=self.color, width=self.width)

    def _cut(self, rows: tuple) -> tuple[tuple, int]:
        if self.top <= 0 or len(rows) <= self.top:
            return rows, 0
        return rows[:self.top], len(rows) - self.top

    @staticmethod
    def _more(hidden: int) -> Text:
        return Text(f"… {hidden} more (--top 0 shows all; --format json or csv holds every row)", style="dim")

    def audit(self, a: Audit) -> str:
        s, sm = a.scope, a.summary
        profile = s.weighting == "need"
        head = Text()
        if profile:
            head.append(visible(f"{s.cluster} in {s.region}"), style="bold")
            head.append(f"  ·  {s.level} level  ·  verdict {s.verdict}\n")
        elif s.level:
            head.append(f"{s.level} level\n", style="bold")
        head.append("Weighting: " + WEIGHTING_TEXT[s.weighting].format(level=s.level) + "\n")
        head.append(f"Table 3: {sm.instruments} instruments, {sm.mechanisms} mechanisms, {sm.links} links; "
                    f"{sm.multicausal} instruments act on two or more mechanisms (mean {sm.mean_mechanisms:.2f}); "
                    f"{sm.overlapping_pairs} pairs of instruments share a mechanism.")
        parts: list = [Panel(head, title="Multicausality audit", title_align="left")]

        rows, hidden = self._cut(a.instruments)
        t = Table(title="Instruments by weighted reach", title_justify="left", expand=True)
        t.add_column("#", justify="right", no_wrap=True)
        _id_column(t, "Instrument, and its mechanisms" + (" (* deficient)" if profile else ""),
                   [i.id for i in rows])
        t.add_column("Mech.", justify="right", no_wrap=True)
        t.add_column("Reach", justify="right", no_wrap=True)
        if profile:
            t.add_column("Plan", overflow="fold")
        t.add_column("Cover", justify="center", no_wrap=True)
        for i in rows:
            cell = Text(i.id + "\n")
            for k, m in enumerate(i.mechanisms):
                cell.append(("" if k == 0 else ", ") + m + ("*" if m in i.deficient else ""),
                            style="bold" if m in i.deficient else "dim")
            cells = [str(i.rank), cell, str(i.mechanism_count), f"{i.reach:.3f}" if profile else f"{i.reach:g}"]
            if profile:
                cells.append(_outcome(i.outcome, i.reason))
            cells.append("yes" if i.in_cover else "")
            t.add_row(*cells)
        parts.append(t)
        if hidden:
            parts.append(self._more(hidden))

        t = Table(title="Mechanisms: how many instruments reach each", title_justify="left", expand=True)
        _id_column(t, "Mechanism", [m.id for m in a.mechanisms])
        t.add_column("Instr.", justify="right", no_wrap=True)
        t.add_column("Weight", justify="right", no_wrap=True)
        if profile:
            t.add_column("Strat.", justify="right", no_wrap=True)
        t.add_column("Status and flags" if profile else "Flags", overflow="fold")
        for m in a.mechanisms:
            flags = []
            if m.thin:
                flags.append(f"thin (≤ {a.thresholds['thin_max_instruments']})")
            if m.unserved:
                flags.append("deficit not served by the strategy")
            cells = [m.id, str(m.instrument_count), f"{m.weight:.3f}" if profile else f"{m.weight:g}"]
            status = Text()
            if profile:
                cells.append(str(len(m.strategy_instruments or ())))
                status.append(STATUS_TEXT.get(m.status or "", m.status or "")
                              + (f" {m.deficit}" if m.status == "deficit" else ""))
            if flags:
                status.append(("; " if status else "") + "; ".join(flags), style="yellow")
            cells.append(status)
            t.add_row(*cells)
        parts.append(t)

        rows, hidden = self._cut(a.overlaps)
        parts.append(self._pairs("Overlap: pairs of instruments sharing mechanisms (Jaccard)", rows))
        if hidden:
            parts.append(self._more(hidden))
        if profile:
            if a.redundant:
                rows, hidden = self._cut(a.redundant)
                parts.append(self._pairs(
                    f"Possibly redundant in the strategy ({len(a.redundant)} pairs): Jaccard on the deficient "
                    f"mechanisms ≥ {a.thresholds['redundant_jaccard']:g}", rows))
                if hidden:
                    parts.append(self._more(hidden))
            else:
                parts.append(Text("No pair of recommended instruments overlaps that much on the deficient mechanisms.",
                                  style="dim"))

        c = a.cover
        kind = "deficient mechanism" if profile else "mechanism"
        covered = len(c.target) - len(c.uncoverable)
        what = (f"{covered} of the {len(c.target)} {kind}s (no instrument reaches the others)" if c.uncoverable
                else f"every {kind} ({covered})")
        if c.proven:
            count = f"at least {c.count}" if c.count_capped else str(c.count)
            head = (f"Minimum cover: {c.size} instrument(s) together reach {what}. "
                    f"{count} minimum cover(s) exist; shown: the one with the largest total reach, then alphabetical.")
        else:
            head = (f"Cover, best found, not proven minimal: {c.size} instrument(s) together reach {what}. "
                    f"The search stopped at its time limit of {a.thresholds['cover_time_limit_s']:g} s.")
        t = Table(title=head, title_justify="left", expand=True)
        _id_column(t, "Instrument" + (", and the plan's outcome" if profile else ""), [i for i, _ in c.by_instrument()])
        t.add_column("Mechanisms it reaches", overflow="fold")
        outcome = {i.id: _outcome(i.outcome, i.reason) for i in a.instruments}
        for i, reached in c.by_instrument():
            t.add_row(Text(i) + (Text("\n" + outcome[i], style="dim") if profile else Text()), ", ".join(reached))
        parts.append(t if c.size else Text("Minimum cover: nothing to cover (no target mechanism).", style="dim"))
        if c.uncoverable:
            parts.append(Text("No instrument reaches: " + ", ".join(c.uncoverable), style="yellow"))

        rows, hidden = self._cut(a.agents)
        basis = AGENT_BASIS_TEXT[s.agent_basis].format(level=s.level)
        t = Table(title=f"Key agents: {basis}; {sm.agents} agent types, {len(s.agent_instruments)} instruments",
                  title_justify="left", expand=True)
        # agent ids run to 50 characters: the figures go beside the id, one to a line, so that the id stays whole
        _id_column(t, "Agent, its group and level", [k.id for k in rows])
        t.add_column("Figures", overflow="fold")
        for k in rows:
            figures = [f"rank {k.rank}", f"instruments {k.instruments}", f"share {k.degree_share:.2f}",
                       f"betweenness {k.betweenness:.4f}"]
            if profile:
                figures.append(f"in strategy {k.strategy_instruments}")
            t.add_row(Text(k.id) + Text(f"\n{k.group}, {k.level}", style="dim"), "\n".join(figures))
        parts.append(t)
        if hidden:
            parts.append(self._more(hidden))
        used = "" if a.weights_source is None else "; " + visible(weights_note(a.weights_source, a.weights_hash))
        parts.append(Text(f"Knowledge base {a.kb_version}{used}. Table 3's links are contingent, not guaranteed effects. "
                          "docs/audit.md explains every number.", style="dim"))
        return self._text(*parts)

    @staticmethod
    def _pairs(title: str, pairs: tuple[Overlap, ...] | list[Overlap]) -> Table:
        t = Table(title=title, title_justify="left", expand=True)
        _id_column(t, "Pair of instruments", [x for o in pairs for x in (o.a, o.b)])
        t.add_column("Jaccard", justify="right", no_wrap=True)
        t.add_column("Mechanisms both reach", overflow="fold")
        for o in pairs:
            t.add_row(f"{o.a}\n{o.b}", f"{o.jaccard:.2f}", ", ".join(o.shared))
        return t


def _id_column(t: Table, header: str, ids: list[str]) -> None:
    """A column whose first line per row is an id, exactly as wide as the longest id, so that none is split.

    A fixed width, because rich narrows a column below its minimum when the table is too wide and then
    crops the table; the other columns wrap instead. The header and the lines below each id wrap at spaces.
    """
    t.add_column(header, width=max([1, *map(len, ids)]), overflow="fold")


def audit(result: Audit, options) -> str:
    return AuditTerminalRenderer(color=options.color, width=options.width, top=options.top or 0).audit(result)
