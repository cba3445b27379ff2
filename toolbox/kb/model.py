"""The validated knowledge base: every record by id, and the contribution matrix expanded per agent type."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from toolbox.kb.overlay import KbOverlay
from toolbox.kb.records import (
    Agent,
    AgentGroup,
    CostClass,
    Document,
    Instrument,
    Mechanism,
    Source,
    Term,
)


class Contribution(NamedTuple):
    """What one agent type can contribute to one instrument."""

    instrument: str
    agent: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """Mechanisms, instruments, agents and contributions, in file order, keyed by id."""

    documents: dict[str, Document]
    levels: dict[str, Term]
    agent_groups: dict[str, AgentGroup]
    dimensions: dict[str, Term]
    gaps: dict[str, Term]
    policy_fields: dict[str, Term]
    contribution_types: dict[str, Term]
    cost_classes: dict[str, CostClass]
    mechanisms: dict[str, Mechanism]
    instruments: dict[str, Instrument]
    agents: dict[str, Agent]
    contributions: tuple[Contribution, ...]
    contribution_sources: dict[str, tuple[Source, ...]]
    layers: tuple[str, ...] = ()
    fingerprint: str = ""
    monitoring_levels: dict[str, Term] = field(default_factory=dict)
    monitoring_measures: dict[str, Term] = field(default_factory=dict)
    spillover_axes: dict[str, Term] = field(default_factory=dict)
    spillover_channels: dict[str, Term] = field(default_factory=dict)
    failures: dict[str, Term] = field(default_factory=dict)
    policy_approaches: dict[str, Term] = field(default_factory=dict)
    digital_forms: dict[str, Term] = field(default_factory=dict)
    exchange_conditions: dict[str, Term] = field(default_factory=dict)
    social_mechanisms: dict[str, Term] = field(default_factory=dict)
    hindering_behaviours: dict[str, Term] = field(default_factory=dict)
    overlay: KbOverlay | None = None
    """With user directories: which they are and what they change against the shipped knowledge base."""

    @property
    def version(self) -> str:
        """Identifies this exact content: the tool's version and a hash of the data files read."""
        from toolbox import __version__

        return f"{__version__}+kb.{self.fingerprint[:12]}"

    @cached_property
    def _by_instrument(self) -> dict[str, tuple[Contribution, ...]]:
        out: dict[str, list[Contribution]] = {i: [] for i in self.instruments}
        for c in self.contributions:
            out[c.instrument].append(c)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _by_agent(self) -> dict[str, tuple[Contribution, ...]]:
        out: dict[str, list[Contribution]] = {a: [] for a in self.agents}
        for c in self.contributions:
            out[c.agent].append(c)
        return {k: tuple(v) for k, v in out.items()}

    def contributions_to(self, instrument_id: str) -> tuple[Contribution, ...]:
        return self._by_instrument.get(instrument_id, ())

    def contributions_of(self, agent_id: str) -> tuple[Contribution, ...]:
        return self._by_agent.get(agent_id, ())

    def instruments_for(self, mechanism_id: str) -> list[Instrument]:
        return [i for i in self.instruments.values() if mechanism_id in i.mechanisms]

    def agents_on(self, level: str) -> list[Agent]:
        return [a for a in self.agents.values() if a.level == level]

    def record(self, record_id: str) -> tuple[str, object] | None:
        """(kind, record) for any id in the knowledge base."""
        for kind, table in (("mechanism", self.mechanisms), ("instrument", self.instruments), ("agent", self.agents)):
            if record_id in table:
                return kind, table[record_id]
        return None

    def all_ids(self) -> list[str]:
        return [*self.mechanisms, *self.instruments, *self.agents]
