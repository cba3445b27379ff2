"""Step 1: establish cluster potential, and select the mechanisms that can work at all."""

from __future__ import annotations

from toolbox.engine.result import Verdict
from toolbox.profile.model import RegionProfile


def potential_verdict(profile: RegionProfile) -> Verdict | None:
    """The verdict that ends planning at step 1, or None when there is potential to build on."""
    if profile.cluster.potential == "absent":
        return Verdict(
            code="no_cluster_potential",
            message=(
                f"No cluster potential in {profile.region.name}: cluster policy is not the method of choice here. "
                "Other approaches to economic and regional development are more likely to fit."
            ),
        )
    return None


def potential_notes(profile: RegionProfile) -> list[str]:
    if profile.cluster.potential == "nascent":
        return [
            "The cluster potential is nascent. Cluster policy is a continuum, not a dichotomy: some instruments "
            "can build on strengths below the threshold of a full cluster (Benner, conclusions)."
        ]
    return []
