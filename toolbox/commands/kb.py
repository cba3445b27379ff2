"""`toolbox kb`: list, show, validate and export the knowledge base."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolbox.commands.common import ForceOption, KbOption, OutputOption, knowledge_base, use_color, width
from toolbox.errors import UsageError
from toolbox.levels import Level
from toolbox.output import check_target, emit, write_atomic
from toolbox.render.registry import emit_result, formats, render
from toolbox.suggest import unknown

app = typer.Typer(help="List, inspect, validate and export the knowledge base (mechanisms, instruments, agents).",
                  no_args_is_help=True)


class Table(str, Enum):
    mechanisms = "mechanisms"
    instruments = "instruments"
    agents = "agents"


ListFormat = formats("kb_listing", "ListFormat")
ExportFormat = formats("kb", "ExportFormat")


class CsvTable(str, Enum):
    mechanisms = "mechanisms"
    instruments = "instruments"
    agents = "agents"
    contributions = "contributions"
    links = "links"


@app.command("list")
def list_(
    table: Annotated[Table, typer.Argument(help="What to list.")],
    level: Annotated[Optional[Level], typer.Option("--level", "-l", help="Only this spatial level.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
) -> None:
    """List mechanisms, instruments or agents: a table, or CSV or JSON with the same columns.

    Example: toolbox kb list agents --level local
    """
    from toolbox.kb.listing import listing

    if output not in (None, "-"):
        check_target(Path(output), force)
    base = knowledge_base(kb)
    emit_result("kb_listing", fmt, listing(base, table.value, level), output, force,
                color=use_color(output), width=width())


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A mechanism, instrument or agent id.")],
    kb: KbOption = None,
) -> None:
    """Everything about one record: attributes, links both ways, contributions, provenance.

    Example: toolbox kb show education_science_lobbying
    """
    base = knowledge_base(kb)
    found = base.record(record_id)
    if found is None:
        raise UsageError(unknown("id", record_id, base.all_ids()))
    emit_result("kb_record", "terminal", found, color=use_color(None), width=width(), kb=base)


@app.command()
def validate(kb: KbOption = None) -> None:
    """Check the knowledge base (and your --kb directories): exit 0 with a summary, or 2 with every error.

    Example: toolbox kb validate --kb my_kb/
    """
    from toolbox.kb.load import load_kb, user_dirs

    base = load_kb(user_dirs(kb), cache=False)  # checks the files themselves, never a cached result
    links = sum(len(i.mechanisms) for i in base.instruments.values())
    emit(f"ok: {len(base.mechanisms)} mechanisms, {len(base.instruments)} instruments ({links} links), "
         f"{len(base.agents)} agent types, {len(base.contributions)} contributions "
         f"[{', '.join(base.layers)}] {base.version}\n", None)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="json | csv | yaml.")] = ExportFormat.json,
    table: Annotated[Optional[CsvTable], typer.Option("--table", help="With csv: the one table to write.")] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
) -> None:
    """Export the whole knowledge base. CSV writes one --table, or every table into the directory -o DIR.

    Example: toolbox kb export --format json -o toolbox.json
    """
    base = knowledge_base(kb)
    if fmt is ExportFormat.csv and table is None:
        from toolbox.render.kb_export import CSV_TABLES

        if output in (None, "-") or not Path(output).is_dir():
            raise UsageError("CSV export: choose one --table, or give an existing directory with -o DIR for all tables")
        for name in CSV_TABLES:
            write_atomic(Path(output) / f"{name}.csv", render("kb", fmt, base, table=name), force)
        typer.echo(f"Wrote {', '.join(f'{n}.csv' for n in CSV_TABLES)} to {output}", err=True)
        return
    emit_result("kb", fmt, base, output, force, table=table and table.value)
