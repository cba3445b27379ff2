"""Heavy libraries are imported only by the commands that need them, so that the command line starts fast.

Each check runs in a fresh interpreter and looks at `sys.modules` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "greater_arntown_widgets.yaml"

HEAVY = ("networkx", "rustworkx", "numpy", "highspy", "jinja2", "docx", "PIL", "matplotlib", "pandas", "scipy", "lxml",
         "markdown_it", "polars", "pyarrow", "duckdb")
"""Libraries that only some commands need (graphs, the cover's solver, reports, documents, charts)."""
SLOW_TO_IMPORT = ("pydantic", "pydantic_core", "rich.console", "rich.table", "rich.markdown", "rich.progress",
                  "rich.syntax", "rich.traceback", "toolbox.kb.records", "toolbox.engine", "toolbox.render.terminal")
"""Needed to plan, but not to start the command line or print its help."""

DRIVER = r"""
import json, sys
sys.argv = ["toolbox", *json.loads(sys.argv[1])]
if sys.argv[1:] == ["--import-only"]:
    import cli
else:
    from cli import main
    try:
        main()
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
sys.stderr.write("\n" + json.dumps(sorted(sys.modules)))
"""


def modules_after(*args: str, extra_env: dict[str, str] | None = None) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TOOLBOX_KB": "", **(extra_env or {})}
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(list(args))], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stderr.rsplit("\n", 1)[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if name in modules or any(m.startswith(name + ".") for m in modules))


def test_importing_the_command_line_imports_nothing_heavy():
    modules = modules_after("--import-only")
    assert "cli" in modules
    assert loaded(modules, HEAVY + SLOW_TO_IMPORT) == []


def test_help_imports_nothing_heavy():
    assert loaded(modules_after("--help"), HEAVY + SLOW_TO_IMPORT) == []


TYPER_COERCION = ("pydantic", "pydantic_core")
"""Typer (0.29 and later) coerces the root's and a command's parameter values through pydantic adapters, even
for a command's --help; that is Typer's own cost, not ours to patch (issue 10 removed the patch)."""


@pytest.mark.parametrize("args", [("plan", "--help"), ("kb", "--help"), ("kb", "list", "--help")], ids=" ".join)
def test_help_of_a_command_imports_nothing_heavy(args):
    slow = tuple(name for name in SLOW_TO_IMPORT if name not in TYPER_COERCION)
    assert loaded(modules_after(*args), HEAVY + slow) == []


@pytest.mark.parametrize("fmt", ["json", "markdown", "terminal"])
def test_planning_imports_no_graph_report_or_document_library(fmt):
    modules = modules_after("plan", str(EXAMPLE), "--format", fmt)
    assert "toolbox.engine" in modules
    assert loaded(modules, HEAVY) == []


def test_the_cover_solver_is_imported_by_the_audit_only():
    assert loaded(modules_after("audit", "multicausality", "--format", "json"), ("highspy",)) == ["highspy"]
    assert loaded(modules_after("plan", str(EXAMPLE), "--format", "json"), ("highspy", "numpy")) == []


def test_the_roadmap_solver_is_imported_only_when_a_roadmap_is_asked_for():
    assert loaded(modules_after("plan", str(EXAMPLE), "--years", "3", "--format", "json"), ("highspy",)) == ["highspy"]
    assert "toolbox.engine.roadmap" not in modules_after("plan", str(EXAMPLE), "--format", "json")


def test_the_tabular_library_is_imported_by_map_only():
    computed = modules_after("map", "--region", "UKM5", "--format", "json", extra_env={"TOOLBOX_NO_CACHE": "1"})
    assert loaded(computed, ("polars",)) == ["polars"]
    # the shipped map, once cached (toolbox/mapping/cache.py), is read back without the tabular library
    modules_after("map", "--format", "json")
    assert loaded(modules_after("map", "--region", "UKM5", "--format", "json"), ("polars",)) == []
    assert loaded(modules_after("map", "--help"), ("polars", "toolbox.mapping.engine")) == []
def test_robustness_imports_numpy_and_nothing_of_the_reports():
    """numpy is imported when robustness is asked for, and then only it among the heavy libraries a
    non-binding plan needs (the budget example would add HiGHS, for the exact solver's sample)."""
    modules = modules_after("plan", str(EXAMPLE), "--format", "json", "--robustness", "--draws", "100")
    assert "toolbox.engine.robustness" in modules
    assert loaded(modules, HEAVY) == ["numpy"]
