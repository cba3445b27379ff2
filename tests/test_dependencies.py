"""Declared dependencies: every library the code imports is one that `pip install toolbox` installs.

A fresh install once failed because `init --interactive` imported `click`, which the development environment
had (an older Typer installed it) but Typer 0.29 no longer does. A library that only comes along with another
one can go away in that one's next release, so each import must name a distribution of its own in
pyproject.toml. The imports are read with `ast` (also those inside functions, which the import-time tests in
tests/test_imports.py never execute); import names are mapped to distributions by the installed packages'
metadata, so an import that nothing installed provides is undeclared too.
"""

from __future__ import annotations

import ast
import re
import sys
import textwrap
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tests.test_packaging import _name

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = frozenset({"toolbox", "cli", "tests", "bench"})
"""Top-level names of this repository's own code (tests import `cli`, `bench` and `tests.*` from the root)."""
TEST_EXTRA = "test"
"""The optional group that only the test suite uses: it never satisfies an import of the tool itself."""
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Import:
    name: str
    """The imported module's top-level name (`docx` for `from docx.oxml import OxmlElement`)."""
    line: int
    guard: str | None
    """The source of the `except ImportError` handler around the import, if any: the feature's own message."""


def imports_in(source: str) -> list[Import]:
    """Every absolute import in `source`, wherever it stands; relative imports are the package's own."""
    found: list[Import] = []

    def visit(node: ast.AST, guard: str | None) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name.partition(".")[0], node.lineno, guard) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(Import(node.module.partition(".")[0], node.lineno, guard))
        if isinstance(node, ast.Try | ast.TryStar):
            handlers = [h for h in node.handlers if _catches_import_error(h)]
            body_guard = "\n".join(ast.get_source_segment(source, h) or "" for h in handlers) or guard
            for child in node.body:
                visit(child, body_guard)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child, guard)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, guard)

    visit(ast.parse(source), None)
    return found


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names)


def third_party(paths: list[Path]) -> list[tuple[Path, Import]]:
    """The imports in `paths`, leaving out the standard library and our own code."""
    return [(path, found) for path in paths for found in imports_in(path.read_text(encoding="utf-8"))
            if found.name not in sys.stdlib_module_names and found.name not in FIRST_PARTY]


@lru_cache(maxsize=1)
def declared() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The normalised names of pyproject.toml's dependencies, and those of each optional group."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> frozenset[str]:
        return frozenset(_name(REQUIREMENT_NAME.match(r)[1]) for r in requirements)

    extras = {group: names(reqs) for group, reqs in project.get("optional-dependencies", {}).items()}
    return names(project["dependencies"]), extras


def undeclared(found: Import, distributions: dict[str, list[str]], extras_allowed: tuple[str, ...] = ()) -> str | None:
    """Why `found` is not covered by a declaration, or None when it is."""
    provided_by = sorted({_name(d) for d in distributions.get(found.name, ())})
    if not provided_by:
        return f"`{found.name}`: no installed distribution provides it, and so no declared one can"
    required, extras = declared()
    if required.intersection(provided_by):
        return None
    if any(extras.get(group, frozenset()).intersection(provided_by) for group in extras_allowed):
        return None
    if found.guard is not None:
        groups = [g for g, names in extras.items() if g != TEST_EXTRA and names.intersection(provided_by)]
        if any(g in found.guard for g in groups):
            return None  # optional: the feature catches the ImportError and names the extra to install
    return f"`{found.name}` (distribution {' or '.join(provided_by)}) is not in pyproject.toml's dependencies"


def _problems(paths: list[Path], extras_allowed: tuple[str, ...] = ()) -> list[str]:
    distributions = packages_distributions()
    return [f"{path.relative_to(ROOT)}:{found.line}: {why}" for path, found in third_party(paths)
            if (why := undeclared(found, distributions, extras_allowed))]


def test_every_import_of_the_tool_is_a_declared_dependency():
    paths = sorted((ROOT / "toolbox").rglob("*.py")) + [ROOT / "cli.py"]
    assert len(paths) > 100, "the package's modules are all read"
    problems = _problems(paths)
    assert not problems, "\n".join(problems)


def test_every_import_of_the_tests_is_declared_for_the_test_install():
    """CI installs `.[test]` into a fresh environment: the suite may import the `test` group too."""
    problems = _problems(sorted((ROOT / "tests").rglob("*.py")), extras_allowed=(TEST_EXTRA,))
    assert not problems, "\n".join(problems)


def test_the_tool_imports_what_it_declares():
    """A sanity check of the reading itself: the libraries the architecture names are all found."""
    names = {found.name for _, found in third_party(sorted((ROOT / "toolbox").rglob("*.py")) + [ROOT / "cli.py"])}
    for expected in ("typer", "pydantic", "yaml", "jinja2", "docx", "highspy", "networkx", "PIL"):
        assert expected in names


# The reader on small sources: what counts as an import, and what counts as guarded.

def test_imports_inside_functions_and_branches_are_found():
    source = textwrap.dedent("""
        import os, yaml.constructor
        from . import sibling
        from .sub import thing

        def prompt():
            if True:
                import click
            from docx.oxml import OxmlElement
    """)
    assert [(i.name, i.line, i.guard) for i in imports_in(source)] == [
        ("os", 2, None), ("yaml", 2, None), ("click", 8, None), ("docx", 9, None)]


def test_an_import_is_guarded_only_by_a_handler_of_import_error():
    source = textwrap.dedent("""
        try:
            import pandas
        except ImportError:
            raise SystemExit("install toolbox[frames]")
        try:
            import scipy
        except ValueError:
            pass
        try:
            pass
        except ImportError:
            import polars
    """)
    found = {i.name: i.guard for i in imports_in(source)}
    assert "toolbox[frames]" in found["pandas"]
    assert found["scipy"] is None and found["polars"] is None


@pytest.mark.parametrize(("source", "reason"), [
    ("import click", "not in pyproject.toml's dependencies"),
    ("import a_module_that_nothing_installs", "no installed distribution provides it"),
], ids=["transitive only", "not installed"])
def test_an_undeclared_import_is_reported(source, reason):
    distributions = {"click": ["click"], "yaml": ["PyYAML"]}
    [found] = imports_in(source)
    assert reason in undeclared(found, distributions)


def test_a_declared_import_is_accepted_under_its_distribution_name():
    [found] = imports_in("import yaml")
    assert undeclared(found, {"yaml": ["PyYAML"]}) is None


def test_the_test_group_satisfies_only_where_allowed():
    [found] = imports_in("import hypothesis")
    distributions = {"hypothesis": ["hypothesis"]}
    assert undeclared(found, distributions) is not None
    assert undeclared(found, distributions, extras_allowed=(TEST_EXTRA,)) is None


def test_a_guarded_import_may_come_from_the_optional_group_its_feature_names(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "declared",
                        lambda: (frozenset({"pyyaml"}), {"frames": frozenset({"pandas"}), TEST_EXTRA: frozenset()}))
    distributions = {"pandas": ["pandas"]}
    named = "try:\n    import pandas\nexcept ImportError:\n    raise SystemExit('pip install toolbox[frames]')\n"
    silent = "try:\n    import pandas\nexcept ImportError:\n    pandas = None\n"
    assert undeclared(imports_in(named)[0], distributions) is None
    assert "not in pyproject.toml" in undeclared(imports_in(silent)[0], distributions)
    assert "not in pyproject.toml" in undeclared(imports_in("import pandas")[0], distributions)
