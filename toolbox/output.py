"""Writing results: stdout, or a file written atomically and never overwritten without --force.

What may stand at the path given with -o (docs/profile.md#output-files says the same to users):
- nothing: the file is created; of two runs creating it at once, one wins and the other fails (exit 2);
- a regular file: refused without --force; with it, replaced atomically by a file with the old one's
  permission bits. The name then points at a new file: a hard link elsewhere keeps the old content.
- a symbolic link: followed to the file it points to, which is then treated as above, in that file's
  directory (the link stays a link). A dangling link or a loop is refused, with or without --force.
- a directory, device, named pipe or socket: refused, with or without --force.

A temporary file is named `.toolbox-<pid>-<n>.<name>.tmp`: hidden, with a suffix no command reads. The
one a killed run leaves behind is removed by a later write into the same directory, once its process
is gone (`sweep_stale`).
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
import sys
import time
from pathlib import Path

from toolbox.errors import OutputError
from toolbox.yamlio import display_path

STDOUT = "-"
TMP_PREFIX = ".toolbox-"
_TMP_NAME = re.compile(r"\.toolbox-(\d+)-\d+\..*\.tmp\Z", re.DOTALL)
STALE_AFTER = 10.0
"""Seconds since its last change before a dead process's temporary file is removed: a margin for a
process of the same number in another PID namespace sharing the directory."""

_KIND = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
         (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KIND if test(mode)), "not a regular file")


def _lstat(path: Path) -> os.stat_result | None:
    """`path`'s own status, or None when nothing is there (or a parent is not a directory: checked later)."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(f"{display_path(path)}: cannot write: {exc.strerror or exc}") from None


def check_target(path: Path, force: bool) -> Path:
    """The file to write for `-o path` (the target of a symbolic link at `path`, else `path`).

    Fails early, before any work, when the path cannot or must not be written.
    """
    shown = display_path(path)
    real, status = path, _lstat(path)
    if status is not None and stat.S_ISLNK(status.st_mode):
        real = Path(os.path.realpath(path))
        try:
            status = os.stat(path)
        except FileNotFoundError:
            raise OutputError(f"{shown}: is a symbolic link to {display_path(real)}, which does not exist; "
                              "toolbox writes through a link only to an existing file") from None
        except OSError as exc:
            raise OutputError(f"{shown}: is a symbolic link that cannot be followed: {exc.strerror or exc}") from None
        shown = f"{shown} (a link to {display_path(real)})"
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{shown}: is a directory; give a file name")
        if not stat.S_ISREG(status.st_mode):
            raise OutputError(f"{shown}: is {_kind(status.st_mode)}; toolbox writes only regular files "
                              "and never replaces anything else, even with --force")
        if not force:
            raise OutputError(f"{shown}: already exists; use --force to overwrite it")
    parent = real.parent if str(real.parent) else Path(".")
    if not parent.is_dir():
        if parent.exists():
            raise OutputError(f"{shown}: {display_path(parent)} is a file, not a directory")
        raise OutputError(f"{shown}: the directory {display_path(parent)} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{shown}: the directory {display_path(parent)} is not writable")
    return real


_SERIAL = itertools.count()
_SWEPT: set[str] = set()


def _create_beside(path: Path, parent: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside `path`, opened for writing.

    Created exclusively (never someone else's file) with the mode a plain open() would give it
    (0o666 less the umask), under a name no other process uses (the process id and a serial number).
    """
    while True:
        tmp = parent / f"{TMP_PREFIX}{os.getpid()}-{next(_SERIAL)}.{path.name[:100]}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:  # left over by an earlier process with the same id: take the next number
            continue


def process_gone(pid: int) -> bool:
    """True when no process with this id exists (one we may not signal still exists)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def is_stale(pid: int, status: os.stat_result, after: float = STALE_AFTER) -> bool:
    """A leftover of a dead process of this user, untouched for `after` seconds."""
    return (pid != os.getpid() and status.st_uid == os.geteuid()
            and time.time() - status.st_mtime > after and process_gone(pid))


def sweep_stale(directory: Path) -> None:
    """Remove the temporary files killed runs left in `directory` (once per directory and process)."""
    key = os.path.abspath(directory)
    if key in _SWEPT:
        return
    _SWEPT.add(key)
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                found = _TMP_NAME.match(entry.name)
                if not found:
                    continue
                try:
                    status = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(status.st_mode) and is_stale(int(found.group(1)), status):
                        os.unlink(entry.path)
                except OSError:
                    continue
    except OSError:
        pass  # an unreadable directory: its leftovers stay, they block nothing


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def _create_exclusive(tmp: Path, real: Path, shown: str) -> None:
    """Put `tmp` at `real`, which must not exist: the first of several writers wins."""
    try:
        # link() never replaces anything, whatever stands there (even a dangling link)
        os.link(tmp, real, follow_symlinks=False)
    except FileExistsError:
        raise OutputError(f"{shown}: already exists; use --force to overwrite it") from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links: claim the name exclusively, then rename over the claim.
        try:
            os.close(os.open(real, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
        except FileExistsError:
            raise OutputError(f"{shown}: already exists; use --force to overwrite it") from None
        os.replace(tmp, real)
        return
    os.unlink(tmp)


def _replace(tmp: Path, real: Path, shown: str) -> None:
    """Rename `tmp` over `real`, checked once more: a device or link put there since the first check stays."""
    status = _lstat(real)
    if status is not None and not stat.S_ISREG(status.st_mode):
        kind = "a directory" if stat.S_ISDIR(status.st_mode) else (
            "a symbolic link" if stat.S_ISLNK(status.st_mode) else _kind(status.st_mode))
        raise OutputError(f"{shown}: became {kind} while toolbox was writing; nothing was replaced")
    os.replace(tmp, real)


def write_atomic(path: Path, data: str | bytes, force: bool = False, *, durable: bool = True) -> None:
    """Write to a temporary file beside the target, then move it into place: never a half-written file.

    `durable`: flush the file to disk before the move. A caller writing many files may pass False and
    call `sync()` once at the end; readers never see a half-written file either way.
    """
    real = check_target(path, force)
    shown = display_path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    parent = real.parent if str(real.parent) else Path(".")
    sweep_stale(parent)
    try:
        fd, tmp = _create_beside(real, parent)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            old = _lstat(real) if force else None
            if old is not None and stat.S_ISREG(old.st_mode):
                _keep_mode_and_owner(fh.fileno(), old)
            fh.write(raw)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if force:
            _replace(tmp, real, shown)
        else:
            _create_exclusive(tmp, real, shown)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise OutputError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    except BaseException:  # an OutputError, an interruption, a termination signal: no leftover
        _unlink_quietly(tmp)
        raise


def _keep_mode_and_owner(fd: int, old: os.stat_result) -> None:
    """The replacement gets the replaced file's permission bits (not set-id bits) and, when allowed, its owner."""
    os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except OSError:
            pass  # only root may give a file away: the user's own copy is what they asked for


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing is flushed at exit


PIPE_CLOSED = 141
"""Exit code when the reader of stdout went away (`| head`): 128 + SIGPIPE, what a shell shows for
a program the signal ended."""


def write_stdout(data: str | bytes) -> None:
    """Write to stdout. A reader that went away ends the process quietly; a full disk is exit code 2."""
    try:
        if isinstance(data, bytes):
            if hasattr(sys.stdout, "buffer"):
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise SystemExit(PIPE_CLOSED) from None
    except OSError as exc:
        _discard_stdout()
        raise OutputError(f"cannot write to stdout: {exc.strerror or exc}") from None


def emit(text: str | bytes, target: str | None, force: bool = False) -> None:
    """Machine output: to stdout when `target` is None or '-', else atomically to that file."""
    if target in (None, STDOUT):
        write_stdout(text)
        return
    write_atomic(Path(target), text, force)


def sync() -> None:
    """Flush everything written so far to disk (after `write_atomic(..., durable=False)`)."""
    if hasattr(os, "sync"):
        os.sync()
