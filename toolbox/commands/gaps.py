"""`toolbox gaps` and `toolbox organisation`: CLUSNET's interaction level for one region profile."""

from pathlib import Path
from typing import Annotated

import typer

from toolbox.commands.common import (
    ForceOption,
    KbOption,
    OutputOption,
    WeightsOption,
    knowledge_base,
    load_and_plan,
    use_color,
    width,
)
from toolbox.output import STDOUT, check_target
from toolbox.render.registry import emit_result, formats

GapsFormat = formats("gaps", "GapsFormat")
OrganisationFormat = formats("organisation", "OrganisationFormat")
ProfileArgument = Annotated[Path, typer.Argument(help="Region profile (YAML).")]


def gaps(
    profile: ProfileArgument,
    fmt: Annotated[GapsFormat, typer.Option("--format", "-f", help="Output format.")] = GapsFormat.terminal,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
) -> None:
    """The region's programmes × the seven gaps of innovation (CLUSNET's Table 4): empty slots, bridges
    without traffic, and which recommended instruments fill the empty slots.

    Programmes come from the profile's `programmes:` and `in_place:`; the recommendations from `toolbox plan`.

    Example: toolbox gaps examples/clusnet_city1_empty_slots.yaml
    """
    from toolbox.engine.gaps import gaps as gaps_of

    if output not in (None, STDOUT):
        check_target(Path(output), force)
    result = gaps_of(*load_and_plan(profile, kb, weights))
    emit_result("gaps", fmt, result, output, force, color=use_color(output), width=width())


def organisation(
    profile: ProfileArgument,
    fmt: Annotated[OrganisationFormat, typer.Option("--format", "-f", help="Output format.")] = OrganisationFormat.terminal,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
) -> None:
    """The cluster organisation's funding and governance indicators, and the diagnoses the CLUSNET report
    and Günther & Meissner support, each with its passage and Benner's agents and instruments.

    Example: toolbox organisation examples/clusnet_city1_empty_slots.yaml
    """
    from toolbox.engine.organisation import organisation as organisation_of
    from toolbox.errors import UsageError
    from toolbox.profile.load import load_profile

    if output not in (None, STDOUT):
        check_target(Path(output), force)
    base = knowledge_base(kb)
    result = organisation_of(base, load_profile(profile, base))
    if result is None:
        raise UsageError(f"{profile} has no 'organisation:' section; add one (see docs/profile.md, organisation)")
    emit_result("organisation", fmt, result, output, force, color=use_color(output), width=width())
