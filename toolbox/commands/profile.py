"""`toolbox init` and `toolbox schema`: writing and checking region profiles."""

import json
import sys
from typing import Annotated, Optional

import typer

from pathlib import Path

from toolbox.commands.common import (
    EmploymentOption,
    ForceOption,
    KbOption,
    MapConfigOption,
    MappingOption,
    OutputOption,
    Suppressed,
    SuppressedOption,
    knowledge_base,
)
from toolbox.levels import Level
from toolbox.output import emit


def init(
    path: Annotated[str, typer.Argument(help="Where to write the template ('-' = stdout).")] = "region.yaml",
    level: Annotated[Optional[Level], typer.Option(
        "--level", "-l", help="The region's spatial level [default: regional; asked with --interactive].")] = None,
    force: ForceOption = False,
    kb: KbOption = None,
    from_map: Annotated[Optional[tuple[str, str]], typer.Option(
        "--from-map", metavar="REGION CLUSTER",
        help="Fill in the potential (and, from the shipped UK data, the mechanisms indicators measure), each "
             "with its figure and source; region and cluster by code or name (see `toolbox map`).")] = None,
    interactive: Annotated[bool, typer.Option(
        "--interactive", "-i", help="Ask question by question for everything a profile needs.")] = False,
    employment: EmploymentOption = None,
    mapping: MappingOption = None,
    config: MapConfigOption = None,
    suppressed: SuppressedOption = Suppressed.error,
) -> None:
    """Write a commented region-profile template: all twelve mechanisms and the agent types of the level.

    Example: toolbox init lakeside.yaml --level local
    Example: toolbox init aberdeen.yaml --from-map UKM5 primary_oil_gas
    Example: toolbox init north.yaml --from-map FI1D forest --employment jobs.csv --mapping clusters.csv
    Example: toolbox init region.yaml --interactive
    """
    from toolbox.errors import UsageError
    from toolbox.output import check_target

    if from_map and interactive:
        raise UsageError("--from-map and --interactive are alternatives: give one")
    own_data = {"--employment": employment, "--mapping": mapping, "--config": config,
                "--suppressed": suppressed if suppressed != Suppressed.error else None}
    if not from_map and any(v is not None for v in own_data.values()):
        given = ", ".join(k for k, v in own_data.items() if v is not None)
        verb = "apply" if "," in given else "applies"
        raise UsageError(f"{given} {verb} to --from-map only: they choose the data the profile is written from")
    if path != "-":
        check_target(Path(path), force)  # before the questions or the map: a refused path wastes no work
    knowledge = knowledge_base(kb)
    if from_map:
        from toolbox.profile.from_evidence import from_map_profile

        text = from_map_profile(knowledge, *from_map, level=level or "regional", employment=employment,
                                mapping=mapping, config=config, suppressed=suppressed.value)
    elif interactive:
        text = _interview(knowledge, level, path)
    else:
        from toolbox.profile.template import template

        text = template(knowledge, level or "regional")
    emit(text, path, force)
    if path != "-":
        typer.echo(f"Wrote {path}: fill in what you know, then run `toolbox plan {path}`.", err=True)


def _interview(knowledge, level, path: str) -> str:
    from toolbox.errors import UsageError
    from toolbox.profile.interactive import GaveUp, TerminalPrompter, interview

    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise UsageError("--interactive asks questions and needs a terminal; without one, write a template "
                         "(`toolbox init FILE`) or a profile from the data (`toolbox init FILE --from-map REGION "
                         "CLUSTER`) and edit it")
    if path == "-":
        raise UsageError("--interactive writes a file: give its path, e.g. `toolbox init region.yaml --interactive`")
    try:
        return interview(knowledge, TerminalPrompter(), level)
    except GaveUp as exc:
        raise UsageError(f"no valid answer to '{exc}' after several tries; nothing written") from None


def schema(output: OutputOption = None, force: ForceOption = False, kb: KbOption = None) -> None:
    """Print the JSON Schema (2020-12) of region profiles, for editors that complete and check YAML.

    Example: toolbox schema -o region.schema.json
    """
    from toolbox.profile.template import profile_schema

    emit(json.dumps(profile_schema(knowledge_base(kb)), indent=2, ensure_ascii=False) + "\n", output, force)
