"""The report's evidence from data: the cluster map (its picture and figures), each data-derived
observation with the figures behind it, which observations are judgement, and the licences.

The pictures are the cluster map's own (`toolbox map`'s cartogram of the cluster's regions, and its
bubble chart of those regions by LQ and growth with the report's region outlined), drawn from the
shipped UK data when the profile's `cluster.mapping` names a region and cluster in it; the map is
computed only then, so a report without mapping evidence never imports the tabular library. Each
picture is kept as drawing primitives (HTML and PDF write them as SVG, Word paints them as PNG) with
its caption and text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolbox.render.evidence_text import (
    SOURCE_TEXT,
    figure_line,
    licence_lines,
    mapping_line,
    sources_line,
)


@dataclass(frozen=True)
class EvidenceRow:
    label: str
    observed: str
    source: str
    """from data | judgement | unassessed"""
    data_grade: str
    figures: tuple[str, ...]


@dataclass(frozen=True)
class MapPicture:
    chart: object
    """`toolbox.render.report.charts.Chart`: the layout both the SVG and the PNG are made from"""
    svg: str
    """the chart as inline SVG (HTML, PDF)"""
    caption: str
    desc: str
    """the text alternative (Markdown's text, Word's picture description)"""


@dataclass
class DataEvidence:
    mapping_line: str | None
    sources_line: str | None
    rows: list[EvidenceRow]
    licences: list[str]
    map_note: str = ""
    """Why no map is drawn, when the profile has mapping figures but the picture cannot be made."""
    figures: list[tuple[str, str]] = field(default_factory=list)
    """The map's figures as (name, value) rows."""
    pictures: list[MapPicture] = field(default_factory=list)
    """The cartogram, then the bubble chart when the region has a growth to place it by."""


def _map_figures(m: dict) -> list[tuple[str, str]]:
    def num(value, digits=2):
        return "–" if value is None else (f"{value:,.0f}" if float(value).is_integer() else f"{value:,.{digits}f}")

    rows = [("Region", f"{m.get('region_name') or m['region']} ({m['region']})"),
            ("Cluster", f"{m.get('cluster_name') or m['cluster']} ({m['cluster']})"), ("Year", str(m["year"])),
            ("Employment", num(m["employment"])), ("Business sites", num(m.get("establishments"))),
            ("Location quotient", num(m.get("lq"))),
            ("Share of the region's employment", "–" if m.get("focus") is None else f"{m['focus']:.2%}"),
            ("Size percentile", num(m.get("size_percentile"), 1)),
            ("Yearly employment growth", "–" if m.get("growth") is None else
             f"{m['growth']:+.1%} since {m.get('growth_since')}"),
            ("ECO stars", f"{m['stars']} of 3"),
            ("CMP strong-cluster test", {True: "passed", False: "not passed", None: "not applicable"}[m.get("strong")])]
    if m.get("verdict"):
        rows.append(("Map verdict", m["verdict"] + (f" ({m['verdict_code']})" if m.get("verdict_code") else "")))
    rows += [("Dataset", m["dataset"]), ("Licence", m.get("licence") or "none stated")]
    return rows


def _inline(chart) -> str:
    from toolbox.render.map_pictures import svg_text

    # inline in HTML an <svg> needs no namespace, and the page then names no address at all
    return svg_text(chart).replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)


def _pictures(m: dict) -> tuple[list[MapPicture], str]:
    """(pictures, note) of the cluster's map from the shipped data; the note says why there are none."""
    from toolbox.errors import ToolboxError

    # the analyst's own thresholds leave the LQs, and so the picture, as they are; her own files do not
    own = [f"{what} {m[key]}" for key, what in (("employment_source", "employment"), ("mapping_source", "mapping"))
           if m.get(key)]
    if own:  # drawing her map would need her files again; the profile holds only this pair's figures
        return [], (f"The figures above come from the analyst's own files ({', '.join(own)}); the report draws "
                    "the map of the shipped UK data only. `toolbox map --cluster "
                    f"{m['cluster']} -o map.html` with the same files draws theirs.")
    try:
        from toolbox.mapping import compute
        from toolbox.render.map_pictures import cluster_bubbles_chart, cluster_chart
        from toolbox.render.map_text import count_text, growth_text, lq_text

        result = compute()
    except ToolboxError as exc:  # the shipped map cannot be read: the report says so instead of failing
        return [], f"The cluster map could not be drawn: {exc}"
    record = result.find(m["region"], m["cluster"], m["year"])
    if record is None:
        return [], (f"The shipped cluster map has no figures for {m['region']} × {m['cluster']} in {m['year']}; "
                    "the figures above are the profile's.")
    ranked = [r for r in result.select(cluster=m["cluster"], year=m["year"]) if r.lq is not None]
    ranked.sort(key=lambda r: (-r.lq, r.region))
    place = next((i for i, r in enumerate(ranked, 1) if r.region == m["region"]), None)
    name = m.get("region_name") or m["region"]
    cluster = m.get("cluster_name") or m["cluster"]
    source = result.provenance(m["year"])
    tiles = cluster_chart(result, m["cluster"], m["year"])
    pictures = [MapPicture(
        tiles, _inline(tiles),
        f"The cluster map: location quotient of {cluster} in every region, {m['year']}; {name} ({m['region']}) is "
        f"the region of this report. {source}",
        f"Tile-grid map of {len(ranked)} regions coloured by the location quotient of {cluster} in {m['year']}. "
        + (f"{name} ranks {place} of {len(ranked)} by location quotient. " if place else "")
        + "Highest: " + ", ".join(f"{r.region_name} {r.lq:.2f}" for r in ranked[:5]) + ". " + source)]
    if record.growth is not None and record.lq and record.employment > 0:  # else it has no bubble to outline
        bubbles = cluster_bubbles_chart(result, m["cluster"], m["year"], highlight=m["region"])
        pictures.append(MapPicture(
            bubbles, _inline(bubbles),
            f"The regions of {cluster} by location quotient (log scale) and yearly employment growth since "
            f"{record.growth_since}, bubble area by employment, colour by the map's potential; {name} "
            f"({m['region']}), outlined in black: LQ {lq_text(record.lq)}, {growth_text(record.growth)} a year. "
            f"{source}",
            f"{name} ({m['region']}) is outlined: location quotient {lq_text(record.lq)}, employment "
            f"{growth_text(record.growth)} a year since {record.growth_since}, {count_text(record.employment)} "
            f"employees. {bubbles.desc}"))
    return pictures, ""


def data_evidence(plan) -> DataEvidence | None:
    """The report's evidence section, or None when the profile records neither map figures nor measured ones."""
    m = plan.cluster.get("mapping")
    if not m and not any(x.measured for x in plan.mechanisms):
        return None
    rows = [EvidenceRow(x.id.replace("_", " "), x.observed, SOURCE_TEXT[x.observed_source], x.data_grade or "",
                        tuple(figure_line(f) for f in x.measured))
            for x in plan.mechanisms if x.measured]
    out = DataEvidence(mapping_line(plan.cluster), sources_line(plan.mechanisms), rows,
                       licence_lines(plan.cluster, plan.mechanisms))
    if m:
        out.figures = _map_figures(m)
        out.pictures, out.map_note = _pictures(m)
    return out
