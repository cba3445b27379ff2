"""The validated-knowledge-base cache (toolbox/kb/cache.py): used when valid, else rebuilt; never trusted blindly."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolbox.errors import InputError
from toolbox.kb import cache
from toolbox.kb import load as kb_load
from toolbox.kb.load import load_kb


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("TOOLBOX_CACHE_DIR", str(directory))
    monkeypatch.delenv("TOOLBOX_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    return directory


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("kb-*.json")) if directory.exists() else []


@pytest.fixture
def run_cli():
    from typer.testing import CliRunner

    from cli import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), env={"NO_COLOR": "1", "TOOLBOX_KB": ""})


@pytest.fixture
def count_builds(monkeypatch):
    calls = []
    real = kb_load._load
    monkeypatch.setattr(kb_load, "_load", lambda *args: calls.append(args) or real(*args))
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
    load_kb()  # the shipped knowledge base, which an overlay is compared with (kb/overlay.py), is cached first
    count_builds.clear()
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


@pytest.mark.parametrize("module,attribute,value", [
    ("pydantic.version", "VERSION", "0.0.0"), ("pydantic_core", "__version__", "0.0.0"),
    ("yaml", "__version__", "0.0"), ("yaml", "__with_libyaml__", "toggled"), ("toolbox", "__version__", "0.0.0"),
    ("orjson", "__version__", "0.0.0"),
])
def test_the_key_changes_with_every_dependency_version(monkeypatch, module, attribute, value):
    import importlib

    key = cache.cache_key("data")
    target = importlib.import_module(module)
    monkeypatch.setattr(target, attribute, (not getattr(target, attribute)) if value == "toggled" else value)
    assert cache.cache_key("data") != key


def test_the_key_covers_every_module_of_the_package_without_a_list(monkeypatch, tmp_path):
    """Copy the package, change one module the old hand-kept list left out, and the key changes."""
    import shutil

    package = Path(cache.__file__).resolve().parent.parent
    copy = tmp_path / "toolbox"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    monkeypatch.setattr(cache, "__file__", str(copy / "kb" / "cache.py"))
    key = cache.cache_key("data")
    assert cache.cache_key("data") == key
    engine = next(copy.glob("engine/*.py"))
    engine.write_text(engine.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert cache.cache_key("data") != key
    assert cache.cache_key("other data") != cache.cache_key("data")


def test_an_edit_that_keeps_a_module_s_size_still_changes_the_key(monkeypatch, tmp_path):
    """Modules count by size and modification time: an edit of the same length is seen by its time."""
    import os
    import shutil

    package = Path(cache.__file__).resolve().parent.parent
    copy = tmp_path / "toolbox"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    monkeypatch.setattr(cache, "__file__", str(copy / "kb" / "cache.py"))
    module = copy / "engine" / "value.py"
    before = module.stat()
    key = cache.cache_key("data")
    text = module.read_bytes()
    module.write_bytes(text.replace(b"0.5", b"0.6", 1) if b"0.5" in text else text[:-1] + b" ")
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert module.stat().st_size == before.st_size
    assert cache.cache_key("data") != key


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


# --- an entry planted or swapped by someone else: never run, never waited on, never trusted for the version -----

OVERRIDE = """mechanisms:
  - id: venture_capital
    name: {name}
    source: {{rationale: "Renamed for this region."}}
"""


def user_kb(tmp_path: Path, name: str = "Venture capital, our way") -> Path:
    user = tmp_path / "user"
    user.mkdir(exist_ok=True)
    (user / "mechanisms.yaml").write_text(OVERRIDE.format(name=name), encoding="utf-8")
    return user


def the_entry(cache_dir: Path) -> Path:
    load_kb()
    (entry,) = entries(cache_dir)
    return entry


def test_an_entry_of_another_key_renamed_to_this_one_is_ignored(cache_dir, count_builds, tmp_path):
    entry = the_entry(cache_dir)
    expected = load_kb()
    other = load_kb([user_kb(tmp_path)])
    assert other.mechanisms["venture_capital"].name != expected.mechanisms["venture_capital"].name
    (other_entry,) = [e for e in entries(cache_dir) if e != entry]
    entry.write_bytes(other_entry.read_bytes())  # valid in every way, but it says it is for another key
    builds = len(count_builds)
    assert load_kb() == expected
    assert len(count_builds) == builds + 1


def test_a_forged_entry_with_a_valid_checksum_cannot_change_the_version_nor_fool_kb_validate(
        cache_dir, count_builds, tmp_path, run_cli):
    entry = the_entry(cache_dir)
    expected = load_kb()
    other = load_kb([user_kb(tmp_path)])
    head = cache.FORMAT + entry.read_bytes().split(b"\n")[1] + b"\n"  # this key
    payload = entry.read_bytes().split(b"\n", 3)[3].replace(
        expected.mechanisms["venture_capital"].name.encode(), b"Forged")
    entry.write_bytes(head + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    forged = load_kb()
    assert forged.mechanisms["venture_capital"].name == "Forged"  # the stated limit: see the threat model
    assert forged.version == expected.version != other.version  # computed from the files read, not the entry
    builds = len(count_builds)
    result = run_cli("kb", "validate")
    assert result.exit_code == 0, result.output
    assert len(count_builds) == builds + 1, "kb validate read the cache"
    assert expected.version in result.stdout


class _Planted:
    """Pickling this gives a payload that, if unpickled, writes a file: proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def test_a_pickle_payload_with_a_valid_checksum_is_never_run(cache_dir, count_builds, tmp_path):
    import pickle

    entry = the_entry(cache_dir)
    expected = load_kb()
    marker = tmp_path / "PWNED"
    payload = pickle.dumps(_Planted(marker))
    head = cache.FORMAT + entry.read_bytes().split(b"\n")[1] + b"\n"
    entry.write_bytes(head + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    builds = len(count_builds)
    assert load_kb() == expected
    assert not marker.exists()
    assert len(count_builds) == builds + 1
    assert entry.read_bytes().split(b"\n", 3)[3].startswith(b"{")  # replaced by a JSON entry


@pytest.mark.parametrize("damage", ["extra field", "missing field", "list for a record", "bad index"])
def test_an_entry_with_the_wrong_structure_and_a_valid_checksum_is_ignored(cache_dir, count_builds, damage):
    import orjson

    entry = the_entry(cache_dir)
    expected = load_kb()
    head, digest, payload = entry.read_bytes().split(b"\n", 3)[1:]
    data = orjson.loads(payload)
    record = data["instruments"]["job_fairs"]
    if damage == "extra field":
        record["run"] = "os.system"
    elif damage == "missing field":
        del record["cost_class"]
    elif damage == "list for a record":
        data["instruments"]["job_fairs"] = list(record.values())
    else:
        record["source"] = 10 ** 6
    payload = orjson.dumps(data)
    entry.write_bytes(cache.FORMAT + head + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    builds = len(count_builds)
    assert load_kb() == expected
    assert len(count_builds) == builds + 1


def test_a_file_changed_while_it_is_read_is_cached_as_parsed(cache_dir, count_builds, tmp_path, monkeypatch):
    """The key and the knowledge base come from one read: a later change cannot pair A's key with B's data."""
    from toolbox import yamlio

    load_kb()  # the shipped knowledge base, which an overlay is compared with (kb/overlay.py), is cached first
    shipped = set(entries(cache_dir))
    user = user_kb(tmp_path, "Name A")
    real = yamlio.read_text

    def read_then_change(path, **kwargs):
        result = real(path, **kwargs)
        if Path(path).name == "mechanisms.yaml" and "Name A" in result[1]:
            (user / "mechanisms.yaml").write_text(OVERRIDE.format(name="Name B"), encoding="utf-8")
        return result

    monkeypatch.setattr(yamlio, "read_text", read_then_change)
    first = load_kb([user])
    monkeypatch.setattr(yamlio, "read_text", real)
    assert first.mechanisms["venture_capital"].name == "Name A"
    (entry,) = set(entries(cache_dir)) - shipped
    key = entry.read_bytes().split(b"\n")[1].decode()
    assert cache.read(key).mechanisms == first.mechanisms  # the entry holds what was parsed

    assert load_kb([user]).mechanisms["venture_capital"].name == "Name B"  # the file as it is now
    (user / "mechanisms.yaml").write_text(OVERRIDE.format(name="Name A"), encoding="utf-8")
    builds = len(count_builds)
    assert load_kb([user]).mechanisms["venture_capital"].name == "Name A"
    assert len(count_builds) == builds  # read back: A's key holds A's data


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_fifo_at_the_entry_path_is_not_waited_on(cache_dir):
    entry = the_entry(cache_dir)
    entry.unlink()
    os.mkfifo(entry)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "TOOLBOX_CACHE_DIR": str(cache_dir)}
    code = "from toolbox.kb.load import load_kb; load_kb(); load_kb()"
    # a hang shows as TimeoutExpired; the limit is generous for a loaded machine, a load takes under a second
    subprocess.run([sys.executable, "-c", code], env=env, cwd=root, check=True, timeout=60)
    assert stat.S_ISREG(os.lstat(entry).st_mode)  # replaced by an entry


def test_an_oversized_entry_is_not_read_and_is_replaced(cache_dir, count_builds):
    entry = the_entry(cache_dir)
    key = entry.read_bytes().split(b"\n")[1].decode()
    with open(entry, "r+b") as fh:
        fh.truncate(3 * 1024 ** 3)  # 3 GiB, sparse: reading it would take seconds and gigabytes
    started = time.process_time()
    assert cache.read(key) is None
    assert time.process_time() - started < 0.1
    load_kb()
    assert entry.stat().st_size < cache.MAX_ENTRY_BYTES
    assert cache.read(key) is not None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_an_entry_owned_by_another_user_is_ignored_and_replaced(cache_dir, count_builds):
    entry = the_entry(cache_dir)
    os.chown(entry, 4321, -1)
    builds = len(count_builds)
    load_kb()
    assert len(count_builds) == builds + 1
    assert entry.stat().st_uid == os.getuid()


def test_a_symbolic_link_at_the_entry_path_is_not_followed(cache_dir, count_builds, tmp_path):
    entry = the_entry(cache_dir)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)  # a valid entry, reached through a link
    entry.symlink_to(elsewhere)
    kept = elsewhere.read_bytes()
    builds = len(count_builds)
    load_kb()
    assert len(count_builds) == builds + 1
    assert not entry.is_symlink() and entry.is_file()
    assert elsewhere.read_bytes() == kept  # the link's target was not written through


def test_an_entry_of_the_pickle_format_is_removed(cache_dir):
    entry = the_entry(cache_dir)
    old = cache_dir / (entry.stem + ".pickle")
    old.write_bytes(b"toolbox-kb-cache 1\n")
    (entry).unlink()
    load_kb()
    assert not old.exists()
