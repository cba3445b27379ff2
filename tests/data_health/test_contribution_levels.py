"""Data health: the level rules of the contribution matrix (header of data/contributions.yaml).

Benner's Step 4 considers agents "on higher spatial scales insofar as they can influence" the cluster
(section on the toolbox's scope); Table 4 lists the same kinds of agent on four levels. The matrix must
therefore say on which level a kind contributes, so that a supranational bank, a national ministry and a
municipal department do not contribute alike. The expected sets below are the rules, not read from data/.
"""

from __future__ import annotations

from pathlib import Path

from toolbox import yamlio
from toolbox.kb.load import shipped_data_dir

RUN_IN_THE_REGION = (  # events, services and local schemes: organised, joined and paid for in the region
    "job_fairs", "direct_job_matching", "company_education_dialogue", "cluster_public_relations",
    "online_job_exchange", "thesis_internship_scholarships", "entrepreneurship_competitions",
    "entrepreneurship_seminars", "founder_consulting", "entrepreneur_expert_matching",
    "investor_coaching_for_spinoffs", "networking_events", "university_classes_for_industry",
    "industry_science_associations", "cluster_competition_strategy", "online_cooperation_database",
    "cluster_identity", "industry_associations", "cross_industry_associations",
    "cluster_personalities_information", "cluster_awards", "connected_personalities",
)
NATIONAL_PROGRAMMES = {  # where a national ministry or agency may contribute: national schemes exist
    "technology_centres", "new_business_subsidies", "venture_capital_fund_allocation",
    "incubators_with_venture_capital", "university_transfer_offices", "chair_transfer_specialists",
    "cooperation_project_management", "university_training_programmes", "research_infrastructure_access",
    "collaboration_funding", "innovation_vouchers", "transregional_network_matching", "industry_semesters",
    "trade_fair_programmes", "delegation_trips", "external_investment_promotion", "transregional_public_relations",
    "sophisticated_public_procurement", "standards_certification", "competitor_investment_promotion",
    "education_science_lobbying", "cluster_public_relations",
}
OWN_SCALE_ABOVE_THE_REGION = {"transregional_network_matching", "standards_certification",
                              "sophisticated_public_procurement"}
"""Networks across regions, common standards and public purchasing are organised at every scale."""
SUPRANATIONAL_BANK_FINANCES = {"technology_centres", "venture_capital_fund_allocation", "collaboration_funding"}
"""The European Investment Bank group lends to buildings, funds and R&D (CLUSNET, The Capital Gap)."""
BEYOND_THE_REGION_FIRMS = {  # what firms of national or global reach join as such
    "education_science_lobbying", "technology_centres", "venture_capital_fund_allocation",
    "cooperation_project_management", "partner_matching", "collaboration_funding",
    "company_infrastructure_sharing", "standards_certification", "external_investment_promotion",
}


def _levels_of(kb, level: str, instrument: str) -> list[str]:
    return [c.agent for c in kb.contributions_to(instrument) if kb.agents[c.agent].level == level]


def test_every_row_states_its_levels():
    doc = yamlio.parse_yaml(Path(shipped_data_dir(), "contributions.yaml").read_text(encoding="utf-8"),
                            "contributions.yaml")
    missing = [f"{block['instrument']} row {r}" for block in doc.value["contributions"]
               for r, row in enumerate(block["rows"]) if not row.get("levels")]
    assert not missing, f"rows without levels: {missing}"


def test_no_firm_beyond_the_region_takes_part_in_an_instrument_run_in_the_region(kb):
    # a firm of national or global reach appears in the region through its branch (Table 4 lists branches apart)
    wrong = [f"{i}: {a}" for i in RUN_IN_THE_REGION for level in ("supranational", "national")
             for a in _levels_of(kb, level, i) if kb.agents[a].group == "businesses"]
    assert not wrong, "\n".join(wrong)


def test_no_supranational_agent_organises_coaches_or_joins_a_local_event(kb):
    wrong = []
    for c in kb.contributions:
        agent = kb.agents[c.agent]
        if agent.level != "supranational":
            continue
        if c.instrument in RUN_IN_THE_REGION and agent.kind != "cluster_policy_research":
            wrong.append(f"{c.agent} -> {c.instrument}")
        if {"organisation", "coaching"} & set(c.types) and c.instrument not in OWN_SCALE_ABOVE_THE_REGION:
            wrong.append(f"{c.agent} organises or coaches {c.instrument}")
    assert not wrong, "\n".join(wrong)


def test_supranational_public_banks_only_finance_buildings_funds_and_rd(kb):
    got = {c.instrument: c.types for c in kb.contributions_of("supranational_public_banks")}
    assert set(got) == SUPRANATIONAL_BANK_FINANCES
    assert all(types == ("financing",) or "coaching" not in types for types in got.values())


def test_national_ministries_contribute_only_to_national_programmes(kb):
    for ministry in ("national_ministry_of_industry", "national_ministry_of_science", "national_ministry_of_technology",
                     "national_investment_promotion_agency", "national_export_promotion_agency"):
        outside = {c.instrument for c in kb.contributions_of(ministry)} - NATIONAL_PROGRAMMES
        assert not outside, f"{ministry} contributes to {sorted(outside)}"
    assert not any(c.instrument == "job_fairs" for c in kb.contributions_of("national_ministry_of_industry"))


def test_leading_companies_contribute_differently_across_levels(kb):
    by_level = {lv: {c.instrument for c in kb.contributions_of(f"{lv}_leading_companies")}
                for lv in ("supranational", "national", "regional", "local")}
    assert by_level["supranational"] <= BEYOND_THE_REGION_FIRMS
    assert by_level["national"] <= BEYOND_THE_REGION_FIRMS
    assert len(by_level["supranational"]) * 3 < len(by_level["local"])
    assert "job_fairs" in by_level["local"] and "job_fairs" not in by_level["supranational"]


def test_municipal_departments_and_the_national_ministry_differ(kb):
    municipal = {c.instrument for c in kb.contributions_of("municipal_business_development_towns")}
    national = {c.instrument for c in kb.contributions_of("national_ministry_of_industry")}
    assert "networking_events" in municipal and "networking_events" not in national
    assert "venture_capital_fund_allocation" in national


def test_every_instrument_keeps_a_regional_and_a_local_contributor(kb):
    # the loader enforces this too (toolbox/kb/load.py); kept here so the level rules cannot silently break it
    missing = [i for i in kb.instruments
               if not _levels_of(kb, "regional", i) or not _levels_of(kb, "local", i)]
    assert not missing, missing
