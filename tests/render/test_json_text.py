"""toolbox.render.json_text.dumps writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from enum import Enum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolbox.render.json_text import dumps

keys = st.text(max_size=8) | st.integers(-5, 5) | st.floats(allow_nan=False) | st.booleans() | st.none()
leaves = (st.none() | st.booleans() | st.integers() | st.integers(-(10**40), 10**40)
          | st.floats(allow_nan=True, allow_infinity=True) | st.text())
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(keys, inner, max_size=4), max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(values)
def test_same_text_as_the_standard_library(value):
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


class Colour(str, Enum):
    red = "red"


def test_special_cases():
    for value in ({}, [], {"a": {}}, {"a": []}, "é\u2028\"\\\n\x00", [Colour.red], {Colour.red: 1}, 1e300, -0.0,
                  float("nan"), [float("inf"), -float("inf")], 10**100, True, None):
        assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False), value


def test_a_plan_is_the_same(kb):
    from tests.conftest import make_profile
    from toolbox.engine import make_plan
    from toolbox.render.json_out import plan_dict

    data = plan_dict(make_plan(kb, make_profile(budget={"amount": 500000})))
    assert dumps(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_what_json_cannot_encode_fails_as_in_json():
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): 1})
