"""`toolbox diff`: every change between two saved plans gets a computed reason, and each reason is the
true cause, checked against the real engine (`make_plan` on the profile), never against the diff's own
re-decision: the old plan's inputs with exactly the reason's inputs changed give the change; with any one
of them left out they do not (minimality); and the new plan with them put back loses the change exactly
when the reason is reported as necessary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_profile
from toolbox.audit.diff import diff
from toolbox.engine import Weights, make_plan
from toolbox.profile.load import load_profile
from toolbox.render.json_out import JsonRenderer
from toolbox.saved_plan import load_saved_plan
from toolbox.weights_file import load_weights

ROOT = Path(__file__).resolve().parents[2]
OLD_WEIGHTS = ROOT / "tests/audit/diff_weights/old.yaml"
NEW_WEIGHTS = ROOT / "tests/audit/diff_weights/new.yaml"
EXAMPLES = ["greater_arntown_widgets", "lakeside_medtech_tight_budget", "northfield_software_nascent"]


def saved(plan, path: Path):
    path.write_text(JsonRenderer().plan(plan), encoding="utf-8")
    return load_saved_plan(path)


def holds(change, plan) -> bool:
    """Whether `plan` shows the change: the instrument in (entered) or out of (left) the strategy, or at
    its new rank (moved)."""
    rank = next((i.rank for i in plan.strategy if i.assessment.instrument == change.instrument), None)
    if change.kind == "moved":
        return rank == change.new.rank
    return (rank is not None) == (change.kind == "entered")


def with_weights(base: Weights, source: Weights, keys) -> Weights:
    """`base` with the weights named by `keys` ('decay', 'empirical.limited') taken from `source`."""
    values = base.to_dict()
    for key in keys:
        name, _, entry = key.partition(".")
        if entry:
            values[name] = {**values[name], entry: getattr(source, name)[entry]}
        else:
            values[name] = getattr(source, name)
    return Weights(**values)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_change_between_two_weights_files_has_its_true_cause(kb, tmp_path, example):
    profile = load_profile(ROOT / "examples" / f"{example}.yaml", kb)
    old_w, new_w = load_weights(OLD_WEIGHTS), load_weights(NEW_WEIGHTS)
    d = diff(saved(make_plan(kb, profile, old_w), tmp_path / "old.json"),
             saved(make_plan(kb, profile, new_w), tmp_path / "new.json"))
    assert d.reproduced == (True, True)
    assert d.changes, "the two weights files are chosen to change every example's strategy"
    assert {a.key for a in d.differences} == {"empirical.limited", "cost_elasticity", "decay", "min_value_per_cost"}
    for change in d.changes:
        assert change.reasons, change
        for reason in change.reasons:
            assert reason.categories == ("weight",)
            keys = [a.key for a in reason.atoms]
            assert holds(change, make_plan(kb, profile, with_weights(old_w, new_w, keys))), (change, keys)
            for left_out in keys if len(keys) > 1 else ():
                fewer = [k for k in keys if k != left_out]
                assert not holds(change, make_plan(kb, profile, with_weights(old_w, new_w, fewer))), (change, fewer)
            undone = make_plan(kb, profile, with_weights(new_w, old_w, keys))
            assert holds(change, undone) is not reason.necessary, (change, keys)


def test_the_weights_files_give_every_kind_of_change(kb, tmp_path):
    """The fixture is strong enough: across the examples, instruments enter, leave and move, and some
    change needs two weights together."""
    kinds, joint = set(), False
    for example in EXAMPLES:
        profile = load_profile(ROOT / "examples" / f"{example}.yaml", kb)
        d = diff(saved(make_plan(kb, profile, load_weights(OLD_WEIGHTS)), tmp_path / f"{example}-old.json"),
                 saved(make_plan(kb, profile, load_weights(NEW_WEIGHTS)), tmp_path / f"{example}-new.json"))
        kinds |= {c.kind for c in d.changes}
        joint |= any(len(r.atoms) > 1 for c in d.changes for r in c.reasons)
    assert kinds == {"entered", "left", "moved"} and joint


OLD_PROFILE = dict(
    mechanisms={"spinoff_formation": {"observed": "none"}, "student_work": {"observed": "weak"},
                "research_cooperation": {"observed": "none"}},
    in_place=["job_fairs"], costs={"innovation_vouchers": 60000.0, "new_business_subsidies": 30000.0},
    budget={"amount": 400000.0})
NEW_PROFILE = dict(
    mechanisms={"spinoff_formation": {"observed": "none"}, "student_work": {"observed": "medium"},
                "research_cooperation": {"observed": "none"}, "venture_capital": {"observed": "none"}},
    in_place=[], costs={"innovation_vouchers": 2000000.0, "new_business_subsidies": 30000.0},
    budget={"amount": 200000.0},
    designs={"new_business_subsidies": {"distortion_risk": "medium", "reason": "an open call"}})


def edited(old: dict, new: dict, atoms) -> dict:
    """The old profile's sections with the profile fields behind `atoms` taken from the new one."""
    out = {k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in old.items()}
    out.setdefault("designs", {})
    for a in atoms:
        if a.category == "deficit":
            out["mechanisms"][a.key] = new["mechanisms"].get(a.key, {"observed": "medium"})
        elif a.category == "budget":
            out["budget"] = new["budget"]
        elif a.category == "in_place":
            out["in_place"] = [i for i in out["in_place"] if i != a.key] + ([a.key] if a.new else [])
        elif a.category == "cost":
            out["costs"][a.key] = new["costs"][a.key]
        elif a.category == "design":
            out["designs"][a.key] = new["designs"][a.key]
        else:
            raise AssertionError(f"no profile edit for {a}")
    return out


def test_reasons_between_two_profiles_are_the_profile_inputs_that_cause_them(kb, tmp_path):
    """Deficits, budget, in place, a local cost and a design differ; each reason, put into the old profile
    alone, makes its change in the real engine."""
    old, new = make_profile(**OLD_PROFILE), make_profile(**NEW_PROFILE)
    d = diff(saved(make_plan(kb, old), tmp_path / "old.json"), saved(make_plan(kb, new), tmp_path / "new.json"))
    assert d.reproduced == (True, True)
    assert {a.category for a in d.differences} == {"deficit", "budget", "in_place", "cost", "design"}
    assert d.changes
    found = set()
    for change in d.changes:
        assert change.reasons, change
        for reason in change.reasons:
            found |= set(reason.categories)
            hybrid = make_profile(**edited(OLD_PROFILE, NEW_PROFILE, reason.atoms))
            assert holds(change, make_plan(kb, hybrid)), (change, reason)
    assert len(found) >= 3, found


def test_same_plan_twice_has_no_changes(kb, tmp_path):
    plan = make_plan(kb, make_profile())
    d = diff(saved(plan, tmp_path / "a.json"), saved(plan, tmp_path / "b.json"))
    assert d.changes == () and d.differences == () and d.unchanged == len(plan.strategy)


def test_an_instrument_without_carriers_leaves_for_its_agents(kb, tmp_path):
    """Only the cluster management present, then no one: every instrument leaves, for the agents."""
    old = make_profile(agents=[{"id": "regional_cluster_management"}])
    new = make_profile(agents=[{"id": "regional_cluster_management", "willing": False}])
    d = diff(saved(make_plan(kb, old), tmp_path / "old.json"), saved(make_plan(kb, new), tmp_path / "new.json"))
    assert d.changes and all(c.kind == "left" for c in d.changes)
    for change in d.changes:
        assert change.new.reason == "no_agent"
        assert [r.categories for r in change.reasons] == [("agent",)]
        assert [a.key for a in change.reasons[0].atoms] == [change.instrument]


def test_an_overlay_rating_is_found_as_the_cause(kb, tmp_path):
    """The test overlay changes a mechanism's empirical support and an instrument's distortion risk; each
    reason names the rating that, as the only change in an overlay of its own, makes the change."""
    import shutil

    from toolbox.kb.load import load_kb
    from toolbox.yamlio import display_path

    overlay_dir = ROOT / "tests/audit/diff_kb"
    profile_path = ROOT / "examples/greater_arntown_widgets.yaml"
    overlay = load_kb([overlay_dir])
    assert overlay.overlay is not None and overlay.overlay.layers == (display_path(overlay_dir),)
    old = saved(make_plan(kb, load_profile(profile_path, kb)), tmp_path / "old.json")
    new_plan = make_plan(overlay, load_profile(profile_path, overlay))
    assert new_plan.kb_overlay == overlay.overlay
    d = diff(old, saved(new_plan, tmp_path / "new.json"))
    assert {(a.category, a.key) for a in d.differences} == {("rating", "social_networks"), ("rating", "networking_events")}
    assert d.new.kb_layers == (display_path(overlay_dir),) and d.old.kb_layers == ()
    assert d.changes
    files = {"social_networks": "mechanisms.yaml", "networking_events": "instruments.yaml"}
    for change in d.changes:
        assert change.reasons, change
        for reason in change.reasons:
            assert reason.categories == ("rating",)
            single = tmp_path / ("only-" + "-".join(a.key for a in reason.atoms))
            single.mkdir(exist_ok=True)
            for a in reason.atoms:
                shutil.copy(overlay_dir / files[a.key], single / files[a.key])
            hybrid = load_kb([single])
            assert holds(change, make_plan(hybrid, load_profile(profile_path, hybrid))), (change, reason)
