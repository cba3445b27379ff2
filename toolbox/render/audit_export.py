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


def _plain_of(values) -> dict:
    """`plain` of each distinct value: an overlay's tens of thousands of pairs share a few hundred Jaccard values."""
    return {v: plain(v) for v in set(values)}


def _overlaps(pairs: tuple[Overlap, ...]) -> list[dict]:
    shown = _plain_of(o.jaccard for o in pairs)
    return [{"a": o.a, "b": o.b, "jaccard": shown[o.jaccard], "shared": list(o.shared), "union": o.union}
            for o in pairs]


def _instruments(a: Audit) -> list[dict]:
    s = a.scope
    return [{
        "rank": i.rank, "id": i.id, "name": i.name, "mechanism_count": i.mechanism_count,
        "mechanisms": list(i.mechanisms), "reach": plain(i.reach),
        "deficient_mechanisms": list(i.deficient) if s.deficient is not None else None,
        "outcome": i.outcome, "reason": i.reason, "in_cover": i.in_cover,
    } for i in a.instruments]


def _mechanisms(a: Audit) -> list[dict]:
    return [{
        "id": m.id, "name": m.name, "instrument_count": m.instrument_count, "instruments": list(m.instruments),
        "weight": plain(m.weight), "thin": m.thin, "status": m.status, "deficit": m.deficit,
        "need": _num(m.need),
        "strategy_instruments": None if m.strategy_instruments is None else list(m.strategy_instruments),
        "unserved": m.unserved,
    } for m in a.mechanisms]


def _agents(a: Audit) -> list[dict]:
    return [{
        "rank": k.rank, "id": k.id, "name": k.name, "group": k.group, "level": k.level,
        "instruments": k.instruments, "degree_share": plain(k.degree_share),
        "betweenness": plain(k.betweenness), "strategy_instruments": k.strategy_instruments,
    } for k in a.agents]


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
        "instruments": _instruments(a),
        "mechanisms": _mechanisms(a),
        "overlap": _overlaps(a.overlaps),
        "redundant_pairs": None if s.strategy is None else _overlaps(a.redundant),
        "minimum_cover": {
            "target": list(c.target), "uncoverable": list(c.uncoverable), "size": c.size,
            "instruments": [{"id": i, "reaches": list(ms)} for i, ms in c.by_instrument()],
            "value": plain(c.value), "count": c.count, "count_capped": c.count_capped, "status": c.status,
        },
        "agents": _agents(a),
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


def _memo(show):
    """`show` remembered for each distinct (hashable) value: the large tables repeat a few ids and numbers.
    Keyed by type too, since True == 1 == 1.0 but each is written differently."""
    cache: dict = {}

    def shown(value):
        key = value.__class__, value
        found = cache.get(key)
        if found is None:
            found = cache[key] = show(value)
        return found

    return shown


def audit_csv(a: Audit, options) -> str:
    """One table of the audit, `options.table` (or the table's name), as CSV; lists are joined with ';'."""
    table = options if isinstance(options, str) else options.table
    cell = _memo(lambda v: visible(_cell(v)))  # a CSV is often shown with `cat`
    if table == "instruments":
        header = ["rank", "id", "mechanism_count", "reach", "mechanisms", "deficient_mechanisms", "outcome", "reason",
                  "in_cover", "name"]
        rows = [[i[k] for k in header] for i in _instruments(a)]
    elif table == "mechanisms":
        header = ["id", "instrument_count", "weight", "thin", "status", "deficit", "need", "strategy_instruments",
                  "unserved", "instruments", "name"]
        rows = [[m[k] for k in header] for m in _mechanisms(a)]
    elif table == "overlap":
        header = ["a", "b", "jaccard", "shared_count", "union", "shared"]
        jaccard = _memo(lambda v: cell(plain(v)))
        rows = [[cell(o.a), cell(o.b), jaccard(o.jaccard), cell(len(o.shared)), cell(o.union), cell(o.shared)]
                for o in a.overlaps]
        return _write(header, rows)
    elif table == "jaccard":
        ids, matrix = a.jaccard_matrix()
        header = ["instrument", *ids]
        return _write([cell(v) for v in header], [[cell(i), *map(cell, row)] for i, row in zip(ids, matrix)])
    elif table == "cover":
        header = ["mechanism", "instruments", "cover_status"]
        rows = [[m, list(reached), a.cover.status] for m, reached in a.cover.assignment]
        rows += [[m, [], a.cover.status] for m in a.cover.uncoverable]
    elif table == "agents":
        header = ["rank", "id", "group", "level", "instruments", "degree_share", "betweenness", "strategy_instruments",
                  "name"]
        rows = [[k[h] for h in header] for k in _agents(a)]
    else:
        raise ValueError(f"unknown audit table {table!r}")
    return _write(header, [[visible(_cell(v)) for v in row] for row in rows])


def _write(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
