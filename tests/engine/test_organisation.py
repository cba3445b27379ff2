"""The cluster organisation's indicators and diagnoses (engine/organisation.py), against the passages of the
CLUSNET final report (Lindqvist & Sölvell, chapter 4, "Funding logics") and Günther & Meissner they implement.
Expected values are computed by hand from the figures in each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_profile
from toolbox.engine.organisation import PASSAGES, organisation

SEEDS = Path("/work/shared/seeds")
SEED_OF = {"clusnet": "001_af3fbbe79ec008b7.txt", "gunther_meissner": "000_710f9efe20b85609.txt"}


def org(kb, **fields):
    fields.setdefault("model", "partnership")
    return organisation(kb, make_profile(organisation=fields))


def source(name, kind, amount=None, **more):
    out = {"name": name, "type": kind, **more}
    if amount is not None:
        out["amount"] = amount
    return out


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not on this machine")
@pytest.mark.parametrize("key", sorted(PASSAGES))
def test_every_quoted_passage_is_in_its_source(key):
    p = PASSAGES[key]
    text = " ".join((SEEDS / SEED_OF[p.document]).read_text(encoding="utf-8").split())
    assert " ".join(p.quote.split()) in text


def test_largest_source_share(kb):
    """'An indicator of this sensitivity is the largest source's share of total funding' (Funding logics)."""
    r = org(kb, funding=[source("City", "public_local", 300_000), source("Fees", "membership_fees", 100_000),
                         source("Region", "public_regional", 100_000)])
    assert r.own_funding == 500_000
    assert r.largest_source_share == pytest.approx(0.6)  # 300,000 / 500,000
    assert r.sources[0].name == "City"
    assert "single_source_dependence" in [d.code for d in r.diagnoses]


def test_multiple_sources_of_roughly_equal_size_raise_no_dependence(kb):
    """'Organisations with multiple sources of roughly equal size are less susceptible' (Funding logics)."""
    r = org(kb, funding=[source(n, t, 100_000) for n, t in
                         (("City", "public_local"), ("Fees", "membership_fees"), ("Services", "service_fees"))])
    assert r.largest_source_share == pytest.approx(1 / 3)
    assert "single_source_dependence" not in [d.code for d in r.diagnoses]


def test_leverage_ratio_is_external_project_funding_over_own_funding(kb):
    """'the ratio between cluster organisation funding ("investment") and the resulting external project
    funding ("return")' (Funding logics): own funding is everything in the organisation's own budget."""
    r = org(kb, funding=[source("City", "public_local", 150_000), source("Seed money", "project_funds", 50_000)],
            external_project_funding=1_000_000)
    assert r.leverage_ratio == pytest.approx(5.0)  # 1,000,000 / (150,000 + 50,000)
    assert org(kb, funding=[source("City", "public_local", 1)]).leverage_ratio is None  # not given: not computed


def test_public_share_and_its_falling_trend(kb):
    """'As the basic public funding is ramped down, membership fees and consultancy fees are used to make up
    for the loss' (Funding logics)."""
    r = org(kb, model="membership", funding=[
        source("City", "public_local", years={2021: 200_000, 2022: 150_000, 2023: 100_000}),
        source("Fees", "membership_fees", years={2021: 0, 2022: 50_000, 2023: 60_000})])
    assert r.public_trend == ((2021, 1.0), (2022, 0.75), (2023, pytest.approx(100 / 160)))
    assert r.trend == "falling"
    assert r.public_share == pytest.approx(100 / 160)  # the latest year
    diagnosis = next(d for d in r.diagnoses if d.code == "membership_public_sensitivity")
    assert diagnosis.number("trend") == "falling"
    assert "cooperation_project_management" in diagnosis.instruments


def test_a_trend_needs_years_on_every_source(kb):
    r = org(kb, funding=[source("City", "public_local", years={2022: 1, 2023: 2}), source("Fees", "service_fees", 5)])
    assert r.trend is None and r.public_trend == ()


def test_the_membership_model_is_sensitive_to_public_funding_the_partnership_model_is_not_diagnosed(kb):
    """'The membership model is particularly sensitive to loss of public funding' (Funding logics)."""
    funding = [source("City", "public_local", 60_000), source("Fees", "membership_fees", 40_000)]
    assert "membership_public_sensitivity" in [d.code for d in org(kb, model="membership", funding=funding).diagnoses]
    assert "membership_public_sensitivity" not in [d.code for d in org(kb, model="partnership", funding=funding).diagnoses]
    private = [source("City", "public_local", 40_000), source("Fees", "membership_fees", 60_000)]
    assert "membership_public_sensitivity" not in [d.code for d in org(kb, model="membership", funding=private).diagnoses]


def test_neutrality_over_funding_and_board(kb):
    """'Mixed financing, board representation and so on build legitimacy as a neutral actor' (Targeted
    Cluster Policy); an organisation 'clearly public sector-run' finds bridge building hard (A final word)."""
    mixed = org(kb, funding=[source("City", "public_local", 100), source("Uni", "service_fees", 100, sphere="academic"),
                             source("Firms", "membership_fees", 100)], board={"public": 2, "academic": 2, "business": 2})
    assert mixed.funding_neutrality == pytest.approx(1.0) and mixed.board_neutrality == pytest.approx(1.0)
    assert "not_neutral" not in [d.code for d in mixed.diagnoses]
    public = org(kb, funding=[source("City", "public_local", 100)], board={"public": 3, "business": 1})
    assert public.funding_neutrality == pytest.approx(0.0)
    # board 3/4 public: 1 − (0.75² + 0.25²) = 0.375, scaled by 1 / (2/3) = 0.5625
    assert public.board_neutrality == pytest.approx(0.5625)
    d = next(d for d in public.diagnoses if d.code == "not_neutral")
    assert d.number("sphere") == "public" and d.number("funding_public_share") == 1.0
    assert d.number("board_public_share") == 0.75  # at the threshold: "clearly" public-run
    assert {kb.agents[a].kind for a in d.agents} <= {"universities", "relevant_research_institutions",
                                                      "business_associations", "leading_companies", "other_companies"}
    assert all(kb.agents[a].level == "regional" for a in d.agents)  # the profile's level


def test_an_all_business_board_is_diagnosed_even_with_mixed_money(kb):
    r = org(kb, funding=[source("City", "public_local", 100), source("Firms", "membership_fees", 100)],
            board={"business": 7})
    d = next(d for d in r.diagnoses if d.code == "not_neutral")
    assert d.number("sphere") == "business" and d.number("board_business_share") == 1.0


def test_smes_without_professional_cluster_management(kb):
    """Günther & Meissner: clusters of small and medium players 'are challenged raising the resources
    necessary to install a cluster management'."""
    assert "smes_without_management" in [d.code for d in org(kb, sme_share=85, staff=0).diagnoses]
    assert "smes_without_management" not in [d.code for d in org(kb, sme_share=85, staff=2).diagnoses]
    assert "smes_without_management" not in [d.code for d in org(kb, sme_share=30, staff=0).diagnoses]
    d = next(d for d in org(kb, sme_share=85, staff=0.5).diagnoses if d.code == "smes_without_management")
    assert d.agents == ("regional_cluster_management",) and d.passages[0].document == "gunther_meissner"
    assert ("smes_without_management", "organisation.staff") in org(kb, sme_share=85).not_assessed


def test_every_linked_agent_and_instrument_exists(kb):
    r = org(kb, model="membership", funding=[source("City", "public_local", 100)], board={"public": 1},
            sme_share=90, staff=0)
    assert {d.code for d in r.diagnoses} == {"single_source_dependence", "membership_public_sensitivity",
                                             "not_neutral", "smes_without_management"}
    for d in r.diagnoses:
        assert d.passages and all(p.quote for p in d.passages)
        assert set(d.agents) <= set(kb.agents) and set(d.instruments) <= set(kb.instruments)


def test_project_platform_mix_is_reported_as_given(kb):
    r = org(kb, activity={"project": 35, "platform": 65})
    assert r.activity == (("project", 0.35), ("platform", 0.65))


def test_an_organisation_section_does_not_change_the_strategy(kb):
    from toolbox.engine import make_plan

    plain = make_plan(kb, make_profile())
    with_org = make_plan(kb, make_profile(organisation={"model": "hybrid", "staff": 2}))
    assert with_org.strategy == plain.strategy and with_org.organisation is not None
