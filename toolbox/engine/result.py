"""The plan result: what each step decided and every number behind it. Renderers only read it.

The records are immutable named tuples: read by attribute, never changed. (Named tuples rather than
frozen dataclasses because a dataclass's methods are generated and compiled when the module is
imported, about a millisecond per class on every run of the command line.)
"""

from __future__ import annotations

from typing import NamedTuple

from toolbox.kb.overlay import KbChange, KbOverlay  # noqa: F401  (part of the result)


class Verdict(NamedTuple):
    code: str
    """strategy | no_cluster_potential | nothing_assessed | no_justification | nothing_worth_cost"""
    message: str
    to_assess: tuple[str, ...] = ()
    """nothing_assessed: the possible mechanisms whose observed degree is still to be assessed."""
    best_value_per_cost: float | None = None
    """nothing_worth_cost: the best standalone value per cost weight any candidate reached."""
    threshold: float | None = None
    """nothing_worth_cost: the value per cost weight an instrument must reach (min_value_per_cost)."""


class MechanismDiagnosis(NamedTuple):
    """Steps 1 and 2 for one mechanism, and its weight in the barriers."""

    id: str
    name: str
    possible: bool
    observed: str
    attainable: str
    deficit: int | None
    """Attainable minus observed on the 0-3 scale, floored at 0; None when unassessed or discarded."""
    status: str
    """discarded | unassessed | deficit | attained | exceeds"""
    empirical_support: str
    empirical_factor: float
    policy_influence: str
    policy_factor: float
    need: float
    """deficit / 3 x empirical factor x policy factor: what one instrument gains by addressing it."""
    evidence: str | None
    note: str
    attainable_source: str = "paper"
    """paper (Table 2's strength on the level) | profile (the profile set it lower, with a reason)"""
    attainable_reason: str | None = None
    """The profile's reason for a lower attainable strength."""
    paper_attainable: str = ""
    """Table 2's strength on the profile's level, whatever the profile set."""
    observed_range: str | None = None
    """The profile's range (e.g. weak..medium) when the officer is not sure; `observed` is then its lower end."""
    observed_source: str = "judgement"
    """data (the observed degree is the one the profile's measured figures give) | judgement (the officer's,
    with or without figures) | unassessed (observed unknown)."""
    data_grade: str | None = None
    """The degree the measured figures give (the lower median of their grades); None without figures."""
    measured: tuple[MeasuredFigure, ...] = ()
    """The figures the profile records for the observation."""


class MeasuredFigure(NamedTuple):
    """One indicator figure behind an observed degree, as the profile records it (profile/model.py, Measured)."""

    indicator: str
    dataset: str
    region: str | None
    year: int
    value: float
    unit: str
    normalised: float
    normalised_unit: str
    grade: str
    rule: str
    licence: str


class Term(NamedTuple):
    """One mechanism's part in an instrument's benefit."""

    mechanism: str
    deficit: int
    empirical_factor: float
    policy_factor: float
    value: float


class Assessment(NamedTuple):
    """The cost-benefit barrier for one instrument, term by term."""

    instrument: str
    name: str
    terms: tuple[Term, ...]
    unassessed: tuple[str, ...]
    """Mechanisms it acts on whose observed degree is unknown: not counted."""
    benefit: float
    cost: float
    cost_source: str
    """profile | indicative"""
    cost_class: str
    cost_units: float
    cost_factor: float
    distortion_risk: str
    distortion_factor: float
    score: float
    policy_field: str
    needs_other_field: bool
    time_to_effect: str
    delivery: str
    field_factor: float = 1.0
    """Policy barrier on the instrument: 1 in cluster policy proper, else the `other_field` weight."""
    value: float = 0.0
    """Standalone value: what it adds alone, given the instruments in place (engine/value.py)."""
    design: str | None = None
    """The profile's reason for a design with a lower distortion risk than the instrument's class."""
    listed_distortion_risk: str = ""
    """The knowledge base's distortion risk, before any design the profile declares."""
    indirect_factor: float = 1.0
    """Policy barrier on how the instrument acts: 1 when it acts directly, else the `indirect` weight."""
    gaps: tuple[str, ...] = ()
    """The empty gaps of innovation it bridges, when the portfolio weighs them (the empty_gap weight)."""


class AgentRef(NamedTuple):
    id: str
    name: str
    group: str
    level: str


class ContributionOut(NamedTuple):
    agent: AgentRef
    types: tuple[str, ...]


class StrategyItem(NamedTuple):
    rank: int
    assessment: Assessment
    contributions: tuple[ContributionOut, ...]
    cumulative_cost: float
    marginal_value: float = 0.0
    """What the instrument adds given those ranked above it; non-increasing down the ranking."""


class SetAside(NamedTuple):
    """An instrument deferred for later or discarded, with the reason."""

    instrument: str
    name: str
    reason: str
    detail: str
    """Kept for the JSON contract; the renderers word it from `reason` and `data` (render/common.py)."""
    assessment: Assessment | None
    data: tuple[tuple[str, float | str], ...] = ()
    """The numbers behind the reason, e.g. (("marginal_value", 0.04), ("value_per_cost", 0.05), ...)."""

    def number(self, key: str, default=None):
        return dict(self.data).get(key, default)


class Unserved(NamedTuple):
    """A deficient mechanism that no instrument of the strategy acts on, and why."""

    mechanism: str
    name: str
    deficit: int
    reason: str
    """no_candidate (no instrument passed the barriers) | distortion_risk | not_worth_cost | no_agent | budget"""
    instruments: tuple[str, ...]
    """Ids of the instruments that act on it but are not in the strategy (best first)."""


class Portfolio(NamedTuple):
    """How the strategy's set was chosen, and how it compares with the greedy answer."""

    method: str
    """optimal (integer programme under a budget) | threshold (no budget: kept while marginal value per cost clears it)"""
    value: float
    greedy_value: float
    proven_optimal: bool


class Caution(NamedTuple):
    """Something in the profile that is probably not what the user meant: a code and its numbers.

    The plan goes on; the renderers word it (render/common.py, caution_text).
    """

    code: str
    """budget_below_cheapest | dotted_thousands"""
    field: str
    """The profile field, e.g. budget.amount or costs.job_fairs."""
    value: float
    """The value as read."""
    currency: str
    line: int | None = None
    literal: str | None = None
    """How the file wrote the number (dotted_thousands), e.g. 800.000."""
    cheapest: float | None = None
    """budget_below_cheapest: the cost of the cheapest candidate, and which it is."""
    instrument: str | None = None


class RoadmapEntry(NamedTuple):
    """An instrument in a roadmap year: started that year or earlier, and paid for in it."""

    instrument: str
    name: str
    start_year: int | None
    """Calendar (or 1-based) year it starts; None for an instrument already in place."""
    end_year: int | None
    """The last year a project runs and costs; None for a platform service, which runs on, or one in place."""
    effect_year: int | None
    """The first year its coverage counts; None for an instrument in place (it counts already)."""
    cost: float
    """What it costs in this year, in the budget's currency."""
    delivery: str
    quick_win: bool
    in_place: bool = False


class RoadmapYear(NamedTuple):
    year: int
    budget: float | None
    """The year's budget (None: no budget constraint)."""
    spent: float
    """What the instruments paid from this budget cost in this year, those in place included."""
    value: float
    """What the roadmap's instruments in effect this year add to coverage value over those in place
    (engine/value.py), before discounting."""
    instruments: tuple[RoadmapEntry, ...]


class RoadmapDifference(NamedTuple):
    """An instrument whose place differs between the single-year strategy and the roadmap's first year."""

    instrument: str
    name: str
    in_single_year: bool
    start_year: int | None
    """Its start in the roadmap (None: not started within the horizon)."""
    reason: str
    """first_year_budget | exact_set | timing | quick_wins (docs/method.md, "Roadmap")"""
    data: tuple[tuple[str, float], ...] = ()

    def number(self, key: str, default=None):
        return dict(self.data).get(key, default)


class BeyondHorizon(NamedTuple):
    """A candidate whose effect would come only after the horizon, even if started in the first year."""

    instrument: str
    name: str
    years_to_effect: int
    effect_year: int
    """The first year its coverage would count if started in the first year."""


class Roadmap(NamedTuple):
    """The phased roadmap: in which year each instrument starts (docs/method.md, "Roadmap")."""

    years: tuple[RoadmapYear, ...]
    horizon: int
    first_year: int
    discount_rate: float
    quick_wins: float
    value: float
    """The objective reached: discounted coverage value less the value-for-money charge, plus quick-win bonuses."""
    proven_optimal: bool
    beyond_horizon: tuple[BeyondHorizon, ...]
    differences: tuple[RoadmapDifference, ...]
    in_place_cost: float
    """The yearly cost of the instruments in place this budget pays for (budget.pays_for_in_place)."""
    single_year_budget: float | None

    def starts(self) -> dict[str, int]:
        """Instrument id -> start year, for every instrument the roadmap starts."""
        out: dict[str, int] = {}
        for y in self.years:
            for e in y.instruments:
                if e.start_year is not None:
                    out.setdefault(e.instrument, e.start_year)
        return out


class ExcludedAgent(NamedTuple):
    agent: AgentRef
    reason: str


class IndicatorRow(NamedTuple):
    """One monitoring indicator of a recommended instrument, on one of CLUSNET's three levels; the baseline and
    target are the region's to fill in (the CSV template of `toolbox monitoring`)."""

    rank: int
    instrument: str
    name: str
    level: str
    """cluster | interaction | collaboration"""
    measure: str
    """actors_mapped | bridges_in_place | participants | meetings | joint_projects"""
    indicator: str


class Use(NamedTuple):
    """A term of a vocabulary (a spillover channel, a failure, a policy approach) and the strategy's instruments
    that carry it, best first; none when the strategy leaves it out."""

    id: str
    instruments: tuple[str, ...]


class Horizon(NamedTuple):
    """Günther and Meissner's balance of short-term and future-oriented activities, from time_to_effect."""

    short_term: tuple[str, ...]
    """Instruments with a short time to effect: they meet the participants' current needs."""
    future_oriented: tuple[str, ...]
    """Instruments with a medium or long time to effect: they build for future demand and future members."""
    short_term_cost: float
    future_oriented_cost: float
    balance: str
    """balanced (both kinds) | short_term_only | future_oriented_only | empty"""


class Spillovers(NamedTuple):
    """Which spillover channels the strategy opens and which it leaves closed (Günther and Meissner, Table 1)."""

    channels: tuple[tuple[str, tuple[Use, ...]], ...]
    """(axis, its two channels) in the taxonomy's order; a channel with no instrument is closed."""
    horizon: Horizon
    unassessed: tuple[str, ...] = ()
    """Strategy instruments whose channels the knowledge base does not give (an overlay's new instrument)."""

    @property
    def opened(self) -> tuple[str, ...]:
        return tuple(u.id for _, uses in self.channels for u in uses if u.instruments)

    @property
    def closed(self) -> tuple[str, ...]:
        return tuple(u.id for _, uses in self.channels for u in uses if not u.instruments)


class Rationales(NamedTuple):
    """The failures the strategy answers and the policy approaches it uses (Manickam and de Graaf)."""

    failures: tuple[Use, ...]
    approaches: tuple[Use, ...]
    unassessed: tuple[str, ...] = ()


class Governance(NamedTuple):
    """The network-governance check of the profile's exchange conditions (Manickam and de Graaf, Table 1)."""

    conditions: tuple[tuple[str, str], ...]
    """(condition, low | medium | high) in the vocabulary's order."""
    fit: str
    """fits (all four high) | partly (none low) | does_not_fit (one or more low)"""
    low: tuple[str, ...]
    present: tuple[str, ...]
    """Social mechanisms the profile says already work."""
    to_build: tuple[str, ...]
    """Social mechanisms still to build where network governance fits; none where it does not."""
    network_it: bool
    """Whether network IT and social-media channels suit the cluster's collaboration."""
    digital: tuple[tuple[str, str], ...] = ()
    """(instrument, digital form) for the strategy's instruments that have one, when network IT suits."""


class Behaviour(NamedTuple):
    """A behaviour that hinders collaboration (CLUSNET, Figure 23): an item of the implementation risk checklist."""

    id: str
    name: str
    description: str
    source: str
INPUTS_VERSION = 2
"""The layout of a plan's `inputs` this toolbox writes (docs/profile.md). 2 added the gaps of innovation, for
the gap term; 1 (without them) is still read, as a profile without programmes."""


class InstrumentInput(NamedTuple):
    """What the plan's decisions about one instrument rest on, besides the diagnosis and the weights:
    recorded so that a saved plan can be decided again (toolbox/engine/replan.py, `toolbox diff`)."""

    id: str
    name: str
    mechanisms: tuple[str, ...]
    """Every mechanism it acts on (the knowledge base's Table 3 links), deficient or not."""
    cost: float
    """Yearly cost in the plan's currency (indicative figures converted at `PlanInputs.eur_rate`)."""
    cost_source: str
    distortion_risk: str
    """The knowledge base's rating, before any design."""
    design_risk: str | None
    """The profile's design: the lower risk it declares, and its reason."""
    design: str | None
    policy_field: str
    carriers: tuple[str, ...]
    """The present, willing agents that can contribute to it (step 4), in the plan's order."""
    in_place: bool
    indirect: bool = False
    """It reaches its mechanisms only indirectly (the knowledge base's `influence: indirect`)."""
    gaps: tuple[str, ...] = ()
    """The gaps of innovation it bridges (the knowledge base's `gaps`): what it fills of an empty gap, and
    what it bridges when it is in place and no programme names it."""
    programme_gaps: tuple[str, ...] | None = None
    """When programmes of the profile name it: the gaps they bridge (in place of `gaps` while it is in place)."""


class PlanInputs(NamedTuple):
    """The profile's and knowledge base's inputs that the decisions rest on, beyond `Plan.mechanisms`
    (observed, attainable, ratings) and `Plan.weights`."""

    potential: str
    level: str
    currency: str
    eur_rate: float
    budget: float | None
    instruments: tuple[InstrumentInput, ...]
    version: int = INPUTS_VERSION
    """The layout of this record in the JSON (`inputs.version`); `toolbox diff` reads this version and 1."""
    gaps: tuple[str, ...] = ()
    """The knowledge base's gaps of innovation, in its order (the order of the gap term's needs)."""
    programme_gaps: tuple[str, ...] | None = None
    """The gaps bridged by the profile's programmes that are no instrument of the knowledge base; None when the
    profile lists no programmes (then no gap term, whatever the empty_gap weight)."""
class InstrumentRobustness(NamedTuple):
    """One instrument across the robustness draws (engine/robustness.py)."""

    instrument: str
    name: str
    rank: int | None
    """Its rank in the plan's own strategy; None when the plan does not pick it."""
    inclusion: float
    """The share of draws in which it is in the strategy."""
    rank_acceptability: tuple[float, ...]
    """The share of draws in which it holds rank 1, 2, ... of the strategy (they add up to its inclusion)."""
    winning: tuple[tuple[str, float], ...]
    """(neighbour, share of draws in which this instrument is placed above it), for the instruments just above
    and just below it in the plan's order."""


class Sensitivity(NamedTuple):
    """An input that moves the strategy: a code and its numbers; the renderers word it."""

    input: str
    """weight | empirical_support | policy_influence | distortion_risk | cost | observed"""
    target: str
    """The weight's name, or the mechanism's or instrument's id."""
    entry: str | None
    """For a table weight: the entry (e.g. moderate)."""
    shift: float
    """The largest change in any instrument's inclusion between the draws with the input above and below its
    nominal value."""
    instrument: str
    """The instrument whose inclusion it changes most."""
    change: float
    """That instrument's inclusion with the input high minus with it low (signed)."""


class Agreement(NamedTuple):
    """How often the vectorised per-draw method gave the strategy the plan's own solver gives."""

    sample: int
    """Draws re-solved with engine/portfolio.py (the first ones)."""
    same: int
    """Of those, draws with the same strategy in the same order."""
    binding: int
    """Of those, draws in which the budget binds (the exact solver is then the integer programme)."""
    binding_draws: int
    """Draws in which the budget binds, of all."""
    shortfall: float = 0.0
    """On the sampled draws where the budget binds: how far the vectorised method's objective falls short of
    the exact solver's, on average, as a share of it (0 when they agree)."""


class Robustness(NamedTuple):
    """The strategy under many draws of its editorial inputs (docs/method.md, "Robustness")."""

    seed: int
    draws: int
    method: str
    """greedy (no budget) | greedy_within_budget (a budget: the greedy within it where it binds)"""
    agreement: Agreement
    instruments: tuple[InstrumentRobustness, ...]
    """Every instrument not in place: the plan's strategy by rank, then the plan's standalone order."""
    core: tuple[str, ...]
    """In the strategy in at least `core_threshold` of the draws."""
    fragile: tuple[str, ...]
    """In the plan's strategy, but in fewer than `core_threshold` of the draws."""
    sensitivity: tuple[Sensitivity, ...]
    """The inputs that move the strategy most, largest shift first."""
    core_threshold: float
    rating_step: float

    def of(self, instrument_id: str) -> InstrumentRobustness | None:
        return next((r for r in self.instruments if r.instrument == instrument_id), None)


class Plan(NamedTuple):
    """Everything `toolbox plan` decided, in the order the paper's four steps decide it."""

    region: dict
    cluster: dict
    budget: dict | None
    kb_version: str
    weights: dict
    verdict: Verdict
    mechanisms: tuple[MechanismDiagnosis, ...]
    strategy: tuple[StrategyItem, ...]
    deferred: tuple[SetAside, ...]
    discarded: tuple[SetAside, ...]
    in_place: tuple[SetAside, ...]
    agents: tuple[AgentRef, ...]
    excluded_agents: tuple[ExcludedAgent, ...]
    assumptions: tuple[str, ...]
    budget_used: float
    budget_left: float | None
    unserved: tuple[Unserved, ...] = ()
    portfolio: Portfolio | None = None
    redundant_pairs: tuple[tuple[str, str], ...] = ()
    weights_source: str = "defaults"
    """'defaults', or the weights file's path as the user gave it."""
    weights_hash: str = ""
    """sha256 of the weights' canonical JSON (first 12 hex digits)."""
    cautions: tuple[Caution, ...] = ()
    """Likely misreadings of the profile (a budget below every candidate's cost, 800.000 read as 800)."""
    roadmap: Roadmap | None = None
    """The phased roadmap, when asked for (plan --years N, or budget.years in the profile)."""
    monitoring: tuple[IndicatorRow, ...] = ()
    """The strategy's monitoring indicators, instrument by instrument in rank order (issue 14, part C)."""
    spillovers: Spillovers | None = None
    """None when nothing is recommended."""
    rationales: Rationales | None = None
    governance: Governance | None = None
    """None when the profile gives no exchange_conditions."""
    hindering_behaviours: tuple[Behaviour, ...] = ()
    """The implementation risk checklist, from the knowledge base; empty when nothing is recommended."""
    inputs: PlanInputs | None = None
    """What the decisions rest on, recorded so that a saved plan can be compared with another (`toolbox diff`)."""
    kb_overlay: KbOverlay | None = None
    """The overlay knowledge base the plan was made with, and what it changed; None with the shipped one alone."""
    robustness: Robustness | None = None
    """`plan --robustness` and reports: the strategy under many draws of its editorial inputs."""
    gap_term: tuple[tuple[str, float], ...] = ()
    """The empty gaps weighed like mechanisms ("gap:<id>", need), when the empty_gap weight is set."""
    gaps: GapsResult | None = None
    """Programmes × the seven gaps (engine/gaps.py), when the profile lists programmes."""
    organisation: OrganisationResult | None = None
    """The cluster organisation's indicators and diagnoses (engine/organisation.py), when the profile has one."""

    def find(self, instrument_id: str) -> tuple[str, StrategyItem | SetAside] | None:
        """Where an instrument ended up: ('strategy'|'deferred'|'discarded'|'in_place', entry)."""
        for item in self.strategy:
            if item.assessment.instrument == instrument_id:
                return "strategy", item
        for where in ("deferred", "discarded", "in_place"):
            for entry in getattr(self, where):
                if entry.instrument == instrument_id:
                    return where, entry
        return None

    def ranking(self) -> list[Assessment]:
        """Every scored instrument from the best score down, whatever was decided about it."""
        scored = [i.assessment for i in self.strategy]
        scored += [e.assessment for e in (*self.deferred, *self.discarded) if e.assessment and e.assessment.benefit > 0]
        return sorted(scored, key=sort_key)


def sort_key(a: Assessment) -> tuple:
    """The documented tie rule for standalone order: value per cost weight, then value (higher first), then
    cost (lower first), then id."""
    return (-round(a.score, 9), -round(a.value, 9), a.cost, a.instrument)


class ProgrammeRow(NamedTuple):
    """One programme the region runs, as a row of CLUSNET's Table 4."""

    name: str
    owner: str | None
    instrument: str | None
    """The Benner instrument it is, if any."""
    gaps: tuple[str, ...]
    gaps_source: str
    """profile (the profile names its gaps) | instrument (the knowledge base's gaps of its instrument)"""
    delivery: str | None
    """project | platform_service | None (neither the profile nor an instrument says)"""
    budget: float | None
    traffic: tuple[tuple[str, int | None], ...]
    """(participants|events|joint_projects, count or None when not reported)."""
    traffic_status: str
    """active (some traffic counted) | none (traffic reported, all zero) | unreported"""
    shorthand: bool = False
    """True: listed under `in_place` only, a programme by shorthand."""


class GapCoverage(NamedTuple):
    """One of the seven gaps: which programmes bridge it now and which recommended instruments would."""

    gap: str
    name: str
    programmes: tuple[str, ...]
    """Names of the programmes bridging it, in the profile's order."""
    status: str
    """empty | no_traffic (bridged only by programmes with zero traffic) | unreported (no programme reports
    traffic on it) | bridged (at least one programme has traffic)"""
    strategy: tuple[str, ...]
    """Recommended instruments (ids, in rank order) whose knowledge-base gaps include it."""
    others: tuple[tuple[str, str], ...] = ()
    """An empty gap no recommended instrument fills: the instruments that bridge it, with where the plan put
    them (deferred | discarded | in_place | not_scored), best first."""


class GapsResult(NamedTuple):
    """CLUSNET's interaction level for one region: programmes × gaps, the empty slots and what fills them."""

    region: dict
    cluster: dict
    currency: str
    programmes: tuple[ProgrammeRow, ...]
    gaps: tuple[GapCoverage, ...]
    """All seven gaps, in the knowledge base's order."""
    verdict_code: str
    """The plan's verdict: the strategy's coverage is meaningful only for `strategy`."""
    strategy: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(instrument id, name, gaps) of each recommended instrument, in rank order."""
    budget_by_delivery: tuple[tuple[str, float], ...]
    """Programme budgets summed by delivery: project, platform_service, unknown."""
    empty_gap_weight: float = 0.0
    """The weight the portfolio gave each empty gap (0: not weighed)."""


class Passage(NamedTuple):
    """A source's own words a diagnosis rests on."""

    document: str
    """A document id of data/vocabulary.yaml, e.g. clusnet."""
    section: str
    quote: str


class SourceShare(NamedTuple):
    name: str
    type: str
    sphere: str
    amount: float
    share: float


class Diagnosis(NamedTuple):
    """A finding about the cluster organisation: a code and its numbers; the renderers word it."""

    code: str
    """single_source_dependence | membership_public_sensitivity | not_neutral | smes_without_management"""
    data: tuple[tuple[str, float | str], ...]
    """The numbers behind it and the threshold it crossed, e.g. (("share", 0.72), ("threshold", 0.5))."""
    passages: tuple[Passage, ...]
    agents: tuple[str, ...]
    """Benner's agents (ids of data/agents.yaml, on the profile's level) who can act on it."""
    instruments: tuple[str, ...]
    """Benner's instruments (ids of data/instruments.yaml) that answer it."""

    def number(self, key: str, default=None):
        return dict(self.data).get(key, default)


class OrganisationResult(NamedTuple):
    """The cluster organisation's funding and governance indicators (CLUSNET, chapter 4) and diagnoses."""

    region: dict
    cluster: dict
    currency: str
    name: str | None
    model: str
    sources: tuple[SourceShare, ...]
    """Current (latest-year) funding by source, largest first."""
    own_funding: float
    """The sum of the organisation's own funding sources: CLUSNET's 'cluster organisation funding'."""
    largest_source_share: float | None
    leverage_ratio: float | None
    """external_project_funding / own_funding; None without external project funding given or own funding."""
    external_project_funding: float | None
    public_share: float | None
    public_trend: tuple[tuple[int, float], ...]
    """(year, public share of that year's funding), when every source gives years."""
    trend: str | None
    """falling | rising | steady | None (fewer than two years, or not every source gives years)"""
    funding_by_sphere: tuple[tuple[str, float], ...]
    board_by_sphere: tuple[tuple[str, float], ...]
    funding_neutrality: float | None
    """1 − Herfindahl index over the three spheres, scaled to 0 (one sphere) .. 1 (equal thirds)."""
    board_neutrality: float | None
    staff: float | None
    activity: tuple[tuple[str, float], ...]
    """(project, share), (platform, share) in 0..1, as the profile gives them."""
    sme_share: float | None
    diagnoses: tuple[Diagnosis, ...]
    not_assessed: tuple[tuple[str, str], ...]
    """(diagnosis code, the profile field it needs) for checks the profile gives too little for."""
    indicator_passages: tuple[tuple[str, Passage], ...] = ()
    """(indicator, the passage that defines it)."""
