"""The cluster organisation: funding and governance indicators and the diagnoses CLUSNET and Günther &
Meissner support (docs/profile.md, "organisation"). Pure: reads the knowledge base and the profile.

Each diagnosis cites the passage it rests on. The thresholds are the tool's editorial rules: the texts name
the indicators and the direction of the risk, never a cut-off; each constant below says why its value.
"""

from __future__ import annotations

from toolbox.engine.result import Diagnosis, OrganisationResult, Passage, SourceShare
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import FundingSource, RegionProfile

SPHERES = ("public", "academic", "business")
DEFAULT_SPHERE = {"public_supranational": "public", "public_national": "public", "public_regional": "public",
                  "public_local": "public", "membership_fees": "business", "service_fees": "business",
                  "project_funds": "public"}
"""Who pays, when a source does not say (editorial): fees come mostly from member and client firms; project
funds mostly from public programmes (CLUSNET's examples are structural funds and national programmes). A
source's `sphere` overrides it, e.g. a university paying a membership fee."""

DEPENDENCE_SHARE = 0.5
"""Editorial: one source paying half or more of the organisation's funding. CLUSNET gives the indicator and
its direction ('the higher this share is, the more dependant'), no cut-off; at a half, losing that one source
halves the organisation, which no other source can make up in a year."""
PUBLIC_HEAVY = 0.5
"""Editorial: public money is half or more of a membership organisation's funding, or its share is falling."""
TREND_STEP = 0.05
"""Editorial: a change of the public share by more than 5 percentage points between the first and the latest
year is a trend; less is read as steady."""
CLEAR_SPHERE = 0.75
"""Editorial: one sphere holding three quarters or more of the funding or of the board seats makes the
organisation 'clearly public sector-run', 'purely academic' or 'all-business' in CLUSNET's words."""
SME_DOMINANT = 50.0
"""Editorial: small and medium firms are more than half of the cluster's firms ('dominate')."""
PROFESSIONAL_STAFF = 1.0
"""Editorial: professional cluster management means at least one full-time paid position."""

CLUSNET_FUNDING = "Chapter 4, Reflections on cluster organisations: Funding logics"
PASSAGES = {
    "largest_source_share": Passage("clusnet", CLUSNET_FUNDING, (
        "Dependance on a single source of funding can be a weakness of a cluster organisation. An indicator of "
        "this sensitivity is the largest source's share of total funding. The higher this share is, the more "
        "dependant on its main funding source is the organisation.")),
    "leverage_ratio": Passage("clusnet", CLUSNET_FUNDING, (
        "A key performance indicator for cluster organisations following the partnership model can be the "
        "ratio between cluster organisation funding (\"investment\") and the resulting external project "
        "funding (\"return\").")),
    "own_funding": Passage("clusnet", CLUSNET_FUNDING, (
        "In the partnership model, the cluster organisation receives a basic funding to cover platform "
        "activities and maybe also to use as seed funding for projects. The main source of funding for the "
        "projects, however, comes from external sources.")),
    "membership": Passage("clusnet", CLUSNET_FUNDING, (
        "The membership model is particularly sensitive to loss of public funding, since project financing is "
        "such a central part of the organisation's raison d'etre.")),
    "public_trend": Passage("clusnet", CLUSNET_FUNDING, (
        "Most cluster organisations face the problem of how to survive after the initial funding runs out. The "
        "solution is normally to shift gradually from public to private financing.")),
    "neutral": Passage("clusnet", "Chapter 5, Cluster policy for city regions: A final word", (
        "Bridge building is easiest from a neutral position. Bridge building from one side only risks hitting a "
        "wall on the other side of the gap. Cluster organisations that are seen to be clearly public sector-run, "
        "or purely belonging to the academic sphere, or being all-business, will find it difficult to engage all "
        "types of actors in the cluster.")),
    "mixed": Passage("clusnet", "Chapter 5, Cluster policy for city regions: Targeted Cluster Policy", (
        "As long as a cluster organisation has a clear public status, a clear academic status, or a clear "
        "business status, it will face difficulties building bridges with intense traffic. Mixed financing, "
        "board representation and so on build legitimacy as a neutral actor.")),
    "activity": Passage("clusnet", "Chapter 4, Reflections on cluster organisations: Projects and services", (
        "A cluster organisation conducts activities in two different ways: projects and services.")),
    "smes": Passage("gunther_meissner", "The Role of Cluster Management", (
        "But if it comes to clusters which bring together small and medium players, almost exclusively it "
        "appears that these often are challenged raising the resources necessary to install a cluster "
        "management. In such cases, the role of cluster policy is particularly crucial.")),
}
"""The texts' own words (the seeds in /work/shared/seeds; tests/engine/test_organisation.py checks that each
quote is in its seed)."""

LINKS = {
    "single_source_dependence": ((), ()),
    "membership_public_sensitivity": (("cluster_management",),
                                      ("cooperation_project_management", "partner_matching", "collaboration_funding")),
    "smes_without_management": (("cluster_management",), ("collaboration_funding", "cooperation_project_management")),
}
"""Benner's agent kinds and instruments per diagnosis (editorial links). Single-source dependence: no Benner
instrument diversifies an organisation's funding. Membership sensitivity: CLUSNET's remedy is the partnership
logic, where the organisation 'identif[ies] and bring[s] together suitable partners for projects and help[s]
them apply for external funding' (cooperation project management, partner matching, collaboration funding).
SMEs without management: cluster management is Benner's agent, and public support of it 'is often subject to
cluster policy tools' (Günther & Meissner): collaboration funding (also through cluster competitions) and the
management of cooperation projects."""
SPHERE_KINDS = {"public": ("industry_department", "municipal_business_development", "head_of_government_office"),
                "academic": ("universities", "relevant_research_institutions"),
                "business": ("business_associations", "leading_companies", "other_companies")}
"""Agent kinds that bring a missing sphere to the board and to the funding (editorial)."""
NEUTRAL_INSTRUMENTS = ("industry_science_associations", "cluster_identity")
"""Instruments that make a platform shared by all spheres (editorial)."""


def current_amount(source: FundingSource) -> float:
    if source.years:
        return float(source.years[max(source.years)])
    return float(source.amount)


def sphere_of(source: FundingSource) -> str:
    return source.sphere or DEFAULT_SPHERE[source.type]


def _shares(amounts: dict[str, float]) -> tuple[tuple[str, float], ...]:
    total = sum(amounts.values())
    if total <= 0:
        return ()
    return tuple((s, amounts.get(s, 0.0) / total) for s in SPHERES)


def neutrality(shares: tuple[tuple[str, float], ...]) -> float | None:
    """0 when one sphere holds everything, 1 at equal thirds: (1 − Σ s²) / (1 − 1/3)."""
    if not shares:
        return None
    return max(0.0, (1 - sum(s * s for _, s in shares)) / (1 - 1 / len(SPHERES)))


def public_trend(sources) -> tuple[tuple[tuple[int, float], ...], str | None]:
    """Public share per year when every source gives years (a source silent on a year paid nothing then)."""
    if not sources or not all(s.years for s in sources):
        return (), None
    years = sorted({y for s in sources for y in s.years})
    out = []
    for year in years:
        total = sum(float(s.years.get(year, 0)) for s in sources)
        if total > 0:
            public = sum(float(s.years.get(year, 0)) for s in sources if sphere_of(s) == "public")
            out.append((year, public / total))
    if len(out) < 2:
        return tuple(out), None
    change = out[-1][1] - out[0][1]
    trend = "falling" if change < -TREND_STEP else "rising" if change > TREND_STEP else "steady"
    return tuple(out), trend


def _agents(kb: KnowledgeBase, kinds, level: str) -> tuple[str, ...]:
    """Agents of these kinds on the profile's level, else on any level (cluster management exists only
    regionally and locally)."""
    here = [a.id for a in kb.agents.values() if a.kind in kinds and a.level == level]
    return tuple(here or [a.id for a in kb.agents.values() if a.kind in kinds])


def organisation(kb: KnowledgeBase, profile: RegionProfile) -> OrganisationResult | None:
    org = profile.organisation
    if org is None:
        return None
    level = profile.region.level
    sources = org.funding
    amounts = [(s, current_amount(s)) for s in sources]
    own = sum(a for _, a in amounts)
    rows = tuple(sorted((SourceShare(s.name, s.type, sphere_of(s), a, a / own if own else 0.0) for s, a in amounts),
                        key=lambda r: (-r.amount, r.name)))
    largest = rows[0].share if rows and own > 0 else None
    external = org.external_project_funding
    leverage = external / own if external is not None and own > 0 else None
    by_sphere: dict[str, float] = {}
    for s, a in amounts:
        by_sphere[sphere_of(s)] = by_sphere.get(sphere_of(s), 0.0) + a
    funding_spheres = _shares(by_sphere)
    public = dict(funding_spheres).get("public") if funding_spheres else None
    years, trend = public_trend(sources)
    board = _shares({s: float(getattr(org.board, s)) for s in SPHERES}) if org.board else ()
    activity = (("project", org.activity.project / 100), ("platform", org.activity.platform / 100)) \
        if org.activity else ()

    diagnoses, not_assessed = [], []
    if largest is None:
        not_assessed.append(("single_source_dependence", "organisation.funding"))
    elif largest >= DEPENDENCE_SHARE:
        diagnoses.append(Diagnosis("single_source_dependence", (
            ("source", rows[0].name), ("share", largest), ("threshold", DEPENDENCE_SHARE)),
            (PASSAGES["largest_source_share"],), *LINKS["single_source_dependence"]))
    if org.model == "membership":
        if public is None:
            not_assessed.append(("membership_public_sensitivity", "organisation.funding"))
        elif public >= PUBLIC_HEAVY or trend == "falling":
            data = (("public_share", public), ("threshold", PUBLIC_HEAVY))
            if trend is not None:
                data += (("trend", trend), ("first_year", years[0][0]), ("first_share", years[0][1]))
            kinds, instruments = LINKS["membership_public_sensitivity"]
            diagnoses.append(Diagnosis("membership_public_sensitivity", data,
                                       (PASSAGES["membership"], PASSAGES["public_trend"]),
                                       _agents(kb, kinds, level), instruments))
    clear = [(what, s, share) for what, shares in (("funding", funding_spheres), ("board", board))
             for s, share in shares if share >= CLEAR_SPHERE]
    if not funding_spheres and not board:
        not_assessed.append(("not_neutral", "organisation.funding or organisation.board"))
    elif clear:
        dominant = clear[0][1]
        data = tuple((f"{what}_{s}_share", share) for what, s, share in clear) + (
            ("sphere", dominant), ("threshold", CLEAR_SPHERE))
        missing = [s for s in SPHERES if s != dominant]
        kinds = tuple(k for s in missing for k in SPHERE_KINDS[s])
        diagnoses.append(Diagnosis("not_neutral", data, (PASSAGES["neutral"], PASSAGES["mixed"]),
                                   _agents(kb, kinds, level), NEUTRAL_INSTRUMENTS))
    if org.sme_share is None or org.staff is None:
        not_assessed.append(("smes_without_management",
                             "organisation.sme_share" if org.sme_share is None else "organisation.staff"))
    elif org.sme_share > SME_DOMINANT and org.staff < PROFESSIONAL_STAFF:
        kinds, instruments = LINKS["smes_without_management"]
        diagnoses.append(Diagnosis("smes_without_management", (
            ("sme_share", org.sme_share / 100), ("staff", float(org.staff)),
            ("sme_threshold", SME_DOMINANT / 100), ("staff_threshold", PROFESSIONAL_STAFF)),
            (PASSAGES["smes"],), _agents(kb, kinds, level), instruments))

    currency = profile.budget.currency if profile.budget else "EUR"
    indicator_passages = tuple((k, PASSAGES[p]) for k, p in (
        ("largest_source_share", "largest_source_share"), ("leverage_ratio", "leverage_ratio"),
        ("own_funding", "own_funding"), ("public_share", "public_trend"), ("neutrality", "mixed"),
        ("activity", "activity")))
    return OrganisationResult(
        profile.region.model_dump(), profile.cluster.model_dump(), currency, org.name, org.model, rows, own, largest,
        leverage, external, public, years, trend, funding_spheres, board, neutrality(funding_spheres),
        neutrality(board), None if org.staff is None else float(org.staff), activity,
        None if org.sme_share is None else org.sme_share / 100, tuple(diagnoses), tuple(not_assessed),
        indicator_passages)
