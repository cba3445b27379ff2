"""A cache of the validated knowledge base, so that each run does not parse and validate it again.

The key is a hash of everything the result depends on: the bytes of every knowledge-base file read
(the shipped ones and the user's `--kb` directories), the names of the YAML files in user
directories, the source of the code that loads and validates them, and the versions of the tool,
Python and pydantic. A changed byte anywhere gives a new key, so an entry is never trusted across
versions or edits. Only a knowledge base that passed validation is stored; errors are always found
afresh.

Entries live in `$TOOLBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/toolbox`, else `~/.cache/toolbox`, and
are written atomically. An entry that is unreadable, corrupt (its checksum is stored with it), not
owned by the current user or writable by others is ignored and rebuilt. `TOOLBOX_NO_CACHE=1` turns
the cache off. The cache is an optimisation only: any failure to read or write it is silent.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

CACHE_DIR_VAR = "TOOLBOX_CACHE_DIR"
NO_CACHE_VAR = "TOOLBOX_NO_CACHE"
FORMAT = b"toolbox-kb-cache 1\n"
KEEP = 16
"""Most entries kept; older ones are removed when a new one is written."""

_CODE = ("kb/load.py", "kb/model.py", "kb/records.py", "yamlio.py", "validation.py", "suggest.py", "levels.py",
         "errors.py", "__init__.py")
"""The modules whose code decides what a loaded knowledge base is."""


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


def cache_key(layers: Sequence[tuple[Path, bool]], sections: Sequence[str], max_bytes: int) -> str | None:
    """The key for these layers, or None when they cannot be cached (then loading reports why)."""
    import pydantic.version

    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(FORMAT)
    h.update(f"{sys.version_info[:3]}|{sys.implementation.name}|{pydantic.version.VERSION}\0".encode())
    try:
        for name in _CODE:
            h.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
        for directory, shipped in layers:
            h.update(b"layer\0" if shipped else b"user layer\0")
            if not directory.is_dir():
                return None
            if not shipped:  # file names decide what is reported, so they are part of the key
                names = sorted(p.name for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
                h.update(("\0".join(names) + "\0\0").encode())
            for name in sections:
                path = directory / name
                if not path.is_file():
                    h.update(name.encode() + b"\0absent\0")
                    continue
                if path.stat().st_size > max_bytes:
                    return None
                data = path.read_bytes()
                h.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    except OSError:
        return None
    return h.hexdigest()


def _entry(directory: Path, key: str) -> Path:
    return directory / f"kb-{key[:40]}.pickle"


def read(key: str):
    """The cached knowledge base for `key`, or None."""
    directory = cache_dir()
    if directory is None:
        return None
    path = _entry(directory, key)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a symbolic link is not an entry
        with os.fdopen(fd, "rb") as fh:
            if hasattr(os, "getuid"):
                st = os.fstat(fh.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    return None
            data = fh.read()
    except OSError:
        return None
    head = FORMAT + key.encode() + b"\n"
    if not data.startswith(head) or len(data) < len(head) + 65:
        return None
    digest, payload = data[len(head):len(head) + 64], data[len(head) + 65:]
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    import gc
    import pickle

    from toolbox.kb.model import KnowledgeBase

    enabled = gc.isenabled()
    gc.disable()  # many small objects: collecting while they are made only costs time
    try:
        kb = pickle.loads(payload)
    except Exception:  # noqa: BLE001  any damage, whatever its kind, means: rebuild
        return None
    finally:
        if enabled:
            gc.enable()
    return kb if isinstance(kb, KnowledgeBase) else None


def write(key: str, kb) -> None:
    """Store `kb` under `key`, atomically; silently skipped when the cache directory is not writable."""
    directory = cache_dir()
    if directory is None:
        return
    import pickle

    try:
        payload = pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001  the cache is an optimisation: never a reason to fail
        return
    data = FORMAT + key.encode() + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    tmp = None
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, _entry(directory, key))
        tmp = None
        _prune(directory)
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(directory: Path) -> None:
    entries = []
    for path in directory.glob("kb-*.pickle"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        try:
            path.unlink()
        except OSError:
            pass
