"""The tool's own rule from measures to a potential (present / nascent / absent): docs/map.md#verdict.

It is this tool's rule, not the European Cluster Observatory's nor the US Cluster Mapping Project's: it
reads their two tests (stars, strong) and adds a path for emerging specialisations. Every threshold is in
data/mapping.yaml with its rationale. In order, first match wins:

1. absent_small: fewer employees than minimum_employment;
2. present_strong_and_stars / present_strong / present_stars: strong by the CMP test (when
   present_if_strong), or at least present_stars ECO stars;
3. nascent_specialised: LQ at least nascent_lq;
4. nascent_growing: employment growing at least nascent_growth a year with LQ at least nascent_growth_lq;
5. absent.

`verdict_columns` computes the code for every record at once (polars); `numbers` gives, for one record,
the figures its code compared, which the renderers word.
"""

from __future__ import annotations

CODES = ("absent_small", "present_strong_and_stars", "present_strong", "present_stars", "nascent_specialised",
         "nascent_growing", "absent")


def verdict_columns(rule: dict):
    """The polars expressions of the columns 'verdict_code' and 'potential', from employment, lq, stars, strong, growth."""
    import polars as pl

    lq = pl.col("lq").fill_null(0.0)
    by_strong = pl.col("strong").fill_null(False) & pl.lit(bool(rule["present_if_strong"]))
    by_stars = pl.col("stars") >= rule["present_stars"]
    growing = pl.col("growth").is_not_null() & (pl.col("growth") >= rule["nascent_growth"]) & (
        lq >= rule["nascent_growth_lq"])
    code = (pl.when(pl.col("employment") < rule["minimum_employment"]).then(pl.lit("absent_small"))
            .when(by_strong & by_stars).then(pl.lit("present_strong_and_stars"))
            .when(by_strong).then(pl.lit("present_strong"))
            .when(by_stars).then(pl.lit("present_stars"))
            .when(lq >= rule["nascent_lq"]).then(pl.lit("nascent_specialised"))
            .when(growing).then(pl.lit("nascent_growing"))
            .otherwise(pl.lit("absent")))
    return [code.alias("verdict_code"), code.str.split("_").list.first().alias("potential")]


_THRESHOLDS = {
    "absent_small": ("minimum_employment",),
    "present_strong_and_stars": ("present_stars",),
    "present_strong": ("present_stars",),
    "present_stars": ("present_stars",),
    "nascent_specialised": ("nascent_lq",),
    "nascent_growing": ("nascent_growth", "nascent_growth_lq"),
    "absent": ("nascent_lq", "nascent_growth", "nascent_growth_lq"),
}


def numbers(record, rule: dict) -> dict:
    """The figures the rule compared for `record`, with the thresholds its code names."""
    figures = {"employment": record.employment, "lq": record.lq, "stars": record.stars, "strong": record.strong,
               "growth": record.growth}
    return {**figures, **{name: rule[name] for name in _THRESHOLDS[record.verdict_code]}}
