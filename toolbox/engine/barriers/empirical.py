"""The empirical barrier: prioritise mechanisms by how well cluster research has validated them."""

from __future__ import annotations

from toolbox.engine.weights import Weights
from toolbox.kb.records import Mechanism


def empirical_factor(mechanism: Mechanism, weights: Weights) -> float:
    return weights.empirical[mechanism.empirical_support.rating]
