"""Money: indicative EUR costs in a budget of another currency, and budgets that are probably misread."""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_profile
from toolbox.engine import make_plan
from toolbox.render.registry import render

DEFICITS = {"venture_capital": {"observed": "weak"}, "research_cooperation": {"observed": "none"}}
RATE = 395.0
"""Forints per euro, the order of magnitude of 2024; any rate would do."""


def huf_plan(kb, rate=RATE):
    return make_plan(kb, make_profile(mechanisms=DEFICITS,
                                      budget={"amount": 300_000_000, "currency": "HUF", "eur_rate": rate}))


def test_indicative_costs_are_converted_at_the_profiles_rate(kb):
    eur = make_plan(kb, make_profile(mechanisms=DEFICITS, budget={"amount": 300_000_000 / RATE}))
    huf = huf_plan(kb)
    assert huf.strategy, huf.verdict.message
    for h, e in zip(huf.ranking(), eur.ranking()):
        assert h.instrument == e.instrument
        assert h.cost == pytest.approx(e.cost * RATE)
        assert h.score == pytest.approx(e.score)  # one cost unit is converted too: the currency changes no score
    assert any("1 EUR = 395 HUF" in a for a in huf.assumptions)


def test_local_costs_are_taken_as_given_in_the_budgets_currency(kb):
    plan = make_plan(kb, make_profile(mechanisms=DEFICITS, costs={"job_fairs": 1_000_000},
                                      budget={"amount": 300_000_000, "currency": "HUF", "eur_rate": RATE}))
    assert plan.find("job_fairs")[1].assessment.cost == 1_000_000


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_converted_figures_carry_the_budgets_currency(kb, fmt):
    plan = huf_plan(kb)
    first = plan.strategy[0].assessment
    text = render("plan", fmt, plan, color=False, width=200)
    if fmt == "json":
        assert '"currency": "HUF"' in text and f'"cost": {first.cost:.0f}' in text
    else:
        assert f"{first.cost:,.0f} HUF" in text
    eur_as_huf = re.compile(rf"(?<![\d,]){first.cost / RATE:,.0f} HUF")
    assert not eur_as_huf.search(text)  # the EUR figure is never labelled HUF


def test_a_budget_below_the_cheapest_candidate_is_flagged_with_its_likely_cause(kb):
    plan = make_plan(kb, make_profile(mechanisms=DEFICITS, budget={"amount": 800}))
    cheapest = min(a.cost for a in plan.ranking())
    [caution] = [c for c in plan.cautions if c.code == "budget_below_cheapest"]
    assert (caution.value, caution.cheapest) == (800, cheapest)
    for fmt in ("terminal", "markdown", "json"):
        assert "YAML reads 800.000 as 800; write 800000" in render("plan", fmt, plan, color=False, width=400)


def test_a_budget_that_covers_the_cheapest_candidate_is_not_flagged(kb):
    plan = make_plan(kb, make_profile(mechanisms=DEFICITS, budget={"amount": 10_000_000}))
    assert plan.cautions == ()
