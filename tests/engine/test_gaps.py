"""Programmes × the seven gaps (engine/gaps.py): CLUSNET's Table 4 and what the plan makes of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import make_profile
from toolbox.engine import Weights, make_plan
from toolbox.engine.gaps import gaps
from toolbox.profile.load import load_profile
from toolbox.render.json_out import plan_dict

ROOT = Path(__file__).resolve().parents[2]
TABLE4 = yaml.safe_load((Path(__file__).parent / "clusnet_table4.yaml").read_text(encoding="utf-8"))
SEED = Path("/work/shared/seeds/001_af3fbbe79ec008b7.txt")


@pytest.mark.parametrize("city", sorted(TABLE4))
def test_the_example_cities_give_table_4_and_its_empty_slots(kb, city):
    expected = TABLE4[city]
    profile = load_profile(ROOT / "examples" / expected["profile"], kb)
    result = gaps(kb, profile, make_plan(kb, profile))
    assert {p.name: list(p.gaps) for p in result.programmes} == expected["programmes"]
    assert [g.gap for g in result.gaps if g.status == "empty"] == expected["empty"]
    assert [g.gap for g in result.gaps] == ["research", "education", "capital", "policy", "firm_to_firm",
                                            "cluster_to_cluster", "global_market"]  # Table 4's columns, gaps 1-7


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not on this machine")
def test_the_transcribed_row_names_are_the_tables():
    text = SEED.read_text(encoding="utf-8")
    table = text[text.index("Which one is yours?"):text.index("Table 4. Two hypothetical cities")]
    for city in TABLE4.values():
        for name in city["programmes"]:
            assert name in table, name


def test_city_1_empty_slots_are_filled_by_recommended_instruments_whose_gaps_include_them(kb):
    profile = load_profile(ROOT / "examples" / "clusnet_city1_empty_slots.yaml", kb)
    plan = make_plan(kb, profile)
    result = plan.gaps
    recommended = [i.assessment.instrument for i in plan.strategy]
    for g in result.gaps:
        # independent: the strategy's instruments whose knowledge-base gaps name this gap, in rank order
        assert list(g.strategy) == [i for i in recommended if g.gap in kb.instruments[i].gaps]
    assert plan_dict(plan)["gaps"]["empty"] == TABLE4["city_1"]["empty"]


def test_traffic_decides_between_bridged_no_traffic_and_unreported(kb):
    profile = make_profile(programmes=[
        {"name": "A", "gaps": ["research"], "traffic": {"participants": 0, "events": 0}},
        {"name": "B", "gaps": ["education"], "traffic": {"participants": 0}},
        {"name": "C", "gaps": ["education"], "traffic": {"events": 4}},
        {"name": "D", "gaps": ["capital"]},
        {"name": "E", "gaps": ["policy"], "traffic": {"joint_projects": 0}},
        {"name": "F", "gaps": ["policy"]},
    ])
    status = {g.gap: g.status for g in gaps(kb, profile, make_plan(kb, profile)).gaps}
    assert status == {"research": "no_traffic", "education": "bridged", "capital": "unreported",
                      "policy": "unreported", "firm_to_firm": "empty", "cluster_to_cluster": "empty",
                      "global_market": "empty"}


def test_a_programme_that_is_an_instrument_counts_as_in_place_like_the_shorthand(kb):
    by_programme = make_plan(kb, make_profile(programmes=[{"name": "Fairs", "instrument": "job_fairs"}]))
    by_shorthand = make_plan(kb, make_profile(in_place=["job_fairs"]))
    assert [s.instrument for s in by_programme.in_place] == ["job_fairs"]
    assert [i.assessment.instrument for i in by_programme.strategy] == \
        [i.assessment.instrument for i in by_shorthand.strategy]
    both = make_plan(kb, make_profile(in_place=["job_fairs"], programmes=[
        {"name": "Matching", "instrument": "direct_job_matching"}]))
    assert sorted(s.instrument for s in both.in_place) == ["direct_job_matching", "job_fairs"]  # the union
    # its gaps default to the instrument's, and the shorthand joins the matrix as a programme
    rows = both.gaps.programmes
    assert [(r.name, r.gaps, r.shorthand) for r in rows] == [
        ("Matching", tuple(kb.instruments["direct_job_matching"].gaps), False),
        (kb.instruments["job_fairs"].name, tuple(kb.instruments["job_fairs"].gaps), True)]


def test_without_programmes_the_plan_is_unchanged_and_has_no_gaps_section(kb):
    profile = make_profile(in_place=["job_fairs"])
    plain = make_plan(kb, profile)
    weighed = make_plan(kb, profile, Weights(empty_gap=0.5))  # the term needs programmes to know the slots
    assert plain.gaps is None and plain.gap_term == ()
    assert plan_dict(plain)["gaps"] is None and plan_dict(plain)["organisation"] is None
    strip = {"weights", "weights_hash"}
    assert {k: v for k, v in plan_dict(weighed).items() if k not in strip} == \
        {k: v for k, v in plan_dict(plain).items() if k not in strip}


def test_the_default_empty_gap_weight_leaves_a_plan_with_programmes_as_it_was(kb):
    programmes = [{"name": "Meetups", "gaps": ["firm_to_firm"]}]
    with_programmes = make_plan(kb, make_profile(programmes=programmes))
    without = make_plan(kb, make_profile())
    assert Weights().empty_gap == 0
    assert [(i.assessment.instrument, i.marginal_value) for i in with_programmes.strategy] == \
        [(i.assessment.instrument, i.marginal_value) for i in without.strategy]
    assert with_programmes.gap_term == ()


def test_the_empty_gap_term_raises_instruments_that_fill_empty_slots(kb):
    observed = {m: {"observed": "weak"} for m in ("graduate_recruitment", "research_cooperation")}
    programmes = [{"name": "Meetups", "gaps": ["research", "firm_to_firm", "capital", "policy",
                                                "cluster_to_cluster", "global_market"]}]
    profile = make_profile(mechanisms=observed, programmes=programmes)
    plain = make_plan(kb, profile)
    weighed = make_plan(kb, profile, Weights(empty_gap=0.3))
    assert weighed.gap_term == (("gap:education", 0.3),)
    before = {i.assessment.instrument: i.assessment.value for i in plain.strategy}
    after = {i.assessment.instrument: i.assessment.value for i in weighed.strategy}
    for instrument, value in after.items():
        if instrument in before:
            bridges = "education" in kb.instruments[instrument].gaps
            # standalone value grows by exactly the weight times its factor for an education instrument
            a = next(i.assessment for i in weighed.strategy if i.assessment.instrument == instrument)
            extra = 0.3 * a.distortion_factor * a.field_factor if bridges else 0.0
            assert value == pytest.approx(before[instrument] + extra), instrument
    assert any("education" in kb.instruments[i].gaps for i in after)
