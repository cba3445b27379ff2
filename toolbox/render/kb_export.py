"""The whole knowledge base as data: the JSON contract other tools read, and CSV tables."""

from __future__ import annotations

import csv
import io

from toolbox.kb.listing import Listing
from toolbox.kb.model import KnowledgeBase
from toolbox.kb.records import ISSUE14_SECTIONS
from toolbox.render.json_text import document
from toolbox.safe_text import json_escape, visible


def _source(record) -> dict:
    return record.source.model_dump(exclude_none=True)


def kb_dict(kb: KnowledgeBase) -> dict:
    return {
        "kb_version": kb.version,
        "mechanisms": [{
            "id": m.id, "name": m.name, "description": m.description,
            "strength": m.strength.model_dump(), "dimensions": list(m.dimensions),
            "empirical_support": m.empirical_support.model_dump(exclude_none=True),
            "policy_influence": m.policy_influence.model_dump(),
            "instruments": [i.id for i in kb.instruments_for(m.id)],
            "source": _source(m),
        } for m in kb.mechanisms.values()],
        "instruments": [{
            "id": i.id, "name": i.name, "variants": list(i.variants), "description": i.description,
            "mechanisms": list(i.mechanisms), "cost_class": i.cost_class,
            "indicative_cost": {"min": i.cost.low, "max": i.cost.high, "typical": i.cost.typical,
                                "basis": i.cost.basis, "currency": "EUR", "per": "year", "indicative": True},
            "distortion_risk": i.distortion_risk, "time_to_effect": i.time_to_effect, "delivery": i.delivery,
            "policy_field": i.policy_field, "gaps": list(i.gaps),
            **{name: None if getattr(i, name) is None else getattr(i, name).model_dump(mode="json")
               for name in ("monitoring", "spillover_channels", "failures", "approach", "digital_form",
                            "effect_years", "duration", "running_cost")},
            "source": _source(i),
            "influence": i.influence.model_dump() if i.influence is not None else None,
        } for i in kb.instruments.values()],
        "agents": [{
            "id": a.id, "name": a.name, "description": a.description, "group": a.group, "level": a.level,
            "kind": a.kind, "source": _source(a),
        } for a in kb.agents.values()],
        "contributions": [{
            "instrument": c.instrument, "agent": c.agent, "types": list(c.types),
            "source": [s.model_dump(exclude_none=True) for s in kb.contribution_sources.get(c.instrument, ())],
        } for c in kb.contributions],
        "vocabulary": {
            name: [t.model_dump(exclude_none=True) for t in getattr(kb, name).values()]
            for name in ("documents", "levels", "agent_groups", "dimensions", "gaps", "policy_fields",
                         "contribution_types", "cost_classes", *ISSUE14_SECTIONS)
        },
    }


def _flat(value) -> str:
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={_flat(v)}" for k, v in value.items())
    return "" if value is None else str(value)


CSV_TABLES = ("mechanisms", "instruments", "agents", "contributions", "links")


def csv_table(kb: KnowledgeBase, table: str) -> str:
    """One table as CSV; nested values are flattened ('a;b', 'key=value;…')."""
    data = kb_dict(kb)
    if table == "links":
        rows = [{"instrument": i["id"], "mechanism": m} for i in data["instruments"] for m in i["mechanisms"]]
    elif table == "mechanisms":
        rows = [{"id": m["id"], "name": m["name"], **{f"strength_{k}": v for k, v in m["strength"].items()},
                 "dimensions": m["dimensions"], "empirical_support": m["empirical_support"]["rating"],
                 "policy_influence": m["policy_influence"]["rating"],
                 "policy_mode": m["policy_influence"]["mode"], "policy_via": m["policy_influence"]["via"],
                 "instruments": len(m["instruments"]), "source": m["source"]} for m in data["mechanisms"]]
    elif table == "instruments":
        rows = [{k: v for k, v in i.items() if k not in ("description", "indicative_cost", "influence")}
                | {"typical_cost_eur": i["indicative_cost"]["typical"],
                   "influence": (i["influence"] or {"mode": "direct"})["mode"]} for i in data["instruments"]]
    elif table == "agents":
        rows = data["agents"]
    else:
        rows = [{"instrument": c["instrument"], "agent": c["agent"], "types": c["types"]} for c in data["contributions"]]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: visible(_flat(v)) for k, v in row.items()})  # a CSV is often shown with `cat`
    return buf.getvalue()


def kb_json(kb: KnowledgeBase, options) -> str:
    return document(kb_dict(kb))


def kb_csv(kb: KnowledgeBase, options) -> str:
    return csv_table(kb, options.table)


def kb_yaml(kb: KnowledgeBase, options) -> str:
    """YAML with every character a terminal would obey written as an escape (a YAML writer keeps bidirectional
    controls and C1 characters raw): texts holding one are double-quoted, where `\\uXXXX` means that character."""
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):
        pass

    def text(dumper, value: str):
        style = '"' if json_escape(value) != value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return json_escape(yaml.dump(kb_dict(kb), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100))


def listing_json(listing: Listing, options) -> str:
    return document({"kb_version": listing.kb_version, "table": listing.table, "level": listing.level,
                     "rows": [{c: list(v) if isinstance(v, tuple) else v for c, v in row.items()}
                              for row in listing.rows]})


def listing_csv(listing: Listing, options) -> str:
    """The listing's columns as CSV; a list of ids is joined with ';', as in `kb export --format csv`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(listing.columns)
    for row in listing.rows:
        writer.writerow([visible(_flat(row[c])) for c in listing.columns])  # a CSV is often shown with `cat`
    return buf.getvalue()
