"""Generated YAML and generated profiles, valid and nearly valid: no input makes the tool crash.

Whatever is fed to the loader, the profile reader, the planner and the renderers, the only outcomes
are a result or an InputError (exit code 2 with a located message). Nothing the input says is run.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MECHANISMS
from toolbox.engine import make_plan
from toolbox.engine.explain import explain
from toolbox.errors import InputError
from toolbox.kb.load import load_kb
from toolbox.levels import LEVELS
from toolbox.profile.load import load_profile, profile_from
from toolbox.render.registry import render
from toolbox.yamlio import load_yaml, parse_yaml

SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100")),  # FUZZ_EXAMPLES=5000 for a long search
                    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(SETTINGS, max_examples=max(1, SETTINGS.max_examples // 2))
KB = load_kb()  # not a fixture argument: hypothesis would print all of it with a failing example

# --- YAML documents ------------------------------------------------------------------------------

scalars = (st.none() | st.booleans() | st.integers() | st.integers(-(10**400), 10**400)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                         | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=30)
TOKENS = ["&a ", "*a", "*b", "!!python/name:os.system ", "!!int ", "!!float ", "!include ", "!!binary ", ": ", "- ",
          "? ", "{", "}", "[", "]", ",", "\t", "\n", "---\n", "...\n", "<<: *a\n", "'", '"', "#", "|", ">",
          "%YAML 1.1\n",
          "\x00", "\x07", "\ufeff", "\u2028", "1e999", ".nan", "0x1F", "012", "1:30", "no", "on", "~", "&a [*a]"]


def parsed_or_refused(text: str) -> None:
    try:
        doc = parse_yaml(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)
        return
    assert doc.value is not None


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_is_parsed_or_refused(text):
    parsed_or_refused(text)


@SETTINGS
@given(documents, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(TOKENS)), max_size=6))
def test_yaml_with_stray_tokens_is_parsed_or_refused(value, insertions):
    text = yaml.safe_dump(value, allow_unicode=True)
    for position, token in insertions:
        position %= len(text) + 1
        text = text[:position] + token + text[position:]
    parsed_or_refused(text)


@FEW
@given(st.binary(max_size=300))
def test_any_bytes_in_a_file_are_read_or_refused(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            load_yaml(path)
        except InputError as exc:
            assert exc.problems


def test_a_generated_document_round_trips(tmp_path):
    """Plain values come back as written: the loader reads data, it does not reinterpret it."""
    value = {"text": "NO", "yes": "on", "n": 3, "x": 1.5, "big": 10**30, "none": None, "t": True, "list": ["a", 1]}
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump(value), encoding="utf-8")
    assert load_yaml(path).value == value


# --- profiles ------------------------------------------------------------------------------------

INSTRUMENTS = ("job_fairs", "innovation_vouchers", "technology_centres", "founder_consulting",
               "cluster_public_relations")
AGENTS = ("regional_cluster_management", "regional_leading_companies", "regional_department_of_industry",
          "national_ministry_of_industry", "local_cluster_management", "supranational_universities")
numbers = (st.integers(-10, 10**13) | st.floats(allow_nan=True, allow_infinity=True) | st.integers(10**15, 10**400)
           | st.sampled_from([0, -1, 1, 1e300, 1e-300, "1e6", "lots", True, None]))


def maybe(strategy, odd):
    """Mostly `strategy`, sometimes `odd`: near-valid rather than random."""
    return st.one_of(strategy, strategy, strategy, odd)


odd_values = (st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=15)
              | st.lists(st.text(max_size=5), max_size=2))


@st.composite
def profiles(draw, valid: bool = False):
    def pick(strategy, odd=odd_values):
        return draw(strategy) if valid else draw(maybe(strategy, odd))

    ids = st.sampled_from(MECHANISMS) if valid else maybe(st.sampled_from(MECHANISMS), st.text(max_size=20))
    observation = st.fixed_dictionaries({}, optional={
        "possible": st.booleans() if valid else maybe(st.booleans(), odd_values),
        "observed": st.sampled_from(("none", "weak", "medium", "strong", "unknown")) if valid
        else maybe(st.sampled_from(("none", "weak", "medium", "strong", "unknown")), odd_values),
        "evidence": st.text(max_size=40),
    })
    data: dict = {
        "region": {"name": pick(st.text(min_size=1, max_size=30).filter(str.strip)),
                   "level": pick(st.sampled_from(LEVELS))},
        "cluster": {"name": pick(st.text(min_size=1, max_size=30).filter(str.strip)),
                    "potential": pick(st.sampled_from(("present", "nascent", "absent")))},
        "mechanisms": draw(st.dictionaries(ids, observation if valid else maybe(observation, odd_values), max_size=12)),
    }
    if draw(st.booleans()):
        agent_ids = st.sampled_from(AGENTS) if valid else maybe(st.sampled_from(AGENTS), st.text(max_size=20))
        agents = draw(st.lists(st.fixed_dictionaries({"id": agent_ids}, optional={"willing": st.booleans()}),
                               max_size=5, unique_by=lambda a: a["id"]))
        data["agents"] = agents
    if draw(st.booleans()):
        amount = st.integers(1, 10**9) if valid else numbers
        data["budget"] = {"amount": draw(amount)}
        if draw(st.booleans()):
            data["budget"]["currency"] = pick(st.sampled_from(("EUR", "SEK", "USD")))
            if data["budget"]["currency"] in ("SEK", "USD") and (valid or draw(st.booleans())):
                # another currency needs a rate, unless local costs price every candidate (rarely drawn)
                data["budget"]["eur_rate"] = draw(st.floats(0.5, 20) if valid else numbers)
    if draw(st.booleans()):
        data["in_place"] = draw(st.lists(st.sampled_from(INSTRUMENTS), max_size=3, unique=True))
    if draw(st.booleans()):
        cost = st.integers(1, 10**9) if valid else numbers
        data["costs"] = draw(st.dictionaries(st.sampled_from(INSTRUMENTS), cost, max_size=3))
    if not valid and draw(st.integers(0, 4)) == 0:
        data[draw(st.sampled_from(("bugdet", "notes", "region", "agents")))] = draw(odd_values)
    if not valid and draw(st.integers(0, 6)) == 0:
        del data[draw(st.sampled_from(("region", "cluster")))]
    return data


def to_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def plan_everything(kb, text: str) -> bool:
    """Read, plan and render one profile; True when it was valid. Only InputError may escape."""
    try:
        profile = profile_from(parse_yaml(text, "fuzz.yaml"), kb)
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file == "fuzz.yaml" and p.message
        return False
    plan = make_plan(kb, profile)
    data = json.loads(render("plan", "json", plan))
    assert data["verdict"]["code"] in ("strategy", "no_cluster_potential", "nothing_assessed", "no_justification",
                                       "nothing_worth_cost")
    if plan.budget:
        assert plan.budget_used <= plan.budget["amount"] * (1 + 1e-9)
    assert all(math.isfinite(item.assessment.score) for item in plan.strategy)
    assert render("plan", "markdown", plan).startswith("# Cluster strategy")
    explain(plan, "job_fairs")
    return True


@SETTINGS
@given(profiles())
def test_nearly_valid_profiles_are_planned_or_refused(data):
    plan_everything(KB, to_yaml(data))


@FEW
@given(profiles(valid=True))
def test_valid_profiles_are_planned_and_rendered_in_every_format(data):
    assert plan_everything(KB, to_yaml(data)), to_yaml(data)
    plan = make_plan(KB, profile_from(parse_yaml(to_yaml(data), "fuzz.yaml"), KB))
    assert render("plan", "terminal", plan, width=80)


@FEW
@given(profiles(), st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(TOKENS)), min_size=1, max_size=3))
def test_profiles_with_stray_yaml_tokens_are_planned_or_refused(data, insertions):
    text = to_yaml(data)
    for position, token in insertions:
        position %= len(text) + 1
        text = text[:position] + token + text[position:]
    plan_everything(KB, text)


def test_unsafe_tags_in_a_profile_run_nothing(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(f'region: !!python/object/apply:os.system ["touch {marker}"]\n'
                    "cluster: !!python/object/new:subprocess.Popen [[touch, x]]\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_profile(path, KB)
    assert not marker.exists() and not os.path.exists("x")
