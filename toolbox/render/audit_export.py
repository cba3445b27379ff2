"""The multicausality audit as data: the JSON contract (docs/audit.md) and CSV tables."""

from __future__ import annotations

import csv
import io

from toolbox.audit.multicausality import Audit, Overlap
from toolbox.render.common import plain
from toolbox.safe_text import visible
from toolbox.render.json_text import document

CSV_TABLES = ("instruments", "mechanisms", "overlap", "jaccard", "cover", "agents")


def _num(value: float | None):
    return None if value is None else plain(value)


def _overlap(o: Overlap) -> dict:
    return {"a": o.a, "b": o.b, "jaccard": plain(o.jaccard), "shared": list(o.shared), "union": o.union}


def audit_dict(a: Audit) -> dict:
    s, c = a.scope, a.cover
    return {
        "kb_version": a.kb_version,
        "weights_source": a.weights_source,
        "weights_hash": a.weights_hash,
        "scope": {
            "level": s.level, "weighting": s.weighting, "region": s.region, "cluster": s.cluster,
            "verdict": s.verdict, "deficient_mechanisms": None if s.deficient is None else list(s.deficient),
            "strategy": None if s.strategy is None else list(s.strategy), "agent_basis": s.agent_basis,
            "agents": len(s.agents), "agent_instruments": len(s.agent_instruments),
        },
        "summary": {
            "mechanisms": a.summary.mechanisms, "instruments": a.summary.instruments, "links": a.summary.links,
            "multicausal_instruments": a.summary.multicausal, "mean_mechanisms": plain(a.summary.mean_mechanisms),
            "overlapping_pairs": a.summary.overlapping_pairs, "agents": a.summary.agents,
            "contributions": a.summary.contributions,
        },
        "thresholds": a.thresholds,
        "instruments": [{
            "rank": i.rank, "id": i.id, "name": i.name, "mechanism_count": i.mechanism_count,
            "mechanisms": list(i.mechanisms), "reach": plain(i.reach),
            "deficient_mechanisms": list(i.deficient) if s.deficient is not None else None,
            "outcome": i.outcome, "reason": i.reason, "in_cover": i.in_cover,
        } for i in a.instruments],
        "mechanisms": [{
            "id": m.id, "name": m.name, "instrument_count": m.instrument_count, "instruments": list(m.instruments),
            "weight": plain(m.weight), "thin": m.thin, "status": m.status, "deficit": m.deficit,
            "need": _num(m.need),
            "strategy_instruments": None if m.strategy_instruments is None else list(m.strategy_instruments),
            "unserved": m.unserved,
        } for m in a.mechanisms],
        "overlap": [_overlap(o) for o in a.overlaps],
        "redundant_pairs": None if s.strategy is None else [_overlap(o) for o in a.redundant],
        "minimum_cover": {
            "target": list(c.target), "uncoverable": list(c.uncoverable), "size": c.size,
            "instruments": [{"id": i, "reaches": list(ms)} for i, ms in c.by_instrument()],
            "value": plain(c.value), "count": c.count, "count_capped": c.count_capped, "status": c.status,
        },
        "agents": [{
            "rank": k.rank, "id": k.id, "name": k.name, "group": k.group, "level": k.level,
            "instruments": k.instruments, "degree_share": plain(k.degree_share),
            "betweenness": plain(k.betweenness), "strategy_instruments": k.strategy_instruments,
        } for k in a.agents],
    }


def audit_json(a: Audit, options=None) -> str:
    return document(audit_dict(a))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(plain(value))
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def audit_csv(a: Audit, options) -> str:
    """One table of the audit, `options.table`, as CSV; lists are joined with ';'."""
    table = options.table
    data = audit_dict(a)
    if table == "instruments":
        header = ["rank", "id", "mechanism_count", "reach", "mechanisms", "deficient_mechanisms", "outcome", "reason",
                  "in_cover", "name"]
        rows = [[i[k] for k in header] for i in data["instruments"]]
    elif table == "mechanisms":
        header = ["id", "instrument_count", "weight", "thin", "status", "deficit", "need", "strategy_instruments",
                  "unserved", "instruments", "name"]
        rows = [[m[k] for k in header] for m in data["mechanisms"]]
    elif table == "overlap":
        header = ["a", "b", "jaccard", "shared_count", "union", "shared"]
        rows = [[o["a"], o["b"], o["jaccard"], len(o["shared"]), o["union"], o["shared"]] for o in data["overlap"]]
    elif table == "jaccard":
        ids, matrix = a.jaccard_matrix()
        header = ["instrument", *ids]
        rows = [[i, *row] for i, row in zip(ids, matrix)]
    elif table == "cover":
        header = ["mechanism", "instruments", "cover_status"]
        rows = [[m, list(reached), a.cover.status] for m, reached in a.cover.assignment]
        rows += [[m, [], a.cover.status] for m in a.cover.uncoverable]
    elif table == "agents":
        header = ["rank", "id", "group", "level", "instruments", "degree_share", "betweenness", "strategy_instruments",
                  "name"]
        rows = [[k[h] for h in header] for k in data["agents"]]
    else:
        raise ValueError(f"unknown audit table {table!r}")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([visible(_cell(v)) for v in row])  # a CSV is often shown with `cat`
    return buf.getvalue()
