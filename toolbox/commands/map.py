"""`toolbox map`: cluster potential from employment statistics (docs/map.md)."""

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolbox.commands.common import (
    EmploymentOption,
    ForceOption,
    KbOption,
    MapConfigOption,
    MappingOption,
    OutputOption,
    Suppressed,
    SuppressedOption,
    WeightsOption,
    width,
)
from toolbox.errors import UsageError
from toolbox.levels import Level
from toolbox.output import STDOUT, check_target
from toolbox.render.registry import emit_result, formats

MapFormat = formats("map", "MapFormat")
PICTURES = {".html": "html", ".htm": "html", ".svg": "svg"}


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
    employment: EmploymentOption = None,
    mapping: MappingOption = None,
    config: MapConfigOption = None,
    suppressed: SuppressedOption = Suppressed.error,
    fmt: Annotated[Optional[MapFormat], typer.Option(
        "--format", "-f", help="Output format (default: table, or what the -o file's extension says).")] = None,
    by: Annotated[ColourBy, typer.Option("--by", help="Pictures: colour the regions by LQ or by ECO stars.")] = ColourBy.lq,
    show_all: Annotated[bool, typer.Option("--all", help="Table and pictures: every pair, not only those with "
                                                         "potential.")] = False,
    detail: Annotated[bool, typer.Option("--detail", help="Table: each row's evidence sentence.")] = False,
    plan: Annotated[bool, typer.Option("--plan", help="Plan every region × cluster with potential (present or "
                                                       "nascent) and rank them by the value of their strategies.")] = False,
    base: Annotated[Optional[Path], typer.Option(
        "--base", metavar="FILE", help="With --plan: a profile whose mechanisms, agents, budget, costs and designs "
                                       "apply to every pair (region and cluster come from the map).")] = None,
    level: Annotated[Level, typer.Option("--level", help="With --plan: the level of the regions.")] = "regional",
    top: Annotated[Optional[int], typer.Option("--top", min=0, metavar="N",
                                               help="With --plan, table: the first N pairs (default 40; 0 = all).")] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    kb: KbOption = None,
    weights: WeightsOption = None,
) -> None:
    """Map cluster potential from employment statistics: LQ, focus, size, growth, ECO stars, CMP strong test.

    Every region × cluster × year gets the tool's verdict (present, nascent or absent) with its figures.
    -o map.html writes a self-contained page with a tile-grid map and a bubble chart; -o map.svg the pictures.

    Example: toolbox map --region "North Eastern Scotland"
    """
    if not plan and (base is not None or top is not None):
        raise UsageError("--base and --top apply to --plan only")
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
    if plan:
        if fmt.value not in ("table", "json", "csv"):
            raise UsageError("--plan writes a table, json or csv")
        national = _plan(result, year, base, level, kb, weights)
        emit_result("map_plan", fmt.value, national, output, force, top=40 if top is None else top)
        return
    shown = view(result, chosen_region, chosen_cluster, year, by.value, show_all)
    emit_result("map", fmt, shown, output, force, detail=detail, width=width())


def _plan(result, year, base, level, kb, weights):
    import time

    from toolbox.commands.common import knowledge_base, weights_for
    from toolbox.commands.plan import _progress
    from toolbox.mapping.plans import NationalPlan, plan_pairs
    from toolbox.render.map_text import evidence
    from toolbox.yamlio import display_path, load_yaml

    chosen, source = weights_for(weights)
    base_doc = load_yaml(base) if base is not None else None
    kb_loaded = knowledge_base(kb)
    year = result.latest_year if year is None else year
    count = sum(1 for r in result.records if r.year == year and r.potential != "absent")
    country = "UK" if result.licence and "Office for National Statistics" in result.licence else None
    started = time.perf_counter()
    with _progress(count, show=True) as advance:
        pairs = plan_pairs(result, kb_loaded, chosen, source, year=year, base=base_doc, level=level,
                           country=country, advance=advance,
                           evidence=lambda r: evidence(r, result.provenance(r.year)))
    return NationalPlan(result, year, tuple(pairs), display_path(base) if base is not None else None, level,
                        time.perf_counter() - started)


def _pick(lookup, text: str, what: str, names: dict[str, str]) -> str:
    code = lookup(text)
    if code is None:
        from toolbox.safe_text import visible
        from toolbox.suggest import unknown

        raise UsageError(visible(unknown(what, text, list(names))))
    return code
