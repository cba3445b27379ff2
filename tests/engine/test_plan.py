"""The four steps and their verdicts (Benner, 'When using the toolbox, policymakers are advised to follow this procedure')."""

from __future__ import annotations

import pytest

from tests.conftest import MECHANISMS, make_profile
from toolbox.engine import Weights, make_plan
from toolbox.engine.explain import explain
from toolbox.kb.records import LEVELS


def ids(entries):
    return [e.assessment.instrument if hasattr(e, "rank") else e.instrument for e in entries]


# Step 1 -------------------------------------------------------------------------------------------

def test_absent_potential_gives_no_strategy(kb):
    plan = make_plan(kb, make_profile(cluster={"potential": "absent"}))
    assert plan.verdict.code == "no_cluster_potential"
    assert "not the method of choice" in plan.verdict.message
    assert plan.strategy == () and plan.deferred == ()


def test_nascent_potential_is_still_served(kb):
    plan = make_plan(kb, make_profile(cluster={"potential": "nascent"}, mechanisms={"student_work": {"observed": "none"}}))
    assert plan.verdict.code == "strategy"
    assert plan.strategy
    assert any("continuum" in a for a in plan.assumptions)


def test_impossible_mechanism_is_discarded_and_never_drives_an_instrument(kb):
    profile = make_profile(mechanisms={"venture_capital": {"possible": False, "observed": "none"},
                                       "student_work": {"observed": "none"}})
    plan = make_plan(kb, profile)
    vc = next(m for m in plan.mechanisms if m.id == "venture_capital")
    assert vc.status == "discarded" and vc.deficit is None and vc.need == 0
    for item in plan.strategy:
        assert "venture_capital" not in [t.mechanism for t in item.assessment.terms]
    # the three venture-capital instruments act on nothing else (Table 3), so none is recommended
    for inst in ("venture_capital_fund_allocation", "investor_coaching_for_spinoffs", "incubators_with_venture_capital"):
        assert plan.find(inst)[0] == "discarded"


# Step 2 -------------------------------------------------------------------------------------------

def test_deficit_is_attainable_minus_observed(kb):
    # Table 2: social networks are strong on the regional level; observed weak -> deficit 2.
    plan = make_plan(kb, make_profile(mechanisms={"social_networks": {"observed": "weak"}}))
    sn = next(m for m in plan.mechanisms if m.id == "social_networks")
    assert (sn.attainable, sn.deficit, sn.status) == ("strong", 2, "deficit")
    # Table 2: cafeteria effects are medium on the regional level; observed medium -> attained.
    ce = next(m for m in plan.mechanisms if m.id == "cafeteria_effects")
    assert (ce.attainable, ce.deficit, ce.status) == ("medium", 0, "attained")


def test_observed_above_attainable_is_no_deficit(kb):
    # Table 2: cafeteria effects are medium on the regional level.
    plan = make_plan(kb, make_profile(mechanisms={"cafeteria_effects": {"observed": "strong"},
                                                  "student_work": {"observed": "none"}}))
    ce = next(m for m in plan.mechanisms if m.id == "cafeteria_effects")
    assert ce.deficit == 0 and ce.status == "exceeds"


def test_no_deficit_means_no_justification(kb):
    strong = {m: {"observed": "strong"} for m in MECHANISMS}
    plan = make_plan(kb, make_profile(mechanisms=strong))
    assert plan.verdict.code == "no_justification"
    assert plan.strategy == ()


def test_unknown_is_never_treated_as_none(kb):
    # Issue 11, step 2: with nothing assessed the verdict says so and lists what to assess, never
    # "no justification" (which would claim each mechanism is observed at its attainable strength).
    unknown = {m: {"observed": "unknown"} for m in MECHANISMS}
    plan = make_plan(kb, make_profile(mechanisms=unknown))
    assert plan.verdict.code == "nothing_assessed"
    assert all(m.status == "unassessed" and m.deficit is None for m in plan.mechanisms)
    assert plan.verdict.to_assess == tuple(MECHANISMS)
    assert plan.strategy == ()


def test_some_assessed_without_deficit_is_no_justification_naming_the_rest(kb):
    obs = {m: {"observed": "unknown"} for m in MECHANISMS}
    obs["student_work"] = {"observed": "strong"}
    plan = make_plan(kb, make_profile(mechanisms=obs))
    assert plan.verdict.code == "no_justification"
    assert "student_work" not in plan.verdict.to_assess and len(plan.verdict.to_assess) == len(MECHANISMS) - 1


def test_mechanisms_left_out_of_the_profile_are_unassessed(kb):
    profile = make_profile(mechanisms=None)
    data = profile.model_dump()
    data["mechanisms"] = {"student_work": {"observed": "none"}}
    from toolbox.profile.model import RegionProfile

    plan = make_plan(kb, RegionProfile.model_validate(data))
    statuses = {m.id: m.status for m in plan.mechanisms}
    assert statuses["student_work"] == "deficit"
    assert statuses["social_networks"] == "unassessed"


@pytest.mark.parametrize("level", LEVELS)
def test_attainable_strength_follows_table_2_on_each_level(kb, level):
    # Table 2 (Benner): cafeteria effects weak/weak/medium/strong; competition in the local social
    # hierarchy weak/weak/strong/strong; recruitment of alumni medium/strong/strong/strong.
    table_2 = {
        "cafeteria_effects": dict(zip(LEVELS, ("weak", "weak", "medium", "strong"))),
        "social_hierarchy_competition": dict(zip(LEVELS, ("weak", "weak", "strong", "strong"))),
        "graduate_recruitment": dict(zip(LEVELS, ("medium", "strong", "strong", "strong"))),
    }
    plan = make_plan(kb, make_profile(region={"level": level}))
    got = {m.id: m.attainable for m in plan.mechanisms}
    for mechanism, by_level in table_2.items():
        assert got[mechanism] == by_level[level]


def test_same_observation_gives_a_deficit_only_where_table_2_allows_more(kb):
    # cafeteria effects observed weak: no deficit nationally (Table 2: weak), deficit 2 locally (strong).
    obs = {"cafeteria_effects": {"observed": "weak"}}
    national = make_plan(kb, make_profile(region={"level": "national"}, mechanisms=obs))
    local = make_plan(kb, make_profile(region={"level": "local"}, mechanisms=obs))
    assert next(m for m in national.mechanisms if m.id == "cafeteria_effects").deficit == 0
    assert next(m for m in local.mechanisms if m.id == "cafeteria_effects").deficit == 2


# Step 3 -------------------------------------------------------------------------------------------

def test_need_combines_both_barriers(kb):
    plan = make_plan(kb, make_profile(mechanisms={"labour_mobility": {"observed": "none"}}))
    lm = next(m for m in plan.mechanisms if m.id == "labour_mobility")
    w = Weights()
    expected = 3 / 3 * w.empirical[lm.empirical_support] * w.policy[lm.policy_influence]
    assert lm.need == pytest.approx(expected)


def test_high_distortion_instruments_are_discarded_with_the_reason(kb):
    plan = make_plan(kb, make_profile(mechanisms={"spinoff_formation": {"observed": "none"}}))
    where, entry = plan.find("new_business_subsidies")
    assert (where, entry.reason) == ("discarded", "distortion_risk")
    loose = make_plan(kb, make_profile(mechanisms={"spinoff_formation": {"observed": "none"}}),
                      Weights(max_distortion="high"))
    where, entry = loose.find("new_business_subsidies")
    assert where != "discarded" or entry.reason != "distortion_risk"


def test_multicausality_adds_up(kb):
    # Lobbying for education and science policy acts on five mechanisms (Table 3); with deficits in
    # all five, its benefit is the sum of their needs.
    five = ("graduate_recruitment", "labour_mobility", "student_work", "spinoff_formation", "research_cooperation")
    plan = make_plan(kb, make_profile(mechanisms={m: {"observed": "weak"} for m in five}))
    where, item = plan.find("education_science_lobbying")
    needs = {m.id: m.need for m in plan.mechanisms}
    assert item.assessment.benefit == pytest.approx(sum(needs[m] for m in five))
    assert len(item.assessment.terms) == 5


def test_instruments_outside_cluster_policy_are_marked(kb):
    plan = make_plan(kb, make_profile(mechanisms={"student_work": {"observed": "none"}}))
    where, item = plan.find("education_science_lobbying")
    assert item.assessment.needs_other_field
    assert item.assessment.policy_field == "education_science_policy"


def test_in_place_instruments_are_shown_not_recommended(kb):
    plan = make_plan(kb, make_profile(mechanisms={"student_work": {"observed": "none"}}, in_place=["job_fairs"]))
    assert plan.find("job_fairs")[0] == "in_place"
    assert "job_fairs" not in ids(plan.strategy)


def test_local_costs_replace_indicative_ones(kb):
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "none"}},
                                      costs={"innovation_vouchers": 250000}))
    a = plan.find("innovation_vouchers")[1].assessment
    assert (a.cost, a.cost_source) == (250000, "profile")
    b = plan.find("partner_matching")[1].assessment
    # without a local figure, the instrument's own indicative cost (data/instruments.yaml), not its class's
    assert b.cost_source == "indicative" and b.cost == kb.instruments["partner_matching"].cost.typical


def test_budget_is_never_exceeded_and_the_rest_is_deferred(kb):
    profile = make_profile(mechanisms={m: {"observed": "none"} for m in MECHANISMS}, budget={"amount": 100000})
    plan = make_plan(kb, profile)
    assert sum(i.assessment.cost for i in plan.strategy) <= 100000
    assert any(d.reason == "budget" for d in plan.deferred)
    assert plan.budget_left == pytest.approx(100000 - plan.budget_used)


# Step 4 -------------------------------------------------------------------------------------------

def test_unwilling_agents_never_appear(kb):
    agents = [{"id": "regional_cluster_management", "willing": False}, {"id": "regional_universities"},
              {"id": "regional_department_of_industry"}, {"id": "other_regional_companies"}]
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "none"}}, agents=agents))
    for item in plan.strategy:
        assert "regional_cluster_management" not in [c.agent.id for c in item.contributions]
    assert [e.agent.id for e in plan.excluded_agents] == ["regional_cluster_management"]


def test_instrument_no_present_agent_can_carry_is_deferred(kb):
    # Only a trade union branch present: it contributes to few instruments (contribution matrix).
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "none"}},
                                      agents=[{"id": "regional_trade_union_branches"}]))
    no_agent = [d for d in plan.deferred if d.reason == "no_agent"]
    assert no_agent
    assert all(c.agent.id == "regional_trade_union_branches" for i in plan.strategy for c in i.contributions)


def test_no_agents_listed_assumes_the_standard_set_of_the_level_and_below_and_says_so(kb):
    # Issue 11, step 4: the agents inside the region (the levels below the profile's) count too.
    plan = make_plan(kb, make_profile(mechanisms={"student_work": {"observed": "none"}}))
    assert {a.level for a in plan.agents} == {"regional", "local"}
    assert len(plan.agents) == len(kb.agents_on("regional")) + len(kb.agents_on("local"))
    assert any("standard set" in a for a in plan.assumptions)


def test_higher_and_lower_levels_count_only_unwilling_agents_are_left_out(kb):
    # Benner, procedure step 4: an agent is disregarded only when absent, unable or unwilling; agents on
    # higher scales count "insofar as they can influence these clusters"; local agents are inside the region.
    agents = [{"id": "regional_cluster_management"}, {"id": "national_ministry_of_science"},
              {"id": "local_cluster_management"}, {"id": "regional_universities", "willing": False}]
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "none"}}, agents=agents))
    assert [a.id for a in plan.agents] == ["regional_cluster_management", "national_ministry_of_science",
                                           "local_cluster_management"]
    assert [e.agent.id for e in plan.excluded_agents] == ["regional_universities"]


# explain ------------------------------------------------------------------------------------------

def test_explain_accounts_for_every_rank(kb):
    plan = make_plan(kb, make_profile(mechanisms={m: {"observed": "weak"} for m in MECHANISMS},
                                      budget={"amount": 300000}))
    w = plan.weights
    for item in plan.strategy:
        e = explain(plan, item.assessment.instrument)
        a = e.assessment
        assert e.outcome == "strategy" and e.rank == item.rank
        assert a.benefit == pytest.approx(sum(t.value for t in a.terms))
        for t in a.terms:
            assert t.value == pytest.approx(t.deficit / 3 * t.empirical_factor * t.policy_factor)
        # nothing in place: alone, each mechanism's first slot is filled to the instrument's factor (method.md)
        f = a.distortion_factor * a.field_factor
        assert a.value == pytest.approx(a.benefit * f)
        assert a.score == pytest.approx(a.value / (a.cost / w["cost_reference"]) ** w["cost_elasticity"])
        assert e.marginal_value == pytest.approx(item.marginal_value)
        assert sum(t.gain for t in e.marginal_terms) == pytest.approx(item.marginal_value)
    ranks = [i.rank for i in plan.strategy]
    assert ranks == list(range(1, len(ranks) + 1))


def test_explain_names_why_an_instrument_was_set_aside(kb):
    plan = make_plan(kb, make_profile(mechanisms={"spinoff_formation": {"observed": "none"},
                                                  "social_hierarchy_competition": {"observed": "strong"}}))
    e = explain(plan, "new_business_subsidies")
    assert e.outcome == "discarded" and e.reason == "distortion_risk"
    e = explain(plan, "cluster_awards")
    assert e.outcome == "discarded" and e.reason == "no_deficit"


# Issue 11, the procedure --------------------------------------------------------------------------

def test_a_lower_attainable_strength_is_the_profiles_judgement(kb):
    # Table 2: venture capital is strong on the regional level; the profile lowers it to medium.
    obs = {"venture_capital": {"observed": "weak", "attainable": "medium", "reason": "small niche"}}
    plan = make_plan(kb, make_profile(mechanisms=obs))
    vc = next(m for m in plan.mechanisms if m.id == "venture_capital")
    assert (vc.attainable, vc.paper_attainable, vc.attainable_source, vc.deficit) == ("medium", "strong", "profile", 1)
    assert vc.attainable_reason == "small niche" and "profile" in vc.note
    other = next(m for m in plan.mechanisms if m.id == "spinoff_formation")
    assert other.attainable_source == "paper" and other.attainable_reason is None


def test_an_instrument_outside_cluster_policy_is_weighed_by_the_field_factor(kb):
    w = Weights()
    plan = make_plan(kb, make_profile(mechanisms={"student_work": {"observed": "none"}}))
    a = plan.find("education_science_lobbying")[1].assessment
    assert a.needs_other_field and a.field_factor == w.other_field
    b = plan.find("job_fairs")[1].assessment
    assert not b.needs_other_field and b.field_factor == 1.0 and b.indirect_factor == 1.0
    # nothing in place: alone, the value is the benefit times the distortion, field and indirect factors
    # (lobbying acts only indirectly: data/instruments.yaml, its `influence`)
    assert a.indirect_factor == w.indirect
    assert a.value == pytest.approx(a.benefit * a.distortion_factor * w.other_field * w.indirect)
    lines = "\n".join(__import__("toolbox.render.common", fromlist=["x"]).formula_lines(a, plan.weights))
    assert f"factor {w.other_field:g}" in lines and f"acts only indirectly" in lines


def test_an_instrument_of_another_field_that_acts_directly_has_no_indirect_factor(kb):
    plan = make_plan(kb, make_profile(mechanisms={"research_cooperation": {"observed": "none"}}))
    a = plan.find("university_transfer_offices")[1].assessment
    assert a.needs_other_field and a.indirect_factor == 1.0
    assert a.value == pytest.approx(a.benefit * a.distortion_factor * Weights().other_field)


def test_indirect_reach_is_the_lobbying_instrument_s_alone_and_reasoned(kb):
    """The paper's policy barrier: "directly or more indirectly". Only lobbying delivers nothing itself."""
    indirect = {i.id: i.influence.rationale for i in kb.instruments.values()
                if i.influence is not None and i.influence.mode == "indirect"}
    assert list(indirect) == ["education_science_lobbying"]
    assert "education and science policy" in indirect["education_science_lobbying"]


def test_a_design_with_a_lower_risk_keeps_a_high_risk_instrument_and_is_carried(kb):
    obs = {"spinoff_formation": {"observed": "none"}}
    plain = make_plan(kb, make_profile(mechanisms=obs))
    assert plain.find("new_business_subsidies")[1].reason == "distortion_risk"
    designed = make_plan(kb, make_profile(mechanisms=obs, designs={
        "new_business_subsidies": {"distortion_risk": "medium", "reason": "an open call to all founders"}}))
    where, entry = designed.find("new_business_subsidies")
    a = entry.assessment
    assert where != "discarded" or entry.reason != "distortion_risk"
    assert (a.distortion_risk, a.listed_distortion_risk, a.design) == ("medium", "high", "an open call to all founders")
    assert a.distortion_factor == Weights().distortion["medium"]
