"""The `toolbox` command line: one Typer application, commands registered in one place.

Errors are rendered here and nowhere else: a ToolboxError prints its message to stderr and exits with
its code (2 for bad input); anything unexpected is reported as an internal error with exit code 1.
"""

import os
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from toolbox import __version__
from toolbox.commands import audit as audit_commands
from toolbox.commands import gaps as gaps_commands
from toolbox.commands import kb as kb_commands
from toolbox.commands.compare import compare
from toolbox.commands.map import map_command
from toolbox.commands.monitoring import monitoring
from toolbox.commands.diff import diff
from toolbox.commands.plan import explain, plan
from toolbox.commands.profile import init, schema
from toolbox.commands.report import report
from toolbox.commands.weights import weights
from toolbox.errors import ToolboxError
from toolbox.safe_text import visible

# Typer 0.29 (the lowest pyproject.toml allows) carries its own copy of click and raises only its own exceptions.
_CONTROL_FLOW: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort, typer.TyperException)


class _Boundary(TyperGroup):
    """The one crash boundary: every command runs inside `invoke`."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except _CONTROL_FLOW:
            raise
        except ToolboxError as exc:
            # a message quotes file names and values: each of its lines is shown, never obeyed
            text = "\n".join(visible(line) for line in str(exc).split("\n"))
            typer.echo(f"error: {text}" if "\n" not in text else f"error:\n{text}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # the boundary: nothing unexpected reaches the user as a traceback
            if os.environ.get("TOOLBOX_DEBUG"):
                raise
            typer.echo(f"internal error: {type(exc).__name__}: {visible(exc)}\n"
                       "This is a bug in toolbox; rerun with TOOLBOX_DEBUG=1 for details and report it.", err=True)
            ctx.exit(1)


app = typer.Typer(
    cls=_Boundary,
    name="toolbox",
    help="Decision support for regional cluster policy, after Benner's cluster-policy toolbox.\n\n"
         "Start with `toolbox init region.yaml`, then `toolbox plan region.yaml`.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: formatting it with rich costs more than the rest of `--help`
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"toolbox {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """Decision support for regional cluster policy."""


app.command()(plan)
app.command()(explain)
app.command()(init)
app.command()(schema)
app.command()(report)
app.add_typer(kb_commands.app, name="kb")
app.command()(compare)
app.command()(diff)
app.command()(weights)
app.command()(monitoring)
app.add_typer(audit_commands.app, name="audit")
app.command(name="map")(map_command)
app.command()(gaps_commands.gaps)
app.command()(gaps_commands.organisation)


def main() -> None:
    from toolbox.process import exit_cleanly_on_signals

    exit_cleanly_on_signals()
    app()


if __name__ == "__main__":
    sys.exit(main())
