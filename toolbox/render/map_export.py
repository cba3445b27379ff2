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


def record_dict(record: MapRecord, _thresholds: dict | None = None) -> dict:
    """One record for JSON; the verdict as its code and the figures it compared (`evidence` words them).

    `_thresholds`: a dict a caller shares between the records of one result, where each verdict code's
    thresholds are looked up once per rule (the shipped map has 11,232 records, and this runs for each).
    """
    (region, region_name, cluster, cluster_name, year, employment, establishments, _, lq, lq_traded, focus,
     size_percentile, growth, growth_since, star_size, star_specialisation, star_focus, strong, potential,
     code, rule) = record
    stars = int(star_size) + int(star_specialisation) + int(star_focus)
    employment, lq, growth = _number(employment), _number(lq), _number(growth)
    out = {"region": region, "region_name": region_name, "cluster": cluster, "cluster_name": cluster_name,
           "year": year, "employment": employment, "establishments": _number(establishments), "lq": lq,
           "lq_traded": _number(lq_traded), "focus": _number(focus), "size_percentile": _number(size_percentile),
           "growth": growth, "growth_since": growth_since, "stars": stars, "star_size": star_size,
           "star_specialisation": star_specialisation, "star_focus": star_focus, "strong": strong,
           "potential": potential}
    if _thresholds is None:
        _thresholds = {}
    cached = _thresholds.get(code)
    if cached is None or cached[0] is not rule:
        numbers = verdict_numbers(record, rule)
        cached = _thresholds[code] = (rule, {k: _number(v) for k, v in numbers.items() if k not in _FIGURES})
    out["verdict"] = {"code": code, "numbers": {"employment": employment, "lq": lq, "stars": stars, "strong": strong,
                                                "growth": growth, **cached[1]}}
    return out


_FIGURES = ("employment", "lq", "stars", "strong", "growth")
"""The record's own figures in `verdict.numbers`, in its order; the thresholds follow them."""


def _number(value):
    """Whole numbers as int; other floats as they are (shortest repr: the same bytes on every run, since the
    sums behind them are of whole counts, exact in any order)."""
    return int(value) if type(value) is float and value.is_integer() else value


def _values(record: MapRecord) -> tuple:
    return (record.region, record.region_name, record.cluster, record.cluster_name, record.year, record.employment,
            record.establishments, record.lq, record.lq_traded, record.focus, record.size_percentile, record.growth,
            record.growth_since, record.stars, record.star_size, record.star_specialisation, record.star_focus,
            record.strong, record.potential)


def map_dict(shown: MapView) -> dict:
    result = shown.result
    cfg = result.config
    thresholds: dict = {}
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
        "records": [record_dict(r, thresholds) for r in shown.records],
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
