"""Step 2: compare the observed mechanisms with those that could work, and weigh each deficit.

The attainable strength of a mechanism is its Table 2 strength on the profile's level, or the lower
strength the profile sets for its industry with a reason (step 1: "depending on the cluster's industry
and its structure"); its deficit is
how far the observed degree falls short of it. The empirical and policy barriers weigh the deficit.
"""

from __future__ import annotations

from toolbox.engine.barriers.empirical import empirical_factor
from toolbox.engine.barriers.policy import policy_factor
from toolbox.engine.result import MeasuredFigure, MechanismDiagnosis
from toolbox.engine.value import MAX_DEFICIT, need
from toolbox.engine.weights import Weights
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import STRENGTH_VALUE
from toolbox.profile.model import OBSERVED_VALUE, RegionProfile

GRADES = ("none", "weak", "medium", "strong")
NEED_FORMULA = f"deficit/{MAX_DEFICIT} × empirical factor × policy factor"
"""How `diagnose` weighs a deficit, as the renderers write it (the computation is `need` below)."""


def lower_median(grades: list[str]) -> str:
    """Several figures' grades as one degree: the lower median, so one strong figure never outweighs a weak one."""
    ordered = sorted(grades, key=GRADES.index)
    return ordered[(len(ordered) - 1) // 2]


def diagnose(kb: KnowledgeBase, profile: RegionProfile, weights: Weights) -> tuple[MechanismDiagnosis, ...]:
    level = profile.region.level
    out = []
    for mechanism in kb.mechanisms.values():
        seen = profile.observation(mechanism.id)
        paper = attainable = getattr(mechanism.strength, level)
        if seen.attainable is not None:  # step 1: the profile's judgement of this industry, never the paper's
            attainable = seen.attainable
        source = "paper" if attainable == paper else "profile"
        where = f"on the {level} level" if source == "paper" else f"in this cluster (profile; Table 2: {paper})"
        e = empirical_factor(mechanism, weights)
        p = policy_factor(mechanism, weights)
        deficit: int | None = None
        if not seen.possible:
            status = "discarded"
            note = "cannot work given the industry's or cluster's character (profile); left out of the analysis"
        elif seen.degree == "unknown":
            status = "unassessed"
            note = "observed degree unknown: an assessment still to be made; not counted as a deficit"
        else:
            gap = STRENGTH_VALUE[attainable] - OBSERVED_VALUE[seen.degree]
            deficit = max(gap, 0)
            if gap > 0:
                status, note = "deficit", f"observed {seen.observed}, could be {attainable} {where}"
            elif gap == 0:
                status, note = "attained", f"observed at its attainable strength ({attainable} {where})"
            else:
                status, note = "exceeds", f"observed {seen.observed}, above the {attainable} attainable {where}"
        figures = tuple(MeasuredFigure(**m.model_dump()) for m in seen.measured)
        data_grade = lower_median([f.grade for f in figures]) if figures else None
        if seen.degree == "unknown":
            observed_source = "unassessed"
        else:  # a range (weak..medium) is the officer's judgement even where its lower end is the data's grade
            observed_source = "data" if data_grade == seen.observed else "judgement"
        out.append(MechanismDiagnosis(
            id=mechanism.id, name=mechanism.name, possible=seen.possible, observed=seen.degree,
            attainable=attainable, deficit=deficit, status=status,
            empirical_support=mechanism.empirical_support.rating, empirical_factor=e,
            policy_influence=mechanism.policy_influence.rating, policy_factor=p,
            need=need(deficit or 0, e, p), evidence=seen.evidence, note=note, attainable_source=source,
            attainable_reason=seen.reason if source == "profile" else None, paper_attainable=paper,
            observed_range=seen.observed if seen.possible and seen.observed != seen.degree else None,
            observed_source=observed_source, data_grade=data_grade, measured=figures,
        ))
    return tuple(out)
