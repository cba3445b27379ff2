"""The cache of the shipped map (toolbox/mapping/cache.py): same bytes as a computed run, damage ignored."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolbox.kb.load import shipped_data_dir
from toolbox.mapping import cache, compute
from toolbox.mapping.config import shipped_config_path
from toolbox.mapping.result import view
from toolbox.render.map_export import map_csv, map_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(directory))
    monkeypatch.delenv("TOOLBOX_NO_CACHE", raising=False)
    return directory


@pytest.fixture
def computations(monkeypatch) -> list:
    """Counts the runs of the engine (a cache hit runs none)."""
    from toolbox.mapping import engine

    calls: list = []
    real = engine.compute

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "compute", counted)
    return calls


def outputs(result) -> tuple[str, str]:
    shown = view(result)
    return map_json(shown, None), map_csv(shown, None)


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("map-*.json"))


@pytest.fixture(scope="module")
def uncached() -> tuple[str, str]:
    before = os.environ.get("TOOLBOX_NO_CACHE")
    os.environ["TOOLBOX_NO_CACHE"] = "1"
    try:
        return outputs(compute())
    finally:
        if before is None:
            os.environ.pop("TOOLBOX_NO_CACHE")
        else:
            os.environ["TOOLBOX_NO_CACHE"] = before


def test_a_cached_map_gives_the_bytes_of_a_computed_one(cache_dir, computations, uncached):
    first = compute()
    assert len(computations) == 1 and len(entries(cache_dir)) == 1
    second = compute()
    assert len(computations) == 1, "the second run must come from the cache"
    assert outputs(first) == uncached
    assert outputs(second) == uncached
    # every field, not only what the renderers show: same values and same types (a float stays a float)
    assert [tuple(map(type, r)) for r in second.records] == [tuple(map(type, r)) for r in first.records]
    assert second.records == first.records
    for name in ("dataset", "licence", "regions", "clusters", "years", "traded", "employment_source",
                 "mapping_source", "notes", "tiles"):
        assert getattr(second, name) == getattr(first, name), name


def test_a_cache_hit_does_not_import_polars(cache_dir):
    code = ("import sys; from toolbox.mapping import compute; r = compute(); "
            "print(len(r.records), 'polars' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOOLBOX_KB": ""}
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.split() == ["11232", "True"]
    assert warm.stdout.split() == ["11232", "False"]


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "other-key"])
def test_a_damaged_entry_is_ignored_and_replaced(cache_dir, computations, uncached, damage):
    compute()
    (entry,) = entries(cache_dir)
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        at = len(data) - 100
        entry.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
    elif damage == "garbage":
        entry.write_bytes(b"not an entry at all")
    else:
        entry.write_bytes(data.replace(data.split(b"\n")[1], b"0" * 64, 1))
    result = compute()
    assert len(computations) == 2
    assert outputs(result) == uncached
    assert entry.read_bytes() == data, "the recomputed map replaces the damaged entry"


def test_an_entry_of_the_right_checksum_but_wrong_structure_is_ignored(cache_dir, computations):
    import orjson

    config = compute().config
    (entry,) = entries(cache_dir)
    key = entry.read_bytes().split(b"\n")[1].decode()
    payload = orjson.loads(cache.kb_cache.unwrap(entry.read_bytes(), cache.FORMAT, key))
    payload["records"]["lq"][0] = "1.5"  # a text where a number belongs
    entry.write_bytes(cache.kb_cache.wrap(orjson.dumps(payload), cache.FORMAT, key))
    assert cache.read(key, config) is None
    compute()
    assert len(computations) == 2


def test_turned_off_nothing_is_written_and_nothing_read(cache_dir, computations, monkeypatch):
    compute()
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")
    compute()
    assert len(computations) == 2
    shutil.rmtree(cache_dir)
    compute()
    assert not cache_dir.exists()


def test_a_user_file_is_never_cached(cache_dir, computations, hostile_files):
    employment, mapping = hostile_files
    compute(employment, mapping)
    compute(employment, mapping)
    assert len(computations) == 2 and not entries(cache_dir)


def test_the_key_changes_with_a_byte_of_the_data_or_the_thresholds(tmp_path):
    data = tmp_path / "uk"
    shutil.copytree(shipped_data_dir() / "uk", data)
    config = tmp_path / "mapping.yaml"
    shutil.copy(shipped_config_path(), config)
    key = cache.cache_key(data, config, "error")
    assert key == cache.cache_key(shipped_data_dir() / "uk", shipped_config_path(), "error")
    lookup = data / "sic4_industry_segments.csv"
    lookup.write_bytes(lookup.read_bytes() + b"\n")
    changed_data = cache.cache_key(data, config, "error")
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    changed_config = cache.cache_key(data, config, "error")
    assert len({key, changed_data, changed_config}) == 3


def test_the_key_changes_with_the_polars_version(monkeypatch):
    import importlib.metadata

    key = cache.cache_key(shipped_data_dir() / "uk", shipped_config_path(), "error")
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0.1" if name == "polars" else real(name))
    assert cache.cache_key(shipped_data_dir() / "uk", shipped_config_path(), "error") != key


def test_a_value_json_cannot_carry_is_not_stored(cache_dir, uk):
    broken = list(uk.records)
    broken[0] = broken[0]._replace(lq=math.nan)
    uk_copy = type(uk)(broken, dataset=uk.dataset, licence=uk.licence, regions=uk.regions, clusters=uk.clusters,
                       years=uk.years, traded=uk.traded, config=uk.config, employment_source=uk.employment_source,
                       mapping_source=uk.mapping_source)
    cache.write("0" * 64, uk_copy)
    assert not entries(cache_dir)
    cache.write("0" * 64, uk)
    assert len(entries(cache_dir)) == 1


def test_every_field_of_a_record_is_stored_or_derived_and_type_checked():
    from toolbox.mapping.result import MapRecord

    assert set(cache._TYPES) == set(cache.COLUMNS) == set(MapRecord._fields) - {"region_name", "cluster_name", "rule"}
