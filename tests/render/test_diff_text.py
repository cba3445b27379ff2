"""The words of a diff's inputs that concern the gaps of innovation (toolbox/render/diff_text.py): each names
the gaps on both sides, and says when a profile lists no programmes at all."""

from __future__ import annotations

from toolbox.audit.diff import AtomChange
from toolbox.render.diff_text import CATEGORY_TEXT, atom_text


def test_the_programmes_of_a_profile_are_worded_with_their_gaps():
    text = atom_text(AtomChange("programmes", "programmes", None, ["capital", "policy"]))
    assert "no programmes" in text and text.endswith("capital, policy")
    named = atom_text(AtomChange("programmes", "networking_events", ["policy"], None))
    assert "networking_events" in named and "policy" in named and named.endswith("no programme")
    assert CATEGORY_TEXT["programmes"]


def test_a_link_change_names_what_changed_only():
    gaps = atom_text(AtomChange("links", "job_fairs", {"mechanisms": ["student_work"], "gaps": ["education"]},
                                {"mechanisms": ["student_work"], "gaps": []}))
    assert "education → none" in gaps and "acts on" not in gaps
    both = atom_text(AtomChange("links", "job_fairs", {"mechanisms": ["student_work"], "gaps": []},
                                {"mechanisms": ["labour_mobility"], "gaps": []}))
    assert "student_work → labour_mobility" in both and "gaps" not in both
