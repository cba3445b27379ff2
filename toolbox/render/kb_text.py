"""The knowledge base on the terminal: tables for `kb list`, a full record for `kb show`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import LEVELS
from toolbox.render.console import safe, to_text
from toolbox.safe_text import visible


def lines(values) -> Text:
    """One value per line: the line breaks are the tool's, anything inside a value is escaped."""
    return Text("\n".join(visible(v) for v in values))


class KbRenderer:
    def __init__(self, color: bool = False, width: int = 100):
        self.color = color
        self.width = width

    def _text(self, *renderables) -> str:
        return to_text(*renderables, color=self.color, width=self.width)

    @staticmethod
    def _row(t: Table, *cells) -> None:
        """A row of values that may come from an overlay: each shown escaped (`lines` for the tool's lists)."""
        t.add_row(*(c if isinstance(c, Text) else safe(c) for c in cells))

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
            self._row(t, m.id, m.name, *strengths, m.empirical_support.rating, m.policy_influence.rating,
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
            self._row(t, i.id, lines(i.mechanisms), i.cost_class, i.distortion_risk, i.time_to_effect, i.policy_field)
        return self._text(t)

    def list_agents(self, kb: KnowledgeBase, level: str | None) -> str:
        rows = [a for a in kb.agents.values() if level is None or a.level == level]
        t = Table(title=f"Agent types ({len(rows)}), Benner Table 4", title_justify="left", expand=True)
        for col in ("id", "group", "level", "instruments"):
            t.add_column(col, justify="right" if col == "instruments" else "left")
        for a in rows:
            self._row(t, a.id, a.group, a.level, str(len(kb.contributions_of(a.id))))
        return self._text(t)

    def show(self, kb: KnowledgeBase, kind: str, record) -> str:
        t = Table(show_header=False, expand=True, box=None)
        t.add_column("field", style="bold", no_wrap=True)
        t.add_column("value")
        self._row(t, "id", record.id)
        self._row(t, "kind", kind)
        self._row(t, "name", record.name)
        self._row(t, "description", record.description)
        if kind == "mechanism":
            for lv in LEVELS:
                self._row(t, f"strength, {lv}", getattr(record.strength, lv))
            self._row(t, "dimensions", ", ".join(record.dimensions))
            es, pi = record.empirical_support, record.policy_influence
            self._row(t, "empirical support", f"{es.rating}: {es.rationale}")
            for ref in es.references:
                self._row(t, "", f"- {ref.document}, {ref.locator}" + (f" ({ref.cites})" if ref.cites else ""))
            self._row(t, "policy influence", f"{pi.rating}, {pi.mode}, via {pi.via}: {pi.rationale}")
            instruments = kb.instruments_for(record.id)
            self._row(t, f"instruments ({len(instruments)})", lines(i.id for i in instruments))
        elif kind == "instrument":
            if record.variants:
                self._row(t, "also worded", lines(record.variants))
            self._row(t, "mechanisms", lines(record.mechanisms))
            cc = kb.cost_classes[record.cost_class]
            self._row(t, "cost (indicative)", f"{cc.id}: {cc.min:,.0f}-{cc.max:,.0f} EUR a year, typical {cc.typical:,.0f}")
            self._row(t, "distortion risk", record.distortion_risk)
            self._row(t, "time to effect", record.time_to_effect)
            self._row(t, "delivery", record.delivery)
            self._row(t, "policy field", record.policy_field)
            self._row(t, "gaps bridged", ", ".join(record.gaps))
            by_level: dict[str, list[str]] = {}
            for c in kb.contributions_to(record.id):
                by_level.setdefault(kb.agents[c.agent].level, []).append(f"{c.agent}: {', '.join(c.types)}")
            for lv in LEVELS:
                if lv in by_level:
                    self._row(t, f"contributions, {lv}", lines(by_level[lv]))
            for s in kb.contribution_sources.get(record.id, ()):
                self._row(t, "contributions source", s.cites() + (f": {s.rationale}" if s.rationale else ""))
        else:
            self._row(t, "group", record.group)
            self._row(t, "level", record.level)
            self._row(t, "kind", record.kind)
            found = kb.contributions_of(record.id)
            self._row(t, f"contributes to ({len(found)})", lines(f"{c.instrument}: {', '.join(c.types)}" for c in found))
        self._row(t, "source", record.source.cites())
        if record.source.rationale:
            self._row(t, "", safe(record.source.rationale))
        return self._text(t)
