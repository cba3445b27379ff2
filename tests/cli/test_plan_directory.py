"""`toolbox plan DIR/`: every profile in a directory, one result each; a bad one is reported, not fatal."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from bench.generate import generate
from toolbox.commands import plan as plan_command

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
N = len(list(EXAMPLES.glob("*.yaml")))
"""The shipped examples, all valid: each test plans them all."""
BAD = "region: {name: X, level: regional}\ncluster: {name: Y, potential: high}\n"


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    """A directory with the shipped examples, run from tmp_path so paths show as profiles/…"""
    monkeypatch.chdir(tmp_path)
    directory = tmp_path / "profiles"
    directory.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, directory / example.name)
    return directory


def test_json_into_a_new_directory_one_file_per_profile_identical_to_single_runs(run, profiles):
    result = run("plan", "profiles", "--format", "json", "-o", "out")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"planned {N} of {N} profile(s); results in out\n"
    written = sorted(p.name for p in Path("out").iterdir())
    assert written == sorted(p.stem + ".json" for p in profiles.iterdir())
    for profile in profiles.iterdir():
        single = run("plan", profile, "--format", "json").stdout
        assert (Path("out") / (profile.stem + ".json")).read_text(encoding="utf-8") == single
        json.loads(single)


@pytest.mark.parametrize("fmt,suffix,start", [("markdown", ".md", "# Cluster strategy"), ("terminal", ".txt", "╭")])
def test_markdown_and_terminal_into_a_directory(run, profiles, fmt, suffix, start):
    result = run("plan", "profiles", "--format", fmt, "-o", "out")
    assert result.exit_code == 0, result.output
    for profile in profiles.iterdir():
        assert (Path("out") / (profile.stem + suffix)).read_text(encoding="utf-8").startswith(start)


def test_terminal_format_prints_each_plan_under_its_file_name(run, profiles):
    result = run("plan", "profiles")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in profiles.iterdir())
    headers = [line for line in result.stdout.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> profiles/{name} <==" for name in names]
    assert result.stdout.count("Verdict:") == N
    assert result.stderr == f"planned {N} of {N} profile(s)\n"


def test_a_bad_profile_is_reported_and_the_others_are_planned(run, profiles):
    (profiles / "bad.yaml").write_text(BAD, encoding="utf-8")
    (profiles / "worse.yml").write_bytes(b"\x00\x01")
    result = run("plan", "profiles", "--format", "json", "-o", "out")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert ("profiles/bad.yaml:2: cluster.potential: 'high' is not allowed; expected 'present', 'nascent' or "
            "'absent'") in result.stderr
    assert "profiles/worse.yml:1: binary content (a NUL byte); expected a YAML text file" in result.stderr
    assert result.stderr.rstrip().endswith(f"planned {N} of {N + 2} profile(s); 2 failed; results in out")
    assert sorted(p.name for p in Path("out").iterdir()) == sorted(
        p.stem + ".json" for p in profiles.iterdir() if p.name not in ("bad.yaml", "worse.yml"))


def test_the_knowledge_base_is_loaded_once(run, profiles, monkeypatch):
    import toolbox.kb.load as kb_load

    calls = []
    real = kb_load.load_kb
    monkeypatch.setattr(kb_load, "load_kb", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert run("plan", "profiles", "--format", "json", "-o", "out").exit_code == 0
    assert len(calls) == 1


def test_results_are_not_overwritten_without_force_and_nothing_is_planned(run, profiles):
    assert run("plan", "profiles", "--format", "json", "-o", "out").exit_code == 0
    first = Path("out/greater_arntown_widgets.json")
    first.write_text("mine\n", encoding="utf-8")
    result = run("plan", "profiles", "--format", "json", "-o", "out")
    assert result.exit_code == 2
    named = sorted(p.stem for p in profiles.glob("*.yaml"))[0]  # the first in file-name order is named
    assert f"out/{named}.json and {N - 1} more result file(s) already exist; use --force" in result.stderr
    assert first.read_text(encoding="utf-8") == "mine\n"
    result = run("plan", "profiles", "--format", "json", "-o", "out", "--force")
    assert result.exit_code == 0, result.output
    assert first.read_text(encoding="utf-8").startswith("{")
    assert not [p for p in Path("out").iterdir() if p.name.startswith(".")]  # no temporary files left


@pytest.mark.parametrize("args,message", [
    (("--format", "json"), ("planning a directory with --format json writes one file per profile: give an output "
                            "directory with -o DIR")),
    (("--format", "markdown", "-o", "-"), "planning a directory with --format markdown writes one file per profile"),
    (("-o", "file.txt"), "file.txt: is not a directory; planning a directory writes one file per profile"),
    (("-o", "missing/out"), "missing/out: the directory missing does not exist"),
])
def test_unusable_outputs_fail_before_any_work(run, profiles, args, message):
    Path("file.txt").write_text("x\n", encoding="utf-8")
    result = run("plan", "profiles", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not Path("missing").exists()


def test_two_profiles_that_would_write_the_same_file(run, profiles):
    shutil.copy(profiles / "greater_arntown_widgets.yaml", profiles / "greater_arntown_widgets.yml")
    result = run("plan", "profiles", "--format", "json", "-o", "out")
    assert result.exit_code == 2
    assert ("profiles/greater_arntown_widgets.yaml and profiles/greater_arntown_widgets.yml would both be written "
            "to out/greater_arntown_widgets.json; rename one of them") in result.stderr
    assert not Path("out").exists()


def test_only_visible_yaml_files_are_profiles(run, profiles):
    (profiles / "notes.txt").write_text("not a profile\n", encoding="utf-8")
    (profiles / ".hidden.yaml").write_text(BAD, encoding="utf-8")
    result = run("plan", "profiles", "--format", "json", "-o", "out")
    assert result.exit_code == 0, result.output
    assert len(list(Path("out").iterdir())) == N


def test_a_directory_without_profiles(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("plan", tmp_path / "empty")
    assert result.exit_code == 2
    assert "is a directory without profiles (*.yaml, *.yml); give a profile file, or a directory of profiles" \
        in result.stderr


def test_generated_profiles_all_plan(run, tmp_path):
    generate(tmp_path / "many", count=40, seed=7)
    result = run("plan", tmp_path / "many", "--format", "json", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").iterdir())) == 40


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_drawn_only_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Terminal())
    with plan_command._progress(3, show=True) as advance:
        for _ in range(3):
            advance()
    assert "planning" in sys.stderr.getvalue()

    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal
    with plan_command._progress(3, show=True) as advance:
        advance()
    assert sys.stderr.getvalue() == ""
