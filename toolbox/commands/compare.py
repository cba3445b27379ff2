"""`toolbox compare`: regions side by side, and why their strategies differ."""

import re
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
    region_and_plan,
    robust,
    use_color,
    wants_robustness,
    weights_for,
    width,
)
from toolbox.errors import InputError, UsageError
from toolbox.output import check_target
from toolbox.render.registry import emit_result, formats
from toolbox.suggest import unknown

CompareFormat = formats("comparison", "CompareFormat")


def compare(
    profiles: Annotated[list[str], typer.Argument(
        metavar="PROFILE...", show_default=False,
        help="Two or more region profiles (YAML). A profile may carry its own knowledge base and weights: "
             "'PROFILE[kb=DIR]', 'PROFILE[weights=FILE]', 'PROFILE[kb=DIR,kb=DIR2,weights=FILE]'; 'kb=' alone "
             "is the shipped knowledge base, 'weights=' alone the default weights. Without them the column uses "
             "--kb and --weights.")],
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
    One region may be compared with itself under two knowledge bases or weights.

    With --robustness, each instrument's cell also gives the share of draws of the editorial inputs in
    which that region's strategy holds it, and each region its robust picks.

    Example: toolbox compare examples/greater_arntown_widgets.yaml examples/lakeside_medtech_tight_budget.yaml

    Example: toolbox compare 'region.yaml' 'region.yaml[kb=my_kb]' 'region.yaml[weights=w.yaml]'
    """
    if len(profiles) < 2:
        raise UsageError("compare needs at least two region profiles")
    if output not in (None, "-"):
        check_target(Path(output), force)

    from toolbox.audit.compare import compare as compare_plans
    from toolbox.yamlio import display_path

    columns = [column(arg) for arg in profiles]
    bases: dict[tuple, object] = {}
    chosen_weights: dict[object, tuple] = {}
    plans, kbs, problems = [], [], []
    for path, kb_dirs, weights_file, _ in columns:
        key = ("global",) if kb_dirs is None else ("own", *kb_dirs)
        if key not in bases:  # the global choice is --kb, else $TOOLBOX_KB; a column's own `kb=` alone is none
            bases[key] = knowledge_base(kb) if kb_dirs is None else knowledge_base(kb_dirs) if kb_dirs else _shipped()
        wkey = weights if weights_file is GLOBAL else weights_file
        if wkey not in chosen_weights:
            chosen_weights[wkey] = weights_for(wkey)
        base, (chosen, source) = bases[key], chosen_weights[wkey]
        try:
            region, result = region_and_plan(base, path, chosen, source)
            if wants_robustness(robustness, draws, seed):
                result = robust(base, region, chosen, result, draws, seed)
            plans.append((display_path(path), result))
            kbs.append(base)
        except InputError as exc:  # report every bad profile at once
            problems += exc.problems
    if problems:
        raise InputError(problems)
    result = compare_plans(kbs[0], plans, kbs, [tag for *_, tag in columns])
    emit_result("comparison", fmt, result, output, force, color=use_color(output), width=width())


GLOBAL = object()
"""A column without its own weights: it uses --weights."""
SPEC = re.compile(r"^(?P<path>.+)\[(?P<options>[^\[\]]*)\]$")


def column(arg: str) -> tuple[Path, list[Path] | None, object, str]:
    """(profile, its knowledge-base directories or None for --kb, its weights file or GLOBAL, the tag shown)
    from 'PROFILE' or 'PROFILE[kb=DIR,weights=FILE]'. A file whose name itself ends in ']' is taken as it is."""
    match = SPEC.match(arg)
    if match is None or Path(arg).exists():
        return Path(arg), None, GLOBAL, ""
    kb_dirs: list[Path] | None = None
    weights_file: object = GLOBAL
    for part in match["options"].split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in ("kb", "weights"):
            hint = unknown("option", key, ("kb", "weights")) + "; " if sep and key else ""
            raise UsageError(f"{arg}: '{part}' is not an option of a compared profile: {hint}write "
                             "PROFILE[kb=DIR,weights=FILE] (kb may repeat; 'kb=' alone is the shipped knowledge "
                             "base, 'weights=' alone the default weights)")
        if key == "kb":
            kb_dirs = (kb_dirs or []) + ([Path(value)] if value else [])
        elif weights_file is not GLOBAL:
            raise UsageError(f"{arg}: weights is given twice; give one weights file per profile")
        else:
            weights_file = Path(value) if value else None
    tag = match["options"].replace(" ", "")
    return Path(match["path"]), kb_dirs, weights_file, tag


def _shipped():
    """The shipped knowledge base alone, whatever --kb and $TOOLBOX_KB say."""
    from toolbox.kb.load import load_kb

    return load_kb(())
