"""Rendering rich objects to a string, with or without colour, at a fixed width."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from toolbox.safe_text import visible


def to_text(*renderables, color: bool = False, width: int = 100) -> str:
    # markup=False: a plain string is never read as rich markup, so text from a profile cannot style,
    # link or break the output (Panel titles still parse markup: renderers give them `safe` Text)
    console = Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False, markup=False)
    for r in renderables:
        console.print(r)
    return console.file.getvalue()


def safe(value, style: str = "") -> Text:
    """Text from a profile or overlay (or a sentence quoting it) for rich: escaped, never parsed as markup."""
    return Text(visible(value), style=style)
