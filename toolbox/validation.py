"""Turning pydantic's validation errors into located, plain-language problems."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from toolbox.errors import Problem
from toolbox.suggest import did_you_mean, unknown  # noqa: F401  (re-exported)
from toolbox.yamlio import Document, Path_


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


def _message(model: type[BaseModel], error: dict) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        key = loc[-1]
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(key), allowed)
        return f"unknown field '{key}'{hint}" + (f"; allowed: {', '.join(allowed)}" if allowed and not hint else "")
    if kind == "missing":
        return "required field is missing"
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        return f"'{error.get('input')}' is not allowed{did_you_mean(str(error.get('input')), choices)}; expected {expected}"
    msg = error["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return msg[0].lower() + msg[1:] if msg else msg


def problems_from(exc: ValidationError, model: type[BaseModel],
                  locate: Callable[[Path_, str], Problem]) -> list[Problem]:
    """One Problem per pydantic error; `locate(path, message)` places it in the source file."""
    out = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if isinstance(part, int) or "[" not in str(part))
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        out.append(locate(loc, _message(model, {**error, "loc": loc})))
    return out


def in_document(doc: Document, base: Path_ = ()) -> Callable[[Path_, str], Problem]:
    """A locator for records that sit at `base` inside one document."""
    return lambda rel, message: doc.problem(tuple(base) + tuple(rel), message)
