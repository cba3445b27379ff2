"""A cache of the validated knowledge base, so that each run does not parse and validate it again.

Key. `cache_key` hashes the fingerprint of the data (toolbox/kb/load.py hashes exactly the text it
then parses, read once), the path, size and modification time of every module of the toolbox package
(found by walking the package, no list to keep), and the versions of the tool, Python, pydantic,
pydantic-core, PyYAML (and whether it uses libyaml) and orjson. A changed byte of the data, an edited
or replaced module, or another version gives a new key. Only a knowledge
base that passed validation is stored; errors are always found afresh.

Entry. `FORMAT`, the full key, the SHA-256 of the payload, then the payload: JSON written by
orjson, rebuilt with pydantic's `model_construct` after a structural check (every record has exactly
its model's fields, with values of the expected kinds). JSON cannot run code when read, as a pickle
can. Entries live in `$TOOLBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/toolbox`, else `~/.cache/toolbox`,
are written atomically, and the newest `KEEP` are kept. `TOOLBOX_NO_CACHE=1` turns the cache off.

An entry is ignored, and replaced by the next write, when it is not a regular file owned by the
user (a symbolic link, a FIFO, a device, a directory), is writable by others, is larger than
`MAX_ENTRY_BYTES`, names another key, fails its checksum, or does not have the expected structure.
It is opened with O_NONBLOCK and O_NOFOLLOW and checked with fstat before a byte is read, so a FIFO
or a huge file costs nothing. The cache is an optimisation only: any failure to read or write it is
silent.

Threat model. Whoever can write the user's cache directory can write any file of that user (their
shell start-up files, for one), so the cache cannot be defended against them and does not try to
authenticate entries. What it does guarantee:
- reading an entry never runs code (JSON, and no constructor or validator of ours runs on it);
- an entry cannot stand in for another key: the full key is checked, not only the file name, so an
  entry copied from another knowledge base is ignored;
- the version a run reports (`KnowledgeBase.fingerprint`) is computed from the files read in that
  run, never taken from the entry;
- damage (truncation, flipped bytes, garbage) is caught by the checksum and the structural check;
- `toolbox kb validate` never reads the cache: it parses and validates every file, so it cannot be
  told "ok" by a forged entry.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
import types
import typing
from pathlib import Path

CACHE_DIR_VAR = "TOOLBOX_CACHE_DIR"
NO_CACHE_VAR = "TOOLBOX_NO_CACHE"
FORMAT = b"toolbox-kb-cache 2 json\n"
SUFFIX = ".json"
KEEP = 16
"""Most entries kept; older ones are removed when a new one is written."""
MAX_ENTRY_BYTES = 4 * 1024 * 1024
"""Largest entry read or written (4 MiB). The shipped knowledge base's entry is about 0.14 MiB; the
limit leaves room for overlays many times its size. A larger entry is neither written nor read, so a
planted huge file costs one fstat, not seconds and gigabytes."""


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get(NO_CACHE_VAR, "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_DIR_VAR, "").strip()
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "toolbox"
    home = os.path.expanduser("~")
    if home == "~" or not home:
        return None
    return Path(home) / ".cache" / "toolbox"


def _versions() -> bytes:
    import orjson
    import pydantic.version
    import pydantic_core
    import yaml

    from toolbox import __version__

    libyaml = bool(getattr(yaml, "__with_libyaml__", False)) and hasattr(yaml, "CSafeLoader")
    return (f"toolbox {__version__}|python {sys.version}|{sys.implementation.name}|"
            f"pydantic {pydantic.version.VERSION}|pydantic-core {pydantic_core.__version__}|"
            f"pyyaml {yaml.__version__} libyaml={libyaml}|orjson {orjson.__version__}\0").encode()


def _code() -> bytes:
    """A fingerprint of every module of the package: whatever code decides what a loaded knowledge base is.

    Each module counts by its path, size and modification time (nanoseconds), not its bytes: an edit,
    a checkout or an upgrade changes them, and a stat costs a fraction of reading and hashing some
    sixty files on every run."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for root, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                st = os.stat(path)
                h.update(f"{os.path.relpath(path, package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.digest()


def cache_key(fingerprint: str) -> str | None:
    """The key for the data whose fingerprint is given, in this code and these versions; None if unknowable."""
    try:
        code = _code()
    except OSError:
        return None
    return hashlib.sha256(FORMAT + _versions() + code + fingerprint.encode()).hexdigest()


def _entry(directory: Path, key: str) -> Path:
    return directory / f"kb-{key[:40]}{SUFFIX}"


def read_entry(path: Path, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """The bytes of the entry at `path`, or None when it is anything but a regular file of ours of at most `limit`
    bytes (toolbox/mapping/cache.py reads its entries through this too)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # a link fails (O_NOFOLLOW); a FIFO opens without waiting for a writer
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return None
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def unwrap(data: bytes | None, fmt: bytes, key: str) -> bytes | None:
    """The payload of an entry's bytes when they start with `fmt` and `key` and the checksum holds, else None."""
    if data is None:
        return None
    head = fmt + key.encode() + b"\n"
    if not data.startswith(head) or len(data) < len(head) + 65 or data[len(head) + 64:len(head) + 65] != b"\n":
        return None
    digest, payload = data[len(head):len(head) + 64], data[len(head) + 65:]
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    return payload


def wrap(payload: bytes, fmt: bytes, key: str) -> bytes:
    """An entry's bytes: the format, the full key, the payload's checksum, then the payload."""
    return fmt + key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def read(key: str):
    """The cached knowledge base for `key`, or None."""
    directory = cache_dir()
    if directory is None:
        return None
    payload = unwrap(read_entry(_entry(directory, key)), FORMAT, key)
    if payload is None:
        return None
    import gc

    import orjson

    enabled = gc.isenabled()
    gc.disable()  # many small objects: collecting while they are made only costs time
    try:
        return decode(orjson.loads(payload))
    except (orjson.JSONDecodeError, _Malformed):
        return None
    finally:
        if enabled:
            gc.enable()


def write(key: str, kb) -> None:
    """Store `kb` under `key`, atomically; silently skipped when the cache directory is not writable."""
    directory = cache_dir()
    if directory is None:
        return
    import orjson

    try:
        payload = orjson.dumps(encode(kb), default=_record_dict)
    except (TypeError, ValueError):  # the cache is an optimisation: never a reason to fail
        return
    data = wrap(payload, FORMAT, key)
    if len(data) > MAX_ENTRY_BYTES:  # it would never be read back
        return
    if write_entry(_entry(directory, key), data):
        _prune(directory)


def write_entry(path: Path, data: bytes) -> bool:
    """Write `data` to the entry at `path` atomically; False, silently, when that failed."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix="." + path.name.split("-")[0] + "-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # replaces whatever is at the entry's path (a link, a FIFO, a foreign or oversized file) by
        # the name, without following or opening it
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(directory: Path) -> None:
    entries = []
    for path in directory.glob("kb-*"):
        if path.suffix != SUFFIX:  # an entry of an earlier format is never read again
            try:
                path.unlink()
            except OSError:
                pass
            continue
        entries.append(path)
    keep_newest(entries, KEEP)


def keep_newest(paths: list[Path], keep: int) -> None:
    """Remove all but the `keep` most recently written of `paths`; silently skip what cannot be removed."""
    entries = []
    for path in paths:
        try:
            entries.append((path.lstat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[keep:]:
        try:
            path.unlink()
        except OSError:
            pass


# --- the payload: plain JSON values in, records rebuilt without validating them again -------------

_TABLES = ("documents", "levels", "agent_groups", "dimensions", "gaps", "policy_fields", "contribution_types",
           "cost_classes", "mechanisms", "instruments", "agents", "monitoring_levels", "monitoring_measures",
           "spillover_axes", "spillover_channels", "failures", "policy_approaches", "digital_forms",
           "exchange_conditions", "social_mechanisms", "hindering_behaviours")
"""The KnowledgeBase fields that map ids to records."""


class _Malformed(Exception):
    """The payload does not have the structure of a knowledge base."""


def _record_dict(value):
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return value.__dict__
    raise TypeError(type(value).__name__)


def encode(kb) -> dict:
    """The knowledge base as JSON-ready values; records become dicts of their fields (see `_record_dict`).

    Sources, half of all records and mostly repeated, are written once and named by their index;
    contributions name their set of types by index too. The layers and the fingerprint are left out:
    they describe the run, and are set by the loader.
    """
    sources: dict[bytes, int] = {}
    shared: list = []

    def source(record) -> int:
        import orjson

        text = orjson.dumps(record.__dict__)
        if text not in sources:
            sources[text] = len(shared)
            shared.append(record.__dict__)
        return sources[text]

    out: dict = {"sources": shared}
    for name in _TABLES:
        table = {}
        for key, record in getattr(kb, name).items():
            fields = dict(record.__dict__)
            if "source" in fields:
                fields["source"] = source(fields["source"])
            table[key] = fields
        out[name] = table
    type_sets: dict[tuple, int] = {}
    rows: dict[str, dict[str, int]] = {}
    for c in kb.contributions:
        if c.instrument in rows and c.instrument != next(reversed(rows)):  # grouping would reorder them
            raise ValueError("contributions are not grouped by instrument")
        rows.setdefault(c.instrument, {})[c.agent] = type_sets.setdefault(c.types, len(type_sets))
    out["type_sets"] = list(type_sets)
    out["contributions"] = rows
    out["contribution_sources"] = {k: [source(s) for s in v] for k, v in kb.contribution_sources.items()}
    return out


_SCALAR, _MODEL, _MODELS, _SCALARS, _OPTIONAL_MODEL = range(5)
_PLANS: dict[type, tuple] = {}


def _scalar_types(annotation) -> tuple[type, ...] | None:
    """The JSON-decoded Python types a scalar annotation allows, or None when it is not a scalar."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _scalar_types(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return tuple({type(v) for v in typing.get_args(annotation)})
    if origin in (typing.Union, types.UnionType):
        found: tuple[type, ...] = ()
        for arg in typing.get_args(annotation):
            allowed = _scalar_types(arg)
            if allowed is None:
                return None
            found += allowed
        return found
    if annotation is type(None):
        return (type(None),)
    if annotation is float:
        return (float, int)  # JSON has one kind of number; orjson writes 5.0 back as a float, but be lenient
    if annotation in (str, int, bool):
        return (annotation,)
    return None


def _plan(model: type) -> tuple:
    """How to rebuild `model` from a dict: (model, field names, [(name, kind, detail)])."""
    plan = _PLANS.get(model)
    if plan is not None:
        return plan
    from pydantic import BaseModel

    fields = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        origin = typing.get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields.append((name, _MODEL, annotation))
        elif origin in (typing.Union, types.UnionType) and _optional_model(annotation, BaseModel):
            fields.append((name, _OPTIONAL_MODEL, _optional_model(annotation, BaseModel)))
        elif origin is tuple and typing.get_args(annotation)[1:] == (Ellipsis,):
            item = typing.get_args(annotation)[0]
            if isinstance(item, type) and issubclass(item, BaseModel):
                fields.append((name, _MODELS, item))
            else:
                allowed = _scalar_types(item)
                if allowed is None:
                    raise TypeError(f"{model.__name__}.{name}: no cache rule for {annotation}")
                fields.append((name, _SCALARS, allowed))
        else:
            allowed = _scalar_types(annotation)
            if allowed is None:
                raise TypeError(f"{model.__name__}.{name}: no cache rule for {annotation}")
            fields.append((name, _SCALAR, allowed))
    plan = _PLANS[model] = (model, frozenset(model.model_fields), tuple(fields))
    return plan


def _optional_model(annotation, base) -> type | None:
    """M for an annotation `M | None` where M is a model, else None."""
    args = typing.get_args(annotation)
    models = [a for a in args if isinstance(a, type) and issubclass(a, base)]
    if len(args) == 2 and type(None) in args and len(models) == 1:
        return models[0]
    return None


def _rebuild(plan: tuple, data, sources: list):
    model, names, fields = plan
    if type(data) is not dict or data.keys() != names:
        raise _Malformed(model.__name__)
    values = {}
    for name, kind, detail in fields:
        value = data[name]
        if kind == _SCALAR:
            if type(value) not in detail:
                raise _Malformed(name)
        elif kind == _SCALARS:
            if type(value) is not list:
                raise _Malformed(name)
            for item in value:
                if type(item) not in detail:
                    raise _Malformed(name)
            value = tuple(value)
        elif kind == _OPTIONAL_MODEL:
            if value is not None:
                value = _rebuild(_plan(detail), value, sources)
        elif kind == _MODEL:
            if name == "source" and type(value) is int:
                if not 0 <= value < len(sources):
                    raise _Malformed(name)
                value = sources[value]
            else:
                value = _rebuild(_plan(detail), value, sources)
        else:
            if type(value) is not list:
                raise _Malformed(name)
            sub = _plan(detail)
            value = tuple([_rebuild(sub, item, sources) for item in value])
        values[name] = value
    return model.model_construct(**values)


_TOP = {*_TABLES, "sources", "type_sets", "contributions", "contribution_sources"}


def decode(data):
    """The KnowledgeBase that `encode` gave `data` for; raises _Malformed on anything else."""
    from toolbox.kb.model import Contribution, KnowledgeBase
    from toolbox.kb.records import SECTIONS, Source

    if type(data) is not dict or data.keys() != _TOP or type(data["sources"]) is not list \
            or type(data["type_sets"]) is not list or type(data["contributions"]) is not dict \
            or type(data["contribution_sources"]) is not dict:
        raise _Malformed("top level")
    plan = _plan(Source)
    sources = [_rebuild(plan, s, []) for s in data["sources"]]
    models = {section: model for sections in SECTIONS.values() for section, model in sections.items()}
    tables = {}
    for name in _TABLES:
        table = data[name]
        if type(table) is not dict:
            raise _Malformed(name)
        plan = _plan(models[name])
        tables[name] = {key: _rebuild(plan, value, sources) for key, value in table.items()}
    type_sets = []
    for types_ in data["type_sets"]:
        if type(types_) is not list or not all(type(t) is str for t in types_):
            raise _Malformed("type_sets")
        type_sets.append(tuple(types_))
    make = tuple.__new__
    try:  # JSON keys are always text: only the indices need checking, and indexing checks them
        contributions = tuple([make(Contribution, (instrument, agent, type_sets[types_]))
                               for instrument, agents in data["contributions"].items()
                               for agent, types_ in agents.items()])
        contribution_sources = {k: tuple([sources[i] for i in v]) for k, v in data["contribution_sources"].items()}
    except (AttributeError, TypeError, IndexError):  # a list for a mapping, an index that is not one
        raise _Malformed("contributions") from None
    return KnowledgeBase(**tables, contributions=contributions, contribution_sources=contribution_sources)
