"""Helpers for the report tests: example plans, a hostile profile, and the system programs the browser
tests need (headless Chromium, poppler's pdftoppm), with a small DevTools client over a pipe."""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from toolbox.engine import make_plan
from toolbox.kb.load import load_kb
from toolbox.profile.load import load_profile
from toolbox.render.report.pdf import OFFLINE_FLAGS

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

PWNED = "pwned"
HOSTILE_NAME = "<script>alert(1)</script><img src=x onerror=document.title='pwned'>"
HOSTILE_PROFILE = """\
region:
  name: "<script>alert(1)</script><img src=x onerror=document.title='pwned'>"
  level: regional
  country: "<b onmouseover=document.title='pwned'>XX</b>"
cluster:
  name: "Widgets & <i>Gadgets</i> \\" ' | <svg onload=document.title='pwned'>"
  potential: present
  evidence: "</style></title><script>document.title='pwned'</script> {{ 7*7 }} {% raw %} | a|b"
mechanisms:
  research_cooperation:
    observed: weak
    evidence: "<img src=x onerror=document.title='pwned'> <a href=javascript:alert(1)>x</a> ]]> --> <!--"
  horizontal_cooperation: {observed: medium, evidence: "<iframe src=x></iframe> <link rel=stylesheet href=x>"}
  social_networks: {observed: none, evidence: "<style>body{display:none}</style> \\u0007bell"}
  spinoff_formation: {observed: weak}
agents:
  - id: regional_cluster_management
  - id: regional_universities
  - id: regional_leading_companies
  - id: other_regional_companies
budget: {amount: 400000, currency: EUR}
costs:
  networking_events: 30000
"""

REQUIRE = os.environ.get("TOOLBOX_REQUIRE_BROWSER") == "1"
"""Set by .ci/run after installing the programs: there a missing program fails the test instead of skipping it."""


def plan_for(path: Path, kb=None):
    kb = kb or load_kb()
    return make_plan(kb, load_profile(path, kb))


def hostile_path(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_PROFILE, encoding="utf-8")
    return path


def program(*names: str) -> str:
    """The path of the first program found, or skip (fail under TOOLBOX_REQUIRE_BROWSER=1) saying what is missing."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = (f"{' / '.join(names)} not installed: the browser tests need Debian's chromium and poppler-utils "
               "(.ci/run installs them)")
    if REQUIRE:
        pytest.fail(message)
    pytest.skip(message)


def chromium() -> str:
    return program("chromium", "chromium-browser", "google-chrome")


def non_white_share(png: bytes | Path, skip_bottom: float = 0.0) -> float:
    """The share of pixels that are not (near) white, leaving out the bottom `skip_bottom` of the height."""
    from PIL import Image

    image = Image.open(io.BytesIO(png) if isinstance(png, bytes) else png).convert("L")
    if skip_bottom:
        image = image.crop((0, 0, image.width, round(image.height * (1 - skip_bottom))))
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / (image.width * image.height)


def pixel_stddev(png: bytes | Path) -> float:
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(png) if isinstance(png, bytes) else png).convert("L")
    return ImageStat.Stat(image).stddev[0]


class DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe): no port, no
    websocket. Records console messages, exceptions, log errors and every network request of a page."""

    def __init__(self, binary: str, profile_dir: Path, width: int = 1200, height: int = 900):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():  # in the child: its fd 3 reads our commands, its fd 4 writes the answers
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            [binary, *OFFLINE_FLAGS, f"--user-data-dir={profile_dir}", "--remote-debugging-pipe",
             f"--window-size={width},{height}", "--hide-scrollbars", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False,  # noqa: PLW1509 (the test process starts no threads)
            env={**os.environ, "HOME": str(profile_dir)})
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict] = []
        self.session = None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True, _browser=True)["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, _browser: bool = False, _timeout: float = 30, **params):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if self.session and not _browser:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + _timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, event: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for seen in self.events:
            if seen.get("method") == event:
                return seen
        while True:
            answer = self._read(deadline)
            self.events.append(answer)
            if answer.get("method") == event:
                return answer

    def settle(self, seconds: float = 0.5) -> None:
        """Collect the events that arrive in the next moment (late requests, late errors)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._read(deadline))
        except TimeoutError:
            pass

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.settle()

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and browser log errors."""
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
                out.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        return out

    def close(self) -> None:
        try:
            self.call("Browser.close", _browser=True, _timeout=5)
        except (OSError, RuntimeError, TimeoutError):
            pass  # already gone: wait() below reaps it either way
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


def section_starts(pages: list[list[str]], heading: str, sections: tuple | None = None) -> dict[int, int]:
    """Section number -> the page (from 1) its heading is on, for headings written as `heading` formats them
    ("{number} {title}"). Fails when a heading is alone at the foot of its page (with at most the page number).
    `sections`: the report's, when the plan adds some (programmes, organisation) to the standard ones."""
    from toolbox.render.report.view import SECTIONS

    SECTIONS = sections or SECTIONS  # noqa: N806

    starts = {}
    for n, lines in enumerate(pages, start=1):
        for k, line in enumerate(lines):
            for number, (_, title) in enumerate(SECTIONS, start=1):
                if line == heading.format(number=number, title=title):
                    starts[number] = n
                    assert len(lines) - k > 2, f"'{line}' is alone at the foot of page {n}"
    return starts
