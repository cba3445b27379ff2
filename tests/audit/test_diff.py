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
        assert_weights_cause(kb, profile, change, old_w, new_w)


def assert_weights_cause(kb, profile, change, old_w: Weights, new_w: Weights) -> set[str]:
    """Each reason of `change` is a set of weights that is its true cause in make_plan: put into the old
    weights they make it, none can be left out, and it is necessary exactly when putting them back in the new
    weights undoes it. Returns the weights named."""
    assert change.reasons, change
    named = set()
    for reason in change.reasons:
        assert reason.categories == ("weight",)
        keys = [a.key for a in reason.atoms]
        named |= set(keys)
        assert holds(change, make_plan(kb, profile, with_weights(old_w, new_w, keys))), (change, keys)
        for left_out in keys if len(keys) > 1 else ():
            fewer = [k for k in keys if k != left_out]
            assert not holds(change, make_plan(kb, profile, with_weights(old_w, new_w, fewer))), (change, fewer)
        undone = make_plan(kb, profile, with_weights(new_w, old_w, keys))
        assert holds(change, undone) is not reason.necessary, (change, keys)
    return named


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


CITY_1 = ROOT / "examples" / "clusnet_city1_empty_slots.yaml"


def _weights_file(path: Path, text: str) -> Weights:
    path.write_text(text, encoding="utf-8")
    return load_weights(path)


def test_a_change_of_the_empty_gap_weight_is_found_as_the_cause(kb, tmp_path):
    """Two weights files differing only in empty_gap, on CLUSNET's City 1 (five empty slots): every change
    has that weight as its reason, and the real engine agrees (with it the change happens, without it not)."""
    old_w = _weights_file(tmp_path / "off.yaml", "empty_gap: 0\n")
    new_w = _weights_file(tmp_path / "on.yaml", "empty_gap: 0.3\n")
    profile = load_profile(CITY_1, kb)
    d = diff(saved(make_plan(kb, profile, old_w), tmp_path / "old.json"),
             saved(make_plan(kb, profile, new_w), tmp_path / "new.json"))
    assert d.reproduced == (True, True)
    assert [(a.category, a.key, a.old, a.new) for a in d.differences] == [("weight", "empty_gap", 0.0, 0.3)]
    assert d.changes, "the gap term changes City 1's strategy"
    for change in d.changes:
        assert [[(a.category, a.key) for a in r.atoms] for r in change.reasons] == [[("weight", "empty_gap")]]
        assert holds(change, make_plan(kb, profile, new_w)) and not holds(change, make_plan(kb, profile, old_w))
        assert change.reasons[0].necessary


def test_with_other_weights_changed_too_the_empty_gap_weight_is_a_true_cause(kb, tmp_path):
    """The test weights files, the old one with the gap term off and the new one with it on: each reason is
    checked against make_plan as above, and the empty_gap weight is among the causes found."""
    old_w = load_weights(OLD_WEIGHTS)._replace(empty_gap=0.0)
    new_w = load_weights(NEW_WEIGHTS)._replace(empty_gap=0.4)
    profile = load_profile(CITY_1, kb)
    d = diff(saved(make_plan(kb, profile, old_w), tmp_path / "old.json"),
             saved(make_plan(kb, profile, new_w), tmp_path / "new.json"))
    assert d.reproduced == (True, True)
    causes = set()
    for change in d.changes:
        causes |= assert_weights_cause(kb, profile, change, old_w, new_w)
    assert "empty_gap" in causes


def test_a_programme_that_bridges_a_gap_is_found_as_the_cause(kb, tmp_path):
    """With the gap term on, a new programme bridging two empty gaps moves the strategy; the reason is the
    programmes, and the old profile with that programme added makes the change in the real engine."""
    weights = Weights(empty_gap=0.5)
    base = dict(programmes=[{"name": "Gathering", "instrument": "networking_events"}],
                mechanisms={"spinoff_formation": {"observed": "none"}, "labour_mobility": {"observed": "none"},
                            "research_cooperation": {"observed": "weak"}})
    added = {"name": "Campus office", "gaps": ["capital", "cluster_to_cluster"]}
    old, new = make_profile(**base), make_profile(**{**base, "programmes": [*base["programmes"], added]})
    d = diff(saved(make_plan(kb, old, weights), tmp_path / "old.json"),
             saved(make_plan(kb, new, weights), tmp_path / "new.json"))
    assert d.reproduced == (True, True)
    assert [(a.category, a.key, a.old, a.new) for a in d.differences] == [
        ("programmes", "programmes", [], ["capital", "cluster_to_cluster"])]
    assert d.changes
    for change in d.changes:
        assert [r.categories for r in change.reasons] == [("programmes",)]
        assert holds(change, make_plan(kb, new, weights)) and not holds(change, make_plan(kb, old, weights))


def _as_version_1(path: Path) -> Path:
    """A plan as the toolbox wrote it before the inputs recorded the gaps of innovation (inputs version 1)."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    inputs = data["inputs"]
    inputs["version"] = 1
    del inputs["gaps"], inputs["programme_gaps"]
    for row in inputs["instruments"]:
        del row["gaps"], row["programme_gaps"]
    out = path.with_name("v1-" + path.name)
    out.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return out


def test_a_plan_with_inputs_version_1_is_still_read(kb, tmp_path):
    """Read as a plan without programmes; compared with a version-2 plan, the gaps it did not record are no
    difference, and a real difference is still found."""
    profile = load_profile(ROOT / "examples" / "greater_arntown_widgets.yaml", kb)
    old_w, new_w = load_weights(OLD_WEIGHTS), load_weights(NEW_WEIGHTS)
    (tmp_path / "old.json").write_text(JsonRenderer().plan(make_plan(kb, profile, old_w)), encoding="utf-8")
    v1 = load_saved_plan(_as_version_1(tmp_path / "old.json"))
    assert v1.inputs.version == 1 and v1.inputs.programme_gaps is None
    assert all(i.gaps == () for i in v1.inputs.instruments)
    same = diff(v1, saved(make_plan(kb, profile, old_w), tmp_path / "again.json"))
    assert same.differences == () and same.changes == () and same.reproduced == (True, True)
    d = diff(v1, saved(make_plan(kb, profile, new_w), tmp_path / "new.json"))
    ref = diff(load_saved_plan(tmp_path / "old.json"), load_saved_plan(tmp_path / "new.json"))
    assert d.reproduced == (True, True) and d.changes == ref.changes and d.differences == ref.differences
