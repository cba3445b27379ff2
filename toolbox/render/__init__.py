"""Renderers: each turns a result into text and decides nothing. One module per format."""

from __future__ import annotations

from enum import Enum


class PlanFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


def plan_renderer(fmt: PlanFormat, *, color: bool = False, width: int = 100):
    """The renderer class for a format; imported only when used."""
    if fmt is PlanFormat.json:
        from toolbox.render.json_out import JsonRenderer

        return JsonRenderer()
    if fmt is PlanFormat.markdown:
        from toolbox.render.markdown import MarkdownRenderer

        return MarkdownRenderer()
    from toolbox.render.terminal import TerminalRenderer

    return TerminalRenderer(color=color, width=width)
