"""Writing results, seen from outside: real processes racing, signals, a full disk and a closed pipe."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "greater_arntown_widgets.yaml"
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "TOOLBOX_KB": ""}


def toolbox(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *map(str, args)], cwd=ROOT,
                            env=kwargs.pop("env", ENV), **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_exit_code_2():
    """Before: `toolbox plan ... > /dev/full` was an internal error (exit code 1)."""
    with open("/dev/full", "w") as full:
        run = toolbox("plan", EXAMPLE, stdout=full, stderr=subprocess.PIPE, text=True)
        _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2, stderr
    assert stderr == f"error: cannot write to stdout: {os.strerror(28)}\n"  # ENOSPC


def test_a_reader_that_went_away_ends_the_run_quietly():
    """`toolbox report ... -o - | true`: no traceback, no message, the code of a process SIGPIPE ended."""
    run = toolbox("report", EXAMPLE, "-o", "-", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run.stdout.close()  # the reader is gone before anything is written
    stderr = run.stderr.read()
    assert run.wait(timeout=120) == 141, stderr
    assert stderr == b""


WRITER = r"""
import sys
from pathlib import Path
from toolbox.errors import OutputError
from toolbox.output import write_atomic
data = sys.argv[2] * 2_000_000  # a few milliseconds between the check and the creation
print("ready", flush=True)
sys.stdin.readline()
try:
    write_atomic(Path(sys.argv[1]), data)
except OutputError as exc:
    print(exc, file=sys.stderr)
    sys.exit(2)
"""


def test_of_two_writers_of_a_new_file_exactly_one_wins():
    """Before: both exited 0 in 10 of 150 trials, one result silently lost (issue 10)."""
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        for trial in range(20):
            target = Path(work, f"plan-{trial}.txt")
            writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(target), letter], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True) for letter in "ab"]
            for writer in writers:
                assert writer.stdout.readline() == "ready\n"
            for writer in writers:  # both start at once
                writer.stdin.write("go\n")
                writer.stdin.flush()
            results = [(w.wait(timeout=60), w.stderr.read()) for w in writers]
            assert sorted(code for code, _ in results) == [0, 2], results
            (winner,) = [letter for letter, (code, _) in zip("ab", results) if code == 0]
            assert target.read_text() == winner * 2_000_000  # whole, and the winner's
            loser = next(message for code, message in results if code == 2)
            assert loser.endswith(f"{target.name}: already exists; use --force to overwrite it\n")
            assert sorted(p.name for p in Path(work).iterdir()) == sorted(f"plan-{n}.txt" for n in range(trial + 1))


def chromium() -> str:
    from toolbox.errors import OutputError
    from toolbox.render.report.pdf import find_chromium

    try:
        return find_chromium()
    except OutputError:
        if os.environ.get("TOOLBOX_REQUIRE_BROWSER") == "1":
            raise
        pytest.skip("Chromium is not installed: the PDF signal tests need it")


def processes_mentioning(text: str) -> list[int]:
    """Ids of the running processes whose command line contains `text` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="looks for the browser in /proc")
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_during_a_pdf_leaves_no_file_and_no_browser(name, tmp_path):
    """Before: SIGTERM or SIGHUP during a PDF left /tmp/toolbox-report-* (2.9 MB) behind."""
    chromium()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    target = tmp_path / "report.pdf"
    run = toolbox("report", EXAMPLE, "-o", target, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                  env={**ENV, "TMPDIR": str(scratch)})
    deadline = time.monotonic() + 120
    while not processes_mentioning(str(scratch)) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if run.poll() is not None:
        pytest.fail(f"the report ended before the browser was seen: {run.stderr.read()!r}")
    time.sleep(0.3)  # let the browser start its own processes
    run.send_signal(getattr(signal, name))
    try:
        code = run.wait(timeout=60)
    finally:
        for pid in processes_mentioning(str(scratch)):  # never leave a browser running, even when failing
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    assert code == 128 + getattr(signal, name), run.stderr.read()
    assert processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scratch"]


def test_a_killed_pdf_runs_work_directory_is_removed_by_a_later_run(tmp_path, monkeypatch):
    """kill -9 runs no cleanup: the next PDF removes what a dead run of this user left, and nothing else."""
    import tempfile

    from toolbox.render.report import pdf

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    child = subprocess.Popen(["true"])
    child.wait()
    dead = tmp_path / f"{pdf.WORK_PREFIX}{child.pid}-abc"
    (dead / "profile").mkdir(parents=True)
    (dead / "report.html").write_text("<html></html>")
    recent = tmp_path / f"{pdf.WORK_PREFIX}{child.pid}-def"
    recent.mkdir()
    alive = tmp_path / f"{pdf.WORK_PREFIX}{os.getppid()}-ghi"
    alive.mkdir()
    other = tmp_path / "someone-else"
    other.mkdir()
    past = time.time() - 2 * pdf.STALE_WORK
    for path in (dead, alive, other):
        os.utime(path, (past, past))
    pdf._sweep_stale_work()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, alive.name, other.name])
    shutil.rmtree(recent)
