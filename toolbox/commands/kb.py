"""`toolbox kb`: list, show, validate and export the knowledge base."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolbox.commands.common import ForceOption, KbOption, OutputOption, knowledge_base, use_color, width
from toolbox.errors import UsageError
from toolbox.levels import Level
from toolbox.output import emit, write_atomic
from toolbox.suggest import unknown

app = typer.Typer(help="List, inspect, validate and export the knowledge base (mechanisms, instruments, agents).",
                  no_args_is_help=True)


class Table(str, Enum):
    mechanisms = "mechanisms"
    instruments = "instruments"
    agents = "agents"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    yaml = "yaml"


class CsvTable(str, Enum):
    mechanisms = "mechanisms"
    instruments = "instruments"
    agents = "agents"
    contributions = "contributions"
    links = "links"


def _renderer():
    from toolbox.render.kb_text import KbRenderer

    return KbRenderer(color=use_color(None), width=width())


@app.command("list")
def list_(
    table: Annotated[Table, typer.Argument(help="What to list.")],
    level: Annotated[Optional[Level], typer.Option("--level", "-l", help="Only this spatial level.")] = None,
    kb: KbOption = None,
) -> None:
    """List mechanisms, instruments or agents as a table.

    Example: toolbox kb list agents --level local
    """
    base = knowledge_base(kb)
    emit(getattr(_renderer(), f"list_{table.value}")(base, level), None)


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
    emit(_renderer().show(base, *found), None)


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
    from toolbox.render.kb_export import CSV_TABLES, csv_table, kb_dict, kb_json, kb_yaml

    base = knowledge_base(kb)
    if fmt is ExportFormat.csv:
        if table is not None:
            emit(csv_table(base, table.value), output, force)
            return
        if output in (None, "-") or not Path(output).is_dir():
            raise UsageError("CSV export: choose one --table, or give an existing directory with -o DIR for all tables")
        for name in CSV_TABLES:
            write_atomic(Path(output) / f"{name}.csv", csv_table(base, name), force)
        typer.echo(f"Wrote {', '.join(f'{n}.csv' for n in CSV_TABLES)} to {output}", err=True)
        return
    data = kb_dict(base)
    text = kb_yaml(data) if fmt is ExportFormat.yaml else kb_json(data)
    emit(text, output, force)
