"""`toolbox compare` with a knowledge base and weights per region: 'PROFILE[kb=DIR,weights=FILE]'."""

from __future__ import annotations

import json

EXAMPLE = "examples/greater_arntown_widgets.yaml"
OVERLAY = "tests/audit/diff_kb"
WEIGHTS = "tests/audit/diff_weights/new.yaml"


def compare_json(run, *args):
    result = run("compare", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_one_region_under_two_knowledge_bases(run):
    data = compare_json(run, EXAMPLE, f"{EXAMPLE}[kb={OVERLAY}]")
    shipped, overlay = data["regions"]
    assert shipped["kb_overlay"] is None and overlay["kb_overlay"]["layers"] == [OVERLAY]
    assert {c["id"] for c in overlay["kb_overlay"]["changes"]} == {"social_networks", "networking_events"}
    assert shipped["kb_version"] != overlay["kb_version"]
    assert shipped["label"] == "Greater Arntown" and overlay["label"] == f"Greater Arntown [kb={OVERLAY}]"
    # the overlay rates networking events' distortion risk medium, and social networks' support limited
    row = next(r for r in data["instruments"] if r["id"] == "networking_events")
    assert [x["outcome"] for x in row["regions"]] == ["strategy", "deferred"]
    text = run("compare", EXAMPLE, f"{EXAMPLE}[kb={OVERLAY}]").stdout
    assert "with overlay" in text and "different knowledge bases or weights" in text
    assert "distortion_risk low → medium" in text
    markdown = run("compare", EXAMPLE, f"{EXAMPLE}[kb={OVERLAY}]", "--format", "markdown").stdout
    assert "distortion\\_risk low → medium" in markdown or "distortion_risk low → medium" in markdown


def test_weights_per_region_and_the_global_default(run):
    data = compare_json(run, EXAMPLE, f"{EXAMPLE}[weights={WEIGHTS}]")
    assert [r["weights_source"] for r in data["regions"]] == ["defaults", WEIGHTS]
    assert data["regions"][0]["weights_hash"] != data["regions"][1]["weights_hash"]
    # --weights is the default of columns without their own; 'weights=' alone is the default weights
    data = compare_json(run, EXAMPLE, f"{EXAMPLE}[weights=]", "--weights", WEIGHTS)
    assert [r["weights_source"] for r in data["regions"]] == [WEIGHTS, "defaults"]


def test_kb_alone_is_the_shipped_knowledge_base_whatever_kb_says(run):
    data = compare_json(run, EXAMPLE, f"{EXAMPLE}[kb=]", "--kb", OVERLAY)
    assert [r["kb_overlay"] and r["kb_overlay"]["layers"] for r in data["regions"]] == [[OVERLAY], None]


def test_a_uniform_comparison_keeps_its_footer(run):
    text = run("compare", EXAMPLE, "examples/lakeside_medtech_tight_budget.yaml").stdout
    assert "Knowledge base 0.1.0+kb." in text and "(shipped)" in text


def test_bad_column_options_are_refused(run):
    for arg, expected in ((f"{EXAMPLE}[kbb=x]", "'kbb=x' is not an option of a compared profile: unknown option 'kbb' (did you mean 'kb'?)"),
                          (f"{EXAMPLE}[weights=a.yaml,weights=b.yaml]", "weights is given twice"),
                          (f"{EXAMPLE}[kb=no_such_dir]", "no_such_dir: no such knowledge-base directory"),
                          (f"{EXAMPLE}[weights=no_such.yaml]", "no_such.yaml")):
        result = run("compare", EXAMPLE, arg)
        assert result.exit_code == 2, (arg, result.output)
        assert expected in result.stderr, (arg, result.stderr)
        assert "Traceback" not in result.output


def test_each_why_carries_the_computed_cause(run):
    """The same region under the test overlay: networking events leave the strategy because of the two
    ratings together (tests/audit/test_diff.py checks the same cause with overlays of one file each)."""
    data = compare_json(run, EXAMPLE, f"{EXAMPLE}[kb={OVERLAY}]")
    row = next(r for r in data["instruments"] if r["id"] == "networking_events")
    (why,) = row["why"]
    (cause,) = why["causes"]
    assert cause["categories"] == ["rating"]
    assert {i["key"] for i in cause["inputs"]} == {"social_networks", "networking_events"}
    assert "computed" in run("compare", EXAMPLE, f"{EXAMPLE}[kb={OVERLAY}]").stdout
