"""PDF through a real rendering engine: headless Chromium prints the HTML report.

Chromium is a system program, not a Python package: `find_chromium` looks for it ($TOOLBOX_CHROMIUM,
then chromium, chromium-browser, google-chrome on PATH) and, when it is missing, fails with exit code
2 and what to install. It runs with a fresh profile directory, no sandbox (so it also works as root
and in containers), and every network path closed: the report needs none, and this guarantees it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from toolbox.errors import OutputError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT = 180

OFFLINE_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
)
"""Flags for an offline, throw-away headless Chromium (the tests use them too)."""

MISSING = ("cannot write a PDF: no Chromium found to print it. Install Chromium (Debian/Ubuntu: "
           "`apt-get install chromium`; Fedora: `dnf install chromium`; macOS: install Google Chrome) or set "
           "TOOLBOX_CHROMIUM to the browser's executable. The .html report needs no browser and prints to PDF "
           "from any browser.")


def find_chromium() -> str:
    """The Chromium executable to print with, or an OutputError (exit code 2) saying what to install."""
    chosen = os.environ.get("TOOLBOX_CHROMIUM")
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise OutputError(f"TOOLBOX_CHROMIUM={chosen}: no such executable. {MISSING}")
        return found
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise OutputError(MISSING)


WORK_PREFIX = "toolbox-report-"
STALE_WORK = 3600.0
"""Seconds before a dead run's work directory is removed: far longer than any printing takes."""


def _sweep_stale_work() -> None:
    """Remove the work directories of runs killed outright (`kill -9` runs no cleanup): a few MB each."""
    from toolbox.output import is_stale

    pattern = re.compile(re.escape(WORK_PREFIX) + r"(\d+)-")
    try:
        with os.scandir(tempfile.gettempdir()) as entries:
            for entry in entries:
                found = pattern.match(entry.name)
                try:
                    if (found and entry.is_dir(follow_symlinks=False)
                            and is_stale(int(found.group(1)), entry.stat(follow_symlinks=False), STALE_WORK)):
                        shutil.rmtree(entry.path, ignore_errors=True)
                except OSError:
                    continue
    except OSError:
        pass


def _stop(browser: subprocess.Popen) -> None:
    """End the browser and every process it started (its own session: one signal reaches them all)."""
    try:
        os.killpg(browser.pid, signal.SIGKILL)
    except OSError:
        pass  # already gone
    browser.wait()


SOCKET_ROOM = 60
"""Longest work directory the browser is given as TMPDIR. Chromium puts Unix sockets there
(`.org.chromium.Chromium.XXXXXX/SingletonSocket`, about 45 characters more), and a socket's path holds
at most 107 bytes: under a longer TMPDIR the browser aborts before printing. Past this length the
browser's TMPDIR is a short directory in /tmp, removed with the work directory."""


@contextmanager
def _browser_tmp(work: str) -> Iterator[str]:
    """`work` when its path leaves room for the browser's sockets, else a short directory removed afterwards."""
    if len(os.fsencode(work)) <= SOCKET_ROOM or not os.path.isdir("/tmp"):
        yield work
        return
    short = tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir="/tmp")
    try:
        yield short
    finally:
        shutil.rmtree(short, ignore_errors=True)


def html_to_pdf(html: str, chromium: str | None = None) -> bytes:
    """Print `html` with headless Chromium (A4, the report's print stylesheet, no browser header or footer).

    The work directory and the browser's processes go away however the run ends: an error, Ctrl-C,
    SIGTERM or SIGHUP (which the command line turns into an exit). After `kill -9` a later PDF run
    removes the directory.
    """
    chromium = chromium or find_chromium()
    _sweep_stale_work()
    with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-") as work:
        source, target, profile = Path(work, "report.html"), Path(work, "report.pdf"), Path(work, "profile")
        source.write_text(html, encoding="utf-8")
        profile.mkdir()
        command = [chromium, *OFFLINE_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   "--print-to-pdf-no-header", f"--print-to-pdf={target}", source.as_uri()]
        with _browser_tmp(work) as scratch:
            try:
                browser = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.PIPE, text=True, errors="replace",
                                           env={**os.environ, "HOME": work, "TMPDIR": scratch},  # all it leaves
                                           start_new_session=True)
            except OSError as exc:
                raise OutputError(f"cannot run {chromium}: {exc.strerror or exc}. {MISSING}") from None
            try:
                _, stderr = browser.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                _stop(browser)
                raise OutputError(f"Chromium did not finish printing the PDF within {TIMEOUT} s") from None
            except BaseException:
                _stop(browser)
                raise
        data = target.read_bytes() if target.exists() else b""
        if not data.startswith(b"%PDF"):
            tail = "\n".join(line for line in stderr.splitlines()[-6:] if line.strip())
            raise OutputError(f"Chromium ({chromium}) did not print the PDF (exit code {browser.returncode})"
                              + (f":\n{tail}" if tail else ""))
        return data
