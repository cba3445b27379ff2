"""`toolbox report`: every format for every shipped example, file handling and bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.render.report.tools import EXAMPLES, chromium, hostile_path

ARNTOWN = "examples/greater_arntown_widgets.yaml"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_html_docx_markdown_for_every_example(run, example, tmp_path):
    for suffix in ("html", "docx", "md"):
        target = tmp_path / f"{example.stem}.{suffix}"
        result = run("report", example, "-o", target)
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output and f"wrote {target}" in result.stderr
        data = target.read_bytes()
        assert len(data) > 2000
    assert (tmp_path / f"{example.stem}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert zipfile.is_zipfile(io.BytesIO((tmp_path / f"{example.stem}.docx").read_bytes()))
    assert (tmp_path / f"{example.stem}.md").read_text(encoding="utf-8").startswith("# Cluster strategy: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{example.stem}.{s}" for s in ("docx", "html", "md"))


@pytest.mark.browser
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_pdf_for_every_example(run, example, tmp_path):
    chromium()  # skips (or fails in CI) with the reason when Chromium is absent
    target = tmp_path / f"{example.stem}.pdf"
    result = run("report", example, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_format_option_wins_over_the_extension(run, tmp_path):
    target = tmp_path / "report.txt"
    assert run("report", ARNTOWN, "-o", target, "--format", "markdown").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Cluster strategy: Widget machinery in Greater Arntown")


def test_unknown_extension_is_a_usage_error(run, tmp_path):
    result = run("report", ARNTOWN, "-o", tmp_path / "report.txt")
    assert result.exit_code == 2
    assert "cannot tell the report format" in result.stderr and "--format" in result.stderr
    assert not (tmp_path / "report.txt").exists()


def test_existing_file_needs_force(run, tmp_path):
    target = tmp_path / "strategy.html"
    target.write_text("keep me", encoding="utf-8")
    result = run("report", ARNTOWN, "-o", target)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run("report", ARNTOWN, "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_is_byte_identical_across_runs(run, tmp_path):
    for suffix in ("html", "md"):
        a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        assert run("report", ARNTOWN, "-o", a).exit_code == 0
        assert run("report", ARNTOWN, "-o", b).exit_code == 0
        assert a.read_bytes() == b.read_bytes()


def test_html_and_markdown_to_stdout(run, tmp_path):
    result = run("report", ARNTOWN, "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    result = run("report", ARNTOWN, "-o", "-", "--format", "markdown")
    assert result.exit_code == 0 and result.stdout.startswith("# Cluster strategy")
    for fmt in ("docx", "pdf"):
        result = run("report", ARNTOWN, "-o", "-", "--format", fmt)
        assert result.exit_code == 2 and "cannot go to stdout" in result.stderr


def test_missing_chromium_says_what_to_install(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("TOOLBOX_CHROMIUM", raising=False)
    result = run("report", ARNTOWN, "-o", tmp_path / "report.pdf")
    assert result.exit_code == 2
    assert "apt-get install chromium" in result.stderr and "TOOLBOX_CHROMIUM" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "report.pdf").exists()
    monkeypatch.setenv("TOOLBOX_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = run("report", ARNTOWN, "-o", tmp_path / "report.pdf")
    assert result.exit_code == 2 and "no such executable" in result.stderr


def test_chromium_failure_is_an_output_error(run, tmp_path, monkeypatch):
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot start' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("TOOLBOX_CHROMIUM", str(fake))
    result = run("report", ARNTOWN, "-o", tmp_path / "report.pdf")
    assert result.exit_code == 2
    assert "did not print the PDF (exit code 3)" in result.stderr and "cannot start" in result.stderr
    assert not (tmp_path / "report.pdf").exists()


def test_bad_profile_is_exit_2_and_writes_nothing(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("region: {name: X, level: planetary}\ncluster: {name: Y, potential: present}\n", encoding="utf-8")
    result = run("report", bad, "-o", tmp_path / "out.html")
    assert result.exit_code == 2 and "bad.yaml" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out.html").exists()
    result = run("report", tmp_path / "missing.yaml", "-o", tmp_path / "out.html")
    assert result.exit_code == 2 and not (tmp_path / "out.html").exists()


def test_output_directory_must_exist(run, tmp_path):
    result = run("report", ARNTOWN, "-o", tmp_path / "nowhere" / "out.html")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_hostile_profile_through_the_command(run, tmp_path):
    target = tmp_path / "hostile.html"
    assert run("report", hostile_path(tmp_path), "-o", target).exit_code == 0
    html = target.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html


def test_kb_option_is_used(run, tmp_path):
    result = run("report", ARNTOWN, "-o", tmp_path / "r.html", "--kb", tmp_path / "no-such-kb")
    assert result.exit_code == 2


def test_report_does_not_slow_down_help():
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-X", "importtime", str(root / "cli.py"), "--help"], capture_output=True,
                          text=True, cwd=root, timeout=60, check=False)
    assert done.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert not imported & {"jinja2", "docx", "PIL", "markupsafe", "lxml", "matplotlib"}
