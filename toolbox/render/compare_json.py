"""The JSON contract of a comparison (docs/audit.md). Keys and order are stable."""

from __future__ import annotations

from toolbox.audit.compare import Comparison, MechanismCell
from toolbox.render.common import plain
from toolbox.render.compare_text import agent_detail, why_text
from toolbox.render.diff_json import atom_dict
from toolbox.render.diff_text import reason_text
from toolbox.render.json_out import overlay_dict
from toolbox.render.json_text import document


def _mechanism(cell: MechanismCell) -> dict:
    return {"status": cell.status, "observed": cell.observed, "attainable": cell.attainable, "deficit": cell.deficit,
            "need": plain(cell.need)}


def compare_dict(c: Comparison) -> dict:
    labels = [r.label for r in c.regions]
    cur = c.regions[0].currency if c.regions else "EUR"
    return {
        "kb_version": c.kb_version,
        "weights_source": c.weights_source,
        "weights_hash": c.weights_hash,
        "regions": [{
            "label": r.label, "file": r.file, "region": r.region, "cluster": r.cluster, "level": r.level,
            "potential": r.potential, "verdict": {"code": r.verdict, "message": r.verdict_message},
            "budget": None if r.budget is None else {"amount": plain(r.budget), "currency": r.currency},
            "budget_used": plain(r.budget_used), "strategy_size": r.strategy, "agents": r.agents,
            "kb_version": r.kb_version, "kb_overlay": overlay_dict(r.overlay), "weights_source": r.weights_source,
            "weights_hash": r.weights_hash,
            "robust_picks": None if r.robust is None else r.robust[0],
        } for r in c.regions],
        "mechanisms": [{
            "id": m.id, "name": m.name, "differs": m.differs,
            "regions": [{"region": label, **_mechanism(x)} for label, x in zip(labels, m.cells)],
        } for m in c.mechanisms],
        "shared": list(c.shared),
        "differing": list(c.differing),
        "instruments": [{
            "id": r.id, "name": r.name, "shared": r.shared, "recommended_in": list(r.recommended_in),
            "regions": [{"region": label, "outcome": x.outcome, "reason": x.reason, "rank": x.rank,
                         "score": None if x.score is None else plain(x.score),
                         "inclusion": None if x.inclusion is None else plain(x.inclusion)}
                        for label, x in zip(labels, r.cells)],
            "why": [{
                "region": w.region, "reference": w.reference, "outcome": w.outcome, "reason": w.reason,
                "detail": why_text(w),
                "mechanisms": [{"mechanism": mc.mechanism, "here": _mechanism(mc.here), "there": _mechanism(mc.there)}
                               for mc in w.mechanisms],
                "agents": [{"agent": a.agent, "level": a.level, "status": a.status, "detail": agent_detail(a, w.region)}
                           for a in w.agents],
                "causes": [{"categories": list(r.categories), "necessary": r.necessary,
                            "inputs": [atom_dict(a, cur) for a in r.atoms], "detail": reason_text(r, cur)}
                           for r in w.causes],
            } for w in r.whys],
        } for r in c.instruments],
    }


def compare_json(c: Comparison) -> str:
    return document(compare_dict(c))


def comparison(result: Comparison, options) -> str:
    return compare_json(result)
