"""Writing results (toolbox/output.py): atomic, never over an existing file without --force, clear errors."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import time
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
    leftover = tmp_path / f".toolbox-{os.getpid()}-0.plan.json.tmp"
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


# -- what stands at the path: never a device, a pipe or a socket; links followed; modes kept ---------------
# The hostile-input review (issue 10) replaced a machine's /dev/null this way; these use nodes made here.

NEVER_REPLACED = "toolbox writes only regular files and never replaces anything else, even with --force"


@pytest.fixture
def char_device(tmp_path):
    """A character device node like /dev/null (major 1, minor 3), made in the test's directory."""
    path = tmp_path / "null"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


@pytest.fixture
def unix_socket(tmp_path):
    import socket

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(tmp_path / "sock"))
    yield tmp_path / "sock"
    server.close()


def test_a_fifo_is_never_replaced(run):
    os.mkfifo("pipe")
    for force in ((), ("--force",)):
        assert refused(run, "pipe", *force) == f"error: pipe: is a named pipe (FIFO); {NEVER_REPLACED}"
        assert stat.S_ISFIFO(os.lstat("pipe").st_mode)


def test_a_device_is_never_replaced(run, char_device):
    for force in ((), ("--force",)):
        assert refused(run, "null", *force) == f"error: null: is a character device; {NEVER_REPLACED}"
        status = os.lstat(char_device)
        assert stat.S_ISCHR(status.st_mode) and status.st_rdev == os.makedev(1, 3)


def test_a_socket_is_never_replaced(run, unix_socket):
    assert refused(run, "sock", "--force") == f"error: sock: is a socket; {NEVER_REPLACED}"
    assert stat.S_ISSOCK(os.lstat(unix_socket).st_mode)


def test_a_link_to_a_device_is_never_written_through(run, char_device):
    os.symlink("null", "link")
    assert refused(run, "link", "--force") == f"error: link (a link to null): is a character device; {NEVER_REPLACED}"
    assert os.readlink("link") == "null" and stat.S_ISCHR(os.lstat(char_device).st_mode)


def test_a_link_to_a_file_is_followed_and_stays_a_link(run, tmp_path):
    """Like cp and editors: the file the link points to gets the result, in its own directory."""
    Path("real").mkdir()
    Path("real/plan.json").write_text("old\n")
    os.symlink("real/plan.json", "link.json")
    assert refused(run, "link.json") == "error: link.json (a link to real/plan.json): already exists; " \
                                        "use --force to overwrite it"
    result = run("plan", EXAMPLE, "--format", "json", "-o", "link.json", "--force")
    assert result.exit_code == 0, result.output
    assert os.readlink("link.json") == "real/plan.json"
    assert Path("real/plan.json").read_text().startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]
    assert sorted(p.name for p in Path("real").iterdir()) == ["plan.json"]


def test_a_dangling_link_counts_as_existing_and_is_never_written_through(run):
    os.symlink("elsewhere/secret.json", "link.json")
    for force in ((), ("--force",)):
        assert refused(run, "link.json", *force) == (
            "error: link.json: is a symbolic link to elsewhere/secret.json, which does not exist; "
            "toolbox writes through a link only to an existing file")
        assert os.readlink("link.json") == "elsewhere/secret.json" and not Path("elsewhere").exists()


def test_a_link_loop_is_refused(run):
    os.symlink("b", "a")
    os.symlink("a", "b")
    message = refused(run, "a", "--force")
    assert message.startswith("error: a: ") and os.readlink("a") == "b"


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_force_keeps_the_replaced_files_permissions(run, mode):
    Path("plan.json").write_text("old\n")
    Path("plan.json").chmod(mode)
    result = run("plan", EXAMPLE, "--format", "json", "-o", "plan.json", "--force")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat("plan.json").st_mode) == mode
    assert Path("plan.json").read_text().startswith("{")


def test_force_gives_the_name_a_new_file_and_a_hard_link_keeps_the_old_one(run):
    """As docs/profile.md#output-files says: the replacement is atomic, so another name of the old file keeps it."""
    Path("plan.json").write_text("old\n")
    os.link("plan.json", "copy.json")
    result = run("plan", EXAMPLE, "--format", "json", "-o", "plan.json", "--force")
    assert result.exit_code == 0, result.output
    assert Path("plan.json").read_text().startswith("{") and Path("copy.json").read_text() == "old\n"


def test_a_file_created_after_the_check_is_not_overwritten(tmp_path, monkeypatch):
    """Without --force the file is created with link(), which fails when anything is there: the first writer wins."""
    target = tmp_path / "plan.json"
    real_check = output.check_target

    def check_then_someone_writes(path, force):
        checked = real_check(path, force)
        target.write_text("first\n")
        return checked

    monkeypatch.setattr(output, "check_target", check_then_someone_writes)
    with pytest.raises(OutputError) as info:
        write_atomic(target, "second\n")
    assert str(info.value).endswith("plan.json: already exists; use --force to overwrite it")
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_device_put_in_place_after_the_check_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    target.write_text("old\n")
    real_check = output.check_target

    def check_then_swap(path, force):
        checked = real_check(path, force)
        target.unlink()
        os.mkfifo(target)
        return checked

    monkeypatch.setattr(output, "check_target", check_then_swap)
    with pytest.raises(OutputError) as info:
        write_atomic(target, "new\n", force=True)
    assert "plan.json: became a named pipe (FIFO) while toolbox was writing" in str(info.value)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_without_hard_links_the_name_is_still_claimed_exclusively(tmp_path, monkeypatch):
    """A file system without link() (FAT, some network mounts): the name is taken with O_EXCL instead."""
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(output.os, "link", no_links)
    write_atomic(tmp_path / "plan.json", "new\n")
    assert (tmp_path / "plan.json").read_text() == "new\n"
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "plan.json", "again\n")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    """Ctrl-C (KeyboardInterrupt) or SIGTERM/SIGHUP (SystemExit, see toolbox/process.py) while writing."""
    for interruption in (KeyboardInterrupt, SystemExit(143)):
        def interrupted(fd):
            raise interruption

        monkeypatch.setattr(output.os, "fsync", interrupted)
        with pytest.raises(BaseException) as info:
            write_atomic(tmp_path / "plan.json", "new\n")
        assert isinstance(info.value, (KeyboardInterrupt, SystemExit))
        assert list(tmp_path.iterdir()) == []


def test_a_directory_of_profiles_refuses_a_device_among_the_results_before_any_work(run, tmp_path):
    Path("out").mkdir()
    os.mkfifo("out/greater_arntown_widgets.json")
    result = run("plan", EXAMPLE.parent, "--format", "json", "-o", "out", "--force")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"error: out/greater_arntown_widgets.json: is a named pipe (FIFO); {NEVER_REPLACED}"
    assert [p.name for p in Path("out").iterdir()] == ["greater_arntown_widgets.json"]


# -- leftovers of a killed run (kill -9 runs no cleanup) ---------------------------------------------------

@pytest.fixture
def dead_pid():
    """The id of a process that has ended (and been waited for)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def aged(path: Path, seconds: float = 3600) -> Path:
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_leftovers_of_a_killed_run_neither_block_nor_survive_a_later_run(run, dead_pid):
    """After kill -9 during `plan DIR/`, empty temporary files were left and survived a later --force run."""
    Path("out").mkdir()
    stale = Path(f"out/.toolbox-{dead_pid}-0.greater_arntown_widgets.json.tmp")
    stale.write_bytes(b"")
    aged(stale)
    fresh = Path(f"out/.toolbox-{dead_pid}-1.eastmoor_no_potential.json.tmp")  # may be a live writer elsewhere
    fresh.write_bytes(b"")
    running = Path(f"out/.toolbox-{os.getppid()}-0.x.json.tmp")  # a process that is still running
    running.write_bytes(b"")
    aged(running)
    result = run("plan", EXAMPLE.parent, "--format", "json", "-o", "out")
    assert result.exit_code == 0, result.output
    left = sorted(p.name for p in Path("out").iterdir() if p.name.startswith("."))
    assert left == sorted([fresh.name, running.name])
    results = sorted(p.name for p in Path("out").iterdir() if not p.name.startswith("."))
    assert results == sorted(p.stem + ".json" for p in EXAMPLE.parent.glob("*.yaml"))


def test_leftovers_in_the_profile_directory_are_not_read_as_profiles(run, dead_pid):
    Path("in").mkdir()
    (Path("in") / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    Path(f"in/.toolbox-{dead_pid}-0.region.yaml.tmp").write_text("not: [a profile\n")
    result = run("plan", "in")
    assert result.exit_code == 0, result.output
    assert "planned 1 of 1 profile(s)" in result.stderr


# -- stdout: a full disk is exit code 2, a reader that went away ends the run quietly ---------------------

class _Failing:
    def __init__(self, error):
        self.error = error

    def write(self, text):
        raise self.error

    def flush(self):
        pass


def test_a_full_stdout_is_an_output_error(monkeypatch):
    monkeypatch.setattr(output.sys, "stdout", _Failing(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(OutputError) as info:
        output.emit("plan\n", None)
    assert str(info.value) == "cannot write to stdout: No space left on device"


def test_a_closed_stdout_ends_the_run_quietly(monkeypatch):
    monkeypatch.setattr(output.sys, "stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    with pytest.raises(SystemExit) as info:
        output.emit("plan\n", None)
    assert info.value.code == output.PIPE_CLOSED == 128 + 13  # SIGPIPE is 13 on Linux and macOS
