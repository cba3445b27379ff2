"""Done-when of issue 13: on the shipped UK data, LQs, stars and strong flags agree with an independent computation.

The reference is computed here from the raw CSV files with the csv module and plain Python, following the
sources' definitions directly (not the tool's code): the LQ as the ECO methodology page defines it; the
ECO size and focus stars as "top 10 %" read as at or above the 90th percentile; the CMP strong test as
clustermapping/cmp data/processing/cluster_calcs_reducer.js writes it, with d3.quantile's linear
interpolation over the regions with employment above zero.
"""

from __future__ import annotations

import csv
import gzip
import math
from collections import defaultdict
from pathlib import Path

import pytest

from toolbox.mapping import compute

UK = Path(__file__).resolve().parents[2] / "data" / "uk"
TOLERANCE = 1e-9


def d3_quantile(values: list[float], p: float) -> float:
    """d3.quantile (d3-array): linear interpolation between order statistics, as in the CMP's reducer."""
    xs = sorted(values)
    i = (len(xs) - 1) * p
    lo = math.floor(i)
    return xs[lo] if lo + 1 >= len(xs) else xs[lo] + (xs[lo + 1] - xs[lo]) * (i - lo)


def read(name: str) -> list[dict]:
    with gzip.open(UK / name, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def reference():
    segment = {}
    with open(UK / "sic4_industry_segments.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            segment[row["sic_4"]] = row["cluster"]
    out = {}
    for year in (2015, 2016, 2017, 2018):
        emp = defaultdict(float)
        regions = set()
        for row in read(f"bres_{year}_nuts2_sic4.csv.gz"):
            emp[row["geo_cd"], segment[row["SIC4"]]] += float(row["value"])
            regions.add(row["geo_cd"])
        est = None
        if year >= 2016:
            est = defaultdict(float)
            for row in read(f"idbr_{year}_nuts2_sic4.csv.gz"):
                if row["geo_cd"] in regions:
                    est[row["geo_cd"], segment[row["SIC4"]]] += float(row["value"])
        clusters = sorted(set(segment.values()))
        region_total = {r: sum(emp[r, c] for c in clusters) for r in regions}
        cluster_total = {c: sum(emp[r, c] for r in regions) for c in clusters}
        total = sum(region_total.values())
        for c in clusters:
            lq = {r: (emp[r, c] / region_total[r]) / (cluster_total[c] / total) if cluster_total[c] else None
                  for r in regions}
            focus = {r: emp[r, c] / region_total[r] for r in regions}
            size_cut = d3_quantile([emp[r, c] for r in regions], 0.9)
            focus_cut = d3_quantile(list(focus.values()), 0.9)
            positive = [r for r in regions if emp[r, c] > 0]
            if est is not None and positive:
                lq_cut = d3_quantile([lq[r] for r in positive], 0.75)
                emp_cut = d3_quantile([emp[r, c] for r in positive], 0.25)
                est_cut = d3_quantile([est[r, c] for r in positive], 0.25)
            for r in regions:
                stars = ((emp[r, c] > 0 and emp[r, c] >= size_cut) + (lq[r] is not None and lq[r] >= 2)
                         + (focus[r] > 0 and focus[r] >= focus_cut))
                if est is None:
                    strong = None
                elif not positive:
                    strong = False
                else:
                    strong = (lq[r] >= lq_cut and lq[r] >= 1 and emp[r, c] > emp_cut and est[r, c] > est_cut)
                out[r, c, year] = (lq[r], int(stars), strong, emp[r, c])
    return out


@pytest.fixture(scope="module")
def result():
    return compute()


def test_every_record_agrees_with_the_independent_computation(result, reference):
    assert len(result.records) == len(reference) == 39 * 72 * 4
    differences = []
    for record in result.records:
        lq, stars, strong, employment = reference[record.region, record.cluster, record.year]
        same_lq = (lq is None and record.lq is None) or abs(record.lq - lq) <= TOLERANCE * max(1.0, abs(lq))
        if not same_lq or record.stars != stars or record.strong != strong or record.employment != employment:
            differences.append((record.region, record.cluster, record.year, record.lq, lq, record.stars, stars,
                                record.strong, strong))
    assert differences == []


def test_the_source_readme_quick_facts_hold(result):
    """data/uk/README.md (from the source's README): total 2018 employment, and two LQs quoted there."""
    assert sum(r.employment for r in result.records if r.year == 2018) == 30_147_640
    assert result.find("UKM5", "primary_oil_gas").lq == pytest.approx(87, abs=0.5)
    assert result.find("UKD1", "manufacture_ships").lq == pytest.approx(27, abs=0.5)


def test_the_readme_examples_are_present_with_three_stars(result):
    for region, cluster in (("UKM5", "primary_oil_gas"), ("UKD1", "manufacture_ships")):
        record = result.find(region, cluster, 2018)
        assert record.stars == 3 and record.potential == "present"


def test_strong_is_not_applied_without_business_counts(result):
    assert {r.strong for r in result.records if r.year == 2015} == {None}
    assert {r.establishments for r in result.records if r.year == 2015} == {None}
