"""PDF through a real rendering engine: headless Chromium prints the HTML report.

Chromium is a system program, not a Python package: `find_chromium` looks for it ($TOOLBOX_CHROMIUM,
then chromium, chromium-browser, google-chrome on PATH) and, when it is missing, fails with exit code
2 and what to install. It runs with a fresh profile directory, no sandbox (so it also works as root
and in containers), and every network path closed: the report needs none, and this guarantees it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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


def html_to_pdf(html: str, chromium: str | None = None) -> bytes:
    """Print `html` with headless Chromium (A4, the report's print stylesheet, no browser header or footer)."""
    chromium = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="toolbox-report-") as work:
        source, target, profile = Path(work, "report.html"), Path(work, "report.pdf"), Path(work, "profile")
        source.write_text(html, encoding="utf-8")
        profile.mkdir()
        command = [chromium, *OFFLINE_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   "--print-to-pdf-no-header", f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL, env={**os.environ, "HOME": work})
        except subprocess.TimeoutExpired:
            raise OutputError(f"Chromium did not finish printing the PDF within {TIMEOUT} s") from None
        except OSError as exc:
            raise OutputError(f"cannot run {chromium}: {exc.strerror or exc}. {MISSING}") from None
        data = target.read_bytes() if target.exists() else b""
        if not data.startswith(b"%PDF"):
            tail = "\n".join(line for line in done.stderr.splitlines()[-6:] if line.strip())
            raise OutputError(f"Chromium ({chromium}) did not print the PDF (exit code {done.returncode})"
                              + (f":\n{tail}" if tail else ""))
        return data
