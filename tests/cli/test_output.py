"""Writing results (toolbox/output.py): atomic, never over an existing file without --force, clear errors."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from toolbox import output
from toolbox.errors import OutputError
from toolbox.output import write_atomic

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "greater_arntown_widgets.yaml"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths are shown as written


def refused(run, target, *extra) -> str:
    result = run("plan", EXAMPLE, "--format", "json", "-o", target, *extra)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    return result.stderr.strip()


def test_a_path_in_a_missing_directory(run):
    assert refused(run, "missing/plan.json") == "error: missing/plan.json: the directory missing does not exist"


def test_a_path_under_a_regular_file(run):
    Path("notes.txt").write_text("notes\n")
    assert refused(run, "notes.txt/plan.json") == "error: notes.txt/plan.json: notes.txt is a file, not a directory"
    assert Path("notes.txt").read_text() == "notes\n"


def test_a_directory_as_output(run):
    Path("out").mkdir()
    assert refused(run, "out") == "error: out: is a directory; give a file name"
    assert refused(run, "out", "--force") == "error: out: is a directory; give a file name"


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(run):
    Path("plan.json").write_text("old\n")
    assert refused(run, "plan.json") == "error: plan.json: already exists; use --force to overwrite it"
    assert Path("plan.json").read_text() == "old\n"
    result = run("plan", EXAMPLE, "--format", "json", "-o", "plan.json", "--force")
    assert result.exit_code == 0, result.output
    assert Path("plan.json").read_text().startswith("{")
    assert sorted(p.name for p in Path(".").iterdir()) == ["plan.json"]  # no temporary file left


@pytest.fixture
def read_only_dir(tmp_path):
    """A directory nobody may write to: mode 0555 for a normal user; as root, a read-only mount."""
    path = tmp_path / "ro"
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        yield path
        path.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(path)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("running as root without permission to mount a read-only file system")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], capture_output=True, check=False)


def test_an_unwritable_directory(run, read_only_dir):
    target = read_only_dir.relative_to(Path.cwd()) / "plan.json"
    assert refused(run, target) == f"error: {target}: the directory {target.parent} is not writable"
    assert not (read_only_dir / "plan.json").exists()


def test_a_directory_of_profiles_into_an_unwritable_directory(run, read_only_dir, tmp_path):
    result = run("plan", EXAMPLE.parent, "--format", "json", "-o", read_only_dir)
    assert result.exit_code == 2, result.output
    assert "is not writable" in result.stderr


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    target.write_text("old\n")

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    with pytest.raises(OutputError) as info:
        write_atomic(target, "new\n", force=True)
    assert str(info.value).endswith("plan.json: cannot write: No space left on device")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_temporary_file_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(output.os, "open", refuse)
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "plan.json", "new\n")
    assert str(info.value).endswith("plan.json: cannot write: Read-only file system")
    assert list(tmp_path.iterdir()) == []


def test_a_leftover_temporary_name_is_skipped_not_overwritten(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "_SERIAL", iter(range(2)))
    leftover = tmp_path / f".plan.json.{os.getpid()}-0.tmp"
    leftover.write_text("someone else's\n")
    write_atomic(tmp_path / "plan.json", "new\n")
    assert (tmp_path / "plan.json").read_text() == "new\n"
    assert leftover.read_text() == "someone else's\n"


def test_the_tool_opens_no_network_connection(run, monkeypatch):
    """Planning, explaining and exporting work offline: any attempt to open a socket fails the test."""
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    for args in (("plan", EXAMPLE), ("plan", EXAMPLE, "-f", "markdown"), ("plan", EXAMPLE, "-f", "json"),
                 ("explain", EXAMPLE, "job_fairs"), ("kb", "export"), ("plan", EXAMPLE.parent)):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)


def test_written_files_get_the_usual_permissions(run, tmp_path):
    # A temporary file is created owner-only; the result must be as readable as any file the user writes.
    import os
    import stat

    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "greater_arntown_widgets.yaml"
    target = tmp_path / "plan.json"
    result = run("plan", example, "--format", "json", "-o", target)
    assert result.exit_code == 0, result.output
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
