"""Writing results: stdout, or a file written atomically and never overwritten without --force."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

from toolbox.errors import OutputError
from toolbox.yamlio import display_path

STDOUT = "-"


def check_target(path: Path, force: bool) -> None:
    """Fail early, before any work, when `path` cannot or must not be written."""
    if path.is_dir():
        raise OutputError(f"{display_path(path)}: is a directory; give a file name")
    if path.exists() and not force:
        raise OutputError(f"{display_path(path)}: already exists; use --force to overwrite it")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        if parent.exists():
            raise OutputError(f"{display_path(path)}: {display_path(parent)} is a file, not a directory")
        raise OutputError(f"{display_path(path)}: the directory {display_path(parent)} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{display_path(path)}: the directory {display_path(parent)} is not writable")


_SERIAL = itertools.count()


def _create_beside(path: Path, parent: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside `path`, opened for writing.

    Created exclusively (never someone else's file) with the mode a plain open() would give it
    (0o666 less the umask), under a name no other process uses (the process id and a serial number).
    """
    while True:
        tmp = parent / f".{path.name}.{os.getpid()}-{next(_SERIAL)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:  # left over by an earlier process with the same id: take the next number
            continue


def write_atomic(path: Path, data: str | bytes, force: bool = False, *, durable: bool = True,
                 checked: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place: never a half-written file.

    `durable`: flush the file to disk before the rename. A caller writing many files may pass False and
    call `sync()` once at the end; readers never see a half-written file either way.
    `checked`: the caller has already run `check_target` for `path` (planning a directory checks
    every target before any work).
    """
    if not checked:
        check_target(path, force)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = _create_beside(path, parent)
    except OSError as exc:
        raise OutputError(f"{display_path(path)}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{display_path(path)}: cannot write: {exc.strerror or exc}") from None


def emit(text: str, target: str | None, force: bool = False) -> None:
    """Machine output: to stdout when `target` is None or '-', else atomically to that file."""
    if target in (None, STDOUT):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(Path(target), text, force)


def sync() -> None:
    """Flush everything written so far to disk (after `write_atomic(..., durable=False)`)."""
    if hasattr(os, "sync"):
        os.sync()
