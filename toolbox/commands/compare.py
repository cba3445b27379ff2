"""`toolbox compare`: regions side by side, and why their strategies differ."""

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
    knowledge_base,
    robust,
    use_color,
    wants_robustness,
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
    robustness: RobustnessOption = False,
    seed: SeedOption = None,
    draws: DrawsOption = None,
) -> None:
    """Compare regions: verdicts, mechanism diagnoses, strategies, and why each difference arises.

    With --robustness, each instrument's cell also gives the share of draws of the editorial inputs in
    which that region's strategy holds it, and each region its robust picks.

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
            region = load_profile(path, base)
            result = make_plan(base, region, chosen, source)
            if wants_robustness(robustness, draws, seed):
                result = robust(base, region, chosen, result, draws, seed)
            plans.append((display_path(path), result))
        except InputError as exc:  # report every bad profile at once
            problems += exc.problems
    if problems:
        raise InputError(problems)
    emit_result("comparison", fmt, compare_plans(base, plans), output, force, color=use_color(output), width=width())
