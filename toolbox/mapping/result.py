"""What `toolbox map` computes: one record per region × cluster × year, and the result that holds them.

Plain Python (named tuples), so that a caller holding a result (a renderer, a report, `init --from-map`)
never imports the tabular library that computed it.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import partial
from typing import NamedTuple


class Verdict(NamedTuple):
    """The tool's rule applied to one record (docs/map.md#verdict): a code and the figures behind it.

    `code` is one of present_strong_and_stars, present_strong, present_stars, nascent_specialised,
    nascent_growing, absent_small, absent. `numbers` holds the figures the rule compared, each with the
    threshold it was compared with, so that a renderer can word the evidence sentence.
    """

    potential: str
    """present, nascent or absent."""
    code: str
    numbers: dict


class MapRecord(NamedTuple):
    region: str
    region_name: str
    cluster: str
    cluster_name: str
    year: int
    employment: float
    establishments: float | None
    """None where the data hold no business counts for the year."""
    region_employment: float
    lq: float | None
    """Location quotient against all employment of all regions in the file (None: nobody works in the cluster)."""
    lq_traded: float | None
    """Against traded employment, as the US Cluster Mapping Project computes it; None unless the mapping marks
    the cluster traded."""
    focus: float | None
    """The cluster's share of the region's employment."""
    size_percentile: float
    """Share of the other regions (per cent) with less employment in this cluster and year."""
    growth: float | None
    """Compound yearly growth of employment since `growth_since` (None in the first year or from zero)."""
    growth_since: int | None
    star_size: bool
    star_specialisation: bool
    star_focus: bool
    strong: bool | None
    """The CMP strong-cluster test; None where it cannot be applied (no business counts, or a local cluster)."""
    potential: str
    """The tool's verdict: present, nascent or absent (toolbox/mapping/verdict.py)."""
    verdict_code: str
    rule: dict
    """The verdict's thresholds (data/mapping.yaml), shared by every record of a result."""

    @property
    def stars(self) -> int:
        return int(self.star_size) + int(self.star_specialisation) + int(self.star_focus)

    @property
    def verdict(self) -> Verdict:
        """The verdict with the figures it compared."""
        from toolbox.mapping.verdict import numbers

        return Verdict(self.potential, self.verdict_code, numbers(self, self.rule))


@contextmanager
def collector_paused():
    """The garbage collector paused while a result's records are made: they hold no cycles, and a generated
    table's 150,000 records (3 million field values) would otherwise trigger collection after collection,
    each walking every object made so far (more than half the time of building them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def records_from_columns(columns) -> list[MapRecord]:
    """Records from one sequence per field of MapRecord, in its order: built by tuple.__new__ through map()
    and zip(), so no Python code runs per record (a named tuple's own constructor is Python code)."""
    return list(map(partial(tuple.__new__, MapRecord), zip(*columns, strict=True)))


POTENTIAL_ORDER = {"present": 0, "nascent": 1, "absent": 2}


def rank_key(record: MapRecord):
    """Strongest first: potential, then stars, then the location quotient, then employment; code breaks ties."""
    return (POTENTIAL_ORDER[record.potential], -record.stars, -(record.lq or 0.0), -record.employment,
            record.region, record.cluster)


class MapResult:
    """Every record of one mapping run, with its provenance and the thresholds used."""

    def __init__(self, records=None, *, dataset: str, licence: str | None, regions: dict[str, str],
                 clusters: dict[str, str], years: tuple[int, ...], traded: dict[str, bool] | None,
                 config: dict, employment_source: str, mapping_source: str, notes: tuple = (),
                 tiles: dict[str, tuple[int, int]] | None = None, columns=None, table=None):
        """`records`, strongest first (newest year first, then `rank_key`: `select` relies on it); or, instead,
        `columns(**selection)`: a function returning one sequence per field of MapRecord in that order, for
        the records `select(**selection)` chooses (all of them without arguments), called when records are
        first needed (a generated table of 3 million rows gives 150,000 records: a table of one year's pairs
        with potential needs a third of them, and its CSV is written from `table` without any). `table`: the computing engine's table of the same records in
        the same order, one column per field (toolbox/render/map_export.py writes large CSV files from it);
        None for a result read from the cache."""
        if (records is None) == (columns is None):
            raise ValueError("give the records or the columns they are made from, not both")
        self._records: tuple[MapRecord, ...] | None = None if records is None else tuple(records)
        self._columns = columns
        self.table = table
        self.dataset = dataset
        self.licence = licence
        self.regions = regions
        self.clusters = clusters
        self.years = years
        self.traded = traded
        """cluster -> traded, when the mapping says; None when it does not (every LQ is then against all employment)."""
        self.config = config
        self.employment_source = employment_source
        self.mapping_source = mapping_source
        self.notes = tuple(notes)
        self.tiles = tiles
        """region -> (column, row) of the tile-grid cartogram; None: tiles in code order."""
        self._index: dict | None = None

    @property
    def records(self) -> tuple[MapRecord, ...]:
        """Every record, strongest first: newest year first, then `rank_key`."""
        if self._records is None:
            with collector_paused():
                self._records = tuple(records_from_columns(self._columns()))
            self._columns = None
        return self._records

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    @property
    def lq_basis(self) -> str:
        """What the strong-cluster test's LQ is computed against: 'traded' employment or 'all' employment."""
        return "all" if self.traded is None else "traded"

    def provenance(self, year: int | None = None) -> str:
        """The line every output carries: dataset, year(s) and licence."""
        years = (str(year) if year is not None else
                 f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1 else str(self.years[0]))
        line = f"{self.dataset}, {years}"
        return f"{line}. {self.licence}" if self.licence else line

    def region_name(self, code: str) -> str:
        return self.regions[code]

    def cluster_name(self, code: str) -> str:
        return self.clusters[code]

    def find(self, region: str, cluster: str, year: int | None = None) -> MapRecord | None:
        """The record of `region` × `cluster` in `year` (the latest year by default), or None."""
        if self._index is None:  # made on first use: a 3-million-row table has 150,000 records
            self._index = {(r.region, r.cluster, r.year): r for r in self.records}
        return self._index.get((region, cluster, self.latest_year if year is None else year))

    def select(self, region: str | None = None, cluster: str | None = None,
               year: int | None = None, with_potential: bool = False) -> list[MapRecord]:
        """Records of one region, one cluster or all, in one year or all years, strongest first;
        `with_potential`: only those whose potential is present or nascent.

        The records are stored in that order (newest year first, then `rank_key`: the engine sorts them, the
        cache keeps their order), so a selection is a filter.
        """
        if self._records is None:  # not made yet: only the chosen ones are
            with collector_paused():
                return records_from_columns(self._columns(region=region, cluster=cluster, year=year,
                                                          with_potential=with_potential))
        if region is None and cluster is None and year is None and not with_potential:
            return list(self.records)
        return [r for r in self.records
                if (region is None or r.region == region) and (cluster is None or r.cluster == cluster)
                and (year is None or r.year == year) and (not with_potential or r.potential != "absent")]

    def lookup_region(self, text: str) -> str | None:
        """A region code from a code or a name (case-insensitive), or None."""
        return _lookup(self.regions, text)

    def lookup_cluster(self, text: str) -> str | None:
        return _lookup(self.clusters, text)


def _lookup(names: dict[str, str], text: str) -> str | None:
    if text in names:
        return text
    folded = text.casefold().strip()
    for code, name in names.items():
        if code.casefold() == folded or name.casefold() == folded:
            return code
    return None


class MapView:
    """What one `toolbox map` run shows: the result, the selection, and its records, strongest first."""

    def __init__(self, result: MapResult, region: str | None = None, cluster: str | None = None,
                 year: int | None = None, by: str = "lq", show_all: bool = False, only_year: int | None = None):
        self.result = result
        self.region = region
        self.cluster = cluster
        self.year = result.latest_year if year is None else year
        """The year the table and the pictures show; JSON and CSV hold every year of the selection."""
        self.only_year = only_year
        """The year the selection is restricted to (`--year`), or None: every year."""
        self.by = by
        """What the cartogram colours: 'lq' or 'stars'."""
        self.show_all = show_all
        """The table: every record, not only those with potential."""
        self._records: tuple[MapRecord, ...] | None = None

    @property
    def records(self) -> tuple[MapRecord, ...]:
        """The selection's records, strongest first (made on first use)."""
        if self._records is None:
            self._records = tuple(self.result.select(self.region, self.cluster, self.only_year))
        return self._records


def view(result: MapResult, region: str | None = None, cluster: str | None = None, year: int | None = None,
         by: str = "lq", show_all: bool = False) -> MapView:
    return MapView(result, region, cluster, year, by, show_all, only_year=year)
