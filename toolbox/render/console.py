"""Rendering rich objects to a string, with or without colour, at a fixed width."""

from __future__ import annotations

import io

from rich.console import Console


def to_text(*renderables, color: bool = False, width: int = 100) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    for r in renderables:
        console.print(r)
    return console.file.getvalue()
