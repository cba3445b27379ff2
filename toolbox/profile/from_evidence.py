"""A region profile written from evidence: the cluster map's figures and the indicators' grades.

What the data support is filled in, each value with its figure and source; everything else is the
commented template, left for the officer. The text is YAML that `toolbox plan` reads as it is.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any, NamedTuple

from toolbox.indicators.grade import MechanismEvidence
from toolbox.kb.model import KnowledgeBase
from toolbox.safe_text import visible


class MapFigures(NamedTuple):
    """The map's figures for one region × cluster × year, as the profile's `cluster.mapping` records them."""

    region: str
    region_name: str | None
    cluster: str
    cluster_name: str | None
    year: int
    employment: float
    establishments: float | None
    lq: float | None
    focus: float | None
    size_percentile: float | None
    growth: float | None
    growth_since: int | None
    stars: int
    strong: bool | None
    verdict: str
    verdict_code: str | None
    dataset: str
    licence: str | None
    employment_source: str | None = None
    """The analyst's own files, as given to `--employment`, `--mapping` and `--config`; None: the shipped ones."""
    mapping_source: str | None = None
    config_source: str | None = None


def _q(value: Any) -> str:
    """A YAML scalar for `value`: JSON is valid YAML, and quoting text keeps a name like 'NO' text."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return json.dumps(value, ensure_ascii=False)


def _flow(record: dict) -> str:
    return "{" + ", ".join(f"{k}: {_q(v)}" for k, v in record.items() if v is not None) + "}"


def _thousands(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


def potential_evidence(m: MapFigures) -> str:
    """The sentence behind the potential: the map's figures, dataset and licence."""
    strong = {True: "a strong cluster by the US Cluster Mapping Project's test",
              False: "not strong by the US Cluster Mapping Project's test",
              None: "the US Cluster Mapping Project's test not applicable"}[m.strong]
    parts = [f"location quotient {m.lq:.2f}" if m.lq is not None else "no location quotient",
             f"{m.stars} of 3 European Cluster Observatory stars", strong, f"{_thousands(m.employment)} employees"]
    if m.growth is not None and m.growth_since is not None:
        parts.append(f"employment {m.growth:+.1%} a year since {m.growth_since}")
    if m.establishments is not None:
        parts.append(f"{_thousands(m.establishments)} business sites")
    source = f"{m.dataset}; {m.licence}" if m.licence else m.dataset
    return f"Cluster map, {m.year}: " + ", ".join(parts) + f" ({source})"


def measured_evidence(e: MechanismEvidence) -> str:
    figures = "; ".join(f"{m.name} {_thousands(m.value)} {m.unit} in {m.year}, {m.normalised:,.2f} {m.normalised_unit}"
                        f" ({m.grade})" for m in e.measurements)
    sources = "; ".join(dict.fromkeys(m.licence for m in e.measurements))
    return f"From data: {figures}. {sources}"


def _command(figures: MapFigures) -> str:
    """The command that wrote the profile, for its first line."""
    words = ["toolbox init --from-map", figures.region, figures.cluster]
    for option, value in (("--employment", figures.employment_source), ("--mapping", figures.mapping_source),
                          ("--config", figures.config_source)):
        if value is not None:
            words += [option, value]
    return visible(" ".join(words))


def profile_from_evidence(kb: KnowledgeBase, figures: MapFigures, evidence: tuple[MechanismEvidence, ...],
                          judgement: dict[str, str], level: str = "regional",
                          indicators_applied: bool = True) -> str:
    """The profile's YAML text: potential, evidence and data-derived observed degrees filled in.

    `indicators_applied` is False for the analyst's own employment data: the shipped indicators are UK
    figures for UK NUTS 2 regions, so every observed degree is then left to judgement, and the comments say why.
    """
    by_mechanism = {e.mechanism: e for e in evidence}
    name = figures.region_name or figures.region
    cluster = figures.cluster_name or figures.cluster
    mapping = {k: v for k, v in figures._asdict().items()}
    mapping["verdict"] = figures.verdict if figures.verdict in ("present", "nascent", "absent") else None
    if indicators_applied:
        about = [
            "# Filled in from data: the cluster's potential (the cluster map) and the observed degree of the",
            "# mechanisms an indicator measures, each with its figure and source under `measured`. Everything",
            "# else is the officer's judgement: fill it in. An indicator is the region's figure, not the",
            "# cluster's: it says how strongly a mechanism works in the regional economy. Format: docs/profile.md.",
        ]
        country = '  country: "UK"'
        level_note = "# NUTS 2 regions: regional"
    else:
        about = [
            "# Filled in from data: the cluster's potential, from the cluster map of the employment file named",
            "# under `cluster.mapping` (employment_source). The shipped indicators (data/indicators.yaml) are UK",
            "# statistics for UK NUTS 2 regions and are not applied to other data: every mechanism's observed",
            "# degree below is the officer's judgement. The file's data carry no licence line here; if they",
            "# have one, add `licence: \"...\"` to `cluster.mapping`: every output then shows it.",
            "# Format: docs/profile.md.",
        ]
        country = "  # country: \"\"            # the region's country, for the report"
        level_note = "# the level of your data's regions"
    lines = [
        f"# Region profile for `toolbox plan`, written by `{_command(figures)}`.",
        *about,
        "",
        "region:",
        f"  name: {_q(name)}",
        f"  level: {level}                  {level_note}",
        country,
        "",
        "cluster:",
        f"  name: {_q(cluster)}",
        f"  potential: {figures.verdict if figures.verdict in ('present', 'nascent', 'absent') else 'present'}"
        "   # the cluster map's verdict (docs/method.md); change it with a reason in evidence",
        f"  evidence: {_q(potential_evidence(figures))}",
        f"  mapping: {_flow(mapping)}",
        "",
        "# Step 2: how strongly each mechanism is observed now: none | weak | medium | strong | unknown.",
        *([
            "# 'from data' marks a degree read from an indicator by the tool's rule (data/indicators.yaml);",
            "# the officer may change it, and the plan then shows it as judgement beside the data's grade.",
        ] if indicators_applied else []),
        f"# 'could be' is its attainable strength on the {level} level (Benner, Table 2).",
        "mechanisms:",
    ]
    for m in kb.mechanisms.values():
        could = getattr(m.strength, level)
        e = by_mechanism.get(m.id)
        if e is not None and e.grade is not None:
            lines.append(f"  # {visible(m.name)} (could be {could}): from data")
            lines.append(f"  {m.id}:")
            lines.append("    possible: true")
            lines.append(f"    observed: {e.grade}")
            lines.append(f"    evidence: {_q(measured_evidence(e))}")
            lines.append("    measured:")
            for f in e.measurements:
                lines.append("      - " + _flow({
                    "indicator": f.indicator, "dataset": f.dataset, "region": f.region, "year": f.year,
                    "value": f.value, "unit": f.unit, "normalised": f.normalised,
                    "normalised_unit": f.normalised_unit, "grade": f.grade, "rule": f.rule,
                    "licence": f.licence + "; size: " + f.size_licence}))
            if e.missing:
                lines.append(f"    # no value for this region: {', '.join(e.missing)} (missing, not guessed)")
        elif e is not None:
            lines.append(f"  # {visible(m.name)} (could be {could}): no data for this region in "
                         f"{', '.join(e.missing)}; missing, never guessed: your judgement")
            lines.append(f"  {m.id}: {{possible: true, observed: unknown}}")
        elif not indicators_applied:
            lines.append(f"  # {visible(m.name)} (could be {could}): your judgement (no indicator for your data).")
            lines.append(f"  {m.id}: {{possible: true, observed: unknown}}")
        else:
            why = judgement.get(m.id, "No shipped indicator measures it.")
            lines.append(f"  # {visible(m.name)} (could be {could}): your judgement.")
            lines += textwrap.wrap(visible(why), 100, initial_indent="  #   ", subsequent_indent="  #   ")
            lines.append(f"  {m.id}: {{possible: true, observed: unknown}}")
    lines += [
        "",
        "# Agent types present in the region; willing: false = present but not taking part.",
        "# Delete the lines of agents that are not present. Agents of higher levels may be added",
        "# (`toolbox kb list agents`). With no agents listed, all of this level's are assumed.",
        "agents:",
    ]
    for a in kb.agents_on(level):
        lines.append(f"  - {{id: {a.id}, willing: true}}   # {visible(a.name)}")
    lines += [
        "",
        "# Optional: yearly budget. Omit it for no budget constraint.",
        "# budget:",
        "#   amount: 1500000",
        "#   currency: GBP",
        "#   eur_rate: 0.85    # 1 EUR = 0.85 GBP (indicative costs are EUR figures): check today's rate",
        "",
        "# Optional: instruments the region already runs (`toolbox kb list instruments`).",
        "in_place: []",
        "",
        "# Optional: local yearly cost figures that replace the indicative ones.",
        "costs: {}",
        "",
    ]
    return "\n".join(lines)


def resolve(query: str, known: dict[str, str], what: str) -> str:
    """The code `query` names, by code or by name (any case), or a usage error with suggestions."""
    from toolbox.errors import UsageError
    from toolbox.suggest import did_you_mean

    wanted = " ".join(str(query).split()).casefold()
    for code, name in known.items():
        if wanted in (code.casefold(), (name or "").casefold()):
            return code
    words = list(known) + [n for n in known.values() if n]
    hint = did_you_mean(query, words) or did_you_mean(str(query).casefold(), [w.casefold() for w in words])
    if not hint:
        matches = [f"{c} ({n})" if n else c for c, n in known.items()
                   if wanted and (wanted in c.casefold() or wanted in (n or "").casefold())][:5]
        hint = f"; did you mean one of: {', '.join(matches)}" if matches else (
            f"; `toolbox map` lists the {len(known)} known")
    raise UsageError(f"unknown {what} {visible(query)!r}{hint}")


def figures_of(record: Any, dataset: str, licence: str | None, *, employment_source: str | None = None,
               mapping_source: str | None = None, config_source: str | None = None) -> MapFigures:
    """The profile's figures from one of the cluster map's records (toolbox.mapping.result.MapRecord)."""
    return MapFigures(
        region=record.region, region_name=record.region_name, cluster=record.cluster,
        cluster_name=record.cluster_name, year=int(record.year), employment=float(record.employment),
        establishments=_maybe(record.establishments), lq=_maybe(record.lq), focus=_maybe(record.focus),
        size_percentile=_maybe(record.size_percentile), growth=_maybe(record.growth),
        growth_since=record.growth_since, stars=int(record.stars),
        strong=None if record.strong is None else bool(record.strong), verdict=record.verdict.potential,
        verdict_code=record.verdict.code, dataset=dataset, licence=licence or None,
        employment_source=employment_source, mapping_source=mapping_source, config_source=config_source)


def _maybe(value: Any) -> float | None:
    import math

    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def from_map_profile(kb: KnowledgeBase, region: str, cluster: str, level: str = "regional", *,
                     employment=None, mapping=None, config=None, suppressed: str = "error") -> str:
    """The profile of `region` × `cluster` (codes or names) from the cluster map and, on UK data, the indicators.

    Without `employment`, `mapping` and `config` the map is the shipped UK data's. With the analyst's own
    employment file the profile names her files as the source, carries no licence line (her data have none
    unless she adds it), and applies no indicator: the shipped indicators are UK figures. Her own mapping or
    thresholds on the shipped employment keep the UK regions, so the indicators still apply.
    """
    from toolbox.errors import UsageError
    from toolbox.mapping import compute
    from toolbox.yamlio import display_path

    result = compute(employment, mapping, config, suppressed)
    region_code = resolve(region, result.regions, "region")
    cluster_code = resolve(cluster, result.clusters, "cluster")
    record = result.find(region_code, cluster_code)
    if record is None:
        raise UsageError(f"the cluster map has no figures for {region_code} × {cluster_code} in {result.latest_year}")
    if not 1900 <= record.year <= 2100:  # the profile's year range (toolbox/profile/model.py, Year)
        from toolbox.errors import InputError, Problem

        # every figure names its dataset and year (issue #13, D): a profile needs the year of its figures
        why = ("no year column; a profile records the year of its figures: give every row its year"
               if record.year < 1000 else f"year {record.year} is outside the years a profile takes (1900–2100)")
        raise InputError(Problem(result.employment_source, None, "year", why))
    sources = {"employment_source": employment, "mapping_source": mapping, "config_source": config}
    sources = {k: display_path(v) if v is not None else None for k, v in sources.items()}
    own_employment = employment is not None
    # the *_source fields hold the whole paths; the dataset line, shown with every figure, names the files
    parts = [f"employment from {Path(employment).name}" if own_employment else result.dataset]
    parts[0] += f", {record.year}"
    if mapping is not None:
        parts.append(f"clusters from {Path(mapping).name}")
    if config is not None:
        parts.append(f"thresholds from {Path(config).name}")
    dataset = _fit("; ".join(parts), DATASET_LIMIT)
    figures = figures_of(record, dataset, None if own_employment else result.licence, **sources)
    _check_fits(figures, result)
    if own_employment:
        return profile_from_evidence(kb, figures, (), {}, level, indicators_applied=False)
    from toolbox.indicators.grade import measure_region
    from toolbox.indicators.load import load_indicators

    data = load_indicators(kb.mechanisms)
    return profile_from_evidence(kb, figures, measure_region(data, region_code), data.spec.judgement, level)


DATASET_LIMIT = 200
"""The profile's `cluster.mapping.dataset` takes at most this many characters (toolbox/profile/model.py, Name)."""


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _check_fits(figures: MapFigures, result: Any) -> None:
    """Refuse, naming the analyst's file, a figure the profile schema would refuse (a region code of more
    than 40 characters, a name of more than 200): `init` never writes a profile that `plan` cannot read."""
    from pydantic import ValidationError

    from toolbox.errors import InputError, Problem
    from toolbox.profile.model import Mapping
    from toolbox.validation import problems_from, validate

    record = {k: v for k, v in figures._asdict().items() if v is not None}
    try:
        validate(Mapping, record)
    except ValidationError as exc:
        def locate(path, message: str) -> Problem:
            field = str(path[0]) if path else ""
            source = result.mapping_source if field.startswith("cluster") else result.employment_source
            return Problem(source, None, field, f"{message}; a profile cannot take it")

        raise InputError(problems_from(exc, Mapping, locate, record)) from None
