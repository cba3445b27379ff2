"""`toolbox map`: cluster potential from employment statistics (docs/map.md)."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolbox.commands.common import ForceOption, OutputOption, width
from toolbox.errors import UsageError
from toolbox.output import STDOUT, check_target
from toolbox.render.registry import emit_result, formats

MapFormat = formats("map", "MapFormat")
PICTURES = {".html": "html", ".htm": "html", ".svg": "svg"}


class Suppressed(str, Enum):
    error = "error"
    zero = "zero"


class ColourBy(str, Enum):
    lq = "lq"
    stars = "stars"


def map_command(
    region: Annotated[Optional[str], typer.Option("--region", "-r", metavar="REGION",
                                                  help="One region's clusters, ranked (code or name).")] = None,
    cluster: Annotated[Optional[str], typer.Option("--cluster", "-c", metavar="CLUSTER",
                                                   help="One cluster's regions, ranked (code or name).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="The year shown (default: the latest); "
                                                "json and csv hold every year unless it is given.")] = None,
    employment: Annotated[Optional[Path], typer.Option(
        "--employment", metavar="FILE", help="Employment CSV: region, industry, employment[, establishments, year, "
                                             "region_name] (default: the shipped UK data).")] = None,
    mapping: Annotated[Optional[Path], typer.Option(
        "--mapping", metavar="FILE", help="Industry → cluster CSV: industry, cluster[, traded, cluster_name] "
                                          "(default: the shipped SIC → segment lookup).")] = None,
    config: Annotated[Optional[Path], typer.Option(
        "--config", metavar="FILE", help="Thresholds (YAML) replacing the shipped data/mapping.yaml.")] = None,
    suppressed: Annotated[Suppressed, typer.Option(
        "--suppressed", help="A blank or suppressed cell: an error, or counted as zero.")] = Suppressed.error,
    fmt: Annotated[Optional[MapFormat], typer.Option(
        "--format", "-f", help="Output format (default: table, or what the -o file's extension says).")] = None,
    by: Annotated[ColourBy, typer.Option("--by", help="Pictures: colour the regions by LQ or by ECO stars.")] = ColourBy.lq,
    show_all: Annotated[bool, typer.Option("--all", help="Table and pictures: every pair, not only those with "
                                                         "potential.")] = False,
    detail: Annotated[bool, typer.Option("--detail", help="Table: each row's evidence sentence.")] = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Map cluster potential from employment statistics: LQ, focus, size, growth, ECO stars, CMP strong test.

    Every region × cluster × year gets the tool's verdict (present, nascent or absent) with its figures.
    -o map.html writes a self-contained page with a tile-grid map and a bubble chart; -o map.svg the pictures.

    Example: toolbox map --region "North Eastern Scotland"
    """
    if fmt is None:
        suffix = Path(output).suffix.lower() if output not in (None, STDOUT) else ""
        fmt = MapFormat(PICTURES.get(suffix, "table"))
    if output not in (None, STDOUT):
        check_target(Path(output), force)
    from toolbox.mapping import compute
    from toolbox.mapping.result import view

    result = compute(employment, mapping, config, suppressed.value)
    chosen_region = _pick(result.lookup_region, region, "region", result.regions) if region else None
    chosen_cluster = _pick(result.lookup_cluster, cluster, "cluster", result.clusters) if cluster else None
    if year is not None and year not in result.years:
        raise UsageError(f"no data for {year}; the data hold {', '.join(map(str, result.years))}")
    shown = view(result, chosen_region, chosen_cluster, year, by.value, show_all)
    emit_result("map", fmt, shown, output, force, detail=detail, width=width())


def _pick(lookup, text: str, what: str, names: dict[str, str]) -> str:
    code = lookup(text)
    if code is None:
        from toolbox.safe_text import visible
        from toolbox.suggest import unknown

        raise UsageError(visible(unknown(what, text, list(names))))
    return code
