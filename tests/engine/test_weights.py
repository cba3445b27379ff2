"""The weights and their documentation: every weight is explained, and its default is one it allows."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from toolbox.engine.weights import WEIGHT_DOCS, Weights

_CHECK = {"gt": lambda v, b: v > b, "ge": lambda v, b: v >= b, "lt": lambda v, b: v < b, "le": lambda v, b: v <= b}


def test_every_weight_is_documented_and_nothing_else():
    assert list(WEIGHT_DOCS) == list(Weights._fields)
    for name, doc in WEIGHT_DOCS.items():
        assert doc.meaning.strip() and doc.why.strip(), name


@pytest.mark.parametrize("name", Weights._fields)
def test_every_default_is_within_what_a_weights_file_may_set(name):
    doc = WEIGHT_DOCS[name]
    default = getattr(Weights(), name)
    values = list(default.values()) if isinstance(default, Mapping) else [default]
    for value in values:
        if doc.choices:
            assert value in doc.choices
        else:
            assert doc.limits, f"{name}: a number without limits"
            assert all(_CHECK[k](value, bound) for k, bound in doc.limits.items()), (name, value)


def test_the_digest_is_stable_and_changes_with_any_weight():
    assert Weights().digest() == Weights().digest()
    assert len(Weights().digest()) == 12
    assert Weights(cost_elasticity=0.6).digest() != Weights().digest()
    changed_table = Weights(policy={**Weights().policy, "low": 0.5})
    assert changed_table.digest() != Weights().digest()
