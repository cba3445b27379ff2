"""The knowledge base on the terminal: tables for `kb list`, a full record for `kb show`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import LEVELS
from toolbox.render.console import to_text


class KbRenderer:
    def __init__(self, color: bool = False, width: int = 100):
        self.color = color
        self.width = width

    def _text(self, *renderables) -> str:
        return to_text(*renderables, color=self.color, width=self.width)

    def list_mechanisms(self, kb: KnowledgeBase, level: str | None) -> str:
        t = Table(title=f"Mechanisms ({len(kb.mechanisms)}), Benner Table 2", title_justify="left", expand=True)
        t.add_column("id")
        t.add_column("name", ratio=2)
        for lv in ([level] if level else LEVELS):
            t.add_column(lv[:5] if not level else lv)
        t.add_column("empirical")
        t.add_column("policy")
        t.add_column("instr.", justify="right")
        for m in kb.mechanisms.values():
            strengths = [getattr(m.strength, lv) for lv in ([level] if level else LEVELS)]
            t.add_row(m.id, m.name, *strengths, m.empirical_support.rating, m.policy_influence.rating,
                      str(len(kb.instruments_for(m.id))))
        return self._text(t)

    def list_instruments(self, kb: KnowledgeBase, level: str | None) -> str:
        rows = list(kb.instruments.values())
        if level:
            rows = [i for i in rows if any(kb.agents[c.agent].level == level for c in kb.contributions_to(i.id))]
        title = f"Instruments ({len(rows)}), Benner Table 3" + (f", with contributors on the {level} level" if level else "")
        t = Table(title=title, title_justify="left", expand=True)
        for col in ("id", "mechanisms", "cost", "distortion", "time", "field"):
            t.add_column(col)
        for i in rows:
            t.add_row(i.id, "\n".join(i.mechanisms), i.cost_class, i.distortion_risk, i.time_to_effect, i.policy_field)
        return self._text(t)

    def list_agents(self, kb: KnowledgeBase, level: str | None) -> str:
        rows = [a for a in kb.agents.values() if level is None or a.level == level]
        t = Table(title=f"Agent types ({len(rows)}), Benner Table 4", title_justify="left", expand=True)
        for col in ("id", "group", "level", "instruments"):
            t.add_column(col, justify="right" if col == "instruments" else "left")
        for a in rows:
            t.add_row(a.id, a.group, a.level, str(len(kb.contributions_of(a.id))))
        return self._text(t)

    def show(self, kb: KnowledgeBase, kind: str, record) -> str:
        t = Table(show_header=False, expand=True, box=None)
        t.add_column("field", style="bold", no_wrap=True)
        t.add_column("value")
        t.add_row("id", record.id)
        t.add_row("kind", kind)
        t.add_row("name", record.name)
        t.add_row("description", record.description)
        if kind == "mechanism":
            for lv in LEVELS:
                t.add_row(f"strength, {lv}", getattr(record.strength, lv))
            t.add_row("dimensions", ", ".join(record.dimensions))
            es, pi = record.empirical_support, record.policy_influence
            t.add_row("empirical support", f"{es.rating}: {es.rationale}")
            for ref in es.references:
                t.add_row("", f"- {ref.document}, {ref.locator}" + (f" ({ref.cites})" if ref.cites else ""))
            t.add_row("policy influence", f"{pi.rating}, {pi.mode}, via {pi.via}: {pi.rationale}")
            instruments = kb.instruments_for(record.id)
            t.add_row(f"instruments ({len(instruments)})", "\n".join(i.id for i in instruments))
        elif kind == "instrument":
            if record.variants:
                t.add_row("also worded", "\n".join(record.variants))
            t.add_row("mechanisms", "\n".join(record.mechanisms))
            cc = kb.cost_classes[record.cost_class]
            t.add_row("cost (indicative)", f"{cc.id}: {cc.min:,.0f}-{cc.max:,.0f} EUR a year, typical {cc.typical:,.0f}")
            t.add_row("distortion risk", record.distortion_risk)
            t.add_row("time to effect", record.time_to_effect)
            t.add_row("delivery", record.delivery)
            t.add_row("policy field", record.policy_field)
            t.add_row("gaps bridged", ", ".join(record.gaps))
            by_level: dict[str, list[str]] = {}
            for c in kb.contributions_to(record.id):
                by_level.setdefault(kb.agents[c.agent].level, []).append(f"{c.agent}: {', '.join(c.types)}")
            for lv in LEVELS:
                if lv in by_level:
                    t.add_row(f"contributions, {lv}", "\n".join(by_level[lv]))
            for s in kb.contribution_sources.get(record.id, ()):
                t.add_row("contributions source", s.cites() + (f": {s.rationale}" if s.rationale else ""))
        else:
            t.add_row("group", record.group)
            t.add_row("level", record.level)
            t.add_row("kind", record.kind)
            found = kb.contributions_of(record.id)
            t.add_row(f"contributes to ({len(found)})", "\n".join(f"{c.instrument}: {', '.join(c.types)}" for c in found))
        t.add_row("source", record.source.cites())
        if record.source.rationale:
            t.add_row("", Text(record.source.rationale))
        return self._text(t)
