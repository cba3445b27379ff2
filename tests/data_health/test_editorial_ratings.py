"""Data health: the editorial empirical-support and policy-influence ratings of data/mechanisms.yaml.

Benner, Section 10: "Cluster policy is more than networking ... intense competition (Porter 1990; 1998b) can be
a strong driver of some dynamic clusters." The ratings must not let networking outweigh competition as before
(research cooperation strong and high, local competition moderate and low: 4 ranks against 1, weights 1.0
against 0.3), and each was reviewed against the seeds with a stated reason.
"""

from __future__ import annotations

EMPIRICAL_RANK = {"limited": 0, "moderate": 1, "strong": 2}
POLICY_RANK = {"low": 0, "medium": 1, "high": 2}


def _weight(kb, mechanism_id: str) -> int:
    """The two ratings' ranks added: ordinal, so the test does not depend on the engine's factor tables."""
    m = kb.mechanisms[mechanism_id]
    return EMPIRICAL_RANK[m.empirical_support.rating] + POLICY_RANK[m.policy_influence.rating]


def test_every_rating_was_reviewed_with_a_reason(kb):
    verdicts = ("Kept on review", "Raised from", "Lowered from", "corrected on review")
    missing = [f"{m.id}.{part}" for m in kb.mechanisms.values()
               for part, text in (("empirical_support", m.empirical_support.rationale),
                                  ("policy_influence", m.policy_influence.rationale))
               if not any(v in text for v in verdicts)]
    assert not missing, missing


def test_competition_is_not_outweighed_by_networking_as_before(kb):
    assert _weight(kb, "research_cooperation") - _weight(kb, "local_competition") <= 1


def test_labour_mobility_weighs_at_least_as_much_as_graduate_recruitment(kb):
    # Günther and Meissner cite several measurements for labour mobility and none for graduate hiring,
    # and Table 3 gives both the same job fairs and matching
    assert _weight(kb, "labour_mobility") >= _weight(kb, "graduate_recruitment")


def test_via_other_fields_exactly_when_no_instrument_belongs_to_cluster_policy(kb):
    wrong = []
    for m in kb.mechanisms.values():
        fields = {i.policy_field for i in kb.instruments_for(m.id)}
        outside_only = "cluster_policy" not in fields
        if outside_only != (m.policy_influence.via == "other_fields"):
            wrong.append(f"{m.id}: via {m.policy_influence.via}, instruments' fields {sorted(fields)}")
    assert not wrong, "\n".join(wrong)
