"""`toolbox plan` and `toolbox explain`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toolbox.commands.common import ForceOption, KbOption, OutputOption, knowledge_base, use_color, width
from toolbox.errors import UsageError
from toolbox.output import check_target, emit
from toolbox.render import PlanFormat, plan_renderer
from toolbox.suggest import unknown

FormatOption = Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")]


def plan(
    profile: Annotated[Path, typer.Argument(help="Region profile (YAML); `toolbox init` writes a template.")],
    fmt: FormatOption = PlanFormat.terminal,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
) -> None:
    """Turn a region profile into a ranked, explained cluster strategy (Benner's four steps).

    Example: toolbox plan examples/greater_arntown_widgets.yaml --format markdown -o strategy.md
    """
    from toolbox.engine import make_plan
    from toolbox.profile.load import load_profile

    if output not in (None, "-"):
        check_target(Path(output), force)
    base = knowledge_base(kb)
    result = make_plan(base, load_profile(profile, base))
    emit(plan_renderer(fmt, color=use_color(output), width=width()).plan(result), output, force)


def explain(
    profile: Annotated[Path, typer.Argument(help="Region profile (YAML).")],
    instrument: Annotated[str, typer.Argument(help="Instrument id, e.g. innovation_vouchers.")],
    fmt: FormatOption = PlanFormat.terminal,
    kb: KbOption = None,
) -> None:
    """Show how one instrument's rank, deferral or discarding came about, term by term.

    Example: toolbox explain examples/greater_arntown_widgets.yaml innovation_vouchers
    """
    from toolbox.engine import make_plan
    from toolbox.engine.explain import explain as explain_instrument
    from toolbox.profile.load import load_profile

    base = knowledge_base(kb)
    if instrument not in base.instruments:
        raise UsageError(unknown("instrument", instrument, base.instruments))
    result = make_plan(base, load_profile(profile, base))
    emit(plan_renderer(fmt, color=use_color(None), width=width()).explanation(explain_instrument(result, instrument)), None)
