"""`toolbox map --plan` as a table, JSON or CSV: every region × cluster with potential and its plan."""

from __future__ import annotations

import csv
import io

from toolbox.mapping.plans import NationalPlan
from toolbox.render import json_text
from toolbox.render.common import plain
from toolbox.render.map_export import csv_cell
from toolbox.render.map_text import lq_text
from toolbox.safe_text import visible


def _rows(national: NationalPlan) -> list[dict]:
    return [{"rank": rank, "region": p.record.region, "region_name": p.record.region_name,
             "cluster": p.record.cluster, "cluster_name": p.record.cluster_name, "year": p.record.year,
             "potential": p.record.potential, "stars": p.record.stars, "strong": p.record.strong,
             "lq": None if p.record.lq is None else plain(p.record.lq), "verdict": p.verdict,
             "strategy_value": plain(p.value), "strategy_cost": plain(p.cost), "instruments": list(p.instruments),
             "to_assess": list(p.to_assess)} for rank, p in enumerate(national.pairs, start=1)]


def _notes(national: NationalPlan) -> list[str]:
    result = national.result
    source = (f"mechanisms, agents and budget from {national.base}" if national.base else
              "mechanisms unknown: employment data do not measure them (give --base FILE with what is known)")
    rate = len(national.pairs) / national.seconds if national.seconds > 0 else 0.0
    return [f"Data: {result.provenance(national.year)}.",
            f"Profiles: potential and evidence from the map, level {national.level}; {source}.",
            f"Planned {len(national.pairs)} pairs in {national.seconds:.1f} s ({rate:.0f} pairs/s)."]


def table(national: NationalPlan, options) -> str:
    rows = _rows(national)
    top = options.top or len(rows)
    lines = [f"Region × cluster pairs with potential, {national.year}, ranked by potential and by the value of "
             "their strategies", ""]
    head = f"{'#':>4}  {'region × cluster':<58}  {'potential':<9}  {'stars':<5}  {'LQ':>6}  {'verdict':<18}  {'value':>7}  instruments"
    lines += [head, "-" * len(head)]
    for row in rows[:top]:
        name = visible(f"{row['region_name']} × {row['cluster_name']}")
        name = name if len(name) <= 58 else name[:57] + "…"
        lines.append(f"{row['rank']:>4}  {name:<58}  {row['potential']:<9}  {'*' * row['stars'] or '-':<5}  "
                     f"{lq_text(row['lq']):>6}  {row['verdict']:<18}  {row['strategy_value']:>7.2f}  "
                     f"{len(row['instruments'])}")
    if top < len(rows):
        lines.append(f"… and {len(rows) - top} more pairs (--top 0 shows all; json and csv hold every pair)")
    return "\n".join(lines + [""] + _notes(national)) + "\n"


def plan_json(national: NationalPlan, options) -> str:
    result = national.result
    return json_text.document({"dataset": result.dataset, "licence": result.licence,
                               "provenance": result.provenance(national.year), "year": national.year,
                               "level": national.level, "base": national.base, "pairs": _rows(national)})


def plan_csv(national: NationalPlan, options) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    rows = _rows(national)
    fields = list(rows[0]) if rows else ["rank"]
    writer.writerow([*fields, "dataset", "licence"])
    result = national.result
    for row in rows:
        writer.writerow([csv_cell(";".join(v) if isinstance(v, list) else v) for v in row.values()]
                        + [csv_cell(result.dataset), csv_cell(result.licence)])
    return buf.getvalue()
