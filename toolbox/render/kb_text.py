"""The knowledge base on the terminal: tables for `kb list`, a full record for `kb show`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from toolbox.kb.listing import Listing
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import LEVELS
from toolbox.render.console import to_text

TITLES = {"mechanisms": "Mechanisms ({n}), Benner Table 2", "instruments": "Instruments ({n}), Benner Table 3",
          "agents": "Agent types ({n}), Benner Table 4"}
LEVEL_TITLES = {"instruments": ", with contributors on the {level} level"}
LABELS = {"empirical_support": "empirical support",
          "policy_influence": "policy influence", "cost_class": "cost", "distortion_risk": "distortion",
          "time_to_effect": "time to effect", "policy_field": "policy field"}


def _title(listing: Listing) -> str:
    title = TITLES[listing.table].format(n=len(listing.rows))
    if listing.level and listing.table in LEVEL_TITLES:
        title += LEVEL_TITLES[listing.table].format(level=listing.level)
    return title


def _value(value) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


class KbRenderer:
    def __init__(self, color: bool = False, width: int = 100):
        self.color = color
        self.width = width

    def _text(self, *renderables) -> str:
        return to_text(*renderables, color=self.color, width=self.width)

    def listing(self, listing: Listing) -> str:
        """One row per record: its id whole (ids are what users type) with the name wrapped below it, and the
        attributes one to a line beside it, so that no id is cut off at any width the ids fit in."""
        t = Table(title=_title(listing), title_justify="left", expand=True, show_lines=True)
        id_width = max([len("id and name"), *(len(r["id"]) for r in listing.rows)])
        t.add_column("id and name", width=id_width, overflow="fold")
        t.add_column("attributes", overflow="fold")
        strengths = [c for c in listing.columns if c.startswith("strength_")]
        others = [c for c in listing.columns if c not in ("id", "name", *strengths)]
        for row in listing.rows:
            head = Text(row["id"], style="bold")
            head.append("\n" + row["name"], style="dim")
            strength = ", ".join(f"{c.removeprefix('strength_')} {row[c]}" for c in strengths)
            lines = [f"strength: {strength}"] if strengths else []
            lines += [f"{LABELS.get(c, c)}: {_value(row[c])}" for c in others]
            t.add_row(head, Text("\n".join(lines)))
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


def listing(result: Listing, options) -> str:
    return KbRenderer(color=options.color, width=options.width).listing(result)


def record(result: tuple[str, object], options) -> str:
    """`result` is (kind, record), as `KnowledgeBase.record` finds it; `options.kb` holds its links."""
    return KbRenderer(color=options.color, width=options.width).show(options.kb, *result)
