"""`toolbox map` as text: the evidence sentence of a record, and the ranked table (`--format table`).

The engine gives a verdict as a code and its figures; this module words it (docs/map.md#verdict).
"""

from __future__ import annotations

from toolbox.mapping.result import MapRecord, MapView
from toolbox.safe_text import visible


def lq_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def share_text(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


def growth_text(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:+.1f} %"


def count_text(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


STAR_NAMES = (("star_size", "size"), ("star_specialisation", "specialisation"), ("star_focus", "focus"))


def stars_text(record: MapRecord) -> str:
    which = [name for field, name in STAR_NAMES if getattr(record, field)]
    count = f"{record.stars} ECO star{'s' if record.stars != 1 else ''}"
    return f"{count} ({', '.join(which)})" if which else count


def strong_text(record: MapRecord) -> str:
    if record.strong is None:
        return "the CMP strong-cluster test not applicable (no business counts, or a local cluster)"
    return "strong by the CMP test" if record.strong else "not strong by the CMP test"


def evidence(record: MapRecord, dataset: str = "") -> str:
    """The verdict as one sentence with its figures, e.g. for a profile's evidence or a report."""
    n = record.verdict.numbers
    code = record.verdict.code
    figures = (f"{count_text(record.employment)} employees, {share_text(record.focus)} of the region's employment, "
               f"LQ {lq_text(record.lq)}")
    growth = (f"; employment {growth_text(record.growth)} a year since {record.growth_since}"
              if record.growth is not None else "")
    if code == "absent_small":
        why = f"fewer than {n['minimum_employment']:,.0f} employees"
    elif code.startswith("present"):
        why = f"{stars_text(record)} (present from {n['present_stars']}), {strong_text(record)}"
    elif code == "nascent_specialised":
        why = (f"LQ {lq_text(record.lq)} at least {lq_text(n['nascent_lq'])}, but {stars_text(record)} "
               f"and {strong_text(record)}")
    elif code == "nascent_growing":
        why = (f"employment growing {growth_text(record.growth)} a year (at least {growth_text(n['nascent_growth'])}) "
               f"with LQ {lq_text(record.lq)} at least {lq_text(n['nascent_growth_lq'])}")
    else:
        why = (f"LQ {lq_text(record.lq)} below {lq_text(n['nascent_lq'])}, {stars_text(record)}, "
               f"{strong_text(record)}, and no growth of {growth_text(n['nascent_growth'])} a year with LQ of at "
               f"least {lq_text(n['nascent_growth_lq'])}")
    source = f" ({dataset})" if dataset else ""
    return (f"{record.cluster_name} in {record.region_name}, {record.year}: {record.potential}: {why}; "
            f"{figures}{growth}{source}.")


def _title(shown: MapView) -> str:
    result = shown.result
    if shown.region:
        return f"Clusters of {result.region_name(shown.region)} ({shown.region}), {shown.year}, strongest first"
    if shown.cluster:
        return f"Regions in {result.cluster_name(shown.cluster)} ({shown.cluster}), {shown.year}, strongest first"
    what = "every region × cluster" if shown.show_all else "region × cluster pairs with potential"
    return f"{what.capitalize()}, {shown.year}, strongest first"


def footer(shown: MapView) -> list[str]:
    result = shown.result
    cfg = result.config
    stars, strong = cfg["eco_stars"], cfg["cmp_strong"]
    basis = ("traded employment (clusters the mapping marks traded)" if result.lq_basis == "traded"
             else "all employment (the mapping marks no cluster traded)")
    return [
        f"Data: {result.provenance(shown.year)}.",
        f"LQ: the cluster's share of the region's employment over its share in all {len(result.regions)} regions "
        f"of the file. ECO stars: size and focus in the top {100 * stars['size_top_share']:.0f} % / "
        f"{100 * stars['focus_top_share']:.0f} % of regions, LQ at least {stars['specialisation_lq']:g}. "
        f"CMP strong: LQ against {basis} at or above the {100 * strong['lq_quantile']:.0f}th percentile and at "
        f"least {strong['lq_minimum']:g}, employment and business sites above their "
        f"{100 * strong['employment_quantile']:.0f}th percentiles. Potential: the tool's rule (docs/map.md#verdict).",
    ]


STRONG = {True: "yes", False: "no", None: "–"}
COLUMNS = ("#", "name", "employees", "sites", "LQ", "focus", "size pct", "growth/yr", "stars", "strong", "potential")


def table(shown: MapView, options) -> str:
    records = shown.result.select(shown.region, shown.cluster, shown.year,
                                  with_potential=not (shown.show_all or shown.region or shown.cluster))
    by_region = shown.cluster is not None
    # column by column (a generated table of 3 million rows shows 70,000 pairs with potential)
    names = [visible(f"{r.region_name} ({r.region})" if by_region else
                     f"{r.cluster_name} ({r.cluster})" if shown.region else f"{r.region_name} × {r.cluster_name}")
             for r in records]
    rows = list(zip(
        map(str, range(1, len(records) + 1)), names,
        map(count_text, [r.employment for r in records]), map(count_text, [r.establishments for r in records]),
        map(lq_text, [r.lq for r in records]), map(share_text, [r.focus for r in records]),
        [f"{r.size_percentile:.0f}" for r in records], map(growth_text, [r.growth for r in records]),
        ["*" * r.stars or "-" for r in records], [STRONG[r.strong] for r in records],
        [r.potential for r in records]))
    widths = [max(len(COLUMNS[i]), max(map(len, column), default=0)) for i, column in enumerate(zip(*rows))] \
        if rows else [len(c) for c in COLUMNS]
    widths[1] = min(widths[1], 60)
    right = {0, 2, 3, 4, 5, 6, 7}
    # only the name can be wider than its column: every other width is its column's widest cell
    layout = "  ".join(f"{{:{'>' if i in right else '<'}{w}}}" for i, w in enumerate(widths))
    name_width = widths[1]

    def line(cells) -> str:
        name = cells[1]
        if len(name) > name_width:
            cells = (cells[0], name[: name_width - 1] + "…", *cells[2:])
        return layout.format(*cells).rstrip()

    lines = [visible(_title(shown)), "", line(COLUMNS), line(["-" * w for w in widths])]
    lines += [line(row) for row in rows] or ["(no records)"]
    if getattr(options, "detail", False):
        lines += ["", "Evidence:"]
        lines += [f"- {visible(evidence(r))}" for r in records]
    lines += [""] + footer(shown)
    return "\n".join(lines) + "\n"
