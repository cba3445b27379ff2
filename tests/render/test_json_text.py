"""toolbox.render.json_text.dumps: indented JSON in the layout of json.dumps(indent=2, ensure_ascii=False).

The one intended difference: DEL, C1 controls, line separators and bidirectional controls are written as
\\u escapes (issue 10: nothing from a profile may act on the terminal showing the JSON), so the reference
is the standard library's text passed through the same escaping, tested on its own in tests/test_safe_text.py.
"""

from __future__ import annotations

import json
from enum import Enum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolbox.render.json_text import dumps
from toolbox.safe_text import json_escape


def reference(value) -> str:
    return json_escape(json.dumps(value, indent=2, ensure_ascii=False))

keys = st.text(max_size=8)
# Numbers as plans carry them: whole numbers, and finite floats that are not tiny (orjson writes 1e-05 as
# 0.00001 and 1e-06 as 1e-6; both read back as the same number, see test_tiny_numbers_read_back_the_same).
floats = st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f == 0 or abs(f) >= 1e-4)
leaves = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | floats | st.text()
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(keys, inner, max_size=4), max_leaves=40)


@settings(max_examples=300, deadline=None)
@given(values)
def test_same_text_as_the_standard_library(value):
    assert dumps(value) == reference(value)


class Colour(str, Enum):
    red = "red"


def test_special_cases():
    for value in ({}, [], {"a": {}}, {"a": []}, "é\u2028\"\\\n\x00", [Colour.red], 1e300, -0.0, True, None,
                  {"a": [1, {"b": []}]}):
        assert dumps(value) == reference(value), value


def test_what_orjson_refuses_is_written_by_the_standard_library():
    for value in ({Colour.red: 1}, {1: "a", "b": [2]}, 10**100, [{"x": -(10**30)}]):
        assert dumps(value) == reference(value), value


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_tiny_numbers_read_back_the_same(number):
    assert json.loads(dumps([number])) == [number]


def test_a_plan_is_the_same(kb):
    from tests.conftest import make_profile
    from toolbox.engine import make_plan
    from toolbox.render.json_out import plan_dict

    data = plan_dict(make_plan(kb, make_profile(budget={"amount": 500000})))
    assert dumps(data) == reference(data)


def test_what_json_cannot_encode_fails_as_in_json():
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): 1})
