"""The wording both comparison renderers share (toolbox/render/compare_text.py): the reasons instruments differ."""

from __future__ import annotations

from pathlib import Path

from toolbox.audit.compare import compare
from toolbox.engine import make_plan
from toolbox.profile.load import load_profile
from toolbox.render.compare_text import causes_text, differences, reason_text, why_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _comparison(kb, *names):
    return compare(kb, [(f"examples/{n}.yaml", make_plan(kb, load_profile(EXAMPLES / f"{n}.yaml", kb)))
                        for n in names])


def test_every_differing_instrument_has_one_worded_reason_per_region_lacking_it(kb):
    c = _comparison(kb, "greater_arntown_widgets", "northfield_software_nascent", "lakeside_medtech_tight_budget")
    found = differences(c)
    assert [row.id for row, _ in found] == list(c.differing) and found
    for row, lines in found:
        assert [line.region for line in lines] == [w.region for w in row.whys]
        for line, why in zip(lines, row.whys):
            assert line.reason == reason_text(why.reason) and line.text == why_text(why)
            # money in the causes is shown in the first column's currency
            assert line.cause == causes_text(why, c.regions[0].currency)
    assert any(line.cause for _, lines in found for line in lines), "the examples record their inputs"


def test_identical_regions_differ_in_nothing(kb):
    c = _comparison(kb, "greater_arntown_widgets", "greater_arntown_widgets")
    assert c.instruments and differences(c) == []
