"""Comparing regions: every instrument one strategy has and another lacks is explained from the plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_profile
from toolbox.audit.compare import compare, labels
from toolbox.engine import make_plan
from toolbox.profile.load import load_profile
from toolbox.render.compare_text import why_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REASONS = {"no_deficit", "poor_ratio", "distortion_risk", "no_agent", "budget", "in_place",
           "no_cluster_potential", "no_justification"}


def _plans(kb, *names):
    return [(f"examples/{n}.yaml", make_plan(kb, load_profile(EXAMPLES / f"{n}.yaml", kb))) for n in names]


def _explained(result):
    """Every instrument in some strategy but not all has one reason per region that lacks it."""
    for row in result.instruments:
        lacking = [reg.label for reg, cell in zip(result.regions, row.cells) if cell.outcome != "strategy"]
        assert row.shared == (not lacking)
        assert [w.region for w in row.whys] == lacking
        for w in row.whys:
            assert w.reason in REASONS and why_text(w)
            assert w.reference != w.region


def test_arntown_and_lakeside(kb):
    result = compare(kb, _plans(kb, "greater_arntown_widgets", "lakeside_medtech_tight_budget"))
    _explained(result)
    rows = {r.id: r for r in result.instruments}
    # job fairs: recommended in Lakeside, already run in Greater Arntown
    (why,) = rows["job_fairs"].whys
    assert (why.region, why.reason, why.reference) == ("Greater Arntown", "in_place", "Lakeside")
    # investor coaching acts only on venture capital, which cannot work in Lakeside (its profile)
    (why,) = rows["investor_coaching_for_spinoffs"].whys
    assert why.reason == "no_deficit" and why.region == "Lakeside"
    (vc,) = why.mechanisms
    assert vc.mechanism == "venture_capital" and vc.here.status == "discarded" and vc.there.deficit == 2
    # Lakeside's 150,000 EUR budget: the rest is deferred for money
    budget = [r for r in result.instruments if any(w.reason == "budget" for w in r.whys)]
    assert len(budget) >= 10
    assert "150,000 EUR" in why_text(budget[0].whys[0])
    shared = set(result.shared)
    # networking events now cost 45,000 (their own indicative cost, data/instruments.yaml), so Lakeside's budget
    # defers them; lobbying and the cooperation database still fit
    assert {"education_science_lobbying", "online_cooperation_database"} <= shared
    assert not any(r.shared for r in result.instruments if r.whys)


def test_arntown_and_northfield_poor_ratio_and_no_deficit(kb):
    result = compare(kb, _plans(kb, "greater_arntown_widgets", "northfield_software_nascent"))
    _explained(result)
    rows = {r.id: r for r in result.instruments}
    (why,) = rows["cross_industry_associations"].whys
    # vertical cooperation: observed strong in Greater Arntown, none in Northfield
    assert why.reason == "no_deficit" and "vertical_cooperation" in why_text(why)
    (why,) = rows["delegation_trips"].whys
    assert why.reason == "poor_ratio"
    assert {c.mechanism for c in why.mechanisms} == {"horizontal_cooperation", "vertical_cooperation"}
    # innovation vouchers (250,000 in Greater Arntown's profile) no longer pass the poor-ratio screen in either
    # region since research cooperation's policy influence was lowered to medium (data/mechanisms.yaml), so the
    # profile's cost shows on a budget reason only in a plan that has one (test_reasons_... below uses Lakeside)
    (why,) = rows["collaboration_funding"].whys
    assert why.reason == "poor_ratio" and why.region == "Greater Arntown"
    differs = {m.id for m in result.mechanisms if m.differs}
    assert "vertical_cooperation" in differs and "student_work" not in differs


def test_no_potential_explains_by_the_verdict(kb):
    result = compare(kb, _plans(kb, "greater_arntown_widgets", "eastmoor_no_potential"))
    _explained(result)
    assert result.shared == ()
    assert all(w.reason == "no_cluster_potential" and w.region == "Eastmoor" for r in result.instruments for w in r.whys)


def test_missing_and_unwilling_agents(kb):
    many = make_profile()
    few = make_profile(region={"name": "Fewton", "level": "regional"},
                       agents=[{"id": "regional_venture_capital_companies"},
                               {"id": "regional_universities", "willing": False}])
    result = compare(kb, [("many.yaml", make_plan(kb, many)), ("few.yaml", make_plan(kb, few))])
    _explained(result)
    whys = [w for r in result.instruments for w in r.whys]
    assert whys and all(w.region == "Fewton" for w in whys)
    assert {w.reason for w in whys} == {"no_agent"}  # same diagnosis: only the agents differ
    # an instrument the unwilling universities could carry (contribution matrix)
    why = next(w for r in result.instruments for w in r.whys
               if "regional_universities" in {c.agent for c in kb.contributions_to(r.id)})
    statuses = {a.agent: a.status for a in why.agents}
    assert statuses["regional_universities"] == "excluded"
    assert "not_listed" in statuses.values()
    assert "left out in Fewton: regional_universities" in why_text(why)


def test_three_regions_and_duplicate_names(kb):
    plan = make_plan(kb, make_profile())
    other = make_plan(kb, make_profile(mechanisms={"venture_capital": {"observed": "strong"}}))
    assert labels([("a/x.yaml", plan), ("b/y.yaml", plan), ("c/x.yaml", plan)]) == \
        ["Testland (x) #1", "Testland (y)", "Testland (x) #3"]
    result = compare(kb, [("one.yaml", plan), ("two.yaml", other), ("three.yaml", plan)])
    _explained(result)
    for row in result.instruments:
        for w in row.whys:
            assert w.region == "Testland (two)" and w.reason == "no_deficit"


def test_identical_regions_have_no_difference(kb):
    plan = make_plan(kb, make_profile())
    result = compare(kb, [("a.yaml", plan), ("b.yaml", plan)])
    assert result.differing == () and len(result.shared) == len(plan.strategy)
    assert not any(m.differs for m in result.mechanisms)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_renderers_name_every_difference(kb, fmt):
    from toolbox.render.compare_json import compare_json
    from toolbox.render.compare_markdown import compare_markdown
    from toolbox.render.compare_terminal import CompareTerminalRenderer

    result = compare(kb, _plans(kb, "greater_arntown_widgets", "northfield_software_nascent"))
    text = {"json": compare_json, "markdown": compare_markdown,
            "terminal": CompareTerminalRenderer(width=120).compare}[fmt](result)
    for row in result.instruments:
        assert row.id in text
    for w in (w for r in result.instruments for w in r.whys):
        assert why_text(w)[:40] in text.replace("\n", " ") or fmt == "terminal"


def test_reasons_are_codes_and_numbers_not_sentences(kb):
    """The comparison hands the numbers it used to the render layer, which words them (compare_text.why_text)."""
    plans = _plans(kb, "greater_arntown_widgets", "northfield_software_nascent")
    result = compare(kb, plans)
    rows = {r.id: r for r in result.instruments}
    (why,) = rows["delegation_trips"].whys
    by_name = {p.region["name"]: p for _, p in plans}
    lacking, holding = by_name[why.region], by_name[why.reference]
    here, there = lacking.find("delegation_trips")[1].assessment, holding.find("delegation_trips")[1].assessment
    assert why.explanation.code == "poor_ratio"
    assert why.explanation.data["score"] == here.score and why.explanation.data["reference_score"] == there.score
    assert why.explanation.data["best"] == lacking.ranking()[0].score
    # a budget reason carries both budgets as numbers: Lakeside (150,000 EUR, its profile) defers partner
    # matching, which Greater Arntown (1,500,000 EUR) recommends
    budget_rows = {r.id: r for r in compare(kb, _plans(kb, "greater_arntown_widgets",
                                                         "lakeside_medtech_tight_budget")).instruments}
    (why,) = budget_rows["partner_matching"].whys
    assert why.explanation.code == "budget"
    assert why.explanation.data["budget"]["amount"] == 150_000
    assert why.explanation.data["reference_budget"]["amount"] == 1_500_000
    for row in result.instruments:
        for w in row.whys:
            assert w.explanation.code in {"not_scored", "no_deficit", "poor_ratio", "no_agent", "budget", "in_place",
                                          "set_aside"}
