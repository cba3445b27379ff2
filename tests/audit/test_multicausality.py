"""The audit on the shipped knowledge base reproduces Benner's Table 3 (and Table 2 for the weights).

Expected values are read off the paper (seed text 002_62533ad0b5787166.txt, "Table 3: Instruments of
cluster policy" and "Table 2"), not from data/.
"""

from __future__ import annotations

from itertools import combinations
from math import comb

import pytest

from tests.conftest import make_profile
from toolbox.audit.multicausality import REDUNDANT_JACCARD, THIN_MAX_INSTRUMENTS, audit, jaccard, overlaps
from toolbox.engine import make_plan

# Table 3: bullet points listed under each mechanism.
TABLE_3_COUNTS = {
    "graduate_recruitment": 6, "labour_mobility": 5, "student_work": 7, "spinoff_formation": 7,
    "venture_capital": 3, "research_cooperation": 17, "horizontal_cooperation": 14, "vertical_cooperation": 14,
    "local_competition": 3, "social_hierarchy_competition": 2, "cafeteria_effects": 2, "social_networks": 4,
}
# Table 3 lists "Lobbying for measures of education and science policy (...)" under exactly these five.
LOBBYING_MECHANISMS = ("graduate_recruitment", "labour_mobility", "student_work", "spinoff_formation",
                       "research_cooperation")


@pytest.fixture(scope="module")
def plain(kb):
    return audit(kb)


def test_lobbying_acts_on_five_mechanisms_and_ranks_first(plain):
    first = plain.instruments[0]
    assert first.id == "education_science_lobbying"
    assert first.mechanism_count == 5 and first.mechanisms == LOBBYING_MECHANISMS
    assert first.reach == 5  # unweighted: reach is the number of mechanisms
    assert all(i.mechanism_count < 5 for i in plain.instruments[1:])  # no other instrument reaches five


def test_research_cooperation_has_the_most_instruments(plain):
    counts = {m.id: m.instrument_count for m in plain.mechanisms}
    assert counts == TABLE_3_COUNTS
    assert max(counts, key=counts.get) == "research_cooperation" and counts["research_cooperation"] == 17


def test_summary_counts_table_3_links(plain):
    assert plain.summary.links == sum(TABLE_3_COUNTS.values()) == 84
    assert plain.summary.instruments == 45 and plain.summary.mechanisms == 12
    assert plain.summary.multicausal == sum(1 for i in plain.instruments if i.mechanism_count >= 2)
    assert plain.scope.weighting == "count" and plain.scope.agent_basis == "all"


def test_thinly_reached_mechanisms(plain):
    thin = {m.id for m in plain.mechanisms if m.thin}
    assert thin == {m for m, n in TABLE_3_COUNTS.items() if n <= THIN_MAX_INSTRUMENTS}
    assert thin == {"venture_capital", "local_competition", "social_hierarchy_competition", "cafeteria_effects"}


def test_ranking_is_by_reach_then_mechanisms_then_id(plain):
    keys = [(-i.reach, -i.mechanism_count, i.id) for i in plain.instruments]
    assert keys == sorted(keys)
    assert [i.rank for i in plain.instruments] == list(range(1, 46))


def test_level_weights_are_table_2_strengths(kb):
    regional = audit(kb, level="regional")
    assert regional.scope.weighting == "strength"
    weight = {m.id: m.weight for m in regional.mechanisms}
    # Table 2, regional column: cafeteria effects medium, every other mechanism strong.
    assert weight == {m: (2 if m == "cafeteria_effects" else 3) for m in TABLE_3_COUNTS}
    reach = {i.id: i.reach for i in regional.instruments}
    # Table 3: university infrastructure for industry acts on research cooperation and cafeteria effects.
    assert reach["research_infrastructure_access"] == 3 + 2
    assert reach["education_science_lobbying"] == 5 * 3
    supranational = {m.id: m.weight for m in audit(kb, level="supranational").mechanisms}
    # Table 2, supranational column: graduate recruitment and labour mobility medium, the rest weak.
    assert supranational == {m: (2 if m in ("graduate_recruitment", "labour_mobility") else 1) for m in TABLE_3_COUNTS}


def test_jaccard_on_table_3_pairs(plain):
    pairs = {(o.a, o.b): o for o in plain.overlaps}
    # Job fairs act on graduate recruitment, labour mobility, student work (Table 3); lobbying on those
    # three plus spinoff formation and research cooperation: 3 shared of 5 → 0.6.
    fairs = pairs[("education_science_lobbying", "job_fairs")]
    assert fairs.jaccard == pytest.approx(3 / 5) and fairs.union == 5
    assert fairs.shared == ("graduate_recruitment", "labour_mobility", "student_work")
    # Congresses/company visits (networking) and the cluster-competition strategy appear under the same
    # four mechanisms (research, horizontal, vertical cooperation, social networks): identical, 1.0.
    assert pairs[("cluster_competition_strategy", "networking_events")].jaccard == 1.0
    # Direct matching of partners: research, horizontal, vertical cooperation (no social networks): 3/4.
    assert pairs[("networking_events", "partner_matching")].jaccard == pytest.approx(0.75)
    # Instruments with no mechanism in common are not listed.
    assert ("job_fairs", "venture_capital_fund_allocation") not in pairs
    keys = [(-round(o.jaccard, 9), -len(o.shared), o.a, o.b) for o in plain.overlaps]
    assert keys == sorted(keys)


def test_overlaps_and_jaccard_on_a_hand_example():
    sets = {"p": ("x", "y"), "q": ("y", "z"), "r": ("x", "y", "z"), "s": ("w",)}
    found = {(o.a, o.b): o.jaccard for o in overlaps(sets, ("w", "x", "y", "z"))}
    assert found == {("p", "q"): 1 / 3, ("p", "r"): 2 / 3, ("q", "r"): 2 / 3}
    assert jaccard(set(), set()) == 0.0
    assert {(o.a, o.b) for o in overlaps(sets, ("w", "x", "y", "z"), minimum=0.5)} == {("p", "r"), ("q", "r")}


def test_jaccard_matrix_is_symmetric_with_unit_diagonal(plain):
    ids, rows = plain.jaccard_matrix()
    assert len(ids) == 45 and ids == tuple(sorted(ids))
    for a in range(len(ids)):
        assert rows[a][a] == 1.0
        for b in range(a):
            assert rows[a][b] == rows[b][a]


def test_minimum_cover_of_table_3_checked_by_counting(kb, plain):
    """Six instruments reach all twelve mechanisms, and no five do: counted by inclusion–exclusion over
    the mechanisms, independently of the branch and bound."""
    index = {m: k for k, m in enumerate(kb.mechanisms)}
    masks = [sum(1 << index[m] for m in i.mechanisms) for i in kb.instruments.values()]
    full = (1 << len(index)) - 1

    def covering(k: int) -> int:  # k-subsets of instruments whose union is every mechanism
        total = 0
        for sub in range(full + 1):
            inside = sum(1 for mask in masks if mask & ~sub == 0)
            total += (-1) ** (full.bit_count() - sub.bit_count()) * comb(inside, k)
        return total

    cover = plain.cover
    assert cover.size == 6 and covering(5) == 0
    assert cover.count == covering(6) and not cover.count_capped
    covered = {m for i in cover.instruments for m in kb.instruments[i].mechanisms}
    assert covered == set(kb.mechanisms)
    assert "education_science_lobbying" in cover.instruments
    assert {i.id for i in plain.instruments if i.in_cover} == set(cover.instruments)


def test_a_cover_not_proven_minimal_is_labelled_in_every_format(plain):
    import dataclasses
    import json

    import csv
    import io

    from toolbox.audit.cover import NOT_PROVEN, OPTIMAL
    from toolbox.render.audit_export import audit_csv, audit_json
    from toolbox.render.audit_terminal import AuditTerminalRenderer
    from toolbox.render.registry import Options

    assert plain.cover.status == OPTIMAL
    cut = dataclasses.replace(plain, cover=dataclasses.replace(plain.cover, status=NOT_PROVEN, count=None))
    data = json.loads(audit_json(cut))["minimum_cover"]
    assert data["status"] == NOT_PROVEN and data["count"] is None
    assert {row["cover_status"] for row in csv.DictReader(io.StringIO(audit_csv(cut, Options(table="cover"))))} == {NOT_PROVEN}
    text = AuditTerminalRenderer(width=200).audit(cut)
    assert "best found, not proven minimal" in text and "minimum cover(s) exist" not in text
    assert "minimum cover(s) exist" in AuditTerminalRenderer(width=200).audit(plain)


def test_key_agents_on_the_whole_matrix(kb, plain):
    first = plain.agents[0]
    degree = {a.id: a.instruments for a in plain.agents}
    assert first.instruments == max(degree.values())
    assert first.group == "cluster_initiatives"  # the cluster managements contribute to the most instruments
    for a in plain.agents:
        assert a.instruments == len({c.instrument for c in kb.contributions_of(a.id)})
        assert 0 <= a.betweenness <= 1 and a.degree_share == pytest.approx(a.instruments / 45)
    keys = [(-a.instruments, -round(a.betweenness, 9), a.id) for a in plain.agents]
    assert keys == sorted(keys)
    local = audit(kb, level="local")
    assert {a.level for a in local.agents} == {"local"} and local.scope.agent_basis == "level"


@pytest.fixture(scope="module")
def region(kb):
    observed = {m: {"observed": "strong"} for m in TABLE_3_COUNTS}
    observed.update({"research_cooperation": {"observed": "weak"}, "social_networks": {"observed": "none"},
                     "venture_capital": {"observed": "weak"}, "graduate_recruitment": {"observed": "weak"}})
    profile = make_profile(mechanisms=observed)
    plan = make_plan(kb, profile)
    return plan, audit(kb, plan=plan)


def test_profile_weights_reach_by_the_plans_need(region):
    plan, result = region
    assert result.scope.weighting == "need" and result.scope.level == "regional"
    deficient = {"research_cooperation", "social_networks", "venture_capital", "graduate_recruitment"}
    assert set(result.scope.deficient) == deficient
    benefit = {a.instrument: a.benefit for a in plan.ranking()}
    for i in result.instruments:
        assert set(i.deficient) == set(i.mechanisms) & deficient
        if i.id in benefit:  # the audit's reach is the plan's benefit
            assert i.reach == pytest.approx(benefit[i.id])
        else:
            assert i.reach == 0
        assert i.outcome in ("strategy", "deferred", "discarded", "in_place")


def test_profile_cover_reaches_every_deficient_mechanism(kb, region):
    _, result = region
    cover = result.cover
    assert set(cover.target) == set(result.scope.deficient)
    assert set(cover.target) <= {m for i in cover.instruments for m in kb.instruments[i].mechanisms}
    # venture capital: only the three venture-capital instruments of Table 3 reach it, none elsewhere
    assert cover.size == 3


def test_profile_redundant_pairs_lie_within_the_strategy(region):
    plan, result = region
    strategy = {item.assessment.instrument for item in plan.strategy}
    assert result.redundant
    for o in result.redundant:
        assert {o.a, o.b} <= strategy and o.jaccard >= REDUNDANT_JACCARD
    mechs = {i.id: set(i.deficient) for i in result.instruments}
    expected = {(a, b) for a, b in combinations(sorted(strategy), 2)
                if mechs[a] & mechs[b] and jaccard(mechs[a], mechs[b]) >= REDUNDANT_JACCARD}
    assert {(o.a, o.b) for o in result.redundant} == expected


def test_profile_mechanisms_and_agents(region):
    plan, result = region
    by_id = {m.id: m for m in result.mechanisms}
    strategy = [item.assessment.instrument for item in plan.strategy]
    for m in result.mechanisms:
        assert m.strategy_instruments == tuple(i for i in strategy if i in m.instruments)
        assert m.unserved == (m.status == "deficit" and not m.strategy_instruments)
    assert by_id["research_cooperation"].status == "deficit" and by_id["labour_mobility"].status == "attained"
    assert {a.id for a in result.agents} == {a.id for a in plan.agents}
    carried = {}
    for item in plan.strategy:
        for c in item.contributions:
            carried[c.agent.id] = carried.get(c.agent.id, 0) + 1
    assert {a.id: a.strategy_instruments for a in result.agents if a.strategy_instruments} == carried


def test_audit_is_deterministic(kb, plain):
    from toolbox.render.audit_export import audit_json

    assert audit_json(audit(kb)) == audit_json(plain)
