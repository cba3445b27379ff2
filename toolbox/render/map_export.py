"""`toolbox map --format json|csv`: one record per region × cluster × year (docs/map.md#output)."""

from __future__ import annotations

import csv
import io

from toolbox.mapping.result import MapRecord, MapView
from toolbox.render import json_text
from toolbox.render.map_text import evidence
from toolbox.safe_text import visible

FIELDS = ("region", "region_name", "cluster", "cluster_name", "year", "employment", "establishments", "lq",
          "lq_traded", "focus", "size_percentile", "growth", "growth_since", "stars", "star_size",
          "star_specialisation", "star_focus", "strong", "potential")


def _number(value):
    if value is None or isinstance(value, bool):
        return value
    rounded = round(float(value), 12)  # 12 decimals: stable across platforms, far below any threshold's scale
    return int(rounded) if rounded.is_integer() else rounded


def record_dict(record: MapRecord) -> dict:
    out = {}
    for field in FIELDS:
        value = getattr(record, field)
        out[field] = value if isinstance(value, (str, bool)) or value is None else _number(value)
    out["verdict"] = {"code": record.verdict.code,
                      "numbers": {k: v if isinstance(v, bool) or v is None else _number(v)
                                  for k, v in record.verdict.numbers.items()}}
    out["evidence"] = evidence(record)
    return out


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


def _cell(value) -> str:
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
        writer.writerow([_cell(getattr(record, f)) for f in FIELDS]
                        + [record.verdict.code, _cell(result.dataset), _cell(result.licence)])
    return buf.getvalue()
