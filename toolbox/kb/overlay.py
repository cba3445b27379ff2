"""What a user's knowledge-base directories change against the shipped knowledge base.

A plan made with an overlay names it and lists its changes (records added, removed, fields changed),
so that a changed rating is never mistaken for the shipped one: the version hash alone says only that
something differs.
"""

from __future__ import annotations

from typing import NamedTuple

TABLES = ("mechanisms", "instruments", "agents", "documents", "levels", "agent_groups", "dimensions", "gaps",
          "policy_fields", "contribution_types", "cost_classes")
"""The KnowledgeBase fields that map ids to records that are listed first; every other such field follows."""


def _tables(kb) -> list[str]:
    """Every field of the KnowledgeBase mapping ids to records: TABLES, then the others in their order, so
    that a vocabulary added to the knowledge base is compared without a change here."""
    from dataclasses import fields

    others = [f.name for f in fields(kb) if f.name not in TABLES and f.name != "contribution_sources"
              and isinstance(getattr(kb, f.name), dict)]
    return [*TABLES, *others]


class KbChange(NamedTuple):
    """One record an overlay added, removed or changed against the shipped knowledge base."""

    section: str
    """mechanisms | instruments | agents | contributions | documents | ... (the data file's section)"""
    id: str
    """The record's id; for contributions, the instrument's (each field is an agent, its types before and after)."""
    change: str
    """added | removed | changed"""
    fields: tuple[tuple[str, object, object], ...] = ()
    """changed: (dotted field, shipped value, overlay value) for each field that differs."""


class KbOverlay(NamedTuple):
    """The user's knowledge-base directories on top of the shipped one, and what they change."""

    layers: tuple[str, ...]
    """The directories as given (--kb or TOOLBOX_KB), lowest first."""
    changes: tuple[KbChange, ...]

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)


def _leaves(value, prefix: str = "") -> dict[str, object]:
    """A record's fields by dotted path; mappings are walked, lists and scalars are leaves."""
    if isinstance(value, dict) and value:
        out: dict[str, object] = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: value}


def field_changes(old: dict, new: dict) -> tuple[tuple[str, object, object], ...]:
    """(dotted field, old, new) for every leaf that differs, in the new record's field order."""
    a, b = _leaves(old), _leaves(new)
    keys = list(b) + [k for k in a if k not in b]
    return tuple((k, a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k))


def changes(shipped, kb) -> tuple[KbChange, ...]:
    """Every record of `kb` added, removed or changed against `shipped` (both KnowledgeBase)."""
    out: list[KbChange] = []
    for section in _tables(kb):
        old, new = getattr(shipped, section), getattr(kb, section)
        for key, record in new.items():
            if key not in old:
                out.append(KbChange(section, key, "added"))
            elif record != old[key]:
                fields = field_changes(old[key].model_dump(mode="json"), record.model_dump(mode="json"))
                if fields:
                    out.append(KbChange(section, key, "changed", fields))
        out += [KbChange(section, key, "removed") for key in old if key not in new]
    # contributions per instrument, as agent: types; an added instrument's rows come with it
    before: dict[str, dict[str, list[str]]] = {}
    for c in shipped.contributions:
        before.setdefault(c.instrument, {})[c.agent] = list(c.types)
    after: dict[str, dict[str, list[str]]] = {}
    for c in kb.contributions:
        if c.instrument in shipped.instruments:
            after.setdefault(c.instrument, {})[c.agent] = list(c.types)
    for instrument in [*after, *(i for i in before if i not in after)]:
        old, new = before.get(instrument, {}), after.get(instrument, {})
        fields = field_changes(old, new)
        if fields:
            out.append(KbChange("contributions", instrument, "changed", fields))
    return tuple(out)
