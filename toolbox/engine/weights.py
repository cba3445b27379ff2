"""The score model's explicit weights. Every number here is an editorial assumption, shown in every plan."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Weights:
    """Weights of the score model (docs/method.md explains each and why)."""

    empirical: dict[str, float] = field(default_factory=lambda: {"strong": 1.0, "moderate": 0.75, "limited": 0.5})
    """Empirical barrier: a mechanism's factor by its empirical support."""
    policy: dict[str, float] = field(default_factory=lambda: {"high": 1.0, "medium": 0.7, "low": 0.4})
    """Policy barrier: a mechanism's factor by how far policy can influence it."""
    distortion: dict[str, float] = field(default_factory=lambda: {"low": 1.0, "medium": 0.8, "high": 0.6})
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
        return asdict(self)


DISTORTION_ORDER = ("low", "medium", "high")
