"""The bad-CSV corpus of `toolbox map` (tests/mapping/bad_csv/cases.yaml) through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cli import app

CORPUS = Path(__file__).resolve().parent / "bad_csv"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "TOOLBOX_KB": ""}


def _run(monkeypatch, *args):
    monkeypatch.chdir(CORPUS)
    return CliRunner().invoke(app, ["map", *args], env=ENV)


def test_every_file_of_the_corpus_is_a_case():
    listed = set(CASES["employment"]) | set(CASES["mapping"]) | {"good.csv", "good_mapping.csv"}
    assert {p.name for p in CORPUS.glob("*.csv")} == listed


@pytest.mark.parametrize(("kind", "name"), [(k, n) for k in ("employment", "mapping") for n in CASES[k]])
def test_bad_csv_exits_2_with_a_located_message(monkeypatch, kind, name):
    employment, mapping = (name, "good_mapping.csv") if kind == "employment" else ("good.csv", name)
    done = _run(monkeypatch, "--employment", employment, "--mapping", mapping, "--format", "csv")
    assert done.exit_code == 2, done.output
    assert CASES[kind][name] in done.stderr
    assert "Traceback" not in done.output and done.stdout == ""


def test_the_good_files_map(monkeypatch):
    done = _run(monkeypatch, "--employment", "good.csv", "--mapping", "good_mapping.csv", "--format", "csv")
    assert done.exit_code == 0, done.output
    assert len(done.stdout.strip().splitlines()) == 1 + 2 * 3  # header + 2 regions × 3 clusters


def test_suppressed_cells_may_count_as_zero(monkeypatch):
    done = _run(monkeypatch, "--employment", "suppressed.csv", "--mapping", "good_mapping.csv", "--format", "csv",
                "--suppressed", "zero")
    assert done.exit_code == 0, done.output
    rows = [line.split(",") for line in done.stdout.splitlines()[1:]]
    chemicals = next(r for r in rows if r[0] == "R1" and r[2] == "chemicals")
    assert chemicals[5] == "0"  # the '..' cell counted as 0 employees


def test_many_unmapped_industries_are_summed_up(monkeypatch, tmp_path):
    lines = ["region,industry,employment"] + [f"R1,X{i},10" for i in range(8)] + ["R1,0111,20"]
    (tmp_path / "many.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run(monkeypatch, "--employment", str(tmp_path / "many.csv"), "--mapping", "good_mapping.csv")
    assert done.exit_code == 2
    assert "… and 3 more industries not in the mapping, carrying 30.00 % of the employment" in done.stderr
