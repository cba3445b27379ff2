"""The measures of `toolbox map` per region × cluster × year (docs/map.md#measures), computed with polars.

Pure: reads the files it is given, returns a MapResult, prints nothing. Imported only by `toolbox map`
and by callers of `toolbox.mapping.compute` (tests/test_imports.py).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from toolbox.errors import InputError, Problem, excerpt
from toolbox.mapping import load
from toolbox.mapping.config import load_config
from toolbox.mapping.result import POTENTIAL_ORDER, MapRecord, MapResult
from toolbox.mapping.verdict import verdict_columns
from toolbox.yamlio import display_path

KEYS = ["region", "cluster", "year"]
IN_CLUSTER_YEAR = ["cluster", "year"]


def shipped_directory() -> Path:
    from toolbox.paths import shipped_data_dir

    return shipped_data_dir() / "uk"


def _manifest() -> dict:
    import yaml

    with open(shipped_directory() / "dataset.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 2 ms, not 40


def compute(employment: Path | str | None = None, mapping: Path | str | None = None,
            config: Path | str | dict | None = None, suppressed: str = "error") -> MapResult:
    """Map cluster potential: one record per region × cluster × year.

    `employment`, `mapping`: CSV files (None = the shipped UK data and its segment lookup); `config`: a
    thresholds file or its loaded dict (None = data/mapping.yaml); `suppressed`: 'error' (default) or
    'zero', what a blank or suppressed cell means.
    """
    cfg = config if isinstance(config, dict) else load_config(config)
    markers = cfg["suppressed_markers"]
    manifest = _manifest() if employment is None or mapping is None else None
    if employment is None:
        frame = load.shipped_tables(shipped_directory(), manifest, markers)
        table, dataset, licence = None, manifest["name"], manifest["licence"]
        employment_source = "data/uk (" + ", ".join(manifest["employment"] + manifest["establishments"]) + ")"
    else:
        frame, table = load.employment_table(employment, markers, suppressed)
        dataset, licence, employment_source = f"employment from {display_path(employment)}", None, display_path(employment)
    if mapping is None:
        lookup = manifest["mapping"]
        clusters, _ = load.mapping_table(shipped_directory() / lookup["file"], lookup["columns"])
        mapping_source = f"data/uk/{lookup['file']} ({lookup['name']})"
    else:
        clusters, _ = load.mapping_table(mapping)
        mapping_source = display_path(mapping)
    sums = cluster_sums(frame, clusters)
    if sums["cluster"].null_count():  # an industry the mapping lacks: say which, and what it carries
        _check_mapped(frame, table, clusters, mapping_source, employment_source)
    measured = measures(sums, clusters, cfg)
    result = _result(measured, frame, clusters, cfg, dataset=dataset, licence=licence,
                     employment_source=employment_source, mapping_source=mapping_source)
    layout = (manifest or _manifest()).get("tiles") or {}
    if result.regions and all(code in layout for code in result.regions):
        result.tiles = {code: tuple(place) for code, place in layout.items()}  # a region without data shows as such
    return result


def _check_mapped(frame, table, clusters, mapping_source, employment_source) -> None:
    if table is not None:
        load.unmapped(frame, table, clusters, mapping_source)
        return
    missing = frame.join(clusters.select("industry"), on="industry", how="anti")["industry"].unique().sort()
    if missing.len():
        raise InputError(Problem(employment_source, None, "industry",
                                 f"{missing.len()} industries are not in the mapping {mapping_source}, e.g. "
                                 f"{excerpt(repr(missing[0]))}; add them with their clusters"))


def cluster_sums(frame: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """Employment and business counts per region × cluster × year; cluster null for an unmapped industry."""
    # a lookup, cheaper than a join over millions of rows
    return (frame.lazy()
            .select("region", "year", "employment", "establishments",
                    pl.col("industry").replace_strict(clusters["industry"], clusters["cluster"], default=None,
                                                      return_dtype=pl.String).alias("cluster"))
            .group_by(KEYS).agg(pl.col("employment").sum(), pl.col("establishments").sum().alias("est_sum"),
                                pl.col("establishments").count().alias("est_n"))
            .collect())


def measures(sums: pl.DataFrame, clusters: pl.DataFrame, cfg: dict) -> pl.DataFrame:
    """Every region × cluster × year with its measures, stars and strong flag (one row each), from the sums.

    Computed step by step on the grid: one lazy query over the same steps gave some LQs one unit in the
    last place away from the formula's value as written, (e / r) / (c / t).
    """
    stars, strong_rule = cfg["eco_stars"], cfg["cmp_strong"]
    traded_known = clusters["traded"].null_count() == 0
    per_cluster = clusters.group_by("cluster").agg(pl.col("traded").first())
    # the sums hold every region and year of the file (each row is in some cluster): the grid and whether a
    # year has business counts come from them, not from another pass over the file
    with_counts = sums.group_by("year").agg((pl.col("est_n").sum() > 0).alias("has_est"))
    grid = (sums.select("region", "year").unique().join(per_cluster, how="cross")
            .join(sums, on=KEYS, how="left").join(with_counts, on="year", how="left"))
    grid = grid.with_columns(
        pl.col("employment").fill_null(0.0),
        pl.when(pl.col("has_est")).then(pl.col("est_sum").fill_null(0.0)).otherwise(None).alias("establishments"))
    emp = pl.col("employment")
    region_total = emp.sum().over(["region", "year"])
    cluster_total = emp.sum().over(IN_CLUSTER_YEAR)
    total = emp.sum().over("year")
    grid = grid.with_columns(region_total.alias("region_employment"), cluster_total.alias("_c"), total.alias("_t"))
    share = emp / pl.col("region_employment")
    grid = grid.with_columns(
        pl.when(pl.col("region_employment") > 0).then(share).otherwise(None).alias("focus"),
        pl.when((pl.col("region_employment") > 0) & (pl.col("_c") > 0))
        .then(share / (pl.col("_c") / pl.col("_t"))).otherwise(None).alias("lq"))
    if traded_known:
        traded_emp = (emp * pl.col("traded").cast(pl.Float64))
        grid = grid.with_columns(traded_emp.sum().over(["region", "year"]).alias("_rt"),
                                 traded_emp.sum().over("year").alias("_tt"))
        grid = grid.with_columns(
            pl.when(pl.col("traded") & (pl.col("_rt") > 0) & (pl.col("_c") > 0))
            .then((emp / pl.col("_rt")) / (pl.col("_c") / pl.col("_tt"))).otherwise(None).alias("lq_traded"))
        basis = pl.col("lq_traded")
    else:
        grid = grid.with_columns(pl.lit(None, dtype=pl.Float64).alias("lq_traded"))
        basis = pl.col("lq")
    count = pl.len().over(IN_CLUSTER_YEAR)
    rank = emp.rank("min").over(IN_CLUSTER_YEAR)
    size_q = emp.quantile(1 - stars["size_top_share"], "linear").over(IN_CLUSTER_YEAR)
    focus_q = pl.col("focus").quantile(1 - stars["focus_top_share"], "linear").over(IN_CLUSTER_YEAR)
    positive = emp > 0
    lq_q = basis.filter(positive).quantile(strong_rule["lq_quantile"], "linear").over(IN_CLUSTER_YEAR)
    emp_q = emp.filter(positive).quantile(strong_rule["employment_quantile"], "linear").over(IN_CLUSTER_YEAR)
    est_q = (pl.col("establishments").filter(positive)
             .quantile(strong_rule["establishments_quantile"], "linear").over(IN_CLUSTER_YEAR))
    strong = ((basis >= lq_q) & (basis >= strong_rule["lq_minimum"]) & (emp > emp_q)
              & (pl.col("establishments") > est_q))
    applicable = pl.col("establishments").is_not_null() & (pl.col("traded") if traded_known else pl.lit(True))
    grid = grid.with_columns(
        pl.when(count > 1).then(100.0 * (rank - 1) / (count - 1)).otherwise(100.0).alias("size_percentile"),
        (positive & (emp >= size_q)).alias("star_size"),
        (pl.col("lq") >= stars["specialisation_lq"]).fill_null(False).alias("star_specialisation"),
        ((pl.col("focus") > 0) & (pl.col("focus") >= focus_q)).fill_null(False).alias("star_focus"),
        pl.when(applicable).then(strong.fill_null(False)).otherwise(None).alias("strong"),
        lq_q.alias("cmp_lq_q"), emp_q.alias("cmp_emp_q"), est_q.alias("cmp_est_q"))
    first_year = sums["year"].min()
    base = grid.filter(pl.col("year") == first_year).select("region", "cluster", pl.col("employment").alias("_e0"))
    grid = grid.join(base, on=["region", "cluster"], how="left")
    span = (pl.col("year") - first_year).cast(pl.Float64)
    grid = grid.with_columns(
        pl.when((pl.col("year") > first_year) & (pl.col("_e0") > 0))
        .then((emp / pl.col("_e0")).pow(1.0 / span) - 1.0).otherwise(None).alias("growth"),
        pl.when(pl.col("year") > first_year).then(pl.lit(first_year)).otherwise(None).alias("growth_since"))
    return grid


def _names(frame: pl.DataFrame, clusters: pl.DataFrame, codes: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Region and cluster names; `codes`: every region code (sorted), for a file without region names."""
    if frame["region_name"].null_count() == frame.height:  # no names: no sort of millions of rows for them
        region_names = {code: code for code in codes}
    else:
        regions = (frame.sort(["year", "_row"]).group_by("region")
                   .agg(pl.col("region_name").drop_nulls().last()).sort("region"))
        region_names = {code: (name or code) for code, name in regions.iter_rows()}
    named = clusters.group_by("cluster").agg(pl.col("cluster_name").drop_nulls().first(),
                                            pl.col("category").drop_nulls().first(),
                                            pl.col("name").drop_nulls().first()).sort("cluster")
    cluster_names = {}
    for code, name, category, short in named.iter_rows():
        if name:
            cluster_names[code] = name
        elif short and category:  # the shipped lookup: segment 'ships' in category 'manufacture'
            cluster_names[code] = f"{short.replace('_', ' ').capitalize()} ({category})"
        else:
            cluster_names[code] = code
    return region_names, cluster_names


def _result(grid: pl.DataFrame, frame: pl.DataFrame, clusters: pl.DataFrame, cfg: dict, **provenance) -> MapResult:
    region_names, cluster_names = _names(frame, clusters, grid["region"].unique().sort().to_list())
    rule = cfg["verdict"]
    grid = grid.with_columns((pl.col("star_size").cast(pl.Int32) + pl.col("star_specialisation").cast(pl.Int32)
                              + pl.col("star_focus").cast(pl.Int32)).alias("stars"))
    grid = grid.with_columns(verdict_columns(rule))
    grid = grid.with_columns(pl.col("region").replace_strict(region_names).alias("region_name"),
                             pl.col("cluster").replace_strict(cluster_names).alias("cluster_name"))
    # stored strongest first (newest year, then result.rank_key), so that a view filters without sorting
    grid = grid.sort([pl.col("year"), pl.col("potential").replace_strict(POTENTIAL_ORDER, return_dtype=pl.Int8),
                      pl.col("stars"), pl.col("lq").fill_null(0.0), pl.col("employment"), pl.col("region"),
                      pl.col("cluster")], descending=[True, False, True, True, True, False, False])
    fields = [c for c in MapRecord._fields if c != "rule"]  # each a column of the grid by now
    traded = None
    if clusters["traded"].null_count() == 0:
        traded = dict(clusters.group_by("cluster").agg(pl.col("traded").first()).sort("cluster").iter_rows())
    years = tuple(sorted(set(grid["year"].unique().to_list())))
    table = grid.select(*fields, "stars")

    def columns(region=None, cluster=None, year=None, with_potential=False):
        chosen = table
        for column, value in (("region", region), ("cluster", cluster), ("year", year)):
            if value is not None:
                chosen = chosen.filter(pl.col(column) == value)
        if with_potential:
            chosen = chosen.filter(pl.col("potential") != "absent")
        return [*(chosen[c].to_list() for c in fields), [rule] * chosen.height]

    return MapResult(columns=columns, table=table, regions=region_names, clusters=cluster_names, years=years,
                     traded=traded, config=cfg, **provenance)
