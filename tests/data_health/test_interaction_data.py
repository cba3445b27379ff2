"""Data health of issue 14's instrument fields and their vocabularies: every instrument has monitoring
indicators on CLUSNET's three levels, spillover channels, failures and an approach, each marked an editorial
assessment with a reason, and every value comes from a vocabulary that cites its passage."""

from __future__ import annotations

import pytest

FIELDS = ("monitoring", "spillover_channels", "failures", "approach")


@pytest.mark.parametrize("field", FIELDS)
def test_every_instrument_has_the_field_marked_an_assessment_with_a_reason(kb, field):
    missing = [i.id for i in kb.instruments.values() if getattr(i, field) is None]
    assert not missing, missing
    unmarked = [i.id for i in kb.instruments.values()
                if not getattr(i, field).rationale.startswith("Editorial assessment. ")
                or len(getattr(i, field).rationale) < len("Editorial assessment. ") + 15]
    assert not unmarked, unmarked


def test_digital_forms_are_marked_assessments_too(kb):
    forms = [i for i in kb.instruments.values() if i.digital_form is not None]
    assert forms
    assert all(i.digital_form.rationale.startswith("Editorial assessment. ") for i in forms)
    assert {i.digital_form.form for i in forms} == set(kb.digital_forms)


def test_the_online_instruments_of_table_3_are_their_own_digital_form(kb):
    # Benner's Table 3 lists an "online job exchange" and an "online cooperation database" as instruments
    assert kb.instruments["online_job_exchange"].digital_form.form == "online_job_exchange"
    assert kb.instruments["online_cooperation_database"].digital_form.form == "online_cooperation_database"


def test_monitoring_covers_the_three_clusnet_levels_for_every_instrument(kb):
    # CLUSNET, "A three-level model of cluster policy": the cluster level maps the actors, the interaction level
    # surveys the bridges, the collaboration level observes "traffic on the bridges"
    incomplete = {}
    for i in kb.instruments.values():
        levels = {kb.monitoring_measures[ind.measure].level for ind in i.monitoring.indicators}
        if levels != {"cluster", "interaction", "collaboration"}:
            incomplete[i.id] = sorted(levels)
    assert not incomplete, incomplete


def test_the_measures_are_clusnets(kb):
    by_level = {}
    for m in kb.monitoring_measures.values():
        by_level.setdefault(m.level, set()).add(m.id)
    assert by_level == {"cluster": {"actors_mapped"}, "interaction": {"bridges_in_place"},
                        "collaboration": {"participants", "meetings", "joint_projects"}}


def test_the_spillover_taxonomy_is_guenther_and_meissners_table_1(kb):
    # Table 1: Direction horizontal/vertical; Organization intra-/inter-organizational; Interaction direct/indirect;
    # Process technology push/demand pull; Adaptation imitation/adaptation
    pairs = {axis: {c.id for c in kb.spillover_channels.values() if c.axis == axis} for axis in kb.spillover_axes}
    assert pairs == {"direction": {"horizontal", "vertical"},
                     "organisation": {"intra_organisational", "inter_organisational"},
                     "interaction": {"direct", "indirect"}, "process": {"technology_push", "demand_pull"},
                     "adaptation": {"imitation", "adaptation"}}
    assert all(c.source.document == "gunther_meissner" for c in kb.spillover_channels.values())


def test_failures_approaches_and_governance_terms_are_manickam_and_de_graafs(kb):
    assert list(kb.failures) == ["market", "government", "systemic"]
    assert list(kb.policy_approaches) == ["broker", "demand_side", "training", "international_linkages", "framework"]
    assert list(kb.exchange_conditions) == ["human_asset_specificity", "task_uncertainty", "demand_uncertainty",
                                            "frequency"]
    assert list(kb.social_mechanisms) == ["restricted_access", "macroculture", "collective_sanctions", "reputation"]
    for table in (kb.failures, kb.policy_approaches, kb.exchange_conditions, kb.social_mechanisms):
        assert all(t.source.document == "manickam_de_graaf" for t in table.values())


def test_the_hindering_behaviours_are_clusnets_figure_23(kb):
    # CLUSNET, Figure 23 "Four types of behaviours that can hinder collaboration", each with its description
    expected = {
        "The Bridge Keeper": "maintains control to a degree that it actually prevents collaboration",
        "The Resourceless Supporter": "does in practice lack the necessary resources",
        "The Braker": "covertly obstructing the process to pursue a different agenda",
        "The Reluctant Boss": "revoking mandates and resources for collaboration",
    }
    found = {b.name: b.description for b in kb.hindering_behaviours.values()}
    assert set(found) == set(expected)
    for name, phrase in expected.items():
        assert phrase in found[name]


def test_demand_side_includes_sophisticated_procurement(kb):
    # Manickam and de Graaf: "'Demand side' policies like stimulating the development of specific lead markets
    # relevant for the cluster via public procurement"
    assert kb.instruments["sophisticated_public_procurement"].approach.approach == "demand_side"


def test_international_instruments_take_the_international_linkages_approach(kb):
    # "Measures for the promotion of international linkages to enhance the interplay between foreign and domestic
    # actors": the instruments of the external cluster dimension (Benner, Table 3)
    for i in ("trade_fair_programmes", "delegation_trips", "transregional_network_matching"):
        assert kb.instruments[i].approach.approach == "international_linkages"
