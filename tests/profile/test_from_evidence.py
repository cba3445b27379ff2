"""A profile written from evidence is a valid profile that carries every figure and source it was read from."""

import pytest

from toolbox.engine.plan import make_plan
from toolbox.errors import UsageError
from toolbox.indicators.grade import measure_region
from toolbox.indicators.load import load_indicators
from toolbox.kb.load import load_kb
from toolbox.profile.from_evidence import MapFigures, profile_from_evidence, resolve
from toolbox.profile.load import profile_from
from toolbox.yamlio import parse_yaml

# Figures of a map record: the builder copies them, it does not compute them (toolbox map does).
FIGURES = MapFigures(region="UKM5", region_name="North Eastern Scotland", cluster="primary_oil_gas",
                     cluster_name="Oil and gas", year=2018, employment=30000.0, establishments=400.0, lq=87.25,
                     focus=0.1, size_percentile=97.4, growth=-0.05, growth_since=2015, stars=3, strong=True,
                     verdict="present", verdict_code="present_strong_and_stars",
                     dataset="ONS BRES 2018, NUTS 2 (2013)",
                     licence="Source: Office for National Statistics, Nomis; Open Government Licence v3.0")


@pytest.fixture(scope="module")
def kb():
    return load_kb([])


@pytest.fixture(scope="module")
def data(kb):
    return load_indicators(kb.mechanisms)


def _profile(kb, data, figures=FIGURES):
    text = profile_from_evidence(kb, figures, measure_region(data, figures.region), data.spec.judgement)
    return text, profile_from(parse_yaml(text, "from-map.yaml"), kb)


def test_profile_is_valid_and_carries_the_map_figures(kb, data):
    text, profile = _profile(kb, data)
    assert profile.cluster.potential == "present"
    assert profile.cluster.mapping.lq == 87.25 and profile.cluster.mapping.stars == 3
    assert profile.cluster.mapping.licence.startswith("Source: Office for National Statistics, Nomis")
    assert "location quotient 87.25" in profile.cluster.evidence


def test_measured_mechanisms_carry_their_figures(kb, data):
    _, profile = _profile(kb, data)
    evidence = {e.mechanism: e for e in measure_region(data, "UKM5")}
    for mechanism, e in evidence.items():
        seen = profile.observation(mechanism)
        assert seen.observed == e.grade
        assert [m.indicator for m in seen.measured] == [m.indicator for m in e.measurements]
        for written, figure in zip(seen.measured, e.measurements):
            assert written.value == figure.value and written.year == figure.year
            assert written.normalised == pytest.approx(figure.normalised, rel=1e-12)
            assert "CC BY 4.0" in written.licence and "Open Government Licence" in written.licence
    # every mechanism no indicator measures is left unknown, for the officer
    for mechanism in data.spec.judgement:
        assert profile.observation(mechanism).observed == "unknown"
        assert not profile.observation(mechanism).measured


def test_the_plan_marks_data_and_judgement(kb, data):
    _, profile = _profile(kb, data)
    plan = make_plan(kb, profile)
    sources = {m.id: m.observed_source for m in plan.mechanisms}
    assert sources["research_cooperation"] == "data"
    assert sources["social_networks"] == "unassessed"
    measured = {m.id: m for m in plan.mechanisms}["spinoff_formation"].measured
    assert measured[0].indicator == "graduate_startups" and measured[0].year == 2018


def test_changed_degree_is_judgement_beside_the_data(kb, data):
    text, _ = _profile(kb, data)
    changed = text.replace("    observed: strong\n", "    observed: weak\n", 1)
    assert changed != text
    profile = profile_from(parse_yaml(changed, "changed.yaml"), kb)
    plan = make_plan(kb, profile)
    changed_ids = [m for m in plan.mechanisms if m.measured and m.observed != m.data_grade]
    assert len(changed_ids) == 1 and changed_ids[0].observed_source == "judgement"
    assert changed_ids[0].data_grade == "strong"


def test_names_with_yaml_meaning_stay_text(kb, data):
    figures = FIGURES._replace(region_name="NO: yes # not a comment", cluster_name="true")
    _, profile = _profile(kb, data, figures)
    assert profile.region.name == "NO: yes # not a comment" and profile.cluster.name == "true"


def test_resolve_by_code_or_name_with_suggestions():
    known = {"UKM5": "North Eastern Scotland", "UKD1": "Cumbria"}
    assert resolve("ukm5", known, "region") == "UKM5"
    assert resolve("  cumbria ", known, "region") == "UKD1"
    with pytest.raises(UsageError, match="did you mean 'Cumbria'"):
        resolve("Cumbira", known, "region")
    with pytest.raises(UsageError, match="North Eastern Scotland"):
        resolve("Scotland", known, "region")
