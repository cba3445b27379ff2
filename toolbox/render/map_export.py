"""`toolbox map --format json|csv`: one record per region × cluster × year (docs/map.md#output)."""

from __future__ import annotations

import csv
import io

from toolbox.mapping.result import MapRecord, MapView
from toolbox.mapping.verdict import numbers as verdict_numbers
from toolbox.render import json_text
from toolbox.safe_text import visible

FIELDS = ("region", "region_name", "cluster", "cluster_name", "year", "employment", "establishments", "lq",
          "lq_traded", "focus", "size_percentile", "growth", "growth_since", "stars", "star_size",
          "star_specialisation", "star_focus", "strong", "potential")


_FIGURES = ("employment", "lq", "stars", "strong", "growth")
"""The record's own figures in `verdict.numbers`, in its order; the thresholds follow them."""


def _number(value):
    """Whole numbers as int; other floats as they are (shortest repr: the same bytes on every run, since the
    sums behind them are of whole counts, exact in any order)."""
    return int(value) if type(value) is float and value.is_integer() else value


def map_dict(shown: MapView) -> dict:
    result = shown.result
    cfg = result.config
    return {
        "dataset": result.dataset,
        "licence": result.licence,
        "provenance": result.provenance(),
        "years": list(result.years),
        "employment_source": result.employment_source,
        "mapping_source": result.mapping_source,
        "selection": {"region": shown.region, "cluster": shown.cluster,
                      "year": shown.year if len({r.year for r in shown.records}) == 1 else None},
        "lq_basis": result.lq_basis,
        "thresholds": {section: {name: {"value": value, **cfg["sources"][section].get(name, {})}
                                 for name, value in cfg[section].items()}
                       for section in ("eco_stars", "cmp_strong", "verdict")},
        "records": record_dicts(shown.records),
    }


def record_dicts(records) -> list[dict]:
    """One dict per record for JSON; each verdict as its code and the figures it compared (`evidence` words them).

    Built column by column, with no Python call per value: a generated table of 3 million rows gives
    150,000 records. Whole numbers are written as integers (`_number`).
    """
    if not records:
        return []
    (region, region_name, cluster, cluster_name, year, employment, establishments, _, lq, lq_traded, focus,
     size_percentile, growth, growth_since, star_size, star_specialisation, star_focus, strong, potential,
     code, rule) = zip(*records)
    employment, establishments, lq, lq_traded, focus, size_percentile, growth = (
        _numbers(c) for c in (employment, establishments, lq, lq_traded, focus, size_percentile, growth))
    stars = [a + b + c for a, b, c in zip(star_size, star_specialisation, star_focus)]
    thresholds: dict = {}
    for record in records:  # each verdict code's thresholds, looked up once per code and rule
        key = (record.verdict_code, id(record.rule))
        if key not in thresholds:
            thresholds[key] = {k: _number(v) for k, v in verdict_numbers(record, record.rule).items()
                               if k not in _FIGURES}
    return [{"region": a, "region_name": b, "cluster": c, "cluster_name": d, "year": e, "employment": f,
             "establishments": g, "lq": h, "lq_traded": i, "focus": j, "size_percentile": k, "growth": m,
             "growth_since": n, "stars": o, "star_size": p, "star_specialisation": q, "star_focus": r,
             "strong": t, "potential": u,
             "verdict": {"code": v, "numbers": {"employment": f, "lq": h, "stars": o, "strong": t, "growth": m,
                                                **thresholds[v, id(w)]}}}
            for a, b, c, d, e, f, g, h, i, j, k, m, n, o, p, q, r, t, u, v, w in zip(
                region, region_name, cluster, cluster_name, year, employment, establishments, lq, lq_traded, focus,
                size_percentile, growth, growth_since, stars, star_size, star_specialisation, star_focus, strong,
                potential, code, rule)]


def _numbers(values) -> list:
    """`_number` of each value."""
    return [int(v) if type(v) is float and v.is_integer() else v for v in values]


def map_json(shown: MapView, options) -> str:
    return json_text.document(map_dict(shown))


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(_number(value))
    text = visible(value)  # a CSV is often shown with `cat`
    return "'" + text if text.startswith(_FORMULA) else text  # a spreadsheet must not run a name as a formula


def map_csv(shown: MapView, options) -> str:
    result = shown.result
    if result.table is not None:
        return _csv_from_table(shown)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*FIELDS, "verdict", "dataset", "licence"])
    if shown.records:
        columns = dict(zip(MapRecord._fields, zip(*shown.records)))
        columns["stars"] = [a + b + c for a, b, c in zip(columns["star_size"], columns["star_specialisation"],
                                                          columns["star_focus"])]
        cells = [csv_cells(columns[name]) for name in (*FIELDS, "verdict_code")]
        constant = (csv_cell(result.dataset), csv_cell(result.licence))
        writer.writerows(row + constant for row in zip(*cells))
    return buf.getvalue()


def csv_cells(values) -> list[str]:
    """`csv_cell` of each value of one column, converted by the column's type rather than value by value."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds <= {float}:
        return ["" if v is None else repr(int(v)) if v.is_integer() else repr(v) for v in values]
    if kinds <= {int}:
        return ["" if v is None else repr(v) for v in values]
    if kinds <= {bool}:
        return ["" if v is None else "true" if v else "false" for v in values]
    if kinds <= {str}:  # names repeat (each region's in every cluster): each is checked once
        memo = {v: csv_cell(v) for v in set(values)}
        return [memo[v] for v in values]
    return [csv_cell(v) for v in values]


SMALL, LARGE = 1e-4, 1e16
"""polars writes a float as Python's repr does, digit for digit, between these magnitudes; outside them it
writes 1e-5 as 0.00001 and 1e-6 as 1e-6 where repr writes 1e-05 and 1e-06 (tests/render/test_map_export.py)."""


def _csv_from_table(shown: MapView) -> str:
    """`map_csv` written by polars from the engine's table: the same bytes, without 150,000 Python records
    and three million Python conversions for a generated table of 3 million rows (bench/map.py)."""
    import polars as pl

    result = shown.result
    table = result.table
    for column, value in (("region", shown.region), ("cluster", shown.cluster), ("year", shown.only_year)):
        if value is not None:
            table = table.filter(pl.col(column) == value)
    cells = []
    for name in (*FIELDS, "verdict_code"):
        kind = table.schema[name]
        if kind == pl.String:  # few distinct names: each made a cell by csv_cell itself
            distinct = table[name].unique().to_list()
            cells.append(pl.col(name).replace_strict(distinct, [csv_cell(v) for v in distinct],
                                                     return_dtype=pl.String))
        elif kind.is_float():
            value = pl.col(name)
            cells.append(pl.when(value == value.floor()).then(value.cast(pl.Int64, strict=False).cast(pl.String))
                         .otherwise(value.cast(pl.String)).alias(name))
        else:  # integers and booleans: written as csv_cell writes them
            cells.append(pl.col(name))
    out = table.select(*cells, pl.lit(csv_cell(result.dataset)).alias("dataset"),
                       pl.lit(csv_cell(result.licence) or None, dtype=pl.String).alias("licence"))
    for name in FIELDS:
        if table.schema[name].is_float():  # the rare magnitudes polars writes otherwise: by csv_cell
            size = table[name].abs()
            odd = ((size < SMALL) & (size > 0)) | (size >= LARGE) | ~table[name].is_finite()
            where = odd.fill_null(False).arg_true()
            if where.len():
                texts = [csv_cell(v) for v in table[name].gather(where).to_list()]
                out = out.with_columns(out[name].scatter(where, texts))
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([*FIELDS, "verdict", "dataset", "licence"])
    return header.getvalue() + out.write_csv(None, include_header=False, line_terminator="\n",
                                             quote_style="necessary", null_value="")
