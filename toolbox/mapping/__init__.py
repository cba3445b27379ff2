"""Cluster potential from employment statistics: `toolbox map` (docs/map.md).

The stable interface for other parts of the tool:
- `compute(employment=None, mapping=None, config=None) -> MapResult` (None = the shipped UK data, its
  segment lookup and data/mapping.yaml);
- `MapResult.records`: one `MapRecord` per region × cluster × year, with its measures, ECO stars, CMP
  strong flag and the tool's verdict (a code and its figures);
- `MapResult.find(region, cluster, year=None)` (latest year by default), `region_name`, `cluster_name`,
  `lookup_region`, `lookup_cluster`, and `provenance(year)`: the dataset, year and licence line;
- `toolbox.render.map_pictures.cluster_svg(result, cluster)`, `cluster_bubbles_svg(result, cluster)` and
  `region_svg(result, region)`: the pictures, as SVG text; `toolbox.render.map_text.evidence(record)`: the
  verdict worded as one sentence with its figures.

Importing this package is cheap; polars is imported when `compute` computes (not when the shipped map
comes from the cache).
"""

from toolbox.mapping.result import MapRecord, MapResult, Verdict

__all__ = ["MapRecord", "MapResult", "Verdict", "compute"]


def compute(employment=None, mapping=None, config=None, suppressed: str = "error") -> MapResult:
    """See toolbox.mapping.engine.compute. The shipped map is cached (toolbox/mapping/cache.py)."""
    if employment is None and mapping is None and config is None:
        return _shipped(suppressed)
    from toolbox.mapping.engine import compute as run

    return run(employment, mapping, config, suppressed)


def _shipped(suppressed: str) -> MapResult:
    from toolbox.paths import shipped_data_dir
    from toolbox.mapping import cache
    from toolbox.mapping.config import load_config, shipped_config_path

    cfg = load_config(None)
    key = cache.cache_key(shipped_data_dir() / "uk", shipped_config_path(), suppressed)
    result = cache.read(key, cfg) if key is not None else None
    if result is None:
        from toolbox.mapping.engine import compute as run

        result = run(None, None, cfg, suppressed)
        if key is not None:
            cache.write(key, result)
    return result
