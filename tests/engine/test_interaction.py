"""The interaction side of a plan (engine/interaction.py): monitoring, spillover channels, the short-term and
future-oriented balance, failures and approaches, and the network-governance check."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_profile
from toolbox.engine.plan import make_plan
from toolbox.profile.load import load_profile

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HIGH = {"human_asset_specificity": "high", "task_uncertainty": "high", "demand_uncertainty": "high",
        "frequency": "high"}
DEFICITS = {"research_cooperation": {"observed": "none"}, "social_networks": {"observed": "weak"},
            "graduate_recruitment": {"observed": "weak"}, "labour_mobility": {"observed": "weak"}}


@pytest.fixture(scope="module")
def plan(kb):
    return make_plan(kb, make_profile(mechanisms=DEFICITS))


def test_monitoring_lists_every_indicator_of_every_recommended_instrument_in_rank_order(kb, plan):
    expected = [(item.rank, item.assessment.instrument, ind.name) for item in plan.strategy
                for ind in kb.instruments[item.assessment.instrument].monitoring.indicators]
    assert sorted((r.rank, r.instrument, r.indicator) for r in plan.monitoring) == sorted(expected)
    assert [r.rank for r in plan.monitoring] == sorted(r.rank for r in plan.monitoring)
    order = {"cluster": 0, "interaction": 1, "collaboration": 2}
    for rank in {r.rank for r in plan.monitoring}:
        levels = [order[r.level] for r in plan.monitoring if r.rank == rank]
        assert levels == sorted(levels) and set(levels) == {0, 1, 2}


def test_opened_channels_are_the_union_of_the_strategys_channels(kb, plan):
    union = {c for item in plan.strategy
             for c in kb.instruments[item.assessment.instrument].spillover_channels.channels}
    assert set(plan.spillovers.opened) == union
    assert set(plan.spillovers.closed) == set(kb.spillover_channels) - union
    for _, uses in plan.spillovers.channels:
        for use in uses:
            assert all(use.id in kb.instruments[i].spillover_channels.channels for i in use.instruments)


def test_the_balance_counts_short_time_to_effect_as_short_term_and_the_rest_as_future_oriented(plan):
    # Günther and Meissner: clusters "need to balance activities which aim at short-term impact ... but it also has
    # to elaborate potential future demand"
    h = plan.spillovers.horizon
    short = [i for i in plan.strategy if i.assessment.time_to_effect == "short"]
    assert h.short_term == tuple(i.assessment.instrument for i in short)
    assert len(h.short_term) + len(h.future_oriented) == len(plan.strategy)
    assert h.short_term_cost + h.future_oriented_cost == pytest.approx(plan.budget_used)
    assert h.balance == ("balanced" if h.short_term and h.future_oriented else
                         "short_term_only" if h.short_term else "future_oriented_only")


def test_failures_answered_name_the_instruments_that_answer_them(kb, plan):
    for use in plan.rationales.failures:
        assert use.instruments == tuple(i.assessment.instrument for i in plan.strategy
                                        if use.id in kb.instruments[i.assessment.instrument].failures.failures)
    assert [u.id for u in plan.rationales.approaches] == list(kb.policy_approaches)


def test_no_governance_check_without_exchange_conditions(plan):
    assert plan.governance is None


def test_all_four_conditions_high_fits_and_marks_the_digital_forms(kb):
    # Manickam and de Graaf: activities "characterised by human asset specificity, task uncertainty, demand
    # uncertainty and frequency are prime candidates" for network IT
    conditions = {**HIGH, "social_mechanisms": ["reputation"]}
    p = make_plan(kb, make_profile(mechanisms=DEFICITS, exchange_conditions=conditions))
    g = p.governance
    assert g.fit == "fits" and g.network_it and g.low == ()
    # "Accessibility, cultural items, sanctions and reputational mechanisms should be developed together with the
    # network partners": all four, less those already working
    assert g.to_build == ("restricted_access", "macroculture", "collective_sanctions")
    assert g.present == ("reputation",)
    digital = {i.assessment.instrument for i in p.strategy if kb.instruments[i.assessment.instrument].digital_form}
    assert digital and {i for i, _ in g.digital} == digital


def test_a_low_condition_does_not_fit_and_marks_nothing(kb):
    p = make_plan(kb, make_profile(mechanisms=DEFICITS, exchange_conditions={**HIGH, "frequency": "low"}))
    g = p.governance
    assert (g.fit, g.low, g.network_it, g.to_build, g.digital) == ("does_not_fit", ("frequency",), False, (), ())


def test_medium_conditions_fit_in_part(kb):
    p = make_plan(kb, make_profile(mechanisms=DEFICITS, exchange_conditions={**HIGH, "task_uncertainty": "medium"}))
    assert p.governance.fit == "partly" and p.governance.network_it


def test_the_sections_change_nothing_the_plan_decides(kb, tmp_path):
    """A profile without exchange_conditions plans exactly as before: the Westhaven example without its section
    gives the same plan in every field but the governance check."""
    text = (EXAMPLES / "westhaven_film_network.yaml").read_text(encoding="utf-8")
    (tmp_path / "without.yaml").write_text(text.split("exchange_conditions:")[0], encoding="utf-8")
    without = make_plan(kb, load_profile(tmp_path / "without.yaml", kb))
    full = make_plan(kb, load_profile(EXAMPLES / "westhaven_film_network.yaml", kb))
    assert without.governance is None and full.governance is not None
    assert without._replace(governance=None) == full._replace(governance=None)


def test_nothing_recommended_gives_no_monitoring_and_no_channels(kb):
    p = make_plan(kb, make_profile(cluster={"potential": "absent"}))
    assert (p.monitoring, p.spillovers, p.rationales, p.hindering_behaviours) == ((), None, None, ())
