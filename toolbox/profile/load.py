"""Reading a region profile: YAML, schema, then every id checked against the knowledge base."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from toolbox.errors import InputError, Problem
from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import RegionProfile
from toolbox.validation import in_document, problems_from, unknown
from toolbox.yamlio import Document, load_yaml


def load_profile(path: Path | str, kb: KnowledgeBase) -> RegionProfile:
    """Load and check a profile, or raise InputError naming file, line and field of every problem."""
    doc = load_yaml(path)
    return profile_from(doc, kb)


def profile_from(doc: Document, kb: KnowledgeBase) -> RegionProfile:
    if not isinstance(doc.value, dict):
        raise InputError(doc.problem((), "expected a mapping with at least 'region' and 'cluster'"))
    problems: list[Problem] = []
    try:
        profile = RegionProfile.model_validate(doc.value)
    except ValidationError as exc:
        problems = problems_from(exc, RegionProfile, in_document(doc))
        profile = None
    problems += _check_ids(doc, kb)
    if problems or profile is None:
        raise InputError(problems)
    return profile


def _check_ids(doc: Document, kb: KnowledgeBase) -> list[Problem]:
    """Ids the profile names that the knowledge base does not know, checked on the raw data."""
    data = doc.value
    out = []
    mechanisms = data.get("mechanisms")
    if isinstance(mechanisms, dict):
        for key in mechanisms:
            if key not in kb.mechanisms:
                out.append(doc.problem(("mechanisms", key), unknown("mechanism", key, kb.mechanisms)))
    agents = data.get("agents")
    if isinstance(agents, list):
        seen: dict[str, int] = {}
        for i, item in enumerate(agents):
            agent_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(agent_id, str):
                continue
            if agent_id not in kb.agents:
                out.append(doc.problem(("agents", i, "id"), unknown("agent", agent_id, kb.agents)))
            elif agent_id in seen:
                out.append(doc.problem(("agents", i, "id"), f"agent '{agent_id}' is listed twice (first as agents[{seen[agent_id]}])"))
            seen.setdefault(agent_id, i)
    in_place = data.get("in_place")
    if isinstance(in_place, list):
        for i, inst in enumerate(in_place):
            if isinstance(inst, str) and inst not in kb.instruments:
                out.append(doc.problem(("in_place", i), unknown("instrument", inst, kb.instruments)))
    costs = data.get("costs")
    if isinstance(costs, dict):
        for key in costs:
            if key not in kb.instruments:
                out.append(doc.problem(("costs", key), unknown("instrument", key, kb.instruments)))
    return out
