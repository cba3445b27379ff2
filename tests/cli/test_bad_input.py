"""The bad-input corpus (tests/bad_input/cases.yaml) through the real command line.

Every mistake a profile author or knowledge-base analyst can make ends with exit code 2, a message
naming file, line and field, nothing on stdout and no traceback, quickly and in bounded memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from toolbox import yamlio

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "bad_input"
CASES: dict[str, dict[str, str | list[str]]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
COMMANDS = {
    "plan": lambda path: ["plan", path, "--format", "json"],
    "explain": lambda path: ["explain", path, "job_fairs"],
    "kb": lambda path: ["kb", "validate", "--kb", path],
    "weights": lambda path: ["plan", ROOT / "examples" / "greater_arntown_widgets.yaml", "--weights", path, "--format", "json"],
    "diff": lambda path: ["diff", path, path],
}
ALL = [(kind, path, [expected] if isinstance(expected, str) else expected)
       for kind, cases in CASES.items() for path, expected in cases.items()]
SECONDS = 3.0
"""Processor time allowed for one bad input in process (the knowledge base is cached, imports are done):
a bound against runaway work (an alias bomb expanded, a huge file parsed), far above the ~0.1-0.5 s these
cases take, not a speed target; speed is measured by bench/. Processor time, not wall time: other work on
the machine must not make the test fail."""


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch):
    monkeypatch.chdir(CORPUS)  # paths are shown as profiles/… and kb/…


def test_the_corpus_has_at_least_forty_cases_and_every_file_is_listed():
    assert len(ALL) >= 40
    listed = {path for _, path, _ in ALL}
    on_disk = {f"profiles/{p.name}" for p in (CORPUS / "profiles").iterdir()}
    on_disk |= {f"kb/{p.name}" for p in (CORPUS / "kb").iterdir()}
    on_disk |= {f"weights/{p.name}" for p in (CORPUS / "weights").iterdir()}
    on_disk |= {f"plans/{p.name}" for p in (CORPUS / "plans").iterdir()}
    assert on_disk - listed == set(), "files in the corpus without an expected message"
    for path in listed - on_disk:
        assert Path(path).name.startswith("missing"), f"{path} is listed but not in the corpus"
    assert {kind for kind, _, _ in ALL} == set(COMMANDS)


@pytest.mark.parametrize("kind,path,expected", ALL, ids=[f"{k}:{p}" for k, p, _ in ALL])
def test_bad_input_exits_2_with_the_expected_message(run, kind, path, expected):
    started = time.process_time()
    result = run(*COMMANDS[kind](path))
    elapsed = time.process_time() - started
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output and "internal error" not in result.output
    for text in expected:
        assert text in result.stderr, f"expected {text!r} in:\n{result.stderr}"
    assert elapsed < SECONDS, f"{elapsed:.2f} s"


def test_nothing_the_user_writes_is_run(run):
    for path in ("profiles/python_tag.yaml",):
        run("plan", path)
    run("kb", "validate", "--kb", "kb/python_tag")
    assert not Path("PWNED").exists()


def test_planning_the_corpus_directory_reports_every_bad_profile_and_goes_on(run, tmp_path):
    profiles = sorted(p for p in (CORPUS / "profiles").iterdir() if p.suffix in (".yaml", ".yml"))
    result = run("plan", "profiles", "--format", "json", "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for path, expected in CASES["plan"].items():
        if Path(path).exists() and Path(path).is_file():
            for text in [expected] if isinstance(expected, str) else expected:
                assert text in result.stderr, text
    assert "profiles/directory.yaml: is a directory, expected a file" in result.stderr
    assert result.stderr.rstrip().endswith(
        f"planned 0 of {len(profiles)} profile(s); {len(profiles)} failed; results in {tmp_path / 'out'}")
    assert list((tmp_path / "out").iterdir()) == []


# --- generated: files too large to keep in the corpus -------------------------------------------

VALID = ("region: {name: Testland, level: regional}\ncluster: {name: Widgets, potential: present}\n"
         "mechanisms: {venture_capital: {observed: weak}}\n")


def pad(text: str, size: int) -> str:
    """`text` followed by comment lines up to exactly `size` bytes."""
    line = "# " + "x" * 77 + "\n"
    body = text + line * ((size - len(text)) // len(line))
    return body + "#" * (size - len(body) - 1) + "\n"


def generated(tmp: Path) -> dict[str, tuple[list[str], str]]:
    """name -> (command line, expected message), with the files written into `tmp`."""
    limit = yamlio.MAX_BYTES
    (tmp / "oversize.yaml").write_text(pad(VALID, limit + 1), encoding="utf-8")
    (tmp / "kb").mkdir()
    (tmp / "kb" / "agents.yaml").write_text(pad("agents: []\n", 3 * limit), encoding="utf-8")
    values = yamlio.MAX_NODES + 1
    (tmp / "too_many_values.yaml").write_text("evidence: [" + "1," * values + "1]\n", encoding="utf-8")
    return {
        "oversize profile": (["plan", str(tmp / "oversize.yaml")],
                             f"oversize.yaml: file is {limit + 1:,} bytes; the limit is {limit:,} bytes"),
        "oversize knowledge-base file": (["kb", "validate", "--kb", str(tmp / "kb")],
                                         f"agents.yaml: file is {3 * limit:,} bytes; the limit is {limit:,} bytes"),
        "too many values": (["plan", str(tmp / "too_many_values.yaml")],
                            (f"too_many_values.yaml:1: evidence[{yamlio.MAX_NODES - 3}]: the document has more than "
                             f"{yamlio.MAX_NODES:,} keys and values")),
    }


def test_generated_large_inputs_are_refused_quickly(run, tmp_path):
    assert yamlio.MAX_BYTES == 1024 * 1024  # docs/profile.md states the limit
    for name, (args, expected) in generated(tmp_path).items():
        started = time.process_time()
        result = run(*args)
        elapsed = time.process_time() - started
        assert result.exit_code == 2, (name, result.output)
        assert expected in result.stderr, (name, result.stderr)
        assert elapsed < SECONDS, (name, elapsed)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_rather_than_waited_on(run, tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = run("plan", tmp_path / "pipe.yaml")
    assert result.exit_code == 2, result.output
    assert "pipe.yaml: is not a regular file (a pipe, socket or device); expected a file" in result.stderr


def test_an_unreadable_file_says_why(run, tmp_path, monkeypatch):
    path = tmp_path / "locked.yaml"
    path.write_text(VALID, encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "locked.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = run("plan", path)
    assert result.exit_code == 2, result.output
    assert "locked.yaml: cannot read: Permission denied" in result.stderr


def test_a_profile_just_under_the_size_limit_is_planned(run, tmp_path):
    path = tmp_path / "padded.yaml"
    path.write_text(pad(VALID, yamlio.MAX_BYTES), encoding="utf-8")
    assert path.stat().st_size == yamlio.MAX_BYTES
    result = run("plan", path, "--format", "json")
    assert result.exit_code == 0, result.output


# --- real processes: exit status, no traceback, time and memory ----------------------------------

SAMPLE = [
    ("plan", "profiles/alias_bomb.yaml"), ("plan", "profiles/deep_nesting.yaml"), ("plan", "profiles/binary_png.yaml"),
    ("plan", "profiles/python_tag.yaml"), ("plan", "profiles/many_unknown_mechanisms.yaml"),
    ("explain", "profiles/directory.yaml"), ("kb", "kb/alias_bomb"),
]
MAX_RSS_MB = 150
"""Peak memory allowed for one process on bad input: the interpreter and libraries take about 40 MB."""


_REPORT_PEAK = ("import atexit, os\n"
                "def _peak():\n"
                "    with open('/proc/self/status') as status, open(os.environ['TOOLBOX_TEST_PEAK'], 'w') as out:\n"
                "        out.write(''.join(line for line in status if line.startswith('VmHWM:')))\n"
                "atexit.register(_peak)\n"
                "from cli import main; main()")
"""The child writes its own peak memory (VmHWM) at exit. Not `wait4`'s ru_maxrss: that counts the pages of
the forked test process before the child runs the tool, which grows as the suite runs."""


def run_process(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """(exit status, stderr, processor seconds, peak memory in MB) of `toolbox ARGS` in a fresh interpreter."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch, "peak")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TOOLBOX_KB": "",
               "TOOLBOX_TEST_PEAK": str(peak_file)}
        proc = subprocess.Popen([sys.executable, "-c", _REPORT_PEAK, *args], cwd=cwd, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = peak_file.read_text() if peak_file.exists() else ""
    peak_mb = int(peak.split()[1]) / 1024 if peak.startswith("VmHWM:") else usage.ru_maxrss / 1024
    return proc.returncode, stderr, usage.ru_utime + usage.ru_stime, peak_mb


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4 for the child's peak memory")
def test_a_sample_in_real_processes_exits_2_without_traceback_fast_and_small(tmp_path):
    cases = [(COMMANDS[kind](path), CASES[kind][path], CORPUS) for kind, path in SAMPLE]
    cases += [(args, expected, tmp_path) for args, expected in generated(tmp_path).values()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda case: run_process(case[0], case[2]), cases))
    for (args, expected, _), (code, stderr, seconds, rss) in zip(cases, results):
        assert code == 2, (args, stderr)
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        for text in [expected] if isinstance(expected, str) else expected:
            assert text in stderr, (text, stderr)
        # a whole process: interpreter start (about 0.3 s), imports and the refusal; the work itself is timed above
        assert seconds < 1.5, (args, seconds)
        assert rss < MAX_RSS_MB, (args, rss)
