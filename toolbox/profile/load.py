"""Reading a region profile: YAML, schema, then every id checked against the knowledge base."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from toolbox.errors import InputError, Problem
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import LEVELS, STRENGTH_VALUE
from toolbox.profile.model import RegionProfile
from toolbox.validation import MAX_PROBLEMS, in_document, problems_from, validate
from toolbox.validation import unknown as _unknown
from toolbox.yamlio import Document, load_yaml

RISK_ORDER = ("low", "medium", "high")


def load_profile(path: Path | str, kb: KnowledgeBase) -> RegionProfile:
    """Load and check a profile, or raise InputError naming file, line and field of every problem."""
    doc = load_yaml(path)
    return profile_from(doc, kb)


def profile_from(doc: Document, kb: KnowledgeBase) -> RegionProfile:
    if not isinstance(doc.value, dict):
        raise InputError(doc.problem((), "expected a mapping with at least 'region' and 'cluster'"))
    problems: list[Problem] = []
    try:
        profile = validate(RegionProfile, doc.value)
    except ValidationError as exc:
        problems = problems_from(exc, RegionProfile, in_document(doc), doc.value)
        profile = None
    ids = _check_ids(doc, kb)
    named = {(p.line, p.path) for p in ids}  # an unknown id says more than "not an id" at the same place
    problems = [p for p in problems if (p.line, p.path) not in named or " is not an id" not in p.message] + ids
    if problems or profile is None:
        raise InputError(problems)
    _check_currency(doc, kb, profile)
    profile._cautions = _dotted_money(doc, profile)
    return profile


def _check_currency(doc: Document, kb: KnowledgeBase, profile: RegionProfile) -> None:
    """A budget in another currency than EUR needs a rate, or local costs wherever an indicative EUR cost
    would be used: otherwise EUR figures would be counted as, and labelled, that currency."""
    budget = profile.budget
    if budget is None or budget.currency == "EUR" or budget.eur_rate is not None:
        return
    from toolbox.engine.money import unpriced

    missing = unpriced(kb, profile)
    if not missing:
        return
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    raise InputError(doc.problem(("budget", "currency"), (
        f"the budget is in {budget.currency}, but the indicative costs of the knowledge base are EUR figures "
        f"and {len(missing)} instrument(s) addressing a deficit have no local cost ({shown}); add the exchange "
        f"rate under budget as 'eur_rate: N', where 1 EUR = N {budget.currency} (e.g. eur_rate: 395.0), "
        f"or give their yearly costs in {budget.currency} under 'costs'")))


def _dotted_money(doc: Document, profile: RegionProfile) -> tuple:
    """Money written like 800.000: YAML reads it as 800, where a European reader meant 800000."""
    from toolbox.engine.result import Caution
    from toolbox.validation import DOTTED_THOUSANDS

    currency = profile.budget.currency if profile.budget else "EUR"
    paths = [("budget", "amount")] + [("costs", key) for key in profile.costs]
    out = []
    for path in paths:
        text = doc.float_text.get(path)
        if text is not None and DOTTED_THOUSANDS.match(text.lstrip("+")):
            out.append(Caution("dotted_thousands", ".".join(path), float(text), currency,
                               line=doc.line_of(path), literal=text))
    return tuple(out)


def _check_ids(doc: Document, kb: KnowledgeBase) -> list[Problem]:
    """Ids the profile names that the knowledge base does not know, checked on the raw data."""
    data = doc.value
    out = []
    listed: set[str] = set()

    def unknown(what: str, word: str, choices) -> str:  # the list of choices once per kind, not on every line
        message = _unknown(what, word, choices)
        if "expected one of" in message:
            if what in listed:
                return f"unknown {what} '{word}'"
            listed.add(what)
        return message

    mechanisms = data.get("mechanisms")
    region = data.get("region")
    level = region.get("level") if isinstance(region, dict) else None
    if isinstance(mechanisms, dict):
        for key, seen in mechanisms.items():
            if key not in kb.mechanisms:
                out.append(doc.problem(("mechanisms", key), unknown("mechanism", key, kb.mechanisms)))
            elif isinstance(seen, dict) and seen.get("attainable") in STRENGTH_VALUE and level in LEVELS:
                paper = getattr(kb.mechanisms[key].strength, level)
                if STRENGTH_VALUE[seen["attainable"]] >= STRENGTH_VALUE[paper]:
                    out.append(doc.problem(("mechanisms", key, "attainable"),
                                           f"'attainable' may only lower Table 2's strength, which is {paper} on the "
                                           f"{level} level; remove it to use Table 2's"))
            if len(out) > MAX_PROBLEMS:
                return out
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
            if len(out) > MAX_PROBLEMS:
                return out
    in_place = data.get("in_place")
    if isinstance(in_place, list):
        first: dict[str, int] = {}
        for i, inst in enumerate(in_place):
            if not isinstance(inst, str):
                continue
            if inst not in kb.instruments:
                out.append(doc.problem(("in_place", i), unknown("instrument", inst, kb.instruments)))
            elif inst in first:
                out.append(doc.problem(("in_place", i),
                                       f"instrument '{inst}' is listed twice (first as in_place[{first[inst]}])"))
            first.setdefault(inst, i)
            if len(out) > MAX_PROBLEMS:
                return out
    designs = data.get("designs")
    if isinstance(designs, dict):
        for key, design in designs.items():
            if key not in kb.instruments:
                out.append(doc.problem(("designs", key), unknown("instrument", key, kb.instruments)))
            elif isinstance(design, dict) and design.get("distortion_risk") in RISK_ORDER:
                listed = kb.instruments[key].distortion_risk
                if RISK_ORDER.index(design["distortion_risk"]) >= RISK_ORDER.index(listed):
                    out.append(doc.problem(("designs", key, "distortion_risk"),
                                           f"a design may only lower the distortion risk, which is {listed} for "
                                           f"'{key}'"))
            if len(out) > MAX_PROBLEMS:
                return out
    budget = data.get("budget")
    paid = budget.get("pays_for_in_place") if isinstance(budget, dict) else None
    if isinstance(paid, list):
        running = set(in_place) if isinstance(in_place, list) else set()
        programmes = data.get("programmes")
        if isinstance(programmes, list):  # a programme that is a Benner instrument is in place too
            running |= {p["instrument"] for p in programmes if isinstance(p, dict) and isinstance(p.get("instrument"), str)}
        first = {}
        for i, inst in enumerate(paid):
            if not isinstance(inst, str):
                continue
            where = ("budget", "pays_for_in_place", i)
            if inst not in kb.instruments:
                out.append(doc.problem(where, unknown("instrument", inst, kb.instruments)))
            elif inst in first:
                out.append(doc.problem(where, f"instrument '{inst}' is listed twice (first as "
                                              f"budget.pays_for_in_place[{first[inst]}])"))
            elif inst not in running:
                out.append(doc.problem(where, f"instrument '{inst}' is not in 'in_place' or 'programmes'; the budget "
                                              "can only pay for instruments the region already runs (add it to "
                                              "in_place, or remove it here)"))
            first.setdefault(inst, i)
    conditions = data.get("exchange_conditions")
    mechanisms = conditions.get("social_mechanisms") if isinstance(conditions, dict) else None
    if isinstance(mechanisms, list):
        for i, name in enumerate(mechanisms):
            where = ("exchange_conditions", "social_mechanisms", i)
            if isinstance(name, str) and name not in kb.social_mechanisms:
                out.append(doc.problem(where, unknown("social mechanism", name, kb.social_mechanisms)))
            elif isinstance(name, str) and mechanisms.index(name) != i:
                out.append(doc.problem(where, f"social mechanism '{name}' is listed twice"))
    out += _check_programmes(doc, kb, unknown)
    if len(out) > MAX_PROBLEMS:
        return out
    costs = data.get("costs")
    if isinstance(costs, dict):
        for key in costs:
            if key not in kb.instruments:
                out.append(doc.problem(("costs", key), unknown("instrument", key, kb.instruments)))
            if len(out) > MAX_PROBLEMS:
                return out
    return out


def _check_programmes(doc: Document, kb: KnowledgeBase, unknown) -> list[Problem]:
    """Each programme's instrument and gaps are ids the knowledge base knows; one without an instrument
    names its gaps, since nothing else says which bridge it is."""
    programmes = doc.value.get("programmes")
    out: list[Problem] = []
    if not isinstance(programmes, list):
        return out
    names: dict[str, int] = {}
    for i, item in enumerate(programmes):
        if not isinstance(item, dict):
            continue
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            key = " ".join(name.split()).casefold()
            if key in names:
                out.append(doc.problem(("programmes", i, "name"),
                                       f"programme '{name.strip()}' is listed twice (first as programmes[{names[key]}])"))
            names.setdefault(key, i)
        instrument = item.get("instrument")
        if isinstance(instrument, str) and instrument not in kb.instruments:
            out.append(doc.problem(("programmes", i, "instrument"), unknown("instrument", instrument, kb.instruments)))
        gaps = item.get("gaps")
        if isinstance(gaps, list):
            for k, gap in enumerate(gaps):
                if isinstance(gap, str) and gap not in kb.gaps:
                    out.append(doc.problem(("programmes", i, "gaps", k), unknown("gap", gap, kb.gaps)))
        if instrument is None and not gaps:
            out.append(doc.problem(("programmes", i), "a programme that is no Benner instrument needs 'gaps': "
                                                      "the gaps of innovation it bridges"))
        if len(out) > MAX_PROBLEMS:
            break
    return out
