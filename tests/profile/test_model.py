"""The profile's fields take only what docs/profile.md says: booleans are true or false, numbers are numbers.

pydantic's lax mode would read `1`, `'yes'`, `'off'` and a quoted `'true'` as booleans and the text `'1.5e6'` as
a number; each is refused with a hint saying what to write.
"""

from __future__ import annotations

import json

import pytest

from toolbox.errors import InputError
from toolbox.profile.load import profile_from
from toolbox.yamlio import parse_yaml

BASE = {"region": {"name": "Testland", "level": "regional"}, "cluster": {"name": "Widgets", "potential": "present"}}


def _problems(kb, **added) -> list[str]:
    doc = parse_yaml(json.dumps({**BASE, **added}), "p.yaml")  # JSON is YAML whose strings are always quoted
    with pytest.raises(InputError) as exc:
        profile_from(doc, kb)
    return [f"{p.path}: {p.message}" for p in exc.value.problems]


@pytest.mark.parametrize("given,hint", [
    ("yes", "not the text 'yes'; write true"),
    ("On", "not the text 'On'; write true"),
    ("y", "not the text 'y'; write true"),
    ("no", "not the text 'no'; write false"),
    ("OFF", "not the text 'OFF'; write false"),
    ("true", "not the text 'true'; write true, without quotes"),
    ("False", "not the text 'False'; write false, without quotes"),
    (1, "not the number 1; write true"),
    (0, "not the number 0; write false"),
    ("maybe", "not the text 'maybe'"),
    (2, "not the number 2"),
])
def test_only_true_and_false_are_booleans(kb, given, hint):
    problems = _problems(kb, mechanisms={"venture_capital": {"possible": given}})
    assert problems == [f"mechanisms.venture_capital.possible: expected true or false, {hint}"]
    problems = _problems(kb, agents=[{"id": "regional_cluster_management", "willing": given}])
    assert problems == [f"agents[0].willing: expected true or false, {hint}"]


@pytest.mark.parametrize("given,hint", [
    ("1.5e6", "; write 1500000, without quotes"),
    ("800000", "; write 800000, without quotes"),
    ("1_500_000", "; write 1500000, without quotes"),
    ("0.25", "; write 0.25, without quotes"),
    ("1e300", "; write 1.0e+300, without quotes"),  # YAML 1.1 reads an exponent only after a point
    ("nan", ""),
    ("one million", ""),
])
def test_a_number_in_quotes_is_text_and_the_hint_says_what_to_write(kb, given, hint):
    message = f"expected a number, not the text '{given}'{hint}"
    assert _problems(kb, budget={"amount": given}) == [f"budget.amount: {message}"]
    assert _problems(kb, costs={"job_fairs": given}) == [f"costs.job_fairs: {message}"]


def test_a_suggested_number_reads_as_that_number(kb):
    """What the hint says to write is read back by the tool's reader as the number meant."""
    for given in ("1.5e6", "1e300", "2.5e-3", "123456789012345678"):
        (problem,) = _problems(kb, budget={"amount": given})
        written = problem.split("; write ")[1].removesuffix(", without quotes")
        assert parse_yaml(f"amount: {written}\n", "p.yaml").value["amount"] == float(given)


@pytest.mark.parametrize("given", [True, False])
def test_a_boolean_is_not_a_number(kb, given):
    word = str(given).lower()
    assert _problems(kb, budget={"amount": given}) == [f"budget.amount: expected a number, not {word}"]


@pytest.mark.parametrize("field", ["name", "country"])
def test_a_number_is_not_text(kb, field):
    region = {**BASE["region"], field: 46}
    assert _problems(kb, region=region) == [f"region.{field}: expected text, not the number 46 (put it in quotes)"]
