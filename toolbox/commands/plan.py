"""`toolbox plan` (one profile, or every profile in a directory) and `toolbox explain`."""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from toolbox.commands.common import (
    DrawsOption,
    ForceOption,
    KbOption,
    OutputOption,
    RobustnessOption,
    SeedOption,
    WeightsOption,
    YearsOption,
    knowledge_base,
    make_plan_for,
    region_and_plan,
    robust,
    use_color,
    wants_robustness,
    weights_for,
    width,
)
from toolbox.errors import MORE, BatchError, InputError, OutputError, Problem, UsageError
from toolbox.output import STDOUT, check_target, emit, sync, write_atomic
from toolbox.render import PlanFormat
from toolbox.render.registry import emit_result, render
from toolbox.suggest import unknown

FormatOption = Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")]
DetailOption = Annotated[bool, typer.Option(
    "--detail", help="On the terminal, the whole plan (diagnosis, who contributes what, what was set aside "
                     "and why) after the one-screen summary's verdict. Markdown and JSON always hold it all.")]
PROFILE_SUFFIXES = (".yaml", ".yml")
EXTENSION = {PlanFormat.json: ".json", PlanFormat.markdown: ".md", PlanFormat.terminal: ".txt"}
"""The file written per profile when a directory is planned into -o DIR."""


def plan(
    profile: Annotated[Path, typer.Argument(
        help="Region profile (YAML), or a directory: every *.yaml and *.yml in it is planned.")],
    fmt: FormatOption = PlanFormat.terminal,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
    detail: DetailOption = False,
    robustness: RobustnessOption = False,
    seed: SeedOption = None,
    draws: DrawsOption = None,
    years: YearsOption = None,
) -> None:
    """Turn a region profile into a ranked, explained cluster strategy (Benner's four steps).

    Given a directory, plans every profile in it: -o DIR then gets one file per profile
    (DIR/<name>.json, .md or .txt); a bad profile is reported and the others are still planned.

    On the terminal, a one-screen summary: the verdict, the strategy one line each, the budget and the
    deficits left unserved; --detail adds the diagnosis, who contributes what and the set-asides.

    With --robustness, also how sure the strategy is: the editorial inputs are drawn many times
    (--draws, --seed) and each instrument's inclusion, rank acceptability and winning index reported.

    With --years N (or per-year amounts under budget.years in the profile), also a phased roadmap: in which
    year each instrument starts, under each year's budget.

    Example: toolbox plan examples/greater_arntown_widgets.yaml --format markdown -o strategy.md
    """
    sure = wants_robustness(robustness, draws, seed)
    if profile.is_dir():
        _plan_directory(profile, fmt, output, force, kb, weights, detail, years, (sure, draws, seed))
        return
    if output not in (None, STDOUT):
        check_target(Path(output), force)
    chosen, source = weights_for(weights)
    base = knowledge_base(kb)
    result = make_plan_for(base, profile, chosen, source, years, (sure, draws, seed))
    emit_result("plan", fmt, result, output, force, color=use_color(output), width=width(), detail=detail)


def _plan_directory(directory: Path, fmt: PlanFormat, output: str | None, force: bool, kb, weights,
                    detail: bool = False, years: int | None = None, sure: tuple = (False, None, None)) -> None:
    """Plan every profile in `directory` with one knowledge base; report the bad ones at the end."""
    from toolbox.yamlio import display_path

    try:
        profiles = sorted(p for p in directory.iterdir()
                          if p.suffix in PROFILE_SUFFIXES and not p.name.startswith("."))
    except OSError as exc:
        raise InputError(Problem(display_path(directory), None, "",
                                 f"cannot read the directory: {exc.strerror or exc}")) from None
    if not profiles:
        raise UsageError(f"{display_path(directory)}: is a directory without profiles (*.yaml, *.yml); "
                         "give a profile file, or a directory of profiles")
    to_stdout = output in (None, STDOUT)
    if to_stdout and fmt is not PlanFormat.terminal:
        raise UsageError(f"planning a directory with --format {fmt.value} writes one file per profile: "
                         "give an output directory with -o DIR")
    targets = {} if to_stdout else _targets(Path(output), profiles, fmt, force)

    chosen, source = weights_for(weights)
    base = knowledge_base(kb)
    color, columns = use_color(output), width()
    problems: list[Problem] = []
    failed = 0
    with _progress(len(profiles), show=not to_stdout or not sys.stdout.isatty()) as advance:
        for path in profiles:
            try:
                result = make_plan_for(base, path, chosen, source, years, sure)
            except InputError as exc:
                failed += 1
                problems += exc.problems
                if exc.more:
                    problems.append(Problem(exc.problems[-1].file, None, "", MORE))
                advance()
                continue
            text = render("plan", fmt, result, color=color, width=columns, detail=detail)
            if to_stdout:
                emit(f"==> {display_path(path)} <==\n{text}\n", None)
            else:
                write_atomic(targets[path], text, force, durable=False)
            advance()
    if not to_stdout:
        sync()  # once for all the files, rather than once per file

    summary = (f"planned {len(profiles) - failed} of {len(profiles)} profile(s)"
               + (f"; {failed} failed" if failed else "")
               + ("" if to_stdout else f"; results in {display_path(Path(output))}"))
    if failed:
        raise BatchError(problems, summary)
    typer.echo(summary, err=True)


def _targets(outdir: Path, profiles: list[Path], fmt: PlanFormat, force: bool) -> dict[Path, Path]:
    """The file each profile's result goes to; fails before any work when one cannot or must not be written."""
    from toolbox.yamlio import display_path

    targets: dict[Path, Path] = {}
    by_name: dict[str, Path] = {}
    for path in profiles:
        target = outdir / (path.stem + EXTENSION[fmt])
        if target.name in by_name:
            raise UsageError(f"{display_path(by_name[target.name])} and {display_path(path)} would both be "
                             f"written to {display_path(target)}; rename one of them")
        by_name[target.name] = path
        targets[path] = target
    shown = display_path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError(f"{shown}: is not a directory; planning a directory writes one file per profile "
                          "into the directory given with -o")
    if not outdir.exists():
        parent = outdir.parent if str(outdir.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(f"{shown}: the directory {display_path(parent)} does not exist")
        try:
            outdir.mkdir()
        except OSError as exc:
            raise OutputError(f"{shown}: cannot create the directory: {exc.strerror or exc}") from None
    if not force:
        existing = [t for t in targets.values() if os.path.lexists(t)]  # a dangling link counts as existing
        if len(existing) > 1:
            raise OutputError(f"{display_path(existing[0])} and {len(existing) - 1} more result file(s) already "
                              "exist; use --force to overwrite them")
    for target in targets.values():
        check_target(target, force)  # a directory, device, pipe or dangling link is never written over
    check_target(outdir / ".toolbox-write-check", force=True)  # the directory is writable
    return targets


@contextmanager
def _progress(total: int, show: bool) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr, only when stderr is a terminal; yields the function that advances it."""
    if not show or total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("planning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("plan", total=total)
        yield lambda: bar.advance(task)


def explain(
    profile: Annotated[Path, typer.Argument(help="Region profile (YAML).")],
    instrument: Annotated[str, typer.Argument(help="Instrument id, e.g. innovation_vouchers.")],
    fmt: FormatOption = PlanFormat.terminal,
    kb: KbOption = None,
    weights: WeightsOption = None,
    robustness: RobustnessOption = False,
    seed: SeedOption = None,
    draws: DrawsOption = None,
) -> None:
    """Show how one instrument's rank, deferral or discarding came about, term by term.

    With --robustness, also how often it is in the strategy across draws of the editorial inputs,
    at which rank, and how often it is placed above its neighbours.

    Example: toolbox explain examples/greater_arntown_widgets.yaml innovation_vouchers
    """
    from toolbox.engine.explain import explain as explain_instrument

    chosen, source = weights_for(weights)
    base = knowledge_base(kb)
    if instrument not in base.instruments:  # before the profile is read: the cheaper mistake is reported first
        raise UsageError(unknown("instrument", instrument, base.instruments))
    region, result = region_and_plan(base, profile, chosen, source)
    if wants_robustness(robustness, draws, seed):
        result = robust(base, region, chosen, result, draws, seed)
    emit_result("explanation", fmt, explain_instrument(result, instrument), color=use_color(None), width=width())
