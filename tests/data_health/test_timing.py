"""Data health: the roadmap's timing fields of data/instruments.yaml (effect_years, duration, running_cost).

Every shipped instrument gives them, each with its own rationale; the years to effect fall within the band of
its time_to_effect class (toolbox/kb/records.py, TIME_TO_EFFECT_YEARS); projects have a duration and platform
services a running cost (CLUSNET, "Projects and services": projects "have a limited duration in time", services
"are usually on-going activities with no particular end point").
"""

from __future__ import annotations

from toolbox.kb.records import TIME_TO_EFFECT_YEARS


def test_every_instrument_has_its_timing_with_a_rationale(kb):
    for i in kb.instruments.values():
        assert i.effect_years is not None and i.effect_years.rationale.strip(), i.id
        if i.delivery == "project":
            assert i.duration is not None and i.duration.years >= 1 and i.running_cost is None, i.id
        else:
            assert i.running_cost is not None and i.duration is None, i.id


def test_years_to_effect_fall_in_the_class_band(kb):
    wrong = [(i.id, i.time_to_effect, i.effect_years.years) for i in kb.instruments.values()
             if not TIME_TO_EFFECT_YEARS[i.time_to_effect][0] <= i.effect_years.years <= TIME_TO_EFFECT_YEARS[i.time_to_effect][1]]
    assert not wrong, wrong


def test_spinoff_instruments_are_not_short_any_more(kb):
    # Günther & Meissner (seeds/000): the time frame of clusters' impact on innovation "is long term rather than
    # short term"; a seminar, competition or matching is quick to run, but a spinoff formed is not
    for i in ("entrepreneurship_seminars", "entrepreneurship_competitions", "entrepreneur_expert_matching"):
        assert kb.instruments[i].time_to_effect != "short", i
        assert "Changed from short" in kb.instruments[i].effect_years.rationale, i


def test_a_duration_is_refused_on_a_platform_service(tmp_path):
    import pytest

    from toolbox.kb.records import Instrument

    base = dict(id="x", name="X", description="d", mechanisms=["social_networks"], cost_class="low",
                cost={"typical": 1, "low": 1, "high": 1, "basis": "b"}, distortion_risk="low",
                time_to_effect="short", delivery="platform_service", policy_field="cluster_policy",
                source={"rationale": "r"})
    with pytest.raises(ValueError, match="for projects"):
        Instrument.model_validate({**base, "duration": {"years": 2, "rationale": "r"}})
    with pytest.raises(ValueError, match="at least 1 year"):
        Instrument.model_validate({**base, "delivery": "project", "duration": {"years": 0, "rationale": "r"}})
    assert Instrument.model_validate({**base, "delivery": "project"}).years_running() == 2
