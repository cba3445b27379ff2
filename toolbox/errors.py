"""Typed errors. Raised deep, rendered once at the command-line boundary."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input file, located as precisely as we know."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


EXCERPT = 40
"""Most characters of a file's content one message quotes: enough to recognise a key or value, too
few to copy out a file that was never meant to be read (a linked /etc/shadow)."""


def excerpt(text: object, limit: int = EXCERPT) -> str:
    """`text` as quoted in a message: at most `limit` characters, the cut marked with '…'."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class ToolboxError(Exception):
    """Base of every error the tool reports to its user instead of a traceback."""

    exit_code = 1


MAX_PROBLEMS = 100
"""Most problems reported at once: with more, the first ones are shown and a note says so."""
MORE = f"… and more: only the first {MAX_PROBLEMS} problems are shown; fix these first"


class InputError(ToolboxError):
    """Invalid input: a file the user gave or pointed at. Exit code 2."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(file="", line=None, path="", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.path, p.message))
        self.problems = ordered[:MAX_PROBLEMS]
        self.more = len(ordered) > MAX_PROBLEMS
        text = "\n".join(str(p) if p.file else p.message for p in self.problems)
        if self.more:
            text += "\n" + MORE
        super().__init__(text)


class BatchError(InputError):
    """Some inputs of a batch were invalid and skipped; the others were processed. Exit code 2.

    Every problem of every failed input is kept (each input's own list is already bounded), followed
    by a summary line.
    """

    def __init__(self, problems: list[Problem], summary: str):
        ToolboxError.__init__(self, "\n".join([*(str(p) for p in problems), summary]))
        self.problems = list(problems)
        self.more = False
        self.summary = summary


class UsageError(InputError):
    """A command-line argument that cannot be used (an unknown id, an existing output file)."""


class OutputError(ToolboxError):
    """An output file that cannot be written. Exit code 2: the user chose the path."""

    exit_code = 2
