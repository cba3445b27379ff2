"""Data health: every instrument's own indicative cost (data/instruments.yaml, `cost`).

The figures are editorial orders of magnitude anchored where the seeds allow (CLUSNET's "coffee money" and
"seed funding"); these tests check that each is complete, ordered, placed in its cost band, and that the
instruments no longer share a handful of class figures (before, 37 of 45 cost 25,000 or 120,000).
"""

from __future__ import annotations

from collections import Counter

MAX_SHARING_ONE_FIGURE = 2
"""No typical figure is shared by more than two instruments (the shipped data reaches this)."""


def test_every_instrument_has_an_ordered_cost_with_a_basis(kb):
    wrong = []
    for i in kb.instruments.values():
        c = i.cost
        if not 0 < c.low <= c.typical <= c.high:
            wrong.append(f"{i.id}: {c.low} <= {c.typical} <= {c.high} does not hold")
        if len(c.basis) < 40:
            wrong.append(f"{i.id}: the basis is too short to say where the figure comes from")
        if "cost" not in i.source.assessed:
            wrong.append(f"{i.id}: the cost is not marked as assessed in its source")
    assert not wrong, "\n".join(wrong)


def test_a_basis_without_a_seed_anchor_says_it_is_editorial(kb):
    seed_anchors = ("CLUSNET", "Benner", "Günther")
    missing = [i.id for i in kb.instruments.values()
               if not any(a in i.cost.basis for a in seed_anchors) and "editorial" not in i.cost.basis.lower()]
    assert not missing, f"basis neither cites a seed nor says it is editorial: {missing}"


def test_cheap_bridging_instruments_cite_coffee_money_and_project_funding_cites_seed_funding(kb):
    # CLUSNET, Targeted Cluster Policy: bridging is "coffee money", projects get "seed funding"
    coffee = ["networking_events", "partner_matching", "connected_personalities", "company_education_dialogue"]
    seed = ["collaboration_funding", "cooperation_project_management"]
    wrong = [f"{i}: no 'coffee money'" for i in coffee if "coffee money" not in kb.instruments[i].cost.basis]
    wrong += [f"{i}: no 'seed funding'" for i in seed if "seed funding" not in kb.instruments[i].cost.basis]
    assert not wrong, "\n".join(wrong)


def test_typical_cost_lies_in_the_band_its_cost_class_names(kb):
    wrong = []
    for i in kb.instruments.values():
        band = kb.cost_classes[i.cost_class]
        if not band.min <= i.cost.typical <= band.max:
            wrong.append(f"{i.id}: typical {i.cost.typical:,.0f} outside class {band.id} ({band.min:,.0f}-{band.max:,.0f})")
    assert not wrong, "\n".join(wrong)


def test_few_instruments_share_a_typical_figure(kb):
    shared = {cost: n for cost, n in Counter(i.cost.typical for i in kb.instruments.values()).items()
              if n > MAX_SHARING_ONE_FIGURE}
    assert not shared, f"typical figures shared by more than {MAX_SHARING_ONE_FIGURE} instruments: {shared}"


def test_meeting_type_instruments_cost_less_than_funds_and_buildings(kb):
    # CLUSNET: bridging is "not a matter of enormous resources"; its EU-fund and venture-capital figures are millions
    cheapest_fund = min(kb.instruments[i].cost.typical for i in ("technology_centres", "venture_capital_fund_allocation"))
    dearest_meeting = max(kb.instruments[i].cost.typical
                          for i in ("networking_events", "partner_matching", "connected_personalities"))
    assert dearest_meeting * 10 < cheapest_fund
