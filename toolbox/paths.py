"""Where the shipped data are, in a module of its own: `toolbox map` on one's own files needs the path of
data/mapping.yaml without importing the knowledge base's models (pydantic: a quarter of a second)."""

from __future__ import annotations

from pathlib import Path


def shipped_data_dir() -> Path:
    """`data/` as installed inside the package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    return installed if installed.is_dir() else here.parent / "data"
