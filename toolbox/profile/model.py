"""The region profile's closed schema. `toolbox schema` prints it as JSON Schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, PrivateAttr, Strict, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from toolbox.kb.records import Flag, Id, Level, Number, Record

_NOT_BLANK = Field(json_schema_extra={"pattern": r"\S"})
"""For the schema only: the tool strips the text first, so a name of spaces is empty and refused."""
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), _NOT_BLANK]
Country = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), _NOT_BLANK]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Money = Annotated[Number, Field(gt=0, le=1e12, allow_inf_nan=False)]
Observed = Literal["none", "weak", "medium", "strong", "unknown"]
Strength = Literal["weak", "medium", "strong"]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), _NOT_BLANK]
OBSERVED_VALUE = {"none": 0, "weak": 1, "medium": 2, "strong": 3}
"""Observed degrees on Table 2's scale; `unknown` has no value and is never treated as `none`."""
RANGE_MARK = ".."
"""`observed: weak..medium`: the officer is not sure; the degree lies between the two, both included."""
_DEGREES = "'none', 'weak', 'medium', 'strong'"
_OBSERVED_SCHEMA = {"anyOf": [
    {"enum": ["none", "weak", "medium", "strong", "unknown"]},
    {"pattern": r"^(none\.\.(none|weak|medium|strong)|weak\.\.(weak|medium|strong)|medium\.\.(medium|strong)"
                r"|strong\.\.strong)$",
     "description": "A range LOW..HIGH (e.g. weak..medium) when the degree is uncertain; the plan uses LOW, "
                    "--robustness draws every degree in the range."}]}


class Region(Record):
    """The territory the strategy is for."""

    name: Name = Field(description="The region's name, e.g. Greater Arntown.")
    level: Level = Field(description="The spatial level the strategy works on (Benner, Table 2).")
    country: Country | None = Field(default=None, description="Country code or name, for the report.")


class Cluster(Record):
    """The cluster to be promoted."""

    name: Name = Field(description="The cluster's field, e.g. Widget machinery.")
    potential: Literal["present", "nascent", "absent"] = Field(
        description="Step 1: whether cluster potential exists. 'absent' means no strategy.")
    evidence: Note | None = Field(default=None, description="What the potential rests on, free text.")
    mapping: Mapping | None = Field(default=None, description="The cluster map's figures (`toolbox init --from-map`).")


Grade = Literal["none", "weak", "medium", "strong"]
Count = Annotated[Number, Field(ge=0, le=1e15, allow_inf_nan=False)]
Year = Annotated[int, Strict(), Field(ge=1900, le=2100)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40), _NOT_BLANK]


class Measured(Record):
    """A figure an observed degree rests on: an indicator's value for the region, and the rule that graded it."""

    indicator: Id = Field(description="The indicator's id (data/indicators.yaml), e.g. graduate_startups.")
    dataset: Name = Field(description="The publisher's dataset and table, e.g. 'HESA HE-BCI, table 4e'.")
    region: Code | None = Field(default=None, description="The region code the figure is for, e.g. UKM5.")
    year: Year = Field(description="The year of the figure.")
    value: Count = Field(description="The published figure for the region (a total).")
    unit: Name = Field(description="The figure's unit, e.g. start-ups or GBP.")
    normalised: Count = Field(description="The figure divided by the region's size measure.")
    normalised_unit: Name = Field(description="e.g. 'start-ups per 1,000 employees'.")
    grade: Grade = Field(description="The degree the tool's rule gives the normalised figure.")
    rule: Name = Field(description="The grading rule and where the figure falls, e.g. its rank among the regions.")
    licence: Name = Field(description="The publisher and licence line to show with the figure.")


class Mapping(Record):
    """The cluster map's figures for the region and cluster (`toolbox map`), from which the potential was read."""

    region: Code = Field(description="The region's code in the employment data, e.g. UKM5.")
    region_name: Name | None = None
    cluster: Code = Field(description="The cluster's code in the industry mapping, e.g. primary_oil_gas.")
    cluster_name: Name | None = None
    year: Year
    employment: Count
    establishments: Count | None = None
    lq: Count | None = Field(default=None, description="Location quotient against all regions of the employment data.")
    focus: Annotated[Number, Field(ge=0, le=1, allow_inf_nan=False)] | None = Field(
        default=None, description="The cluster's share of the region's employment.")
    size_percentile: Annotated[Number, Field(ge=0, le=100, allow_inf_nan=False)] | None = None
    growth: Annotated[Number, Field(ge=-1e6, le=1e6, allow_inf_nan=False)] | None = Field(
        default=None, description="Compound yearly growth of employment since growth_since, as a fraction.")
    growth_since: Year | None = None
    stars: Annotated[int, Strict(), Field(ge=0, le=3)] = Field(description="European Cluster Observatory stars, 0-3.")
    strong: Flag | None = Field(default=None, description="The US Cluster Mapping Project's strong-cluster test; "
                                                          "null where it cannot be applied.")
    verdict: Literal["present", "nascent", "absent"] | None = Field(
        default=None, description="The map's verdict on the potential, by the tool's rule.")
    verdict_code: Id | None = Field(default=None, description="Which branch of the map's rule gave the verdict.")
    dataset: Name = Field(description="The employment dataset, e.g. 'ONS BRES 2018, NUTS 2 (2013)'.")
    licence: Name | None = Field(default=None, description="The publisher and licence line to show with the figures; "
                                                           "none for the analyst's own data unless she states one.")
    employment_source: Reason | None = Field(
        default=None, description="The analyst's employment file the figures were computed from (`--employment`); "
                                  "absent: the shipped UK data.")
    mapping_source: Reason | None = Field(
        default=None, description="The analyst's industry → cluster file (`--mapping`); absent: the shipped lookup.")
    config_source: Reason | None = Field(
        default=None, description="The analyst's thresholds file (`--config`); absent: the shipped data/mapping.yaml.")


class MechanismObservation(Record):
    """Steps 1 and 2 for one mechanism: can it work here, and how strongly is it observed?"""

    possible: Flag = Field(default=True, description="False: the mechanism cannot work given the industry's character.")
    observed: str = Field(
        default="unknown", json_schema_extra=_OBSERVED_SCHEMA,
        description="The degree observed in the cluster now, or a range LOW..HIGH (e.g. weak..medium) when "
                    "uncertain: the plan reads the lower end (the larger deficit), --robustness every degree "
                    "in the range.")
    evidence: Note | None = Field(default=None, description="What the observation rests on, free text.")
    attainable: Strength | None = Field(
        default=None, description="Step 1: the strength the mechanism can attain in this cluster, below Table 2's "
                                  "for the level (the industry's or cluster's character). Needs a reason.")
    reason: Reason | None = Field(default=None, description="Why the attainable strength is lower than Table 2's.")
    measured: tuple[Measured, ...] = Field(
        default=(), description="The figures the observed degree was read from (`toolbox init --from-map`); "
                                "omitted: the observation is the officer's judgement.")

    @field_validator("observed", mode="before")
    @classmethod
    def _degree_or_range(cls, value):
        if isinstance(value, str) and RANGE_MARK in value:
            low, _, high = value.partition(RANGE_MARK)
            for end in (low, high):
                if end not in OBSERVED_VALUE:
                    raise ValueError(f"'{end[:40]}' is not a degree of the range '{value[:80]}'; a range is LOW..HIGH "
                                     f"with two of {_DEGREES} (e.g. weak..medium)")
            if OBSERVED_VALUE[low] > OBSERVED_VALUE[high]:
                raise ValueError(f"the range '{value}' is reversed; write the weaker degree first ({high}..{low})")
            return low if low == high else f"{low}{RANGE_MARK}{high}"
        if value not in (*OBSERVED_VALUE, "unknown"):
            # the message a Literal field gives, so that a typo is worded as before (did you mean ...)
            raise PydanticCustomError("literal_error", "Input should be {expected}",
                                      {"expected": "'none', 'weak', 'medium', 'strong' or 'unknown'"})
        return value

    @property
    def degrees(self) -> tuple[str, ...]:
        """The degrees the observation allows, weakest first: one, or every degree of a range; () if unknown."""
        low, _, high = self.observed.partition(RANGE_MARK)
        if low == "unknown":
            return ()
        order = list(OBSERVED_VALUE)
        return tuple(order[order.index(low):order.index(high or low) + 1])

    @property
    def degree(self) -> str:
        """The degree the single plan reads: the lower end of a range (the larger deficit), else the degree."""
        return self.observed.partition(RANGE_MARK)[0]

    @model_validator(mode="after")
    def _reasoned(self) -> MechanismObservation:
        if self.attainable is not None and self.reason is None:
            raise ValueError("'attainable' needs a 'reason': why the mechanism cannot reach Table 2's strength here")
        if self.reason is not None and self.attainable is None:
            raise ValueError("'reason' explains an 'attainable' strength; give one or remove the reason")
        return self


class Design(Record):
    """How the region designs an instrument, where that lowers its risk of distorting markets."""

    distortion_risk: Literal["low", "medium", "high"] = Field(
        description="The distortion risk of this design, below the instrument's (`toolbox kb show ID`).")
    reason: Reason = Field(description="The design, e.g. 'an open call to every firm instead of a single-firm subsidy'.")


class AgentPresence(Record):
    """An agent type present in the region (ids from `toolbox kb list agents`)."""

    id: Id
    willing: Flag = Field(default=True, description="False: present but not able or not willing to take part.")
    note: Note | None = None


Year = Annotated[int, Strict(), Field(ge=1900, le=2200)]


def _amount_or_years(schema: dict) -> None:
    """In the JSON Schema as in the model: 'amount' may be left out when 'years' gives the amounts."""
    schema["required"] = [k for k in schema.get("required", []) if k != "amount"]
    if not schema["required"]:
        del schema["required"]
    schema["anyOf"] = [{"required": ["amount"]}, {"required": ["years"]}]


class Budget(Record):
    """The yearly budget for the strategy."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, json_schema_extra=_amount_or_years)

    amount: Money = Field(description="Per year, in the currency below. With 'years' it may be left out: the "
                                      "first year's amount is then used for the single-year strategy.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        default="EUR", description="ISO 4217 code. The indicative costs of the knowledge base are in EUR.")
    eur_rate: Annotated[Number, Field(gt=0, le=1e9, allow_inf_nan=False)] | None = Field(
        default=None,
        description="Units of the budget's currency one EUR is worth (e.g. 395.0 for HUF: 1 EUR = 395 HUF). "
                    "Converts the indicative EUR costs; needed for a currency other than EUR unless 'costs' "
                    "gives a local cost for every instrument that addresses a deficit.")

    years: tuple[Money, ...] | None = Field(
        default=None, min_length=1, max_length=30,
        description="Roadmap: the amount for each year, first year first (e.g. [1000000, 1200000, 1200000]). "
                    "Given, `toolbox plan` adds a phased roadmap over these years; --years N uses the first N.")
    first_year: Year | None = Field(
        default=None, description="Roadmap: the calendar year of the first year (e.g. 2027). Omitted: years are "
                                  "numbered 1, 2, 3 ...")
    pays_for_in_place: tuple[Id, ...] = Field(
        default=(), json_schema_extra={"uniqueItems": True},
        description="Roadmap: instruments of 'in_place' that this budget pays for; their yearly cost counts "
                    "against every year's budget. Instruments in place not listed are paid from elsewhere.")

    @model_validator(mode="before")
    @classmethod
    def _amount_from_years(cls, data):
        if isinstance(data, dict) and "amount" not in data and isinstance(data.get("years"), list) and data["years"]:
            first = data["years"][0]
            if isinstance(first, (int, float)) and not isinstance(first, bool):
                data = {**data, "amount": first}
        return data

    @model_validator(mode="after")
    def _rate_for_another_currency(self):
        if self.currency == "EUR" and self.eur_rate not in (None, 1):
            raise ValueError("eur_rate converts EUR into another currency; a budget in EUR needs none "
                             "(remove eur_rate, or set currency)")
        return self


Degree = Literal["low", "medium", "high"]


class ExchangeConditions(Record):
    """The cluster's exchange conditions (Manickam and de Graaf, Table 1, after Jones et al. 1997): what decides
    whether network governance, and network IT, suit the cluster's collaboration."""

    human_asset_specificity: Degree = Field(
        description="How far exchanges need skills and knowledge specific to the partners.")
    task_uncertainty: Degree = Field(description="How complex and unpredictable the tasks exchanged are.")
    demand_uncertainty: Degree = Field(description="How unpredictable the demand the cluster's firms face is.")
    frequency: Degree = Field(description="How often the actors exchange tasks with each other.")
    social_mechanisms: tuple[Id, ...] = Field(
        default=(), json_schema_extra={"uniqueItems": True},
        description="Social mechanisms already working in the cluster's network, each once: restricted_access, "
                    "macroculture, collective_sanctions, reputation. The check lists the others as to be built.")
    evidence: Note | None = Field(default=None, description="What the assessment rests on, free text.")


Count = Annotated[int, Strict(), Field(ge=0, le=10**9)]
Amount = Annotated[Number, Field(ge=0, le=1e12, allow_inf_nan=False)]
"""Money that may be zero (a year in which a source paid nothing), never negative."""
Percent = Annotated[Number, Field(ge=0, le=100, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=1900, le=2200)]
"""A year as a mapping key (the YAML reader gives keys as text; a key that is no year is refused)."""
Delivery = Literal["project", "platform_service"]
FundingType = Literal["public_supranational", "public_national", "public_regional", "public_local",
                      "membership_fees", "service_fees", "project_funds"]
Sphere = Literal["public", "academic", "business"]


class Traffic(Record):
    """CLUSNET's collaboration level: the traffic on a programme's bridge, in the latest year."""

    participants: Count | None = Field(default=None, description="People or organisations taking part.")
    events: Count | None = Field(default=None, description="Meetings, seminars and other gatherings held.")
    joint_projects: Count | None = Field(default=None, description="Joint (innovation) projects started or run.")


class Programme(Record):
    """A programme the region already runs: a bridge over one or more of CLUSNET's seven gaps."""

    name: Name = Field(description="The programme's name, e.g. Network Gathering.")
    owner: Name | None = Field(default=None, description="Who runs it, e.g. the cluster organisation.")
    instrument: Id | None = Field(default=None, description="The Benner instrument it is, if any "
                                                            "(`toolbox kb list instruments`): then it counts as in place.")
    gaps: Annotated[tuple[Id, ...], Field(min_length=1)] | None = Field(default=None, json_schema_extra={"uniqueItems": True},
                                        description="The gaps it bridges (`toolbox kb list gaps`). Omitted: the "
                                                    "instrument's gaps from the knowledge base.")
    delivery: Delivery | None = Field(default=None, description="CLUSNET's project (limited time, a subset of "
                                      "participants) or platform service (on-going, open to all). Omitted: the "
                                      "instrument's.")
    budget: Amount | None = Field(default=None, description="Annual budget, in the budget's currency.")
    traffic: Traffic | None = Field(default=None, description="Omitted: traffic not reported.")
    note: Note | None = None


class FundingSource(Record):
    """One source of the cluster organisation's own funding."""

    name: Name = Field(description="e.g. City economic development office.")
    type: FundingType = Field(description="Public by level, membership fees, service fees or project funds.")
    sphere: Sphere | None = Field(default=None, description="Who pays: public, academic or business. Omitted: "
                                  "public for public_*, business for fees, public for project_funds.")
    amount: Amount | None = Field(default=None, description="Per year (the latest year), in the budget's currency.")
    years: dict[Year, Amount] | None = Field(default=None, description="Per year, e.g. {2022: 300000, 2023: 250000}; "
                                             "instead of amount. The latest year is the current amount.")

    @model_validator(mode="after")
    def _one_amount(self) -> FundingSource:
        if (self.amount is None) == (not self.years):
            raise ValueError("give either 'amount' (this year) or 'years' (per year), not both and not neither")
        return self


class Board(Record):
    """Board seats by sphere (CLUSNET: 'mixed financing, board representation and so on build legitimacy')."""

    public: Count = 0
    academic: Count = 0
    business: Count = 0


class ActivitySplit(Record):
    """Shares of the organisation's work (budget or staff time), in per cent, that add up to 100."""

    project: Percent
    platform: Percent

    @model_validator(mode="after")
    def _whole(self) -> ActivitySplit:
        if abs(self.project + self.platform - 100) > 0.5:
            raise ValueError(f"project and platform shares add up to {self.project + self.platform:g} %, not 100 %")
        return self


class Organisation(Record):
    """The cluster organisation: its model, funding and governance (CLUSNET, chapter 4)."""

    name: Name | None = None
    model: Literal["membership", "partnership", "hybrid"] = Field(
        description="CLUSNET's membership model (projects internal, members only) or partnership model "
                    "(projects external, open to partners), or a hybrid.")
    funding: tuple[FundingSource, ...] = Field(default=(), description="The organisation's own funding sources.")
    external_project_funding: Amount | None = Field(
        default=None, description="Per year: funding the projects it initiated attracted from outside its own budget.")
    board: Board | None = Field(default=None, description="Board seats by sphere.")
    staff: Annotated[Number, Field(ge=0, le=1e6, allow_inf_nan=False)] | None = Field(
        default=None, description="Staff in full-time equivalents.")
    activity: ActivitySplit | None = Field(default=None, description="Split between project and platform work.")
    sme_share: Percent | None = Field(default=None, description="Share of the cluster's firms that are small or "
                                                                "medium-sized, in per cent.")


class RegionProfile(Record):
    """A region and its cluster, as a policy officer describes them for `toolbox plan`."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Region profile")

    region: Region
    cluster: Cluster
    mechanisms: dict[Id, MechanismObservation | None] = Field(
        default_factory=dict, description="Keys are mechanism ids (`toolbox kb list mechanisms`).")
    agents: tuple[AgentPresence, ...] = Field(
        default=(), json_schema_extra={"uniqueItems": True},
        description="Agent types present in the region, each once. "
                    "None listed: the standard set of the level is assumed.")
    budget: Budget | None = Field(default=None, description="Omitted: no budget constraint.")
    in_place: tuple[Id, ...] = Field(  # the loader refuses duplicates with the first place (profile/load.py)
        default=(), json_schema_extra={"uniqueItems": True},
        description="Instruments the region already runs, each once.")
    costs: dict[Id, Money] = Field(
        default_factory=dict, description="Local annual cost of instruments, replacing the indicative figures, "
                                          "in the budget's currency.")
    designs: dict[Id, Design] = Field(
        default_factory=dict, description="Step 3: instrument designs that lower the distortion risk, with the reason.")
    exchange_conditions: ExchangeConditions | None = Field(
        default=None, description="Omitted: no network-governance check (Manickam and de Graaf).")
    programmes: tuple[Programme, ...] = Field(
        default=(), description="Programmes the region already runs and the gaps they bridge (CLUSNET, Table 4). "
                                "Those that are a Benner instrument count as in place.")
    organisation: Organisation | None = Field(default=None, description="The cluster organisation (CLUSNET, ch. 4).")
    _cautions: tuple = PrivateAttr(default=())
    """Cautions found while reading the file (engine/result.py, Caution): the plan shows them."""

    @property
    def instruments_in_place(self) -> tuple[str, ...]:
        """`in_place` and the instruments of the programmes, each once, in the order first named."""
        return tuple(dict.fromkeys((*self.in_place, *(p.instrument for p in self.programmes if p.instrument))))

    def observation(self, mechanism_id: str) -> MechanismObservation:
        return self.mechanisms.get(mechanism_id) or MechanismObservation()
