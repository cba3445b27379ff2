"""`toolbox map --format json|csv`: one record per region × cluster × year (docs/map.md#output)."""

from __future__ import annotations

import csv
import io

from toolbox.mapping.result import MapRecord, MapView
from toolbox.render import json_text
from toolbox.safe_text import visible

FIELDS = ("region", "region_name", "cluster", "cluster_name", "year", "employment", "establishments", "lq",
          "lq_traded", "focus", "size_percentile", "growth", "growth_since", "stars", "star_size",
          "star_specialisation", "star_focus", "strong", "potential")


def _number(value):
    """Whole numbers as int; other floats as they are (shortest repr: the same bytes on every run, since the
    sums behind them are of whole counts, exact in any order)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def record_dict(record: MapRecord) -> dict:
    """One record for JSON; the verdict as its code and the figures it compared (`evidence` words them)."""
    out = {field: _number(value) if isinstance(value, float) else value
           for field, value in zip(FIELDS, _values(record))}
    verdict = record.verdict
    out["verdict"] = {"code": verdict.code,
                      "numbers": {k: _number(v) if isinstance(v, float) else v for k, v in verdict.numbers.items()}}
    return out


def _values(record: MapRecord) -> tuple:
    return (record.region, record.region_name, record.cluster, record.cluster_name, record.year, record.employment,
            record.establishments, record.lq, record.lq_traded, record.focus, record.size_percentile, record.growth,
            record.growth_since, record.stars, record.star_size, record.star_specialisation, record.star_focus,
            record.strong, record.potential)


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
        "records": [record_dict(r) for r in shown.records],
    }


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
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*FIELDS, "verdict", "dataset", "licence"])
    for record in shown.records:
        writer.writerow([csv_cell(value) for value in _values(record)]
                        + [record.verdict.code, csv_cell(result.dataset), csv_cell(result.licence)])
    return buf.getvalue()
