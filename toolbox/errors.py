"""Typed errors. Raised deep, rendered once at the command-line boundary."""

from __future__ import annotations

from typing import NamedTuple

from toolbox.safe_text import visible

EXCERPT_LIMIT = 40
"""Most characters of a file's content one message quotes: enough to recognise a key or value, too
few to copy out a file that was never meant to be read (a linked /etc/shadow)."""


def excerpt(text, limit: int = EXCERPT_LIMIT) -> str:
    """Content of a file quoted in a message: at most `limit` characters of it, unsafe ones escaped.

    A message names where the problem is; it never echoes a file, which may not be the user's to show
    (a link to a secret) or may hold escape sequences aimed at the terminal.
    """
    text = str(text)
    cut = text if len(text) <= limit else text[:max(limit - 1, 0)] + "…"
    return visible(cut)


class Problem(NamedTuple):
    """One thing wrong with an input file, located as precisely as we know."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        # every part may quote the user's input (a file name, a key, a value): none may act on the terminal
        where = visible(self.file) if self.line is None else f"{visible(self.file)}:{self.line}"
        path, message = visible(self.path), visible(self.message)
        return f"{where}: {path}: {message}" if path else f"{where}: {message}"


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
        text = "\n".join(str(p) if p.file else visible(p.message) for p in self.problems)
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
