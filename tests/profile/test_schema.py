"""`toolbox schema` says what the tool says: a standard validator (jsonschema, JSON Schema 2020-12) accepts
the profiles `toolbox plan` accepts and refuses those it refuses, wherever a schema can express the reason."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cli import app
from toolbox.errors import InputError
from toolbox.levels import LEVELS
from toolbox.profile.load import profile_from
from toolbox.profile.template import profile_schema, template
from toolbox.yamlio import load_yaml, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "bad_input"
PROFILES = CORPUS / "profiles"

READER_REFUSES = {
    "alias_bomb.yaml": "aliases expanding past the reader's limit",
    "alias_undefined.yaml": "an alias to no anchor",
    "bad_int_tag.yaml": "a YAML tag",
    "binary_png.yaml": "not a text file",
    "comments_only.yaml": "an empty file",
    "control_character.yaml": "a control character in the YAML text",
    "deep_nesting.yaml": "nesting past the reader's limit",
    "directory.yaml": "a directory, not a file",
    "duplicate_mechanism.yaml": "a duplicate key, which a JSON document cannot hold",
    "duplicate_section.yaml": "a duplicate key, which a JSON document cannot hold",
    "empty.yaml": "an empty file",
    "key_is_a_list.yaml": "a key that is a list, which a JSON document cannot hold",
    "local_tag.yaml": "a YAML tag",
    "merge_key.yaml": "a YAML merge key",
    "non_utf8.yaml": "not UTF-8",
    "python_tag.yaml": "a YAML tag",
    "syntax_bad_indent.yaml": "a YAML syntax error",
    "syntax_mapping_in_value.yaml": "a YAML syntax error",
    "syntax_tab_indent.yaml": "a YAML syntax error",
    "syntax_unclosed_bracket.yaml": "a YAML syntax error",
    "syntax_unterminated_quote.yaml": "a YAML syntax error",
    "two_documents.yaml": "two YAML documents",
    "utf16.yaml": "not a text file",
}
"""Corpus profiles the reader refuses before there is a document for a schema to check."""

SCHEMA_CANNOT = {
    "programme_twice.yaml": "a programme name given twice, spelled with other spaces or case: uniqueness by a "
                            "normalised field is beyond JSON Schema",
    "org_split_not_100.yaml": "project and platform shares that must add up to 100: JSON Schema has no sums",
    "duplicate_agent.yaml": "an agent id given twice in entries that differ otherwise: uniqueness by a field needs "
                            "minContains/maxContains per id, which editors on older drafts misread as 'must contain'",
    "nan_budget.yaml": "'.nan' is not a JSON number, and every comparison with it is false, so no keyword refuses it",
    "currency_without_rate.yaml": "whether a rate is needed depends on the knowledge base and the deficits: which "
                                  "instruments would be priced by an indicative EUR cost",
    "rate_for_euro.yaml": "a rule across two fields (eur_rate only with another currency), checked by the model's "
                          "validator, which the generated schema does not carry",
    "budget_pays_for_not_in_place.yaml": "a rule across two fields (budget.pays_for_in_place only names instruments "
                                         "of in_place), checked by the loader against the whole profile",
}
"""Corpus profiles the tool refuses for a reason the schema leaves out, and why."""
PLAN_REFUSES = {
    "budget_in_place_over_budget.yaml": "the profile is well formed; only the plan finds that the instruments in "
                                        "place cost more than a year's budget (their cost is the knowledge base's)",
}
"""Corpus profiles that load, and that `toolbox plan` refuses once it has priced them (tests/bad_input/cases.yaml)."""

STANDARD_KEYWORDS = set(jsonschema.Draft202012Validator.VALIDATORS) | {
    "$schema", "$id", "$defs", "$comment", "$anchor", "$dynamicAnchor", "$vocabulary",  # core vocabulary
    "then", "else",  # applicator vocabulary, read with "if"
    "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",  # meta-data vocabulary
    "contentEncoding", "contentMediaType", "contentSchema",  # content vocabulary
}
"""The keywords of JSON Schema 2020-12 (json-schema.org/draft/2020-12/json-schema-core, -validation)."""


@pytest.fixture(scope="module")
def schema(kb):
    return profile_schema(kb)


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def _keywords(node):
    """Every keyword used in a schema, not counting property names or data (enum, const, default)."""
    if isinstance(node, bool):
        return
    for key, value in node.items():
        yield key
        if key in ("properties", "$defs", "patternProperties", "dependentSchemas"):
            for sub in value.values():
                yield from _keywords(sub)
        elif key in ("allOf", "anyOf", "oneOf", "prefixItems"):
            for sub in value:
                yield from _keywords(sub)
        elif key in ("items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
                     "unevaluatedItems", "unevaluatedProperties"):
            yield from _keywords(value)


def test_the_schema_passes_its_metaschema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_schema_uses_only_standard_keywords(schema):
    """Validators ignore unknown keywords: pydantic's own `gt` or `le` would let a zero budget through."""
    used = set(_keywords(schema))
    assert used - STANDARD_KEYWORDS == set()
    assert {"exclusiveMinimum", "maximum", "uniqueItems"} <= used


def test_the_command_prints_the_schema(schema):
    result = CliRunner().invoke(app, ["schema"], env={"NO_COLOR": "1", "TOOLBOX_KB": ""})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == schema


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_the_examples_pass_the_schema(validator, kb, path):
    doc = load_yaml(path)
    profile_from(doc, kb)
    assert list(validator.iter_errors(doc.value)) == []


@pytest.mark.parametrize("level", LEVELS)
def test_the_template_passes_the_schema(validator, kb, level):
    doc = parse_yaml(template(kb, level), "template.yaml")
    profile_from(doc, kb)
    assert list(validator.iter_errors(doc.value)) == []


def test_every_profile_of_the_corpus_is_accounted_for():
    cases = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))["plan"]
    on_disk = {p.name for p in PROFILES.iterdir()}
    assert set(READER_REFUSES) <= on_disk and set(SCHEMA_CANNOT) <= on_disk
    assert {Path(p).name for p in cases} >= on_disk


@pytest.mark.parametrize("name", sorted(p.name for p in PROFILES.iterdir()))
def test_the_schema_refuses_what_the_tool_refuses(validator, kb, name):
    path = PROFILES / name
    if name in READER_REFUSES:
        with pytest.raises(InputError):
            load_yaml(path)
        return
    doc = load_yaml(path)
    if name in PLAN_REFUSES:
        profile_from(doc, kb)
        assert validator.is_valid(doc.value)
        return
    with pytest.raises(InputError):
        profile_from(doc, kb)
    if name in SCHEMA_CANNOT:  # listed as a gap: it must be one, or the list is out of date
        assert validator.is_valid(doc.value), f"{name} is refused by the schema now; take it off SCHEMA_CANNOT"
    else:
        assert not validator.is_valid(doc.value), f"the schema accepts {name}, which the tool refuses"


BASE = {"region": {"name": "Testland", "level": "regional"}, "cluster": {"name": "Widgets", "potential": "present"}}
VARIANTS = [
    # (what is added to BASE, whether the tool accepts it): docs/profile.md
    ({"budget": {"amount": 1}}, True),
    ({"budget": {"years": [1000, 2000]}}, True),  # amount from the first year
    ({"budget": {"years": [1000], "first_year": 2027, "pays_for_in_place": []}}, True),
    ({"budget": {"currency": "EUR"}}, False),  # neither amount nor years
    ({"budget": {"years": []}}, False),
    ({"budget": {"amount": 0.5}}, True),
    ({"budget": {"amount": 1e12}}, True),
    ({"budget": {"amount": 1_000_000_000_001}}, False),
    ({"budget": {"amount": 0}}, False),
    ({"budget": {"amount": -500_000}}, False),
    ({"budget": {"amount": "1.5e6"}}, False),
    ({"budget": {"amount": "800000"}}, False),
    ({"budget": {"amount": True}}, False),
    ({"budget": {"amount": 1500000, "currency": "eur"}}, False),
    ({"costs": {"job_fairs": 25000}}, True),
    ({"costs": {"job_fairs": -5}}, False),
    ({"costs": {"job_fairs": 0}}, False),
    ({"costs": {"job_fairs": "25000"}}, False),
    ({"costs": {"job_fair": 25000}}, False),
    ({"mechanisms": {"venture_capital": {"possible": False}}}, True),
    ({"mechanisms": {"venture_capital": {"observed": "weak..medium"}}}, True),
    ({"mechanisms": {"venture_capital": {"observed": "none..strong"}}}, True),
    ({"mechanisms": {"venture_capital": {"observed": "weak..weak"}}}, True),
    ({"mechanisms": {"venture_capital": {"observed": "medium..weak"}}}, False),
    ({"mechanisms": {"venture_capital": {"observed": "weak..unknown"}}}, False),
    ({"mechanisms": {"venture_capital": {"observed": "weak.."}}}, False),
    ({"mechanisms": {"venture_capital": {"observed": "weak .. medium"}}}, False),
    ({"mechanisms": {"venture_capital": None}}, True),
    ({"mechanisms": {"venture_capital": {"possible": 1}}}, False),
    ({"mechanisms": {"venture_capital": {"possible": 0}}}, False),
    ({"mechanisms": {"venture_capital": {"possible": "true"}}}, False),
    ({"mechanisms": {"venture_capital": {"possible": "no"}}}, False),
    ({"agents": [{"id": "regional_cluster_management", "willing": False}]}, True),
    ({"agents": [{"id": "regional_cluster_management", "willing": "off"}]}, False),
    ({"agents": [{"id": "regional_cluster_management"}, {"id": "regional_cluster_management"}]}, False),
    ({"in_place": ["job_fairs", "partner_matching"]}, True),
    ({"in_place": ["job_fairs", "job_fairs"]}, False),
    ({"region": {"name": "  Testland ", "level": "regional", "country": "NO"}}, True),
    ({"region": {"name": "   ", "level": "regional"}}, False),
    ({"region": {"name": "Testland", "level": "regional", "country": " "}}, False),
    ({"region": {"name": "Testland", "level": "regional", "country": 46}}, False),
    ({"cluster": {"name": 2024, "potential": "present"}}, False),
]


@pytest.mark.parametrize("added,accepted", VARIANTS, ids=[json.dumps(v) for v, _ in VARIANTS])
def test_the_tool_and_the_schema_agree(validator, kb, added, accepted):
    # through the tool's own reader, so that the schema sees what the tool sees ('1.5e6' in quotes is text)
    doc = parse_yaml(json.dumps({**BASE, **added}), "variant.yaml")  # JSON is YAML whose strings are always quoted
    try:
        profile_from(doc, kb)
        tool = True
    except InputError:
        tool = False
    assert (tool, validator.is_valid(doc.value)) == (accepted, accepted)
