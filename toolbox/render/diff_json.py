"""The JSON contract of a diff (docs/profile.md, "What changed"). Keys and order are stable."""

from __future__ import annotations

from toolbox.audit.diff import AtomChange, Diff, SavedPlan
from toolbox.engine.replan import Outcome
from toolbox.render.common import plain
from toolbox.render.diff_text import atom_text, counts, reason_text
from toolbox.render.json_text import document


def _plain(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return plain(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def _plan(p: SavedPlan) -> dict:
    return {"file": p.file, "region": p.region, "cluster": p.cluster, "kb_version": p.kb_version,
            "kb_overlay": list(p.kb_layers), "weights_source": p.weights_source, "weights_hash": p.weights_hash,
            "verdict": p.verdict}


def _outcome(o: Outcome, numbers) -> dict:
    score, marginal = numbers
    return {"outcome": o.where, "reason": o.reason, "rank": o.rank,
            "score": None if score is None else plain(score),
            "marginal_value": None if marginal is None else plain(marginal)}


def atom_dict(a: AtomChange, currency: str) -> dict:
    return {"category": a.category, "key": a.key, "old": _plain(a.old), "new": _plain(a.new),
            "detail": atom_text(a, currency)}


def diff_dict(d: Diff) -> dict:
    cur = d.new.currency
    return {
        "old": _plan(d.old),
        "new": _plan(d.new),
        "reproduced": {"old": d.reproduced[0], "new": d.reproduced[1]},
        "summary": counts(d),
        "changes": [{
            "instrument": {"id": c.instrument, "name": c.name},
            "kind": c.kind,
            "old": _outcome(c.old, c.old_numbers),
            "new": _outcome(c.new, c.new_numbers),
            "reasons": [{"categories": list(r.categories), "necessary": r.necessary,
                         "inputs": [atom_dict(a, cur) for a in r.atoms], "detail": reason_text(r, cur)}
                        for r in c.reasons],
        } for c in d.changes],
        "differences": [atom_dict(a, cur) for a in d.differences],
    }


def diff(result: Diff, options) -> str:
    return document(diff_dict(result))
