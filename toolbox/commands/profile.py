"""`toolbox init` and `toolbox schema`: writing and checking region profiles."""

import json
from typing import Annotated

import typer

from toolbox.commands.common import ForceOption, KbOption, OutputOption, knowledge_base
from toolbox.levels import Level
from toolbox.output import emit


def init(
    path: Annotated[str, typer.Argument(help="Where to write the template ('-' = stdout).")] = "region.yaml",
    level: Annotated[Level, typer.Option("--level", "-l", help="The region's spatial level.")] = "regional",
    force: ForceOption = False,
    kb: KbOption = None,
) -> None:
    """Write a commented region-profile template: all twelve mechanisms and the agent types of the level.

    Example: toolbox init lakeside.yaml --level local
    """
    from toolbox.profile.template import template

    emit(template(knowledge_base(kb), level), path, force)
    if path != "-":
        typer.echo(f"Wrote {path}: fill in what you know, then run `toolbox plan {path}`.", err=True)


def schema(output: OutputOption = None, force: ForceOption = False, kb: KbOption = None) -> None:
    """Print the JSON Schema (2020-12) of region profiles, for editors that complete and check YAML.

    Example: toolbox schema -o region.schema.json
    """
    from toolbox.profile.template import profile_schema

    emit(json.dumps(profile_schema(knowledge_base(kb)), indent=2, ensure_ascii=False) + "\n", output, force)
