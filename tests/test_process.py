"""toolbox/process.py: SIGTERM and SIGHUP end the command line the way an error does, cleanups included."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import sys, tempfile, time
from toolbox.process import exit_cleanly_on_signals
exit_cleanly_on_signals()
with tempfile.TemporaryDirectory(prefix="worker-") as work:
    print(work, flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_termination_signal_runs_the_cleanups(name, tmp_path):
    """Before, SIGTERM or SIGHUP during a PDF left /tmp/toolbox-report-* behind (issue 10)."""
    number = getattr(signal, name)
    worker = subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "TMPDIR": str(tmp_path)})
    work = Path(worker.stdout.readline().strip())
    assert work.is_dir() and work.parent == tmp_path
    worker.send_signal(number)
    assert worker.wait(timeout=30) == 128 + number  # what a shell shows for a process the signal ended
    assert list(tmp_path.iterdir()) == []


def test_an_ignored_hangup_stays_ignored():
    """`nohup toolbox report ...` must go on after the terminal closes."""
    from toolbox.process import exit_cleanly_on_signals

    before = {name: signal.getsignal(getattr(signal, name)) for name in ("SIGTERM", "SIGHUP")}
    try:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        exit_cleanly_on_signals()
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN)
    finally:
        for name, handler in before.items():
            signal.signal(getattr(signal, name), handler)


def test_importing_the_command_line_installs_no_handler():
    """Only `cli.main` installs them: a program that imports toolbox keeps its own."""
    code = "import signal, cli; print(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
