"""The terminal plan: a one-screen summary by default, the whole plan with --detail."""

from __future__ import annotations

import re

import pytest

from tests.render.filled import EXAMPLES, PORTFOLIO, UNSERVED, example, filled
from toolbox.kb.load import load_kb
from toolbox.render.registry import render

SCREEN = 40
"""Lines a summary may take at 100 columns (issue 11, E: "a summary first that fits one screen")."""


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_summary_of_each_shipped_example_fits_one_screen(path, kb):
    text = render("plan", "terminal", example(path.stem, kb), width=100)
    assert len(text.splitlines()) <= SCREEN, path.stem
    assert all(len(line) <= 100 for line in text.splitlines())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_summary_grows_by_one_line_per_instrument_and_unserved_deficit(path, kb):
    plan = example(path.stem, kb)
    shown = filled(plan) if len(plan.strategy) > 1 else plan
    text = render("plan", "terminal", shown, width=100)
    # verdict panel (up to 6), table title and header, budget and portfolio (2), unserved heading, pairs,
    # the interaction line (up to 2: channels, balance, failures, governance), pointer and the weights used (4)
    # and a line each for the programmes' gaps and the cluster organisation, when the profile has them
    sections = (shown.gaps is not None) + (shown.organisation is not None)
    assert len(text.splitlines()) <= 18 + len(shown.strategy) + len(shown.unserved) + sections, path.stem


def test_the_summary_names_each_instrument_once_on_its_own_line(kb):
    plan = filled(example("greater_arntown_widgets", kb))
    text = render("plan", "terminal", plan, width=100)
    lines = text.splitlines()
    for item in plan.strategy:
        a = item.assessment
        row = [line for line in lines if re.match(rf"\s*{item.rank}\s+{a.instrument}\s", line)]
        assert len(row) == 1, a.instrument
        assert f"{a.cost:,.0f} EUR" in row[0] and f"{item.marginal_value:.3f}" in row[0]
    assert "who:" not in text and "Mechanism diagnosis" not in text  # the detail's, not the summary's
    assert f"used, {plan.budget_left:,.0f} EUR left" in text.replace("\n", " ")


def test_the_summary_words_what_the_strategy_leaves_undone(kb):
    plan = filled(example("greater_arntown_widgets", kb))
    text = " ".join(render("plan", "terminal", plan, width=100).split())
    assert "Deficits left unserved:" in text
    assert f"{UNSERVED.mechanism} (deficit {UNSERVED.deficit}): its instruments did not fit the budget" in text
    assert ", ".join(UNSERVED.instruments) not in text  # the instruments acting on it: --detail
    detail = " ".join(render("plan", "terminal", plan, width=100, detail=True).split())
    assert f"acting on it: {', '.join(UNSERVED.instruments)}" in detail
    assert f"value {PORTFOLIO.value:.3f}, greedy {PORTFOLIO.greedy_value:.3f} (gap +0.250)" in text
    first, second = (i.assessment.instrument for i in plan.strategy[:2])
    assert f"{first} + {second}" in text
    assert "--detail" in text


def test_the_detail_shows_the_diagnosis_contributors_and_set_asides_once(kb):
    plan = filled(example("greater_arntown_widgets", kb))
    text = render("plan", "terminal", plan, width=100, detail=True)
    for expected in ("Verdict: strategy", "Mechanism diagnosis", "Deferred", "Discarded", "Assumption",
                     "regional cluster management (", "Deficits left unserved:", "adds 1.000"):
        assert expected in text
    # who contributes what: one "who:" line per instrument, and no other list of contributors
    assert text.count("who: ") == len(plan.strategy)


def test_the_summary_gives_the_interaction_side_in_at_most_two_lines_and_the_detail_in_full(kb):
    plan = example("westhaven_film_network", kb)
    lines = render("plan", "terminal", plan, width=100).splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Interaction: "))
    end = next(n for n in range(start, len(lines)) if lines[n].rstrip().endswith("."))
    assert end - start < 2
    assert "network governance fits" in " ".join(lines[start:end + 1])
    detail = " ".join(render("plan", "terminal", plan, width=100, detail=True).split())
    for expected in ("Monitoring plan", "Spillover channels opened:", "Balance:", "The strategy answers",
                     "Social mechanisms to build with the network partners: restricted access, macroculture, "
                     "collective sanctions (already working: reputation)", "The Reluctant Boss"):
        assert expected in detail


def test_a_plan_without_the_new_fields_renders_as_before(kb):
    plan = example("lakeside_medtech_tight_budget", kb)
    assert plan.unserved == () or plan.unserved  # whatever the engine fills
    text = render("plan", "terminal", plan._replace(unserved=(), portfolio=None, redundant_pairs=()), width=100)
    assert "Deficits left unserved" not in text and "Portfolio:" not in text and "Adds" not in text.split("\n")[5]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_shipped_example_s_header_comment_states_its_strategy_as_planned(path, kb):
    """Issue 11, Done when: "The shipped examples are re-run, their comments updated". A header that
    counts the strategy's instruments, or says whether the budget binds, says what the plan does (a header
    that claims none of these is not checked here)."""
    header = " ".join(line.lstrip("# ") for line in path.read_text(encoding="utf-8").splitlines()
                      if line.startswith("#"))
    plan = example(path.stem, kb)
    counted = re.search(r"(\d+) instruments\b", header)
    if counted:
        assert int(counted.group(1)) == len(plan.strategy), path.stem
    if "budget does not bind" in header:
        assert plan.portfolio.method == "threshold"
    if "binding budget" in header:
        assert plan.portfolio.method == "optimal"
    if "no cluster potential" in header:
        assert plan.verdict.code == "no_cluster_potential"
