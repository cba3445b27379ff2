"""The JSON contract of a plan (see docs/profile.md#json-output). Keys and order are stable."""

from __future__ import annotations

from toolbox.engine.explain import Explanation
from toolbox.engine.result import Assessment, Plan, SetAside
from toolbox.render import json_text
from toolbox.render.common import caution_text, currency_of, explanation_detail, plain


def _assessment(a: Assessment) -> dict:
    return {
        "score": plain(a.score),
        "benefit": plain(a.benefit),
        "terms": [{"mechanism": t.mechanism, "deficit": t.deficit, "empirical_factor": plain(t.empirical_factor),
                   "policy_factor": plain(t.policy_factor), "value": plain(t.value)} for t in a.terms],
        "unassessed_mechanisms": list(a.unassessed),
        "cost": plain(a.cost),
        "cost_source": a.cost_source,
        "cost_class": a.cost_class,
        "cost_units": plain(a.cost_units),
        "cost_factor": plain(a.cost_factor),
        "distortion_risk": a.distortion_risk,
        "distortion_factor": plain(a.distortion_factor),
        "policy_field": a.policy_field,
        "needs_other_field": a.needs_other_field,
        "time_to_effect": a.time_to_effect,
        "delivery": a.delivery,
    }


def _set_aside(s: SetAside) -> dict:
    out = {"instrument": {"id": s.instrument, "name": s.name}, "reason": s.reason, "detail": s.detail}
    if s.assessment is not None:
        out["score"] = plain(s.assessment.score)
        out["mechanisms"] = [t.mechanism for t in s.assessment.terms]
        out["cost"] = plain(s.assessment.cost)
        out["cost_source"] = s.assessment.cost_source
    return out


def plan_dict(plan: Plan) -> dict:
    return {
        "kb_version": plan.kb_version,
        "region": plan.region,
        "cluster": plan.cluster,
        "budget": plan.budget,
        "verdict": {"code": plan.verdict.code, "message": plan.verdict.message},
        "mechanisms": [{
            "id": m.id, "name": m.name, "possible": m.possible, "observed": m.observed, "attainable": m.attainable,
            "deficit": m.deficit, "status": m.status, "empirical_support": m.empirical_support,
            "empirical_factor": plain(m.empirical_factor), "policy_influence": m.policy_influence,
            "policy_factor": plain(m.policy_factor), "need": plain(m.need), "evidence": m.evidence, "note": m.note,
        } for m in plan.mechanisms],
        "strategy": [{
            "rank": item.rank,
            "instrument": {"id": item.assessment.instrument, "name": item.assessment.name},
            "score": plain(item.assessment.score),
            "mechanisms": [t.mechanism for t in item.assessment.terms],
            "cost": plain(item.assessment.cost),
            "cumulative_cost": plain(item.cumulative_cost),
            "contributions": [{"agent": {"id": c.agent.id, "name": c.agent.name, "group": c.agent.group,
                                         "level": c.agent.level}, "types": list(c.types)} for c in item.contributions],
            "assessment": _assessment(item.assessment),
        } for item in plan.strategy],
        "deferred": [_set_aside(s) for s in plan.deferred],
        "discarded": [_set_aside(s) for s in plan.discarded],
        "in_place": [_set_aside(s) for s in plan.in_place],
        "agents": [{"id": a.id, "name": a.name, "group": a.group, "level": a.level} for a in plan.agents],
        "excluded_agents": [{"agent": {"id": e.agent.id, "name": e.agent.name, "group": e.agent.group,
                                       "level": e.agent.level}, "reason": e.reason} for e in plan.excluded_agents],
        "budget_used": plain(plan.budget_used),
        "budget_left": None if plan.budget_left is None else plain(plan.budget_left),
        "assumptions": list(plan.assumptions),
        "weights": plan.weights,
        "weights_source": plan.weights_source,
        "weights_hash": plan.weights_hash,
        "currency": currency_of(plan),
        "cautions": [{"code": c.code, "field": c.field, "line": c.line, "value": plain(c.value), "currency": c.currency,
                      "literal": c.literal, "cheapest": None if c.cheapest is None else plain(c.cheapest),
                      "instrument": c.instrument, "message": caution_text(c)} for c in plan.cautions],
    }


dumps = json_text.document


class JsonRenderer:
    def plan(self, plan: Plan) -> str:
        return dumps(plan_dict(plan))

    def explanation(self, e: Explanation) -> str:
        return dumps({
            "instrument": {"id": e.instrument, "name": e.name},
            "outcome": e.outcome, "reason": e.reason, "detail": explanation_detail(e), "rank": e.rank,
            "position": e.position, "ranked": e.ranked,
            "assessment": _assessment(e.assessment) if e.assessment else None,
            "above": [{"id": i, "score": plain(s)} for i, s in e.above],
            "below": [{"id": i, "score": plain(s)} for i, s in e.below],
            "weights": e.weights,
            "weights_source": e.weights_source,
            "weights_hash": e.weights_hash,
        })


def plan(result: Plan, options) -> str:
    return JsonRenderer().plan(result)


def explanation(result: Explanation, options) -> str:
    return JsonRenderer().explanation(result)
