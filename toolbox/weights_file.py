"""Weights as a file: the commented defaults `toolbox weights` prints, and `--weights FILE` read back.

The file's schema is built from `Weights` and `WEIGHT_DOCS`, never from a list kept here: a weight
added to the engine is printed, read and checked without a change to this module.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from toolbox.engine.weights import WEIGHT_DOCS, Weights
from toolbox.errors import InputError

DEFAULT_SOURCE = "defaults"
_LIMIT_WORDS = {"gt": "greater than", "ge": "at least", "lt": "less than", "le": "at most"}


def limits_text(limits: Mapping[str, float]) -> str:
    """{'gt': 0, 'le': 1} -> 'greater than 0 and at most 1'."""
    return " and ".join(f"{_LIMIT_WORDS[k]} {v:g}" for k, v in limits.items())


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(float(value))  # '100000.0': a YAML float, never a date or a word
    return str(value)  # a word from a closed list: plain YAML text


def _range(value: Any, doc) -> str:
    """The range --robustness draws from, e.g. '0.35 to 0.65' or 'strong 0.9 to 1, moderate ...'."""
    def one(v: float) -> str:
        low = max(v * (1 - doc.spread), doc.limits.get("ge", doc.limits.get("gt", float("-inf"))))
        high = min(v * (1 + doc.spread), doc.limits.get("le", doc.limits.get("lt", float("inf"))))
        return f"{low:.3g} to {high:.3g}"

    if isinstance(value, Mapping):
        return ", ".join(f"{k} {one(v)}" for k, v in value.items())
    return one(float(value))


def weights_yaml(weights: Weights | None = None, source: str = DEFAULT_SOURCE) -> str:
    """The weights as a commented YAML file, every weight with its meaning, why, and allowed values."""
    weights = weights or Weights()
    out = [f"# Weights of the toolbox score model ({source}; sha256 {weights.digest()}).",
           "# Save this file, change what you need and pass it with --weights FILE to plan, explain, report,",
           "# compare or audit multicausality. A weight left out keeps its default; so does a table entry.",
           ""]
    wrap = textwrap.TextWrapper(width=100, initial_indent="# ", subsequent_indent="#   ")
    for name, value in zip(weights._fields, weights):
        doc = WEIGHT_DOCS[name]
        out += wrap.wrap(doc.meaning)
        out += wrap.wrap("Why: " + doc.why)
        if doc.choices:
            out += wrap.wrap("One of: " + ", ".join(doc.choices) + ".")
        elif doc.limits:
            out += wrap.wrap(("Each entry: " if isinstance(value, Mapping) else "A number ")
                             + limits_text(doc.limits) + ".")
        if doc.spread:
            out += wrap.wrap(f"Robustness (plan --robustness): drawn uniformly within ±{doc.spread:.0%} of its value"
                             .replace("%", " %") + (", each entry on its own" if isinstance(value, Mapping) else "")
                             + f" ({_range(value, doc)}). " + doc.spread_why)
        elif doc.spread_why:
            out += wrap.wrap("Robustness (plan --robustness): not drawn. " + doc.spread_why)
        if isinstance(value, Mapping):
            out.append(f"{name}:")
            out += [f"  {key}: {_value(v)}" for key, v in value.items()]
        else:
            out.append(f"{name}: {_value(value)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


@cache
def weights_model():
    """The pydantic model of a weights file, built from Weights' fields and their documentation."""
    from pydantic import Field, create_model

    from toolbox.kb.records import Number, Record

    fields: dict[str, Any] = {}
    for name, default in zip(Weights._fields, Weights()):
        doc = WEIGHT_DOCS[name]
        number = Annotated[Number, Field(allow_inf_nan=False, **doc.limits)]
        if isinstance(default, Mapping):
            table = create_model(f"{name}_weights", __base__=Record,
                                 **{key: (number, None) for key in default})  # None: not given, keep the default
            fields[name] = (table, Field(None, description=doc.meaning))
        elif doc.choices:
            fields[name] = (Literal[doc.choices], Field(None, description=doc.meaning))
        else:
            fields[name] = (number, Field(None, description=doc.meaning))
    return create_model("WeightsFile", __base__=Record, **fields)


def load_weights(path: Path | str) -> Weights:
    """The default weights with those the file names replaced; or InputError naming file, line and field."""
    from pydantic import ValidationError

    from toolbox.validation import in_document, problems_from, validate
    from toolbox.yamlio import load_yaml

    doc = load_yaml(path)
    if not isinstance(doc.value, dict):
        raise InputError(doc.problem((), "expected a mapping of weights (name: value lines); "
                                         "`toolbox weights` prints every weight"))
    model = weights_model()
    try:
        given = validate(model, doc.value)
    except ValidationError as exc:
        raise InputError(problems_from(exc, model, in_document(doc), doc.value)) from None
    defaults = Weights()
    changes: dict[str, Any] = {}
    for name in given.model_fields_set:
        value = getattr(given, name)
        default = getattr(defaults, name)
        if isinstance(default, Mapping):
            from types import MappingProxyType

            merged = dict(default)
            merged.update({key: getattr(value, key) for key in value.model_fields_set})
            value = MappingProxyType(merged)
        changes[name] = value
    return defaults._replace(**changes)


def weights_for(path: Path | None) -> tuple[Weights, str]:
    """The weights a command uses and how outputs name their source: the file as given, or 'defaults'."""
    if path is None:
        return Weights(), DEFAULT_SOURCE
    from toolbox.yamlio import display_path

    return load_weights(path), display_path(path)
