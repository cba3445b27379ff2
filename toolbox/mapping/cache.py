"""A cache of the map computed from the shipped data, so that `toolbox map` on the shipped UK data neither
imports polars nor reads and computes seven tables on every run.

Only the shipped map is cached (no --employment, --mapping or --config): a user's files change under
their own names, and hashing three million rows would cost as much as computing them.

Key. A SHA-256 of `FORMAT`, the versions of the tool, Python, polars and orjson, the source of every
module of the toolbox package (as for the knowledge base: toolbox/kb/cache.py, no list of files to keep),
and the bytes of every file under data/uk/ and of data/mapping.yaml (about 1 MB, a few milliseconds to
hash). A changed byte anywhere gives a new key.

Entry. `FORMAT`, the full key, the SHA-256 of the payload, then the payload: JSON written by orjson,
the records as columns. Reading it never runs code; the structure is checked (every column as long as
the others, every value of its field's type, every region and cluster named) before the records are
rebuilt, so a damaged entry is ignored and recomputed. Floats go through orjson's shortest round-trip
representation, so a cached record holds the very floats the computation gave; a result holding a
value JSON cannot carry (NaN, infinity) is not stored. Entries share the knowledge base's cache
directory (`TOOLBOX_CACHE_DIR`, `TOOLBOX_NO_CACHE`) and its safeguards for reading (toolbox/kb/cache.py),
are written atomically and the newest `KEEP` are kept.
"""

from __future__ import annotations

import hashlib
import math
import sys
from pathlib import Path

from toolbox.kb import cache as kb_cache
from toolbox.mapping.result import MapRecord, MapResult, collector_paused, records_from_columns

FORMAT = b"toolbox-map-cache 1 json\n"
PREFIX = "map-"
SUFFIX = ".json"
KEEP = 4
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""Largest entry read or written; the shipped map's entry is about 2 MB."""

_DERIVED = ("region_name", "cluster_name", "rule")
"""Record fields not stored per record: names come from the result's tables, the rule from the config."""
COLUMNS = tuple(f for f in MapRecord._fields if f not in _DERIVED)
_NUMBER = (float,)
_TYPES: dict[str, tuple[type, ...]] = {
    "region": (str,), "cluster": (str,), "year": (int,), "employment": _NUMBER,
    "establishments": (*_NUMBER, type(None)), "region_employment": _NUMBER, "lq": (*_NUMBER, type(None)),
    "lq_traded": (*_NUMBER, type(None)), "focus": (*_NUMBER, type(None)), "size_percentile": _NUMBER,
    "growth": (*_NUMBER, type(None)), "growth_since": (int, type(None)), "star_size": (bool,),
    "star_specialisation": (bool,), "star_focus": (bool,), "strong": (bool, type(None)), "potential": (str,),
    "verdict_code": (str,),
}
_FLOATS = tuple(name for name, kinds in _TYPES.items() if float in kinds)


class _Malformed(Exception):
    """The payload does not have the structure of a cached map."""


def _versions() -> bytes:
    from importlib.metadata import version

    import orjson

    from toolbox import __version__

    return (f"toolbox {__version__}|python {sys.version}|{sys.implementation.name}|polars {version('polars')}|"
            f"orjson {orjson.__version__}\0").encode()


def _data(directory: Path, config: Path) -> bytes:
    """A hash of every file of the shipped data directory (names and bytes) and of the thresholds file."""
    h = hashlib.sha256()
    for path in [*sorted(p for p in directory.iterdir() if p.is_file()), config]:
        with open(path, "rb") as handle:
            data = handle.read()
        h.update(path.name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.digest()


def cache_key(directory: Path, config: Path, suppressed: str) -> str | None:
    """The key of the shipped map in this code, these versions and this data; None if unknowable."""
    try:
        parts = FORMAT + _versions() + kb_cache._code() + _data(directory, config) + suppressed.encode()
    except (OSError, ImportError):  # a missing distribution or file only means no cache
        return None
    return hashlib.sha256(parts).hexdigest()


def _entry(directory: Path, key: str) -> Path:
    return directory / f"{PREFIX}{key[:40]}{SUFFIX}"


def read(key: str, config: dict) -> MapResult | None:
    """The cached map for `key`, with `config` (the thresholds it was computed with), or None."""
    directory = kb_cache.cache_dir()
    if directory is None:
        return None
    payload = kb_cache.unwrap(kb_cache.read_entry(_entry(directory, key), MAX_ENTRY_BYTES), FORMAT, key)
    if payload is None:
        return None
    import orjson

    try:
        with collector_paused():
            return decode(orjson.loads(payload), config)
    except (orjson.JSONDecodeError, _Malformed, KeyError, TypeError, ValueError):
        return None


def write(key: str, result: MapResult) -> None:
    """Store `result` under `key`, atomically; silently skipped when it cannot be stored faithfully."""
    directory = kb_cache.cache_dir()
    if directory is None:
        return
    import orjson

    try:
        payload = orjson.dumps(encode(result))
    except (TypeError, ValueError, _Malformed):  # the cache is an optimisation: never a reason to fail
        return
    data = kb_cache.wrap(payload, FORMAT, key)
    if len(data) > MAX_ENTRY_BYTES:
        return
    if kb_cache.write_entry(_entry(directory, key), data):
        _prune(directory)


def _prune(directory: Path) -> None:
    kb_cache.keep_newest(list(directory.glob(PREFIX + "*" + SUFFIX)), KEEP)


def encode(result: MapResult) -> dict:
    """The result as JSON values: the records as columns, and the result's own fields."""
    columns = {name: [getattr(r, name) for r in result.records] for name in COLUMNS}
    for name in _FLOATS:
        if not all(math.isfinite(v) for v in columns[name] if v is not None):
            raise _Malformed(name)  # JSON would carry it back as null
    rule = result.config["verdict"]
    if any(r.rule is not rule for r in result.records):
        raise _Malformed("rule")
    return {"records": columns, "dataset": result.dataset, "licence": result.licence, "regions": result.regions,
            "clusters": result.clusters, "years": list(result.years), "traded": result.traded,
            "employment_source": result.employment_source, "mapping_source": result.mapping_source,
            "notes": list(result.notes),
            "tiles": None if result.tiles is None else {k: list(v) for k, v in result.tiles.items()}}


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise _Malformed(what)


def _texts(value, what: str) -> None:
    _check(type(value) is dict and all(type(k) is str and type(v) is str for k, v in value.items()), what)


def decode(data, config: dict) -> MapResult:
    _check(type(data) is dict, "payload")
    columns = data["records"]
    _check(type(columns) is dict and columns.keys() == set(COLUMNS), "records")
    size = len(columns["region"])
    for name, kinds in _TYPES.items():
        column = columns[name]
        _check(type(column) is list and len(column) == size and set(map(type, column)) <= set(kinds), name)
    regions, clusters = data["regions"], data["clusters"]
    _texts(regions, "regions")
    _texts(clusters, "clusters")
    _check(set(columns["region"]) <= regions.keys() and set(columns["cluster"]) <= clusters.keys(), "names")
    years = data["years"]
    _check(type(years) is list and all(type(y) is int for y in years), "years")
    traded = data["traded"]
    _check(traded is None or (type(traded) is dict and all(type(v) is bool for v in traded.values())), "traded")
    for name in ("dataset", "employment_source", "mapping_source"):
        _check(type(data[name]) is str, name)
    _check(data["licence"] is None or type(data["licence"]) is str, "licence")
    tiles = data["tiles"]
    _check(tiles is None or (type(tiles) is dict and all(
        type(v) is list and len(v) == 2 and all(type(n) is int for n in v) for v in tiles.values())), "tiles")
    _check(type(data["notes"]) is list, "notes")
    # orjson writes 2.0 as 2.0 and reads it back as a float: the columns come back as they were computed
    rule = config["verdict"]
    names = {"region_name": [regions[c] for c in columns["region"]],
             "cluster_name": [clusters[c] for c in columns["cluster"]], "rule": [rule] * size}
    ordered = [names[f] if f in names else columns[f] for f in MapRecord._fields]
    with collector_paused():
        records = records_from_columns(ordered)
        result = MapResult(records, dataset=data["dataset"], licence=data["licence"], regions=regions,
                           clusters=clusters, years=tuple(years), traded=traded, config=config,
                           employment_source=data["employment_source"], mapping_source=data["mapping_source"],
                           notes=tuple(data["notes"]))
    result.tiles = None if tiles is None else {k: tuple(v) for k, v in tiles.items()}
    return result
