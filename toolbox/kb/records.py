"""Closed pydantic schemas of the records in `data/`: an unknown key is an error, never ignored."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

from toolbox.levels import LEVELS, Level  # noqa: F401  (re-exported)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Strength = Literal["weak", "medium", "strong"]
STRENGTH_VALUE = {"weak": 1, "medium": 2, "strong": 3}
"""Table 2's ordinal strengths as numbers; `none` observed is 0."""
Flag = Annotated[bool, Strict()]
"""Only true or false: pydantic's lax mode would also read 1, 'yes', 'off' and a quoted 'true' as booleans."""
Number = Annotated[float, Strict()]
"""A number written as a number: lax mode would also read the text '1.5e6' and take true as 1."""


class Record(BaseModel):
    # defer_build: a validator is built when first used, so that reading the cached knowledge base
    # (toolbox/kb/cache.py) does not pay for building the validators of every record type.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Record):
    """Where a record comes from: a seed document and table, and which of its fields are our assessment."""

    document: Id | None = None
    table: Text | None = None
    assessed: tuple[Id, ...] = ()
    rationale: Text | None = None

    @model_validator(mode="after")
    def _complete(self) -> Source:
        if self.document is None and self.rationale is None:
            raise ValueError("name a document, or give the rationale of the editorial assessment")
        if self.assessed and self.rationale is None:
            raise ValueError("assessed fields need a rationale")
        if self.table is not None and self.document is None:
            raise ValueError("a table needs the document it is in")
        return self

    def cites(self) -> str:
        """A one-line citation, e.g. 'benner, Table 3; assessed: cost_class'."""
        parts = []
        if self.document:
            parts.append(self.document + (f", {self.table}" if self.table else ""))
        if self.document is None:
            parts.append("editorial assessment")
        elif self.assessed:
            parts.append("assessed: " + ", ".join(self.assessed))
        return "; ".join(parts)


class Term(Record):
    id: Id
    name: Text
    description: Text
    source: Source


class Document(Record):
    id: Id
    name: Text
    description: Text
    seed: Text | None = None


class AgentGroup(Term):
    levels: tuple[Level, ...] = LEVELS


class CostClass(Term):
    min: Number = Field(gt=0, le=1e10)
    max: Number = Field(gt=0, le=1e10)
    typical: Number = Field(gt=0, le=1e10)

    @model_validator(mode="after")
    def _ordered(self) -> CostClass:
        if not self.min <= self.typical <= self.max:
            raise ValueError("expected min <= typical <= max")
        return self


class StrengthByLevel(Record):
    supranational: Strength
    national: Strength
    regional: Strength
    local: Strength


class Reference(Record):
    document: Id
    locator: Text
    cites: Text | None = None


class EmpiricalSupport(Record):
    rating: Literal["limited", "moderate", "strong"]
    rationale: Text
    references: tuple[Reference, ...] = ()


class PolicyInfluence(Record):
    rating: Literal["low", "medium", "high"]
    mode: Literal["direct", "indirect"]
    via: Literal["cluster_policy", "other_fields", "both"]
    rationale: Text


class Mechanism(Record):
    id: Id
    name: Text
    description: Text
    strength: StrengthByLevel
    dimensions: tuple[Id, ...] = Field(min_length=1)
    empirical_support: EmpiricalSupport
    policy_influence: PolicyInfluence
    source: Source


class IndicativeCost(Record):
    """An instrument's own indicative annual cost in EUR: the figure planned with and the range it may take."""

    typical: Number = Field(gt=0, le=1e10)
    low: Number = Field(gt=0, le=1e10)
    high: Number = Field(gt=0, le=1e10)
    basis: Text
    """Where the figures come from: a seed passage, or why an editorial order of magnitude."""

    @model_validator(mode="after")
    def _ordered(self) -> IndicativeCost:
        if not self.low <= self.typical <= self.high:
            raise ValueError("expected low <= typical <= high")
        return self


class InstrumentInfluence(Record):
    """How an instrument reaches its mechanisms: the policy barrier's "directly or more indirectly"."""

    mode: Literal["direct", "indirect"]
    """indirect: the instrument delivers nothing itself; it asks another field's decision makers to act."""
    rationale: Text


Whole = Annotated[int, Strict()]
"""A whole number written as one: not 2.0, not the text '2', not true."""


class Years(Record):
    """A number of whole years, with why (an editorial timing assessment)."""

    years: Whole = Field(ge=0, le=30)
    rationale: Text


class RunningCost(Record):
    """A platform service's running cost: the share of its annual cost paid every year from its start."""

    share: Number = Field(gt=0, le=1)
    rationale: Text


TIME_TO_EFFECT_YEARS = {"short": (0, 1), "medium": (2, 3), "long": (4, 30)}
"""The whole years from start to effect that each time_to_effect class spans (data_health checks the data)."""
EFFECT_YEARS_FALLBACK = {"short": 1, "medium": 2, "long": 4}
"""Years to effect for a record that gives no effect_years (an overlay): the class's usual value."""
DURATION_FALLBACK = 2
"""Years a project without a duration (an overlay) runs and costs."""


class MonitoringMeasure(Term):
    """A kind of monitoring indicator, on one of CLUSNET's three levels."""

    level: Id


class SpilloverChannel(Term):
    """One pole of Günther and Meissner's spillover taxonomy, on one of its five axes."""

    axis: Id


class Indicator(Record):
    measure: Id
    """A monitoring measure (data/vocabulary.yaml), which gives the CLUSNET level."""
    name: Text
    """What is counted for this instrument, e.g. 'Job fairs held a year'."""


class Monitoring(Record):
    """An instrument's monitoring indicators: an editorial assessment, with its rationale."""

    indicators: tuple[Indicator, ...] = Field(min_length=1)
    rationale: Text


class SpilloverChannels(Record):
    """The spillover channels an instrument opens: an editorial assessment, with its rationale."""

    channels: tuple[Id, ...] = Field(min_length=1)
    rationale: Text


class FailureRationale(Record):
    """The failures an instrument answers: an editorial assessment, with its rationale."""

    failures: tuple[Id, ...] = Field(min_length=1)
    rationale: Text


class PolicyApproach(Record):
    """The policy approach an instrument belongs to: an editorial assessment, with its rationale."""

    approach: Id
    rationale: Text


class DigitalForm(Record):
    """The online form an instrument can take: an editorial assessment, with its rationale."""

    form: Id
    rationale: Text


class Instrument(Record):
    id: Id
    name: Text
    variants: tuple[Text, ...] = ()
    description: Text
    mechanisms: tuple[Id, ...] = Field(min_length=1)
    cost_class: Id
    cost: IndicativeCost
    distortion_risk: Literal["low", "medium", "high"]
    time_to_effect: Literal["short", "medium", "long"]
    effect_years: Years | None = None
    """Whole years from the start until its coverage counts (0: in the start year). None: the class's usual value."""
    duration: Years | None = None
    """Projects: the years it runs and costs. None: DURATION_FALLBACK."""
    running_cost: RunningCost | None = None
    """Platform services: the share of the annual cost paid every year from the start. None: all of it."""
    delivery: Literal["project", "platform_service"]
    policy_field: Id
    gaps: tuple[Id, ...] = ()
    # Issue 14; optional in the schema so that an instrument added with --kb need not assess them at once
    # (the plan then says it is not assessed); every shipped instrument has them (tests/data_health).
    monitoring: Monitoring | None = None
    spillover_channels: SpilloverChannels | None = None
    failures: FailureRationale | None = None
    approach: PolicyApproach | None = None
    digital_form: DigitalForm | None = None
    source: Source
    influence: InstrumentInfluence | None = None
    """Omitted: direct, the instrument itself acts on its mechanisms."""

    @model_validator(mode="after")
    def _timing_fits_delivery(self) -> Instrument:
        if self.duration is not None and self.delivery != "project":
            raise ValueError("'duration' is for projects; a platform service runs on: give 'running_cost' instead")
        if self.running_cost is not None and self.delivery != "platform_service":
            raise ValueError("'running_cost' is for platform services; a project runs for a 'duration' instead")
        if self.duration is not None and self.duration.years < 1:
            raise ValueError("a project's 'duration' is at least 1 year")
        return self

    def years_to_effect(self) -> int:
        return self.effect_years.years if self.effect_years else EFFECT_YEARS_FALLBACK[self.time_to_effect]

    def years_running(self) -> int | None:
        """A project's duration in years; None for a platform service, which runs on."""
        if self.delivery != "project":
            return None
        return self.duration.years if self.duration else DURATION_FALLBACK

    def running_share(self) -> float:
        return self.running_cost.share if self.running_cost else 1.0


class Agent(Record):
    id: Id
    name: Text
    description: Text
    group: Id
    level: Level
    kind: Id
    source: Source


class ContributionRow(Record):
    kinds: tuple[Id, ...] = ()
    agents: tuple[Id, ...] = ()
    levels: tuple[Level, ...] = ()
    types: tuple[Id, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_agents(self) -> ContributionRow:
        if not self.kinds and not self.agents:
            raise ValueError("name the contributing agents by kinds or by agents")
        return self


class ContributionBlock(Record):
    instrument: Id
    rows: tuple[ContributionRow, ...] = Field(min_length=1)
    replace: Flag = False
    source: Source


SECTIONS: dict[str, dict[str, type[Record]]] = {
    "vocabulary.yaml": {
        "documents": Document,
        "levels": Term,
        "agent_groups": AgentGroup,
        "dimensions": Term,
        "gaps": Term,
        "policy_fields": Term,
        "contribution_types": Term,
        "cost_classes": CostClass,
        "monitoring_levels": Term,
        "monitoring_measures": MonitoringMeasure,
        "spillover_axes": Term,
        "spillover_channels": SpilloverChannel,
        "failures": Term,
        "policy_approaches": Term,
        "digital_forms": Term,
        "exchange_conditions": Term,
        "social_mechanisms": Term,
        "hindering_behaviours": Term,
    },
    "mechanisms.yaml": {"mechanisms": Mechanism},
    "instruments.yaml": {"instruments": Instrument},
    "agents.yaml": {"agents": Agent},
    "contributions.yaml": {"contributions": ContributionBlock},
}
"""Which sections each knowledge-base file may hold, and the schema of their records."""

ISSUE14_SECTIONS = ("monitoring_levels", "monitoring_measures", "spillover_axes", "spillover_channels", "failures",
                    "policy_approaches", "digital_forms", "exchange_conditions", "social_mechanisms",
                    "hindering_behaviours")
"""The vocabulary sections of the monitoring plan, spillover channels, rationales and network governance."""
