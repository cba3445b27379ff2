"""The policy barrier: how far policy can influence a mechanism, and through which field."""

from __future__ import annotations

from toolbox.engine.weights import Weights
from toolbox.kb.records import Instrument, Mechanism

CLUSTER_POLICY = "cluster_policy"


def policy_factor(mechanism: Mechanism, weights: Weights) -> float:
    return weights.policy[mechanism.policy_influence.rating]


def needs_other_field(instrument: Instrument) -> bool:
    """True when the instrument belongs to another field of economic policy than cluster policy proper."""
    return instrument.policy_field != CLUSTER_POLICY


def acts_indirectly(instrument: Instrument) -> bool:
    """True when the instrument only asks another field's decision makers to act (the paper's policy barrier:
    "whether this can be performed directly or more indirectly")."""
    return instrument.influence is not None and instrument.influence.mode == "indirect"
