"""Every `--format` of every command: for each kind of result, the renderer of each format.

A renderer is a function `format(result, options) -> str` (bytes for binary reports) in the module of
its format, named here as "module:function" and imported only when that format is asked for, so that
a plan on the terminal never imports a graph or document library (tests/test_imports.py). Each
command's `--format` choices are an Enum made from this table (`formats`), and commands render and
write through `render` and `emit_result`: adding a format is one line here and one function.
"""

from __future__ import annotations

from enum import Enum
from importlib import import_module
from typing import Any, Callable, NamedTuple

RENDERERS: dict[str, dict[str, str]] = {
    "plan": {
        "terminal": "toolbox.render.terminal:plan",
        "markdown": "toolbox.render.markdown:plan",
        "json": "toolbox.render.json_out:plan",
    },
    "explanation": {
        "terminal": "toolbox.render.terminal:explanation",
        "markdown": "toolbox.render.markdown:explanation",
        "json": "toolbox.render.json_out:explanation",
    },
    "comparison": {
        "terminal": "toolbox.render.compare_terminal:comparison",
        "markdown": "toolbox.render.compare_markdown:comparison",
        "json": "toolbox.render.compare_json:comparison",
    },
    "diff": {
        "terminal": "toolbox.render.diff_terminal:diff",
        "markdown": "toolbox.render.diff_markdown:diff",
        "json": "toolbox.render.diff_json:diff",
    },
    "audit": {
        "table": "toolbox.render.audit_terminal:audit",
        "json": "toolbox.render.audit_export:audit_json",
        "csv": "toolbox.render.audit_export:audit_csv",
        "graphml": "toolbox.render.audit_graph:audit_graphml",
        "gexf": "toolbox.render.audit_graph:audit_gexf",
        "dot": "toolbox.render.audit_graph:audit_dot",
    },
    "kb_listing": {
        "table": "toolbox.render.kb_text:listing",
        "csv": "toolbox.render.kb_export:listing_csv",
        "json": "toolbox.render.kb_export:listing_json",
    },
    "kb_record": {
        "terminal": "toolbox.render.kb_text:record",
    },
    "kb": {
        "json": "toolbox.render.kb_export:kb_json",
        "csv": "toolbox.render.kb_export:kb_csv",
        "yaml": "toolbox.render.kb_export:kb_yaml",
    },
    "spillover_audit": {
        "table": "toolbox.render.spillover_audit:table",
        "json": "toolbox.render.spillover_audit:to_json",
    },
    "monitoring": {
        "csv": "toolbox.render.monitoring_csv:monitoring_csv",
    },
    "map": {
        "table": "toolbox.render.map_text:table",
        "json": "toolbox.render.map_export:map_json",
        "csv": "toolbox.render.map_export:map_csv",
        "html": "toolbox.render.map_pictures:map_html",
        "svg": "toolbox.render.map_pictures:map_svg",
    },
    "map_plan": {
        "table": "toolbox.render.map_plan:table",
        "json": "toolbox.render.map_plan:plan_json",
        "csv": "toolbox.render.map_plan:plan_csv",
    },
    "gaps": {
        "terminal": "toolbox.render.gaps_render:gaps_terminal",
        "markdown": "toolbox.render.gaps_render:gaps_markdown",
        "json": "toolbox.render.gaps_render:gaps_json",
    },
    "organisation": {
        "terminal": "toolbox.render.gaps_render:organisation_terminal",
        "markdown": "toolbox.render.gaps_render:organisation_markdown",
        "json": "toolbox.render.gaps_render:organisation_json",
    },
    "report": {
        "html": "toolbox.render.report:html_report",
        "docx": "toolbox.render.report:docx_report",
        "pdf": "toolbox.render.report:pdf_report",
        "markdown": "toolbox.render.report:markdown_report",
    },
}
"""kind of result -> format -> "module:function". The order of the formats is the order `--help` lists them."""


class Options(NamedTuple):
    """What a renderer may need besides the result; each reads only its own."""

    color: bool = False
    width: int = 100
    detail: bool = False
    """A plan's full detail on the terminal, rather than the one-screen summary."""
    top: int | None = None
    """Rows per ranking in the audit's tables (0 = all)."""
    table: str | None = None
    """The one CSV table to write."""
    graph: str = "both"
    """Which of the audit's graphs: mechanisms, agents or both."""
    kb: Any = None
    """The knowledge base, for renderers that show more of it than the result holds."""
    step: Callable[[str], None] = lambda text: None
    """Told what is being done, for a progress display."""


def formats(kind: str, name: str) -> type[Enum]:
    """The Enum of `kind`'s formats (a str Enum, as Typer's choices), named `name` in messages and help."""
    return Enum(name, [(fmt, fmt) for fmt in RENDERERS[kind]], type=str, module=__name__)


def renderer(kind: str, fmt: str | Enum) -> Callable[[Any, Options], Any]:
    value = fmt.value if isinstance(fmt, Enum) else fmt
    module, _, function = RENDERERS[kind][value].partition(":")
    return getattr(import_module(module), function)


def render(kind: str, fmt: str | Enum, result: Any, **options: Any) -> Any:
    """`result` written in `fmt` by the renderer the table names."""
    return renderer(kind, fmt)(result, Options(**options))


def emit_result(kind: str, fmt: str | Enum, result: Any, output: str | None = None, force: bool = False,
                **options: Any) -> None:
    """Render `result` and write it to `output` (stdout when None or '-')."""
    from toolbox.output import emit

    emit(render(kind, fmt, result, **options), output, force)
