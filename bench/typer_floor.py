"""An empty Typer command with the options of `toolbox plan`: what Typer alone costs to run a command.

Typer checks every option value with a pydantic adapter, so running any command costs more than
importing the floor's libraries; bench/run.sh measures this beside the real command to show what
Typer's own part of a run is.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Format(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.callback()
def root(version: Annotated[bool | None, typer.Option("--version")] = None) -> None:
    """Root."""


@app.command()
def plan(
    profile: Annotated[Path, typer.Argument()],
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.terminal,
    output: Annotated[str | None, typer.Option("--output", "-o")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    kb: Annotated[list[Path] | None, typer.Option("--kb")] = None,
) -> None:
    """Does nothing."""


@app.command()
def other() -> None:
    """A second command, so that `plan` is a subcommand as in toolbox."""


if __name__ == "__main__":
    app()
