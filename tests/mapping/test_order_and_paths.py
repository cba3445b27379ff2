"""The records' stored order, and the two ways a CSV is written (from records, from the engine's table),
which must give the same bytes: toolbox/render/map_export.py."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from toolbox.mapping import compute
from toolbox.mapping.result import MapResult, rank_key, view
from toolbox.render.map_export import map_csv

OPTIONS = SimpleNamespace()


def strongest_first(records):
    return sorted(records, key=lambda r: (-r.year, *rank_key(r)))


def from_records(result: MapResult) -> MapResult:
    """The same result without the engine's table, as the cache gives it."""
    return MapResult(result.records, dataset=result.dataset, licence=result.licence, regions=result.regions,
                     clusters=result.clusters, years=result.years, traded=result.traded, config=result.config,
                     employment_source=result.employment_source, mapping_source=result.mapping_source)


@pytest.fixture(scope="module")
def uk_computed():
    """The shipped map computed (toolbox.mapping.compute may read it from the cache, without the table)."""
    from toolbox.mapping import engine

    return engine.compute()


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    """Ties, zeros, tiny focus values (below 1e-4, where polars and repr write floats differently), a huge
    region (employment beyond 2 ** 63, past what polars casts to an integer), names with commas, quotes, formula signs and controls, three years."""
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("awkward")
    names = ['Plain', 'Comma, Town', 'Say "hi"', '=SUM(A1)', '-minus', 'tab\there', 'Ünïcödé ×', '+plus', '@at']
    lines = ["region,region_name,industry,year,employment,establishments"]
    for year in (2016, 2017, 2018):
        for r, name in enumerate(names):
            for i in range(12):
                value = (rng.choice([0, 0, 5, 5, 7, 100, 2500]) if r != 3 else 2e19 if i == 0 else 1)
                lines.append(f'R{r},"{name.replace(chr(34), chr(34) * 2)}",I{i},{year},{value:.0f},{int(value) // 10}')
    (folder / "e.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = ["industry,cluster,traded,cluster_name"]
    rows += [f"I{i},c{i % 5},{'false' if i % 5 == 0 else 'true'},\"Cluster, {i % 5}\"" for i in range(12)]
    (folder / "m.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return compute(folder / "e.csv", folder / "m.csv")


def test_the_records_are_stored_strongest_first(uk, uk_computed, awkward):
    for result in (uk, uk_computed, awkward):
        assert list(result.records) == strongest_first(result.records)


def test_a_selection_is_ranked_as_if_sorted(uk):
    for region, cluster, year in (("UKM5", None, None), (None, "manufacture_ships", 2016), (None, None, 2018)):
        chosen = [r for r in uk.records if (region is None or r.region == region)
                  and (cluster is None or r.cluster == cluster) and (year is None or r.year == year)]
        assert uk.select(region, cluster, year) == strongest_first(chosen)


def test_the_awkward_data_reach_the_notations_the_fast_path_must_mend(awkward):
    focus = [r.focus for r in awkward.records if r.focus]
    assert min(focus) < 1e-4 and max(r.employment for r in awkward.records) >= 2 ** 63


@pytest.mark.parametrize("selection", [{}, {"region": "R3"}, {"cluster": "c1"}, {"year": 2017},
                                       {"region": "R1", "cluster": "c2", "year": 2018}])
def test_csv_from_the_table_equals_csv_from_the_records(awkward, uk_computed, selection):
    for result in (awkward, uk_computed):
        if "region" in selection and selection["region"] not in result.regions:
            selection = {**selection, "region": "UKM5"}
        if "cluster" in selection and selection["cluster"] not in result.clusters:
            selection = {**selection, "cluster": "manufacture_ships"}
        assert result.table is not None
        fast = map_csv(view(result, **selection), OPTIONS)
        slow = map_csv(view(from_records(result), **selection), OPTIONS)
        assert fast == slow
        assert fast.count("\n") == 1 + len(view(result, **selection).records)


def test_the_records_are_made_on_first_use_only(tmp_path, awkward):
    result = compute(*_files(tmp_path))
    assert result._records is None  # computed, not yet asked for
    map_csv(view(result), OPTIONS)
    assert result._records is None  # the CSV came from the table
    assert len(result.records) == 2 * 2 * 1 and result._columns is None


def _files(tmp_path):
    (tmp_path / "e.csv").write_text("region,industry,employment\nR1,A,10\nR1,B,20\nR2,A,30\nR2,B,5\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("industry,cluster\nA,a\nB,b\n", encoding="utf-8")
    return tmp_path / "e.csv", tmp_path / "m.csv"


@pytest.mark.parametrize("selection", [{}, {"with_potential": True}, {"region": "R4", "year": 2016},
                                       {"cluster": "c3", "with_potential": True}, {"year": 2018}])
def test_a_selection_made_before_the_records_equals_one_made_from_them(awkward, selection):
    fresh = compute(awkward.employment_source, awkward.mapping_source)
    chosen = fresh.select(**selection)
    assert fresh._records is None  # made from the table, for the chosen records only
    assert chosen == from_records(fresh).select(**selection)
    if selection.get("with_potential"):
        assert chosen and all(r.potential != "absent" for r in chosen)
