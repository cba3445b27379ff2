"""`plan --format markdown`: the portfolio fields when the plan has them, and contributors named once."""

from __future__ import annotations

from tests.render.filled import PORTFOLIO, UNSERVED, emptied, example, filled
from toolbox.render.registry import render


def test_the_portfolio_fields_are_shown():
    plan = filled(example("greater_arntown_widgets"))
    text = render("plan", "markdown", plan)
    assert "| Rank | Instrument | Score | Adds |" in text
    first = plan.strategy[0]
    assert f"| {first.rank} | {first.assessment.name} (`{first.assessment.instrument}`) | {first.assessment.score:.3f} | " \
           f"{first.marginal_value:.3f} |" in text
    assert "## Deficits left unserved" in text
    assert f"- {UNSERVED.mechanism} (deficit {UNSERVED.deficit}): its instruments did not fit the budget" in text
    assert f"value {PORTFOLIO.value:.3f}, greedy {PORTFOLIO.greedy_value:.3f}" in text
    assert "Overlapping pairs in the strategy:" in text


def test_without_them_nothing_is_added():
    plan = emptied(example("greater_arntown_widgets"))
    text = render("plan", "markdown", plan)
    assert "Adds" not in text and "unserved" not in text and "Portfolio" not in text


def test_who_contributes_what_appears_once():
    plan = example("greater_arntown_widgets")
    text = render("plan", "markdown", plan)
    # the first contributor of the first instrument with its contribution types: named in one place only
    c = plan.strategy[0].contributions[0]
    entry = f"{c.agent.name} ({', '.join(t.replace('_', ' ') for t in c.types)})"
    assert text.count(entry) == sum(entry in line for line in text.splitlines() if line.startswith("| "))
    assert sum(entry in line for line in text.splitlines() if not line.startswith("| ")) == 0
