"""`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, several times faster.

The standard library encodes indented JSON in pure Python through nested generators; planning a
directory of profiles spends most of its time there. This writes the same text directly: strings are
escaped by the standard library's own C escaper and numbers are written by the same `repr`, so the
output is identical (tests/render/test_json_text.py compares the two on generated data).
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring as _escape  # the C escaper when available, as json.dumps uses

_INFINITY = float("inf")


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key) -> str:
    if isinstance(key, str):
        return _escape(key)
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, float):
        return _escape(_float(key))
    if isinstance(key, int):
        return _escape(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


_KEYS: dict[str, str] = {}
"""Escaped keys: a plan repeats the same few dozen keys thousands of times."""


def _leaf(value) -> str | None:
    """The text of a plain value of an exact built-in type, or None for containers and anything else."""
    kind = type(value)
    if kind is str:
        return _escape(value)
    if kind is float:
        return _float(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return None


def _encode(value, out: list[str], indent: str) -> None:
    text = _leaf(value)
    if text is not None:
        out.append(text)
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        deeper = indent + "  "
        sep = "{\n" + deeper
        inner = ",\n" + deeper
        keys = _KEYS
        for key, item in value.items():
            name = keys.get(key) if type(key) is str else None
            if name is None:
                name = _key(key)
                if type(key) is str and len(keys) < 10_000:
                    keys[key] = name
            kind = type(item)
            if kind is str:
                out.append(sep + name + ": " + _escape(item))
            elif kind is dict or kind is list or kind is tuple:
                out.append(sep + name + ": ")
                _encode(item, out, deeper)
            else:
                text = _leaf(item)
                if text is None:
                    out.append(sep + name + ": ")
                    _encode(item, out, deeper)
                else:
                    out.append(sep + name + ": " + text)
            sep = inner
        out.append("\n" + indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        deeper = indent + "  "
        sep = "[\n" + deeper
        inner = ",\n" + deeper
        for item in value:
            kind = type(item)
            if kind is str:
                out.append(sep + _escape(item))
            elif kind is dict or kind is list or kind is tuple:
                out.append(sep)
                _encode(item, out, deeper)
            else:
                text = _leaf(item)
                if text is None:
                    out.append(sep)
                    _encode(item, out, deeper)
                else:
                    out.append(sep + text)
            sep = inner
        out.append("\n" + indent + "]")
    elif isinstance(value, str):  # subclasses of the plain types (str enums, IntEnum): as json.dumps writes them
        out.append(_escape(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    else:  # anything else: exactly what json.dumps does with it (including its error)
        out.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent))


def dumps(value) -> str:
    """The same text as `json.dumps(value, indent=2, ensure_ascii=False)`."""
    out: list[str] = []
    _encode(value, out, "")
    return "".join(out)
