"""The rows `toolbox kb list` shows: one record per row, the same columns in every format."""

from __future__ import annotations

from typing import NamedTuple

from toolbox.kb.model import KnowledgeBase
from toolbox.levels import LEVELS


class Listing(NamedTuple):
    kb_version: str
    table: str
    """mechanisms | instruments | agents"""
    level: str | None
    """The one level asked for with --level, else None (every level)."""
    columns: tuple[str, ...]
    rows: tuple[dict, ...]
    """One dict per record, keyed by `columns`; values are text, counts, or tuples of ids."""


def listing(kb: KnowledgeBase, table: str, level: str | None = None) -> Listing:
    """The mechanisms (with their Table 2 strengths), instruments or agent types, narrowed to `level` if given.

    With a level, instruments are those with a contributor on that level, and agents those of that level.
    """
    if table == "mechanisms":
        levels = (level,) if level else LEVELS
        rows = tuple({
            "id": m.id, "name": m.name, **{f"strength_{lv}": getattr(m.strength, lv) for lv in levels},
            "empirical_support": m.empirical_support.rating, "policy_influence": m.policy_influence.rating,
            "instruments": len(kb.instruments_for(m.id)),
        } for m in kb.mechanisms.values())
        columns = ("id", "name", *(f"strength_{lv}" for lv in levels), "empirical_support", "policy_influence",
                   "instruments")
    elif table == "instruments":
        found = [i for i in kb.instruments.values()
                 if level is None or any(kb.agents[c.agent].level == level for c in kb.contributions_to(i.id))]
        rows = tuple({
            "id": i.id, "name": i.name, "mechanisms": tuple(i.mechanisms), "cost_class": i.cost_class,
            "distortion_risk": i.distortion_risk, "time_to_effect": i.time_to_effect, "policy_field": i.policy_field,
        } for i in found)
        columns = ("id", "name", "mechanisms", "cost_class", "distortion_risk", "time_to_effect", "policy_field")
    elif table == "agents":
        rows = tuple({"id": a.id, "name": a.name, "group": a.group, "level": a.level,
                      "instruments": len(kb.contributions_of(a.id))}
                     for a in kb.agents.values() if level is None or a.level == level)
        columns = ("id", "name", "group", "level", "instruments")
    else:
        raise ValueError(f"unknown table {table!r}")
    return Listing(kb.version, table, level, columns, rows)
