"""Light coercion of the command line's simple parameters, so that a run does not pay for Typer's.

Typer (0.29 and later) turns every parameter value into its Python type through a pydantic
TypeAdapter, built the first time the parameter is processed. Importing and building those adapters
costs about 35 ms on every run, more than a whole plan. toolbox's parameters are nearly all simple: text, flags,
paths without checks, choices from an Enum, lists of these. For those, `enable` gives each parameter
a coercion that does what Typer's adapter does with the same helpers (`coerce_cli_choice`,
`coerce_cli_path`), without pydantic. Anything else, any value the light path does not accept, and
any Typer release whose internals differ, goes to Typer's own coercion, so the results and the error
messages are always Typer's. `enable()` is called once, where the application is defined (cli.py).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

try:  # Typer's internals; without them every parameter keeps Typer's own coercion
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path, routes_to_path
except ImportError:  # pragma: no cover - depends on the Typer release
    RuntimeParam = None


def _text(value: Any, desc: Any, param: Any, ctx: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(value)


def _flag(value: Any, desc: Any, param: Any, ctx: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(value)


def _choice(value: Any, desc: Any, param: Any, ctx: Any) -> Enum:
    return coerce_cli_choice(value, choices=list(desc.annotation),
                             case_sensitive=desc.parameter_info.case_sensitive, ctx=ctx)


def _path(value: Any, desc: Any, param: Any, ctx: Any) -> Path:
    if not isinstance(value, (str, Path)):
        raise TypeError(value)
    return coerce_cli_path(Path(value), desc.parameter_info, path_type=desc.annotation, param=param, ctx=ctx)


def _leaf(annotation: Any, parameter_info: Any) -> Callable[..., Any] | None:
    """The light coercion for one plain (non-list) annotation, or None when Typer's is needed."""
    if parameter_info.parser is not None or getattr(parameter_info, "click_type", None) is not None:
        return None
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice
    if (annotation is Path and parameter_info.path_type in (None, Path)
            and routes_to_path(annotation, parameter_info)):
        return _path
    return None


class _Leaf:
    """What a list's item coercion needs to know: the item's annotation and the parameter's settings."""

    __slots__ = ("annotation", "parameter_info")

    def __init__(self, annotation: Any, parameter_info: Any):
        self.annotation = annotation
        self.parameter_info = parameter_info


def _light(annotation: Any, parameter_info: Any) -> Callable[..., Any] | None:
    if getattr(annotation, "__origin__", None) is list:
        (item,) = annotation.__args__
        convert = _leaf(item, parameter_info)
        if convert is None:
            return None
        leaf = _Leaf(item, parameter_info)

        def each(value: Any, desc: Any, param: Any, ctx: Any) -> list[Any]:
            values = value if isinstance(value, (list, tuple)) else [value]
            return [convert(v, leaf, param, ctx) for v in values]

        return each
    return _leaf(annotation, parameter_info)


if RuntimeParam is not None:

    class _LightParam(RuntimeParam):
        """Typer's runtime parameter with a light `convert` (a plain subclass: no dataclass to build at start-up)."""

        def __init__(self, parameter_info: Any, annotation: Any, convert: Callable[..., Any]):
            super().__init__(parameter_info=parameter_info, annotation=annotation)
            object.__setattr__(self, "convert", convert)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, self, param, ctx)
            except Exception:  # noqa: BLE001 - whatever the light path refuses, Typer's coercion decides and words
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def enable() -> None:
    """Let every Typer parameter try the light coercion before Typer builds its own (idempotent)."""
    try:
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - depends on the Typer release
        return
    original = getattr(_TyperParameter, "get_runtime_param", None)
    if RuntimeParam is None or original is None or getattr(original, "light", False):
        return

    def get_runtime_param(self: Any) -> Any:
        if getattr(self, "_runtime_param", False) is None:
            try:
                desc = self.type_descriptor
                convert = _light(desc.annotation, desc.parameter_info)
                if convert is not None:
                    self._runtime_param = _LightParam(parameter_info=desc.parameter_info,
                                                      annotation=desc.annotation, convert=convert)
            except Exception:  # noqa: BLE001 - a Typer release with other internals: keep Typer's coercion
                self._runtime_param = None
        return original(self)

    get_runtime_param.light = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param
