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
    poor_ratio_share: float = 0.1
    """Instruments scoring below this share of the best score are discarded as a poor cost-benefit ratio."""

    def to_dict(self) -> dict:
        """Every weight by name, in the order above (the tables copied: the plan cannot change the weights)."""
        return {name: dict(value) if isinstance(value, Mapping) else value for name, value in zip(self._fields, self)}


DISTORTION_ORDER = ("low", "medium", "high")
