"""'Did you mean' suggestions for ids and field names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a choice is close to `word`, else ''."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.7)
    return f" (did you mean '{match[0]}'?)" if match else ""


def unknown(what: str, word: Any, choices: Iterable[str]) -> str:
    """The message for an id that is not in a closed vocabulary."""
    choices = list(choices)
    hint = did_you_mean(str(word), choices)
    if hint:
        return f"unknown {what} '{word}'{hint}"
    shown = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
    return f"unknown {what} '{word}'; expected one of: {shown}"
