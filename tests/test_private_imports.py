"""No module imports a dependency's private module or private name (developer guide: "Never import a
dependency's private module"): a library's private parts change without notice between releases.

Our own modules may be private (`toolbox._x`); the standard library is not a dependency. Dunder names
(`__version__`) are public by convention.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "cli.py", *sorted((ROOT / "toolbox").rglob("*.py"))]
OURS = {"toolbox", "cli"}


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def _third_party(module: str) -> bool:
    top = module.split(".")[0]
    return top not in OURS and top not in sys.stdlib_module_names


def private_imports(source: str, filename: str = "<test>") -> list[str]:
    """Every import in `source` that reaches into a third-party package's private module or name."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names
                      if _third_party(a.name) and any(_private(p) for p in a.name.split("."))]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and _third_party(node.module):
            if any(_private(p) for p in node.module.split(".")):
                found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if _private(a.name)]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")):
            name = node.args[0].value
            if _third_party(name) and any(_private(p) for p in name.split(".")):
                found.append(name)
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_module_of_a_dependency_is_imported(path):
    assert private_imports(path.read_text(encoding="utf-8"), str(path)) == []


@pytest.mark.parametrize("source", [
    "from typer._coercion import RuntimeParam",  # what toolbox/commands/coercion.py did
    "import click._compat",
    "from click._compat import term_len",
    "from typer.core import _TyperParameter",
    "import importlib\nimportlib.import_module('typer._param_types')",
])
def test_the_check_finds_a_private_import(source):
    assert private_imports(source) != []


@pytest.mark.parametrize("source", [
    "from toolbox import _internal",  # our own
    "import _thread",  # the standard library
    "from typing import _GenericAlias",
    "from toolbox import __version__",
    "from pydantic import __version__",
    "from . import _x",
    "from rich.console import Console",
])
def test_the_check_leaves_allowed_imports_alone(source):
    assert private_imports(source) == []
