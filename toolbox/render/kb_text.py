"""The knowledge base on the terminal: tables for `kb list`, a full record for `kb show`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from toolbox.kb.listing import Listing
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import LEVELS
from toolbox.render.console import safe, to_text
from toolbox.safe_text import visible


def lines(values) -> Text:
    """One value per line: the line breaks are the tool's, anything inside a value is escaped."""
    return Text("\n".join(visible(v) for v in values))


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

    @staticmethod
    def _row(t: Table, *cells) -> None:
        """A row of values that may come from an overlay: each shown escaped (`lines` for the tool's lists)."""
        t.add_row(*(c if isinstance(c, Text) else safe(c) for c in cells))

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
            head = Text(visible(row["id"]), style="bold")
            head.append("\n" + visible(row["name"]), style="dim")
            strength = ", ".join(f"{c.removeprefix('strength_')} {row[c]}" for c in strengths)
            lines = [f"strength: {strength}"] if strengths else []
            lines += [f"{LABELS.get(c, c)}: {_value(row[c])}" for c in others]
            t.add_row(head, Text("\n".join(visible(line) for line in lines)))
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
            cost = record.cost
            self._row(t, "cost (indicative)", f"{cost.typical:,.0f} EUR a year, range {cost.low:,.0f}-{cost.high:,.0f} "
                                              f"(class {record.cost_class}): {cost.basis}")
            self._row(t, "distortion risk", record.distortion_risk)
            self._row(t, "time to effect", record.time_to_effect)
            self._row(t, "years to effect", f"{record.years_to_effect()}"
                      + (f": {record.effect_years.rationale}" if record.effect_years else " (the class's usual value)"))
            if record.delivery == "project":
                self._row(t, "duration", f"{record.years_running()} year(s)"
                          + (f": {record.duration.rationale}" if record.duration else " (assumed)"))
            else:
                self._row(t, "running cost", f"{record.running_share():.0%} of the annual cost every year"
                          + (f": {record.running_cost.rationale}" if record.running_cost else " (assumed)"))
            self._row(t, "delivery", record.delivery)
            self._row(t, "policy field", record.policy_field)
            if record.influence is not None:
                self._row(t, "influence", f"{record.influence.mode}: {record.influence.rationale}")
            self._row(t, "gaps bridged", ", ".join(record.gaps))
            if record.monitoring is not None:
                self._row(t, "monitoring", lines(f"{kb.monitoring_measures[i.measure].level}, {i.measure}: {i.name}"
                                                 for i in record.monitoring.indicators))
                self._row(t, "", record.monitoring.rationale)
            for name, value, rationale in (
                    ("spillover channels", record.spillover_channels and ", ".join(record.spillover_channels.channels),
                     record.spillover_channels and record.spillover_channels.rationale),
                    ("failures", record.failures and ", ".join(record.failures.failures),
                     record.failures and record.failures.rationale),
                    ("approach", record.approach and record.approach.approach,
                     record.approach and record.approach.rationale),
                    ("digital form", record.digital_form and record.digital_form.form,
                     record.digital_form and record.digital_form.rationale)):
                if value:
                    self._row(t, name, f"{value}: {rationale}")
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


def listing(result: Listing, options) -> str:
    return KbRenderer(color=options.color, width=options.width).listing(result)


def record(result: tuple[str, object], options) -> str:
    """`result` is (kind, record), as `KnowledgeBase.record` finds it; `options.kb` holds its links."""
    return KbRenderer(color=options.color, width=options.width).show(options.kb, *result)
