"""`toolbox diff`: what changed between two saved plans, and which input caused each change."""

from pathlib import Path
from typing import Annotated

import typer

from toolbox.commands.common import ForceOption, OutputOption, use_color, width
from toolbox.errors import InputError
from toolbox.output import check_target
from toolbox.render.registry import emit_result, formats

DiffFormat = formats("diff", "DiffFormat")


def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD.json", show_default=False,
                                        help="The earlier plan: `toolbox plan PROFILE --format json` output.")],
    new: Annotated[Path, typer.Argument(metavar="NEW.json", show_default=False,
                                        help="The later plan, from another profile, knowledge base or weights.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.terminal,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Compare two saved plans: the instruments that entered, left or moved in the strategy, and the
    inputs that caused each change (deficit, cost, weight, rating, agents, budget, in place, design),
    found by deciding the old plan again with the new plan's inputs put in.

    Example: toolbox diff plan-2025.json plan-2026.json --format markdown
    """
    if output not in (None, "-"):
        check_target(Path(output), force)
    from toolbox.audit.diff import diff as diff_plans
    from toolbox.saved_plan import load_saved_plan

    plans, problems = [], []
    for path in (old, new):
        try:
            plans.append(load_saved_plan(path))
        except InputError as exc:  # both files' problems at once
            problems += exc.problems
    if problems:
        raise InputError(problems)
    emit_result("diff", fmt, diff_plans(*plans), output, force, color=use_color(output), width=width())
