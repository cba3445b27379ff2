"""`toolbox compare`: regions side by side, and why their strategies differ."""

from pathlib import Path
from typing import Annotated

import typer

from toolbox.commands.common import (
    ForceOption,
    KbOption,
    OutputOption,
    WeightsOption,
    knowledge_base,
    use_color,
    weights_for,
    width,
)
from toolbox.errors import InputError, UsageError
from toolbox.output import check_target
from toolbox.render.registry import emit_result, formats

CompareFormat = formats("comparison", "CompareFormat")


def compare(
    profiles: Annotated[list[Path], typer.Argument(metavar="PROFILE...", show_default=False,
                                                   help="Two or more region profiles (YAML).")],
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.terminal,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
) -> None:
    """Compare regions: verdicts, mechanism diagnoses, strategies, and why each difference arises.

    Example: toolbox compare examples/greater_arntown_widgets.yaml examples/lakeside_medtech_tight_budget.yaml
    """
    if len(profiles) < 2:
        raise UsageError("compare needs at least two region profiles")
    if output not in (None, "-"):
        check_target(Path(output), force)

    from toolbox.audit.compare import compare as compare_plans
    from toolbox.engine import make_plan
    from toolbox.profile.load import load_profile
    from toolbox.yamlio import display_path

    chosen, source = weights_for(weights)
    base = knowledge_base(kb)
    plans, problems = [], []
    for path in profiles:
        try:
            plans.append((display_path(path), make_plan(base, load_profile(path, base), chosen, source)))
        except InputError as exc:  # report every bad profile at once
            problems += exc.problems
    if problems:
        raise InputError(problems)
    emit_result("comparison", fmt, compare_plans(base, plans), output, force, color=use_color(output), width=width())
