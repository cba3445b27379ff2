"""Deciding a plan again from its recorded inputs (engine/replan.py) gives exactly `make_plan`'s decisions.

`toolbox diff` finds causes by changing recorded inputs and deciding again; that is only sound when
`decide` and `make_plan` agree. The reference here is `make_plan` itself, on every shipped example under
the default weights and the two test weights files, and on constructed profiles that exercise every
input the record holds (in place, designs, local costs, another currency, unwilling agents, a binding
budget).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MECHANISMS, make_profile
from toolbox.engine import make_plan
from toolbox.engine.replan import MechanismInput, Outcome, decide
from toolbox.profile.load import load_profile
from toolbox.weights_file import load_weights

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
WEIGHTS = [None, ROOT / "tests/audit/diff_weights/old.yaml", ROOT / "tests/audit/diff_weights/new.yaml"]


def recorded(plan) -> dict[str, Outcome]:
    if plan.verdict.code in ("no_cluster_potential", "nothing_assessed", "no_justification"):
        return {i.id: Outcome("not_scored", plan.verdict.code) for i in plan.inputs.instruments}
    out = {item.assessment.instrument: Outcome("strategy", None, item.rank) for item in plan.strategy}
    for where in ("deferred", "discarded", "in_place"):
        out.update({s.instrument: Outcome(where, s.reason) for s in getattr(plan, where)})
    return out


def redecided(plan, weights):
    mechanisms = tuple(MechanismInput(m.id, m.possible, m.observed, m.attainable, m.empirical_support,
                                      m.policy_influence) for m in plan.mechanisms)
    return decide(mechanisms, plan.inputs, weights)


@pytest.mark.parametrize("weights_file", WEIGHTS, ids=["defaults", "old", "new"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_replan_reproduces_every_decision_of_each_example(kb, example, weights_file):
    from toolbox.engine import Weights

    weights = load_weights(weights_file) if weights_file else Weights()
    plan = make_plan(kb, load_profile(example, kb), weights)
    again = redecided(plan, weights)
    assert again.verdict == plan.verdict.code
    assert again.outcomes == recorded(plan)


PROFILES = {
    "in_place_design_costs": dict(
        in_place=["job_fairs", "networking_events"], costs={"innovation_vouchers": 60000.0},
        designs={"new_business_subsidies": {"distortion_risk": "medium", "reason": "an open call"}},
        mechanisms={"spinoff_formation": {"observed": "none"}, "student_work": {"observed": "weak"}},
        budget={"amount": 100000.0}),
    "another_currency": dict(
        budget={"amount": 90_000_000.0, "currency": "HUF", "eur_rate": 395.0},
        costs={"job_fairs": 5_000_000.0}, mechanisms={"venture_capital": {"observed": "none"}}),
    "unwilling_agents": dict(
        agents=[{"id": "regional_cluster_management"}, {"id": "regional_universities", "willing": False}],
        mechanisms={"research_cooperation": {"observed": "none"}, "social_networks": {"observed": "weak"}}),
    "nothing_assessed": dict(mechanisms={m: {"observed": "unknown"} for m in MECHANISMS}),
    "nothing_worth_cost": dict(mechanisms={"cafeteria_effects": {"observed": "weak"}}, costs="every instrument at 1e9"),
}
VERDICTS = {"nothing_assessed": "nothing_assessed", "nothing_worth_cost": "nothing_worth_cost"}


@pytest.mark.parametrize("name", PROFILES)
def test_replan_reproduces_constructed_profiles(kb, name):
    from toolbox.engine import Weights

    changes = dict(PROFILES[name])
    if changes.get("costs") == "every instrument at 1e9":
        changes["costs"] = {i: 1e9 for i in kb.instruments}
    profile = make_profile(**changes)
    plan = make_plan(kb, profile)
    assert plan.verdict.code == VERDICTS.get(name, "strategy")
    if name == "in_place_design_costs":
        assert plan.portfolio.method == "optimal"  # the budget binds: the integer programme decides
    again = redecided(plan, Weights())
    assert again.verdict == plan.verdict.code
    assert again.outcomes == recorded(plan)


WITH_PROGRAMMES = [p for p in EXAMPLES if "programmes:" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("empty_gap", [0.2, 0.5, 1.0])
@pytest.mark.parametrize("example", WITH_PROGRAMMES, ids=lambda p: p.stem)
def test_replan_weighs_the_empty_gaps_as_the_plan_does(kb, example, empty_gap):
    """The CLUSNET cities with the gap term on (at 1.0 City 1's budget binds)."""
    from toolbox.engine import Weights

    weights = Weights(empty_gap=empty_gap)
    plan = make_plan(kb, load_profile(example, kb), weights)
    again = redecided(plan, weights)
    assert again.verdict == plan.verdict.code
    assert again.outcomes == recorded(plan)


PROGRAMMES = [  # every way a gap is bridged: a programme that is no instrument, one naming an instrument with its
    # own gaps, two naming the same one, one naming an instrument without gaps, and the in_place shorthand
    {"name": "Campus office", "gaps": ["cluster_to_cluster"]},
    {"name": "Gathering", "instrument": "networking_events", "gaps": ["policy"]},
    {"name": "Second gathering", "instrument": "networking_events", "gaps": ["firm_to_firm"]},
    {"name": "Fairs", "instrument": "trade_fair_programmes"},
]


@pytest.mark.parametrize("empty_gap", [0.0, 0.3, 2.0])
def test_replan_finds_the_empty_gaps_from_the_recorded_programmes(kb, empty_gap):
    from toolbox.engine import Weights
    from toolbox.engine.gaps import empty_gaps
    from toolbox.engine.replan import gap_needs

    profile = make_profile(programmes=PROGRAMMES, in_place=["job_fairs"],
                           mechanisms={"spinoff_formation": {"observed": "none"}, "labour_mobility": {"observed": "none"},
                                       "research_cooperation": {"observed": "weak"}})
    weights = Weights(empty_gap=empty_gap)
    plan = make_plan(kb, profile, weights)
    # networking_events bridges research and firm_to_firm in the knowledge base, but its programmes name their own
    assert empty_gaps(kb, profile) == ("research", "capital")
    assert tuple(gap_needs(plan.inputs, weights).items()) == plan.gap_term
    assert redecided(plan, weights).outcomes == recorded(plan)
    if empty_gap == 2.0:  # the term decides something here, so that the replay is tested on it
        assert recorded(plan) != recorded(make_plan(kb, profile))
