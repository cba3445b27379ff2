"""`toolbox audit`: the multicausality audit of the knowledge base, on a level or for a region."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

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
from toolbox.errors import UsageError
from toolbox.levels import Level
from toolbox.output import check_target, write_atomic
from toolbox.render.registry import emit_result, formats, render

app = typer.Typer(help="Audit the knowledge base: which instruments reach which mechanisms, and how far.",
                  no_args_is_help=True)


AuditFormat = formats("audit", "AuditFormat")


class AuditTable(str, Enum):
    instruments = "instruments"
    mechanisms = "mechanisms"
    overlap = "overlap"
    jaccard = "jaccard"
    cover = "cover"
    agents = "agents"


class GraphChoice(str, Enum):
    mechanisms = "mechanisms"
    agents = "agents"
    both = "both"


GRAPH_FORMATS = (AuditFormat.graphml, AuditFormat.gexf, AuditFormat.dot)
DEFAULT_TOP = 15


def _base_and_plan(profile: Optional[Path], kb, weights: Optional[Path]):
    """The knowledge base, and the profile's plan when one is given."""
    if weights is not None and profile is None:
        raise UsageError("--weights applies with --profile only: without a profile the audit scores nothing")
    if profile is None:
        return knowledge_base(kb), None
    base, _, plan = load_and_plan(profile, kb, weights)
    return base, plan


@app.command()
def multicausality(
    profile: Annotated[Optional[Path], typer.Option(
        "--profile", "-p", metavar="FILE", help="A region profile: weigh by its plan's need, cover its deficits.")] = None,
    level: Annotated[Optional[Level], typer.Option(
        "--level", "-l", help="Weigh mechanisms by their Table 2 strength on this level.")] = None,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="Output format.")] = AuditFormat.table,
    table: Annotated[Optional[AuditTable], typer.Option(
        "--table", help="With csv: the one table to write (else every table into the directory -o DIR).")] = None,
    graph: Annotated[Optional[GraphChoice], typer.Option(
        "--graph", help="With graphml, gexf or dot: instrument–mechanism, agent–instrument or both (default).")] = None,
    top: Annotated[Optional[int], typer.Option(
        "--top", min=0, metavar="N", help=f"With table: rows per ranking (default {DEFAULT_TOP}; 0 = all).")] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
) -> None:
    """Multicausality: instruments by reach, thinly reached mechanisms, overlaps, the minimum cover, key agents.

    Example: toolbox audit multicausality --profile examples/greater_arntown_widgets.yaml
    """
    if table is not None and fmt is not AuditFormat.csv:
        raise UsageError("--table applies to --format csv only")
    if graph is not None and fmt not in GRAPH_FORMATS:
        raise UsageError("--graph applies to --format graphml, gexf or dot only")
    if top is not None and fmt is not AuditFormat.table:
        raise UsageError("--top applies to --format table only; json and csv hold every row")
    all_csv = fmt is AuditFormat.csv and table is None
    if all_csv:
        if output in (None, "-") or not Path(output).is_dir():
            raise UsageError("CSV: choose one --table, or give an existing directory with -o DIR for all tables")
        from toolbox.render.audit_export import CSV_TABLES

        for name in CSV_TABLES:
            check_target(Path(output) / f"{name}.csv", force)
    elif output not in (None, "-"):
        check_target(Path(output), force)

    from toolbox.audit.multicausality import audit

    base, plan = _base_and_plan(profile, kb, weights)
    if plan is not None:
        if level is not None and level != plan.region["level"]:
            raise UsageError(f"--level {level} differs from the profile's level ({plan.region['level']}); "
                             "leave --level out: the profile sets it")
    result = audit(base, level=level, plan=plan)

    if all_csv:
        from toolbox.render.audit_export import CSV_TABLES

        for name in CSV_TABLES:
            write_atomic(Path(output) / f"{name}.csv", render("audit", fmt, result, table=name), force)
        typer.echo(f"Wrote {', '.join(f'{n}.csv' for n in CSV_TABLES)} to {output}", err=True)
        return
    emit_result("audit", fmt, result, output, force, color=use_color(output), width=width(),
                top=DEFAULT_TOP if top is None else top, table=table and table.value,
                graph=(graph or GraphChoice.both).value, kb=base)


SpilloverFormat = formats("spillover_audit", "SpilloverFormat")


@app.command()
def spillovers(
    profile: Annotated[Optional[Path], typer.Option(
        "--profile", "-p", metavar="FILE",
        help="A region profile: which channels its strategy opens and leaves closed, and its balance.")] = None,
    fmt: Annotated[SpilloverFormat, typer.Option("--format", "-f", help="Output format.")] = SpilloverFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
) -> None:
    """Spillover channels (Günther and Meissner): which the instruments open; with --profile, which the strategy
    opens, which it leaves closed and what could open them, and its short-term and future-oriented balance.

    Example: toolbox audit spillovers --profile examples/greater_arntown_widgets.yaml
    """
    if output not in (None, "-"):
        check_target(Path(output), force)
    from toolbox.audit.spillovers import spillover_audit

    base, plan = _base_and_plan(profile, kb, weights)
    emit_result("spillover_audit", fmt, spillover_audit(base, plan), output, force, color=use_color(output),
                width=width())
