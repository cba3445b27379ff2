"""Cluster potential from employment statistics: `toolbox map` (docs/map.md).

The stable interface for other parts of the tool:
- `compute(employment=None, mapping=None, config=None) -> MapResult` (None = the shipped UK data, its
  segment lookup and data/mapping.yaml);
- `MapResult.records`: one `MapRecord` per region × cluster × year, with its measures, ECO stars, CMP
  strong flag and the tool's verdict (a code and its figures);
- `MapResult.find(region, cluster, year=None)` (latest year by default), `region_name`, `cluster_name`,
  `lookup_region`, `lookup_cluster`, and `provenance(year)`: the dataset, year and licence line;
- `toolbox.mapping.pictures.cluster_svg(result, cluster)` and `region_svg(result, region)`: the pictures.

Importing this package is cheap; polars is imported when `compute` runs.
"""

from toolbox.mapping.result import MapRecord, MapResult, Verdict

__all__ = ["MapRecord", "MapResult", "Verdict", "compute"]


def compute(employment=None, mapping=None, config=None, suppressed: str = "error") -> MapResult:
    """See toolbox.mapping.engine.compute."""
    from toolbox.mapping.engine import compute as run

    return run(employment, mapping, config, suppressed)
