"""What several commands share: the --kb option, loading, and how to print for this terminal."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolbox.kb.load import ENV_VAR, load_kb, user_dirs
from toolbox.kb.model import KnowledgeBase

KbOption = Annotated[
    Optional[list[Path]],
    typer.Option("--kb", metavar="DIR", show_default=False,
                 help=f"Your own knowledge-base directory, on top of the shipped one (repeatable; default: ${ENV_VAR})."),
]
OutputOption = Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                     help="Write to FILE instead of stdout ('-' = stdout).")]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]


def knowledge_base(kb_dirs: Optional[list[Path]]) -> KnowledgeBase:
    return load_kb(user_dirs(kb_dirs))


def use_color(target: str | None) -> bool:
    return target in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))
