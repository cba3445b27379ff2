"""The validated-knowledge-base cache (toolbox/kb/cache.py): used when valid, else rebuilt; never trusted blindly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolbox.errors import InputError
from toolbox.kb import cache
from toolbox.kb import load as kb_load
from toolbox.kb.load import load_kb, shipped_data_dir


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(directory))
    monkeypatch.delenv("TOOLBOX_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    return directory


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("kb-*.pickle")) if directory.exists() else []


@pytest.fixture
def count_builds(monkeypatch):
    calls = []
    real = kb_load._load
    monkeypatch.setattr(kb_load, "_load", lambda layers: calls.append(layers) or real(layers))
    return calls


def test_the_second_load_reads_the_cache_and_gives_the_same_knowledge_base(cache_dir, count_builds):
    first = load_kb()
    assert len(entries(cache_dir)) == 1 and len(count_builds) == 1
    second = load_kb()
    assert len(count_builds) == 1, "validated again instead of read from the cache"
    assert second == first and second.version == first.version
    assert second.instruments == first.instruments and second.contributions == first.contributions
    assert os.stat(entries(cache_dir)[0]).st_mode & 0o077 == 0  # private to the user


def test_a_changed_user_file_is_validated_again(cache_dir, count_builds, tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    (user / "mechanisms.yaml").write_text("mechanisms: []\n", encoding="utf-8")
    load_kb([user])
    load_kb([user])
    assert len(count_builds) == 1
    (user / "mechanisms.yaml").write_text("mechanisms: []  # changed\n", encoding="utf-8")
    load_kb([user])
    assert len(count_builds) == 2
    (user / "notes.yaml").write_text("x: 1\n", encoding="utf-8")  # an unknown file name is an error
    with pytest.raises(InputError):
        load_kb([user])


def test_errors_are_never_cached(cache_dir, count_builds, tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    (user / "agents.yaml").write_text("agents:\n  - id: x\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError):
            load_kb([user])
    assert len(count_builds) == 2
    assert len(entries(cache_dir)) == 0


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_entry_is_ignored_and_rebuilt(cache_dir, count_builds, damage):
    expected = load_kb()
    (entry,) = entries(cache_dir)
    data = entry.read_bytes()
    damaged = {"truncate": data[: len(data) // 2], "flip": data[:-10] + bytes(b ^ 0xFF for b in data[-10:]),
               "garbage": os.urandom(len(data)), "empty": b""}[damage]
    entry.write_bytes(damaged)
    assert load_kb() == expected
    assert len(count_builds) == 2
    assert entry.read_bytes() == data  # written again, whole


def test_an_entry_others_can_write_is_not_trusted(cache_dir, count_builds):
    load_kb()
    (entry,) = entries(cache_dir)
    entry.chmod(0o666)
    load_kb()
    assert len(count_builds) == 2


def test_turned_off_nothing_is_written(cache_dir, count_builds, monkeypatch):
    monkeypatch.setenv("TOOLBOX_NO_CACHE", "1")
    load_kb()
    load_kb()
    assert len(count_builds) == 2 and entries(cache_dir) == []


def test_an_unusable_cache_directory_is_no_error(tmp_path, monkeypatch, count_builds):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory\n")
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("TOOLBOX_NO_CACHE", raising=False)
    assert load_kb().instruments
    assert load_kb().instruments
    assert len(count_builds) == 2


def test_the_key_changes_with_the_pydantic_version(monkeypatch):
    import pydantic.version

    layers = [(shipped_data_dir(), True)]
    key = cache.cache_key(layers, list(kb_load.SECTIONS), 1 << 20)
    monkeypatch.setattr(pydantic.version, "VERSION", "0.0.0")
    assert cache.cache_key(layers, list(kb_load.SECTIONS), 1 << 20) != key


def test_the_default_location_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("TOOLBOX_CACHE_DIR", raising=False)
    monkeypatch.delenv("TOOLBOX_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "toolbox"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "toolbox"


def test_layers_are_shown_from_where_the_command_runs(cache_dir, tmp_path, monkeypatch):
    user = tmp_path / "user"
    user.mkdir()
    (user / "mechanisms.yaml").write_text("mechanisms: []\n", encoding="utf-8")
    assert load_kb([user]).layers[-1] == "user"
    monkeypatch.chdir(user)
    assert load_kb([user]).layers[-1] == "."


def test_old_entries_are_pruned(cache_dir, tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    for i in range(cache.KEEP + 3):
        (user / "mechanisms.yaml").write_text(f"mechanisms: []  # {i}\n", encoding="utf-8")
        load_kb([user])
    assert len(entries(cache_dir)) == cache.KEEP
