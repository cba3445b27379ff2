"""`toolbox init --interactive`: the dialogue driven through its prompt layer (every check still runs),
and once through a real pseudo-terminal."""

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolbox.kb.load import load_kb
from toolbox.profile.interactive import GaveUp, interview
from toolbox.profile.load import profile_from
from toolbox.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parents[2]


class Scripted:
    """A prompter that answers from a list and records what the user was shown."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.questions, self.shown = [], []

    def ask(self, question, default):
        self.questions.append(question)
        if not self.answers:
            raise AssertionError(f"no answer left for {question!r}")
        return self.answers.pop(0)

    def say(self, text):
        self.shown.append(text)


@pytest.fixture(scope="module")
def kb():
    return load_kb([])


def _answers(kb, level="local"):
    answers = ["Lakeside", "", "Boat building", "nascent", "  twelve yards on the lake "]
    for n, m in enumerate(kb.mechanisms.values()):
        if m.id == "cafeteria_effects":
            answers += ["perhaps", "n"]  # refused, asked again
        elif m.id == "venture_capital":
            answers += ["", "strongg", "strong", "two angel investors"]  # Enter = y; a typo refused
        else:
            answers += ["y", ("none", "weak", "unknown")[n % 3]] + ([""] if n % 3 != 2 else [])
    agents = kb.agents_on(level)
    answers += ["y", "n"] + ["n"] * (len(agents) - 1)  # the first present but unwilling, the others absent
    answers += ["1.000.000", "250000", "sek", "11.5", "job_fair", "job_fairs"]
    return answers


def test_dialogue_writes_a_valid_commented_profile(kb):
    p = Scripted(_answers(kb))
    text = interview(kb, p, level="local")
    assert not p.answers
    profile = profile_from(parse_yaml(text, "interactive.yaml"), kb)
    assert profile.region.name == "Lakeside" and profile.region.level == "local"
    assert profile.cluster.potential == "nascent" and profile.cluster.evidence == "twelve yards on the lake"
    assert profile.observation("cafeteria_effects").possible is False
    vc = profile.observation("venture_capital")
    assert (vc.observed, vc.evidence) == ("strong", "two angel investors")
    first = kb.agents_on("local")[0]
    assert [(a.id, a.willing) for a in profile.agents] == [(first.id, False)]
    assert profile.budget.amount == 250000 and profile.budget.currency == "SEK" and profile.budget.eur_rate == 11.5
    assert profile.in_place == ("job_fairs",)
    assert text.startswith("# Region profile") and "# could be" not in text and "(could be " in text


def test_each_mechanism_is_shown_with_its_description_and_table_2_strength(kb):
    p = Scripted(_answers(kb))
    interview(kb, p, level="local")
    for m in kb.mechanisms.values():
        at = p.shown.index(m.name)
        block = " ".join(p.shown[at:at + 6])
        assert " ".join(m.description.split()[:4]) in block
        assert f"Table 2 (Benner): {m.strength.local} on the local level." in block


def test_refused_answers_say_why(kb):
    p = Scripted(_answers(kb))
    interview(kb, p, level="local")
    said = "\n".join(p.shown)
    assert "answer y or n" in said
    assert "did you mean 'strong'" in said
    assert "without thousands separators" in said
    assert "unknown instrument 'job_fair'" in said and "did you mean 'job_fairs'" in said


def test_no_agent_present_is_not_read_as_all_present(kb):
    answers = _answers(kb)
    agents = len(kb.agents_on("local"))
    start = len(answers) - 6 - (agents + 1)
    answers[start:start + agents + 1] = ["n"] * agents
    profile = profile_from(parse_yaml(interview(kb, Scripted(answers), level="local"), "x.yaml"), kb)
    assert len(profile.agents) == agents and not any(a.willing for a in profile.agents)


def test_endless_bad_answers_give_up(kb):
    with pytest.raises(GaveUp):
        interview(kb, Scripted([""] * 100), level="local")  # the region's name is required


def test_without_a_terminal_it_refuses(tmp_path):
    out = subprocess.run([sys.executable, "cli.py", "init", str(tmp_path / "r.yaml"), "--interactive"],
                         cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "needs a terminal" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "r.yaml").exists()


def _expect(fd, pattern: bytes, buffer: bytearray, timeout=30.0) -> None:
    end = time.monotonic() + timeout
    while pattern not in buffer:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{pattern!r} not shown; screen ends with {bytes(buffer[-300:])!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError(f"ended before {pattern!r}: {bytes(buffer[-300:])!r}")
            buffer += chunk
    del buffer[:buffer.index(pattern) + len(pattern)]


def test_through_a_real_terminal(tmp_path, kb):
    target = tmp_path / "lakeside.yaml"
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "cli.py", "init", str(target), "--interactive", "--level", "local"],
                            cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                            env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"})
    os.close(slave)
    buffer = bytearray()
    try:
        def answer(prompt: bytes, text: str) -> None:
            _expect(master, prompt, buffer)
            os.write(master, text.encode() + b"\r")

        answer(b"Region name", "Lakeside")
        answer(b"Country", "")
        answer(b"Cluster's field", "Boat building")
        answer(b"Cluster potential", "present")
        answer(b"rests on", "")
        for m in kb.mechanisms.values():
            _expect(master, f"Table 2 (Benner): {m.strength.local} on the local level.".encode(), buffer)
            answer(b"(y/n)", "y")
            answer(b"Observed now", "weak")
            answer(b"rests on", "")
        for _ in kb.agents_on("local"):
            answer(b"? (y/n)", "y")
            answer(b"Willing", "y")
        answer(b"Yearly budget", "")
        answer(b"already run", "")
        _expect(master, b"Wrote", buffer)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    profile = profile_from(parse_yaml(target.read_text(), str(target)), kb)
    assert profile.region.name == "Lakeside" and all(
        profile.observation(m).observed == "weak" for m in kb.mechanisms)
