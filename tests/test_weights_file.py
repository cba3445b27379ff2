"""Weights as a file (toolbox/weights_file.py): printed with every weight explained, read back checked."""

from __future__ import annotations

import pytest

from toolbox.engine.weights import WEIGHT_DOCS, Weights
from toolbox.errors import InputError
from toolbox.weights_file import load_weights, weights_yaml


def write(tmp_path, text: str):
    path = tmp_path / "weights.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_printed_defaults_read_back_as_the_defaults(tmp_path):
    assert load_weights(write(tmp_path, weights_yaml())) == Weights()


def test_the_printed_file_explains_every_weight():
    text = weights_yaml()
    for name, doc in WEIGHT_DOCS.items():
        assert f"\n{name}:" in text
        assert doc.meaning.split()[0] in text and "Why:" in text
    assert Weights().digest() in text


def test_a_partial_file_overrides_only_what_it_names(tmp_path):
    weights = load_weights(write(tmp_path, "cost_elasticity: 1\nempirical:\n  limited: 0.25\n"))
    assert weights.cost_elasticity == 1.0
    assert dict(weights.empirical) == {**Weights().empirical, "limited": 0.25}
    assert weights._replace(cost_elasticity=0.5, empirical=Weights().empirical) == Weights()


@pytest.mark.parametrize("text,expected", [
    ("cost_elastcity: 1\n", "weights.yaml:1: cost_elastcity: unknown field 'cost_elastcity' (did you mean 'cost_elasticity'?)"),
    ("policy:\n  low: 1.2\n", "weights.yaml:2: policy.low: input should be at most 1, not 1.2"),
    ("distortion:\n  high: -0.1\n", "weights.yaml:2: distortion.high: input should be greater than 0"),
    ("decay: 1.5\n", "weights.yaml:1: decay: input should be at most 1, not 1.5"),
    ("max_distortion: extreme\n", "weights.yaml:1: max_distortion: 'extreme' is not allowed"),
    ("cost_reference: .inf\n", "weights.yaml:1: cost_reference: expected a finite number"),
    ("[1, 2]\n", "weights.yaml:1: expected a mapping of weights"),
])
def test_a_bad_weights_file_is_refused_with_file_line_and_field(tmp_path, monkeypatch, text, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_weights("weights.yaml")
    assert expected in str(caught.value)
