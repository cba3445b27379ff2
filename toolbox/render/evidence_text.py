"""The words for the evidence behind a plan: the cluster map's figures, the indicator figures behind
observed degrees, which observations came from data and which from judgement, and the licences.

Worded here once from the structured fields (profile `cluster.mapping`, MechanismDiagnosis.measured),
for every format; each format escapes the text for itself.
"""

from __future__ import annotations

SOURCE_TEXT = {"data": "from data", "judgement": "judgement", "unassessed": "unassessed"}


def _n(value, digits: int = 2) -> str:
    if value is None:
        return "–"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.{digits}f}"


def mapping_line(cluster: dict) -> str | None:
    """'Cluster map (ONS BRES, 2018): LQ 87.25, 3 of 3 stars, strong, 30,000 employees, ...; licence'."""
    m = cluster.get("mapping")
    if not m:
        return None
    name = m.get("region_name") or m["region"]
    what = m.get("cluster_name") or m["cluster"]
    strong = {True: "strong by the CMP test", False: "not strong by the CMP test",
              None: "CMP test not applicable"}[m.get("strong")]
    parts = [f"LQ {_n(m.get('lq'))}", f"{m['stars']} of 3 ECO stars", strong, f"{_n(m['employment'])} employees"]
    if m.get("establishments") is not None:
        parts.append(f"{_n(m['establishments'])} business sites")
    if m.get("growth") is not None and m.get("growth_since") is not None:
        parts.append(f"employment {m['growth']:+.1%} a year since {m['growth_since']}")
    verdict = f"; map verdict {m['verdict']}" if m.get("verdict") else ""
    licence = f" {m['licence']}" if m.get("licence") else ""
    return (f"Cluster map, {what} ({m['cluster']}) in {name} ({m['region']}), {m['year']}: " + ", ".join(parts)
            + f"{verdict}. {m['dataset']}.{licence}")


def figure_line(f) -> str:
    """One measured figure: value, normalised value, grade, rule, dataset and year."""
    return (f"{f.indicator} {f.year}: {_n(f.value)} {f.unit}, {_n(f.normalised)} {f.normalised_unit}, "
            f"graded {f.grade} by the rule {f.rule}. {f.dataset}")


def mechanism_evidence_line(m) -> str:
    """'venture_capital: observed strong from data' or '... observed weak (judgement; the figures give strong)'."""
    if m.observed_source == "data":
        return f"{m.id}: observed {m.observed}, from data"
    if m.observed == "unknown":
        return f"{m.id}: observed unknown; the figures give {m.data_grade}"
    return f"{m.id}: observed {m.observed} by judgement; the figures give {m.data_grade}"


def sources_line(mechanisms) -> str | None:
    """Which observed degrees came from data and which from judgement, when any figure is recorded."""
    if not any(m.measured for m in mechanisms):
        return None
    groups = {key: [m.id for m in mechanisms if m.possible and m.observed_source == key]
              for key in ("data", "judgement", "unassessed")}
    parts = [f"{SOURCE_TEXT[k]}: {', '.join(ids)}" for k, ids in groups.items() if ids]
    return "Observed degrees " + "; ".join(parts) + "."


def licence_lines(cluster: dict, mechanisms) -> list[str]:
    """Every licence line of the data shown, each once, in the order they appear."""
    lines: list[str] = []
    m = cluster.get("mapping")
    if m:  # the analyst's own data have no licence line unless she states one: the line then names her data
        lines.append(m.get("licence") or f"{m['dataset']} (no licence stated)")
    for mech in mechanisms:
        for f in mech.measured:
            for part in f.licence.split("; size: "):
                lines.append(part)
    return list(dict.fromkeys(line for line in lines if line))


def evidence_lines(cluster: dict, mechanisms) -> list[str]:
    """The whole account, as plain lines: the map, each data-derived observation with its figures, licences."""
    out = []
    line = mapping_line(cluster)
    if line:
        out.append(line)
    sources = sources_line(mechanisms)
    if sources:
        out.append(sources)
    for m in mechanisms:
        if m.measured:
            out.append(mechanism_evidence_line(m))
            out += [f"  {figure_line(f)}" for f in m.measured]
    licences = licence_lines(cluster, mechanisms)
    if licences:
        out.append("Data: " + " | ".join(licences))
    return out


_SHORT = (("Source: ", ""), ("Office for National Statistics, Nomis", "ONS/Nomis"),
          ("Creative Commons Attribution 4.0 (CC BY 4.0)", "CC BY 4.0"), ("Open Government Licence v3.0", "OGL v3.0"))


def short_licence(line: str) -> str:
    for long, short in _SHORT:
        line = line.replace(long, short)
    return line


def summary_lines(cluster: dict, mechanisms) -> list[str]:
    """At most two short lines for the one-screen summary; `--detail` and the other formats give everything."""
    out = []
    m = cluster.get("mapping")
    if m:
        strong = {True: "strong", False: "not strong", None: "not applicable"}[m.get("strong")]
        out.append(f"Map {m['year']}: LQ {_n(m.get('lq'))}, {m['stars']}/3 ECO stars, CMP {strong}, "
                   f"{_n(m['employment'])} employees ({short_licence(m.get('licence') or m['dataset'])}).")
    measured = [x for x in mechanisms if x.measured]
    if measured:
        data = [x.id for x in mechanisms if x.possible and x.observed_source == "data"]
        shown = set(licence_lines(cluster, ()))  # named on the map's line already
        licences = "; ".join(short_licence(line) for line in licence_lines({}, mechanisms) if line not in shown)
        out.append(f"From data: {len(data)} of {sum(1 for x in mechanisms if x.possible)} observed degrees, "
                   f"the rest judgement ({licences}); --detail: figures.")
    return out
