"""Turning pydantic's validation errors into located, plain-language problems."""

from __future__ import annotations

import math
import re
import os
import types
import typing
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from toolbox.errors import MAX_PROBLEMS, Problem, excerpt
from toolbox.suggest import did_you_mean, unknown  # noqa: F401  (re-exported)
from toolbox.yamlio import Document, Path_

M = TypeVar("M", bound=BaseModel)
DOTTED_THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
"""800.000 or 1.000.000: thousands separated by points, as many European languages write them. YAML reads
the first as the number 800 and keeps the second as text."""
_NO_DATA = object()


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation of `part` inside a value annotated `annotation`, or None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _step(typing.get_args(annotation)[0], part)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _step(arg, part)
            if found is not None:
                return found
        return None
    model = _model_in(annotation)
    if model is not None:
        info = model.model_fields.get(part) if isinstance(part, str) else None
        return info.annotation if info is not None else None
    if origin in (list, tuple, set, frozenset) and isinstance(part, int):
        args = typing.get_args(annotation)
        return args[0] if args else None
    if origin is dict:
        args = typing.get_args(annotation)
        return args[1] if len(args) == 2 else None
    return None


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    while typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        args = [a for a in typing.get_args(annotation) if _model_in(a)]
        annotation = args[0] if args else None
    found = _model_in(annotation)
    return list(found.model_fields) if found else []


_PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "an id: lower-case letters, digits and '_', starting with a letter (e.g. venture_capital)",
    r"^[A-Z]{3}$": "an ISO 4217 currency code: three capital letters (e.g. EUR)",
}
"""Plain words for the patterns the schemas use."""



def describe(value: Any) -> str:
    """A value as a user wrote it, for messages: `the text 'x'`, `the number 5`, `a list`."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {short_number(value)}"
    if isinstance(value, str):
        return f"the text '{excerpt(value, 40)}'"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_BOOLEAN_WORDS = {"true": True, "yes": True, "y": True, "on": True,
                  "false": False, "no": False, "n": False, "off": False}
"""Words YAML 1.1 and other tools read as booleans, and what to write instead."""


def _boolean_hint(value: Any) -> str:
    """What to write for a value meant as a boolean: only true and false are (docs/profile.md)."""
    if isinstance(value, str) and value.strip().lower() in _BOOLEAN_WORDS:
        meant = str(_BOOLEAN_WORDS[value.strip().lower()]).lower()
        return f"; write {meant}, without quotes" if value.strip().lower() == meant else f"; write {meant}"
    if not isinstance(value, bool) and isinstance(value, (int, float)) and value in (0, 1):
        return f"; write {str(bool(value)).lower()}"
    return ""


def _number_hint(value: Any) -> str:
    """For text that reads as a number (quoted, or a form YAML keeps as text): the number to write."""
    if not isinstance(value, str):
        return ""
    if DOTTED_THOUSANDS.match(value.strip()):  # 1.000.000: a European thousands separator
        return f"; write {value.strip().replace('.', '')}, without separators"
    try:
        number = float(value)
    except ValueError:
        return ""
    if not math.isfinite(number):
        return ""
    if number.is_integer() and abs(number) < 1e15:
        return f"; write {int(number)}, without quotes"
    mantissa, e, exponent = repr(number).partition("e")
    if e and "." not in mantissa:  # 1.0e+300: YAML 1.1 reads an exponent only after a point
        mantissa += ".0"
    return f"; write {mantissa}{e}{exponent}, without quotes"


def short_number(value: Any) -> str:
    """A number as a person reads it: 1,000,000 or 1e+300, never 400 digits."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, int):
        if abs(value) < 10**15:
            return f"{value:,}"
        exponent = int(math.log10(abs(value)))
        return f"{value / 10**exponent:.3f}e+{exponent}"
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:g}"


def _message(model: type[BaseModel], error: dict) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "extra_forbidden":
        key = loc[-1] if loc else "?"
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(key), allowed)
        return f"unknown field '{excerpt(key)}'{hint}" + (f"; allowed: {', '.join(allowed)}" if allowed and not hint else "")
    if kind == "missing":
        return "required field is missing"
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        return f"'{excerpt(given)}' is not allowed{did_you_mean(str(given), choices)}; expected {expected}"
    if kind in ("model_type", "model_attributes_type", "dataclass_type"):
        fields = _fields_at(model, loc)
        what = f"a mapping of fields ({', '.join(fields)})" if fields else "a mapping of fields"
        return f"expected {what}, not {describe(given)}"
    if kind == "dict_type":
        return f"expected a mapping (key: value lines), not {describe(given)}"
    if kind in ("list_type", "tuple_type", "set_type", "frozen_set_type"):
        example = f" (e.g. [{given}])" if isinstance(given, str) and len(given) < 40 else ""
        return f"expected a list{example}, not {describe(given)}"
    if kind == "string_type":
        quote = " (put it in quotes)" if isinstance(given, (int, float)) else ""
        return f"expected text, not {describe(given)}{quote}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, not {describe(given)}{_boolean_hint(given)}"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        if isinstance(given, int) and not isinstance(given, bool):
            return f"{describe(given)} is too large"
        if kind in ("int_type", "int_from_float") and isinstance(given, float):
            return f"expected a whole number, not {describe(given)}"
        return f"expected a number, not {describe(given)}{_number_hint(given)}"
    if kind == "finite_number":
        return f"expected a finite number, not {short_number(given)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        if isinstance(given, float) and not math.isfinite(given):
            return f"expected a finite number, not {short_number(given)}"
        limit = next(iter(ctx.values()), None)
        words = {"greater_than": "greater than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        return f"input should be {words} {short_number(limit)}, not {short_number(given)}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        wanted = _PATTERNS.get(pattern, f"text matching {pattern}")
        return f"{describe(given)} is not {wanted}"
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return "text should not be empty" if least == 1 else f"text should have at least {least} characters"
    if kind == "too_short" and isinstance(given, (list, tuple)):
        return f"expected at least {ctx.get('min_length', 1)} item(s), not {len(given)}"
    if kind == "too_long" and isinstance(given, (list, tuple)):
        return f"expected at most {ctx.get('max_length')} item(s), not {len(given):,}"
    if kind == "string_too_long" and isinstance(given, str):
        return f"text should have at most {ctx.get('max_length')} characters, not {len(given):,}"
    msg = error["msg"].removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else msg


def _clean_loc(loc: tuple, data: Any = _NO_DATA) -> tuple:
    """`loc` without the parts pydantic adds that are not in the file ('[key]', 'function-after[…]').

    With the validated `data`, a part that is a key in it is always kept, even when it looks like a
    marker (a user's key may contain '[').
    """
    out = []
    here = data
    for part in loc:
        present = (isinstance(here, dict) and part in here) or (
            isinstance(here, (list, tuple)) and isinstance(part, int) and 0 <= part < len(here))
        here = here[part] if present else _NO_DATA
        if isinstance(part, str) and not present and ("[" in part or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def problems_from(exc: ValidationError, model: type[BaseModel],
                  locate: Callable[[Path_, str], Problem], data: Any = _NO_DATA) -> list[Problem]:
    """One Problem per pydantic error (at most MAX_PROBLEMS + 1); `locate(path, message)` places it in the file.

    `data` is what was validated: with it, keys the user wrote that look like pydantic's own markers
    are kept in the path.
    """
    out = []
    for error in exc.errors(include_url=False):
        if len(out) > MAX_PROBLEMS:
            break
        loc = _clean_loc(tuple(error["loc"]), data)
        out.append(locate(loc, _message(model, {**error, "loc": loc})))
    return out


@contextmanager
def _no_plugins():
    """Validate without pydantic plugins: what is valid must not depend on what else is installed."""
    before = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        yield
    finally:
        if before is None:
            del os.environ["PYDANTIC_DISABLE_PLUGINS"]
        else:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = before


def validate(model: type[M], data: Any) -> M:
    """`model.model_validate(data)`; raises pydantic's ValidationError."""
    if model.__pydantic_complete__:
        return model.model_validate(data)
    with _no_plugins():  # the validator is built now: plugins are looked up only then
        return model.model_validate(data)


def in_document(doc: Document, base: Path_ = ()) -> Callable[[Path_, str], Problem]:
    """A locator for records that sit at `base` inside one document."""
    return lambda rel, message: doc.problem(tuple(base) + tuple(rel), message)
