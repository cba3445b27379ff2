"""The score model's explicit weights. Every number here is an editorial assumption, shown in every plan."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple


def _table(**values: float) -> Mapping[str, float]:
    return MappingProxyType(values)  # read-only: a default shared by every Weights()


class Weights(NamedTuple):
    """Weights of the score model (docs/method.md explains each and why). Immutable, like a plan."""

    empirical: Mapping[str, float] = _table(strong=1.0, moderate=0.75, limited=0.5)
    """Empirical barrier: a mechanism's factor by its empirical support."""
    policy: Mapping[str, float] = _table(high=1.0, medium=0.7, low=0.4)
    """Policy barrier: a mechanism's factor by how far policy can influence it."""
    distortion: Mapping[str, float] = _table(low=1.0, medium=0.8, high=0.6)
    """Cost-benefit barrier: an instrument's factor by its risk of distorting markets."""
    max_distortion: str = "medium"
    """Instruments with a higher distortion risk are discarded."""
    cost_reference: float = 100_000.0
    """One cost unit, in the budget's currency per year."""
    cost_elasticity: float = 0.5
    """How strongly cost lowers the score: score ∝ 1 / cost_units ** cost_elasticity (1 = a pure ratio)."""
    other_field: float = 0.8
    """Policy barrier on instruments: an instrument outside cluster policy proper counts with this factor, since
    its decision makers sit in another field and must first be won over (Benner: 'whether by cluster policy in a
    narrow sense or by other fields of economic policy')."""
    decay: float = 0.5
    """Diminishing returns: the k-th instrument acting on a mechanism adds decay ** (k - 1) of its need."""
    min_value_per_cost: float = 0.2
    """Value for money: an instrument must add at least this much value per cost_units ** cost_elasticity, alone
    (else it is not worth its cost) and given the strategy (else it adds too little to be kept)."""

    def to_dict(self) -> dict:
        """Every weight by name, in the order above (the tables copied: the plan cannot change the weights)."""
        return {name: dict(value) if isinstance(value, Mapping) else value for name, value in zip(self._fields, self)}


DISTORTION_ORDER = ("low", "medium", "high")
