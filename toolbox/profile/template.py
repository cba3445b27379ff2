"""A commented profile template and the profile's JSON Schema, both built from the knowledge base in use."""

from __future__ import annotations

from toolbox.kb.model import KnowledgeBase
from toolbox.profile.model import RegionProfile
from toolbox.safe_text import visible  # overlay names go into comments: a line break would add YAML


def template(kb: KnowledgeBase, level: str) -> str:
    lines = [
        "# Region profile for `toolbox plan`. Lines starting with # are comments.",
        "# Format: docs/profile.md. Check it with any editor that reads `toolbox schema`.",
        "",
        "region:",
        "  name: My region                  # required",
        f"  level: {level}                  # required: supranational | national | regional | local",
        "  # country: SE                   # optional",
        "",
        "cluster:",
        "  name: My cluster                 # required: the cluster's field",
        "  potential: present              # required: present | nascent | absent (step 1)",
        "  # evidence: \"number of firms, employment share, ...\"",
        "",
        "# Step 2: for each mechanism, how strongly it is observed now:",
        "#   none | weak | medium | strong | unknown (unknown is never counted as none),",
        "#   or a range when unsure, e.g. weak..medium (the plan reads the lower end; --robustness draws each).",
        "# possible: false discards a mechanism that cannot work given the industry's character.",
        f"# 'could be' is its attainable strength on the {level} level (Benner, Table 2).",
        "mechanisms:",
    ]
    for m in kb.mechanisms.values():
        lines.append(f"  # {visible(m.name)} (could be {getattr(m.strength, level)})")
        lines.append(f"  {m.id}: {{possible: true, observed: unknown}}")
    agents = kb.agents_on(level)
    lines += [
        "",
        "# Agent types present in the region; willing: false = present but not taking part.",
        "# Delete the lines of agents that are not present. Agents of higher levels may be added",
        "# (`toolbox kb list agents`). With no agents listed, all of this level's are assumed.",
        "agents:",
    ]
    for a in agents:
        lines.append(f"  - {{id: {a.id}, willing: true}}   # {visible(a.name)}")
    lines += [
        "",
        "# Optional: yearly budget. Omit it for no budget constraint.",
        "# budget:",
        "#   amount: 1500000",
        "#   currency: EUR",
        "#   eur_rate: 395.0    # another currency: 1 EUR = 395 of it (indicative costs are EUR figures)",
        "#   years: [1500000, 1800000, 1800000]   # a phased roadmap: each year's amount (or plan --years N)",
        "#   first_year: 2027",
        "#   pays_for_in_place: []   # instruments of in_place paid from this budget every year",
        "",
        "# Optional: instruments the region already runs (`toolbox kb list instruments`).",
        "in_place: []",
        "",
        "# Optional: local yearly cost figures that replace the indicative ones.",
        "costs: {}",
        "",
        "# Optional: the cluster's exchange conditions, for the network-governance check (Manickam and de Graaf,",
        "# Table 1): low | medium | high each; social_mechanisms lists those already working.",
        "# exchange_conditions:",
        "#   human_asset_specificity: medium",
        "#   task_uncertainty: medium",
        "#   demand_uncertainty: medium",
        "#   frequency: medium",
        "#   social_mechanisms: []    # restricted_access, macroculture, collective_sanctions, reputation",
        "",
    ]
    return "\n".join(lines)


def profile_schema(kb: KnowledgeBase) -> dict:
    """RegionProfile's JSON Schema, with the knowledge base's ids as the allowed keys and values."""
    schema = RegionProfile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    props = schema["properties"]
    props["mechanisms"]["propertyNames"] = {"enum": list(kb.mechanisms)}
    props["costs"]["propertyNames"] = {"enum": list(kb.instruments)}
    props["in_place"]["items"] = {"enum": list(kb.instruments)}
    defs = schema.get("$defs", {})
    if "AgentPresence" in defs:
        defs["AgentPresence"]["properties"]["id"] = {"enum": list(kb.agents), "title": "Id"}
    if "ExchangeConditions" in defs:
        defs["ExchangeConditions"]["properties"]["social_mechanisms"]["items"] = {"enum": list(kb.social_mechanisms)}
    if "Programme" in defs:
        programme = defs["Programme"]
        programme["properties"]["instrument"] = {"anyOf": [{"enum": list(kb.instruments)}, {"type": "null"}],
                                                 "default": None, "title": "Instrument"}
        gaps = programme["properties"]["gaps"]
        for option in gaps.get("anyOf", [gaps]):
            if option.get("type") == "array":
                option["items"] = {"enum": list(kb.gaps)}
        # a programme that is no Benner instrument names its gaps
        programme["anyOf"] = [{"required": ["instrument"], "properties": {"instrument": {"type": "string"}}},
                              {"required": ["gaps"], "properties": {"gaps": {"type": "array"}}}]
    if "FundingSource" in defs:
        source = defs["FundingSource"]
        source["oneOf"] = [{"required": ["amount"], "properties": {"amount": {"type": "number"}},
                            "not": {"required": ["years"]}},
                           {"required": ["years"], "properties": {"years": {"type": "object"}},
                            "not": {"required": ["amount"]}}]
        for option in source["properties"]["years"].get("anyOf", []):
            if option.get("type") == "object":
                option["propertyNames"] = {"pattern": r"^(19|2[01])[0-9]{2}$|^2200$"}
    return schema
