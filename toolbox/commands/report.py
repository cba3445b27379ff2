"""`toolbox report`: a strategy report for a client, as HTML, Word, PDF or Markdown."""

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolbox.commands.common import (
    DrawsOption,
    ForceOption,
    KbOption,
    SeedOption,
    WeightsOption,
    YearsOption,
    make_plan_for,
    weights_for,
)
from toolbox.errors import UsageError
from toolbox.output import STDOUT, check_target, write_atomic, write_stdout
from toolbox.render.registry import render
from toolbox.render.report import ReportFormat, format_for


@contextmanager
def _progress():
    """A spinner with the current step on stderr, only when stderr is a terminal; yields the step callback."""
    if not sys.stderr.isatty():
        yield lambda text: None
        return
    from rich.console import Console

    with Console(stderr=True).status("Planning") as status:
        yield lambda text: status.update(text)


def report(
    profile: Annotated[Path, typer.Argument(help="Region profile (YAML); `toolbox init` writes a template.")],
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", show_default=False,
                                        help="The report file; its extension (.html, .docx, .pdf, .md) sets the "
                                             "format. '-' writes HTML or Markdown to stdout.")],
    fmt: Annotated[Optional[ReportFormat], typer.Option("--format", "-f", show_default=False,
                                                        help="Format, when the file name does not say it.")] = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
    seed: SeedOption = None,
    draws: DrawsOption = None,
    years: YearsOption = None,
) -> None:
    """Write a strategy report: summary, diagnosis and score charts, ranked strategy, who does what, network.

    HTML is one self-contained file (no script, no network); .docx is a Word document with the same
    content; .pdf is the HTML printed by headless Chromium, which must be installed.

    Every report says how sure the strategy is: the editorial inputs are drawn many times (--draws,
    --seed) and each instrument's share of draws in the strategy is charted, the robust core marked.

    Example: toolbox report examples/greater_arntown_widgets.yaml -o strategy.html
    """
    from toolbox.commands.common import knowledge_base

    to_stdout = output == STDOUT
    if to_stdout:
        fmt = fmt or ReportFormat.html
        if fmt in (ReportFormat.docx, ReportFormat.pdf):
            raise UsageError(f"a {fmt.value} report cannot go to stdout; give a file name with -o")
        target = None
    else:
        target = Path(output)
        fmt = format_for(target, fmt)
        check_target(target, force)
    if fmt is ReportFormat.pdf:
        from toolbox.render.report.pdf import find_chromium

        find_chromium()  # before any work: say what to install

    chosen, source = weights_for(weights)
    with _progress() as step:
        base = knowledge_base(kb)
        step("Planning")
        result = make_plan_for(base, profile, chosen, source, years, (True, draws, seed))
        data = render("report", fmt, result, step=step)
        if target is not None:
            step(f"Writing {target.name}")
            write_atomic(target, data, force)
    if target is None:
        write_stdout(data)
    else:
        typer.echo(f"wrote {target} ({fmt.value}, {len(data):,} bytes)", err=True)
