"""The JSON contract of a plan (see docs/profile.md#json-output). Keys and order are stable."""

from __future__ import annotations

from toolbox.engine.explain import Explanation
from toolbox.engine.result import Assessment, Plan, SetAside
from toolbox.render import json_text
from toolbox.render.gaps_render import gaps_dict, organisation_dict
from toolbox.render.common import (
    agreement_text,
    caution_text,
    currency_of,
    explanation_detail,
    plain,
    sensitivity_text,
    set_aside_text,
)


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
        "field_factor": plain(a.field_factor),
        "value": plain(a.value),
        "listed_distortion_risk": a.listed_distortion_risk,
        "design": a.design,
        "indirect_factor": plain(a.indirect_factor),
    }


def _number(value):
    return plain(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _robust(plan: Plan, instrument: str) -> dict:
    """`inclusion` and `rank_acceptability` of one instrument: null without --robustness (and in place)."""
    r = plan.robustness.of(instrument) if plan.robustness else None
    return {"inclusion": None if r is None else plain(r.inclusion),
            "rank_acceptability": None if r is None else [plain(v) for v in r.rank_acceptability]}


def _set_aside(s: SetAside, currency: str = "", plan: Plan | None = None) -> dict:
    out = {"instrument": {"id": s.instrument, "name": s.name}, "reason": s.reason,
           "detail": set_aside_text(s, currency), "data": {k: _number(v) for k, v in s.data}}
    if s.assessment is not None:
        out["score"] = plain(s.assessment.score)
        out["mechanisms"] = [t.mechanism for t in s.assessment.terms]
        out["cost"] = plain(s.assessment.cost)
        out["cost_source"] = s.assessment.cost_source
        out["design"] = s.assessment.design
    if plan is not None:
        out.update(_robust(plan, s.instrument))
    return out


def _measured(m) -> list[dict]:
    return [{**f._asdict(), "value": plain(f.value), "normalised": plain(f.normalised)} for f in m.measured]


def _cluster(cluster: dict) -> dict:
    mapping = cluster.get("mapping")
    if not mapping:
        return {**cluster, "mapping": None}
    return {**cluster, "mapping": {k: _number(v) for k, v in mapping.items()}}


def robustness_dict(plan: Plan) -> dict | None:
    r = plan.robustness
    if r is None:
        return None
    a = r.agreement
    return {
        "seed": r.seed, "draws": r.draws, "method": r.method,
        "agreement": {"sample": a.sample, "same": a.same, "share": plain(a.same / a.sample) if a.sample else None,
                      "binding_in_sample": a.binding, "binding_draws": a.binding_draws,
                      "shortfall": plain(a.shortfall),
                      "detail": agreement_text(r)},
        "rating_step": plain(r.rating_step), "core_threshold": plain(r.core_threshold),
        "core": list(r.core), "fragile": list(r.fragile),
        "sensitivity": [{"input": s.input, "target": s.target, "entry": s.entry, "shift": plain(s.shift),
                         "instrument": s.instrument, "change": plain(s.change), "detail": sensitivity_text(s)}
                        for s in r.sensitivity],
        "instruments": [{"id": i.instrument, "name": i.name, "rank": i.rank, "inclusion": plain(i.inclusion),
                         "rank_acceptability": [plain(v) for v in i.rank_acceptability],
                         "winning_index": [{"against": other, "share": plain(v)} for other, v in i.winning]}
                        for i in r.instruments],
    }


def plan_dict(plan: Plan) -> dict:
    cur = currency_of(plan)
    p = plan.portfolio
    return {
        "kb_version": plan.kb_version,
        "region": plan.region,
        "cluster": _cluster(plan.cluster),
        "budget": plan.budget,
        "verdict": {"code": plan.verdict.code, "message": plan.verdict.message,
                    "to_assess": list(plan.verdict.to_assess),
                    "best_value_per_cost": None if plan.verdict.best_value_per_cost is None
                    else plain(plan.verdict.best_value_per_cost),
                    "threshold": None if plan.verdict.threshold is None else plain(plan.verdict.threshold)},
        "mechanisms": [{
            "id": m.id, "name": m.name, "possible": m.possible, "observed": m.observed, "attainable": m.attainable,
            "deficit": m.deficit, "status": m.status, "empirical_support": m.empirical_support,
            "empirical_factor": plain(m.empirical_factor), "policy_influence": m.policy_influence,
            "policy_factor": plain(m.policy_factor), "need": plain(m.need), "evidence": m.evidence, "note": m.note,
            "attainable_source": m.attainable_source, "attainable_reason": m.attainable_reason,
            "observed_range": m.observed_range,
            "observed_source": m.observed_source, "data_grade": m.data_grade,
            "measured": _measured(m),
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
            "marginal_value": plain(item.marginal_value),
            **_robust(plan, item.assessment.instrument),
        } for item in plan.strategy],
        "deferred": [_set_aside(s, cur, plan) for s in plan.deferred],
        "discarded": [_set_aside(s, cur, plan) for s in plan.discarded],
        "in_place": [_set_aside(s, cur) for s in plan.in_place],
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
        "unserved": [{"mechanism": u.mechanism, "name": u.name, "deficit": u.deficit, "reason": u.reason,
                      "instruments": list(u.instruments)} for u in plan.unserved],
        "portfolio": None if p is None else {
            "method": p.method, "value": plain(p.value), "greedy_value": plain(p.greedy_value),
            "gap": plain(p.value - p.greedy_value), "proven_optimal": p.proven_optimal},
        "redundant_pairs": [list(pair) for pair in plan.redundant_pairs],
        "robustness": robustness_dict(plan),
        "roadmap": None if plan.roadmap is None else _roadmap_years(plan.roadmap),
        "roadmap_details": None if plan.roadmap is None else _roadmap_details(plan.roadmap, cur),
        **interaction_dict(plan),
        "inputs": inputs_dict(plan.inputs),
        "kb_overlay": overlay_dict(plan.kb_overlay),
        "gap_term": [{"gap": key.split(":", 1)[1], "need": plain(need)} for key, need in plan.gap_term],
        "gaps": None if plan.gaps is None else gaps_dict(plan.gaps),
        "organisation": None if plan.organisation is None else organisation_dict(plan.organisation),
    }


def _roadmap_years(r) -> list:
    """The roadmap's years: what each costs and which instruments it pays for, each with its start year."""
    return [{
        "year": y.year,
        "budget": None if y.budget is None else plain(y.budget),
        "spent": plain(y.spent),
        "value": plain(y.value),
        "instruments": [{"id": e.instrument, "name": e.name, "start_year": e.start_year, "end_year": e.end_year,
                         "effect_year": e.effect_year, "cost": plain(e.cost), "delivery": e.delivery,
                         "quick_win": e.quick_win, "in_place": e.in_place} for e in y.instruments],
    } for y in r.years]


def _roadmap_details(r, currency: str) -> dict:
    from toolbox.render.roadmap_text import beyond_text, difference_text, started

    return {
        "horizon": r.horizon, "first_year": r.first_year, "discount_rate": plain(r.discount_rate),
        "quick_wins": plain(r.quick_wins), "value": plain(r.value), "proven_optimal": r.proven_optimal,
        "in_place_cost": plain(r.in_place_cost),
        "single_year_budget": None if r.single_year_budget is None else plain(r.single_year_budget),
        "instruments": [{"id": s.instrument, "name": s.name, "start_year": s.start_year, "end_year": s.end_year,
                         "effect_year": s.effect_year, "cost": plain(s.cost), "delivery": s.delivery,
                         "quick_win": s.quick_win} for s in started(r)],
        "beyond_horizon": [{"id": b.instrument, "name": b.name, "years_to_effect": b.years_to_effect,
                            "effect_year": b.effect_year, "detail": beyond_text(b, r)} for b in r.beyond_horizon],
        "first_year_differences": [{
            "instrument": {"id": d.instrument, "name": d.name}, "in_single_year": d.in_single_year,
            "start_year": d.start_year, "reason": d.reason, "data": {k: plain(v) for k, v in d.data},
            "detail": difference_text(d, r, currency)} for d in r.differences],
    }


def _uses(uses) -> list:
    return [{"id": u.id, "instruments": list(u.instruments)} for u in uses]


def interaction_dict(plan: Plan) -> dict:
    """Issue 14's keys: monitoring, spillovers, rationales, governance, hindering_behaviours."""
    s, r, g = plan.spillovers, plan.rationales, plan.governance
    names = {i.assessment.instrument: i.assessment.name for i in plan.strategy}
    return {
        "monitoring": [{"rank": m.rank, "instrument": {"id": m.instrument, "name": m.name}, "level": m.level,
                        "measure": m.measure, "indicator": m.indicator, "baseline": None, "target": None}
                       for m in plan.monitoring],
        "spillovers": None if s is None else {
            "channels": [{"axis": axis, "id": u.id, "open": bool(u.instruments), "instruments": list(u.instruments)}
                         for axis, uses in s.channels for u in uses],
            "opened": list(s.opened), "closed": list(s.closed),
            "horizon": {"short_term": list(s.horizon.short_term), "future_oriented": list(s.horizon.future_oriented),
                        "short_term_cost": plain(s.horizon.short_term_cost),
                        "future_oriented_cost": plain(s.horizon.future_oriented_cost),
                        "balance": s.horizon.balance},
            "unassessed": list(s.unassessed)},
        "rationales": None if r is None else {
            "failures": _uses(r.failures), "addressed": [u.id for u in r.failures if u.instruments],
            "approaches": _uses(r.approaches), "unassessed": list(r.unassessed)},
        "governance": None if g is None else {
            "conditions": dict(g.conditions), "fit": g.fit, "low": list(g.low),
            "social_mechanisms_present": list(g.present), "social_mechanisms_to_build": list(g.to_build),
            "network_it": g.network_it,
            "digital": [{"instrument": {"id": i, "name": names.get(i, i)}, "form": f} for i, f in g.digital]},
        "hindering_behaviours": [{"id": b.id, "name": b.name, "description": b.description, "source": b.source}
                                 for b in plan.hindering_behaviours],
    }


def inputs_dict(inputs) -> dict | None:
    """What the decisions rest on beyond `mechanisms` and `weights` (`toolbox diff` reads it)."""
    if inputs is None:
        return None
    return {
        "version": inputs.version, "potential": inputs.potential, "level": inputs.level,
        "currency": inputs.currency, "eur_rate": plain(inputs.eur_rate),
        "budget": None if inputs.budget is None else plain(inputs.budget),
        "instruments": [{
            "id": i.id, "name": i.name, "mechanisms": list(i.mechanisms), "cost": plain(i.cost),
            "cost_source": i.cost_source, "distortion_risk": i.distortion_risk,
            "design": None if i.design_risk is None else {"distortion_risk": i.design_risk, "reason": i.design},
            "policy_field": i.policy_field, "carriers": list(i.carriers), "in_place": i.in_place,
            "indirect": i.indirect, "gaps": list(i.gaps),
            "programme_gaps": None if i.programme_gaps is None else list(i.programme_gaps),
        } for i in inputs.instruments],
        "gaps": list(inputs.gaps),
        "programme_gaps": None if inputs.programme_gaps is None else list(inputs.programme_gaps),
    }


def overlay_dict(overlay) -> dict | None:
    """The overlay knowledge base and what it changes against the shipped one; None without one."""
    if overlay is None:
        return None
    return {
        "layers": list(overlay.layers),
        "added": overlay.count("added"), "removed": overlay.count("removed"), "changed": overlay.count("changed"),
        "changes": [{"section": c.section, "id": c.id, "change": c.change,
                     "fields": [{"field": f, "shipped": _number(a), "overlay": _number(b)} for f, a, b in c.fields]}
                    for c in overlay.changes],
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
            "marginal_value": None if e.marginal_value is None else plain(e.marginal_value),
            "marginal_terms": [{"mechanism": t.mechanism, "need": plain(t.need), "before": plain(t.before),
                                "factor": plain(t.factor), "gain": plain(t.gain)} for t in e.marginal_terms],
            "alternative": None if e.alternative is None else {
                "id": e.alternative.instrument, "name": e.alternative.name, "outcome": e.alternative.outcome,
                "reason": e.alternative.reason, "marginal_value": plain(e.alternative.marginal_value),
                "value_per_cost": plain(e.alternative.value_per_cost)},
            "kb_overlay": overlay_dict(e.kb_overlay),
            "robustness": None if e.robustness is None else {
                "draws": e.draws, "seed": e.seed, "inclusion": plain(e.robustness.inclusion),
                "rank_acceptability": [plain(v) for v in e.robustness.rank_acceptability],
                "winning_index": [{"against": other, "share": plain(v)} for other, v in e.robustness.winning]},
            "mapping": _cluster({"mapping": e.mapping})["mapping"],
            "evidence": [{"mechanism": m.id, "observed": m.observed, "observed_source": m.observed_source,
                          "data_grade": m.data_grade, "measured": _measured(m)} for m in e.evidence],
        })


def plan(result: Plan, options) -> str:
    return JsonRenderer().plan(result)


def explanation(result: Explanation, options) -> str:
    return JsonRenderer().explanation(result)
