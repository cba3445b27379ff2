"""The one YAML loader: safe, closed and located.

Every file the tool reads goes through `load_yaml`. It builds plain Python values itself from
PyYAML's node tree, so that it can
- record the line of every value (errors point at `file:line`),
- reject duplicate keys, which plain PyYAML silently overwrites,
- bound what aliases can expand to and how deep documents nest, before anything walks them,
- keep YAML 1.1's surprises out: `no`, `on`, `off` stay strings (Norway's country code is NO),
  and dates stay strings.
Nothing the user writes is ever executed: only the safe schema's scalar types are built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolbox.errors import InputError, Problem

MAX_BYTES = 2 * 1024 * 1024
"""Largest file the tool reads (2 MiB): far above any real profile or knowledge-base file."""
MAX_NODES = 200_000
"""Most values a document may expand to, aliases counted every time they are used."""
MAX_DEPTH = 64
"""Deepest nesting a document may have."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL_WORDS = {"true", "false"}
_STR_TAG = "tag:yaml.org,2002:str"

Path_ = tuple[str | int, ...]


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory when below it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


def format_path(path: Path_) -> str:
    """`('instruments', 14, 'mechanisms', 1)` -> `instruments[14].mechanisms[1]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Document:
    """A loaded YAML file: its plain value and the line of every value in it."""

    file: str
    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Problems that did not stop parsing (duplicate keys, unsupported tags); see `load_yaml(strict=)`."""

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor that exists in the file."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def has(self, path: Path_) -> bool:
        return tuple(path) in self.lines

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(file=self.file, line=self.line_of(path), path=format_path(path), message=message)


def read_text(path: Path, *, what: str = "file") -> tuple[str, str]:
    """Read a UTF-8 text file, or raise an InputError that says why it cannot be read."""
    shown = display_path(path)
    if not path.exists():
        raise InputError(Problem(shown, None, "", f"no such {what}"))
    if path.is_dir():
        raise InputError(Problem(shown, None, "", f"is a directory, expected a {what}"))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(Problem(shown, None, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes"))
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(Problem(shown, None, "", f"cannot read: {exc.strerror or exc}")) from None
    if len(data) > MAX_BYTES:
        raise InputError(Problem(shown, None, "", f"file is larger than the limit of {MAX_BYTES:,} bytes"))
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(Problem(shown, line, "", "binary content (a NUL byte); expected a YAML text file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Problem(shown, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")) from None
    return shown, text


def load_yaml(path: Path | str, *, strict: bool = True) -> Document:
    """Load one YAML file into a located Document.

    Raises InputError when the file cannot be parsed at all. Lesser problems (a duplicate key: the
    first value is kept) are raised too when `strict`, else left in `Document.problems` so that a
    caller can report them together with what it finds itself.
    """
    path = Path(path)
    shown, text = read_text(path)
    return parse_yaml(text, shown, strict=strict)


def parse_yaml(text: str, shown: str, *, strict: bool = True) -> Document:
    """Parse YAML text that came from the file `shown`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(Problem(shown, line, "", f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(shown, None, "", f"YAML syntax error: {exc}")) from None
    except RecursionError:
        raise InputError(Problem(shown, None, "", f"nesting deeper than {MAX_DEPTH} levels")) from None
    if node is None:
        raise InputError(Problem(shown, None, "", "file is empty"))
    builder = _Builder(shown)
    value = builder.build(node, (), 0)
    if builder.problems and strict:
        raise InputError(builder.problems)
    return Document(file=shown, value=value, lines=builder.lines, problems=builder.problems)


class _Builder:
    def __init__(self, shown: str):
        self.shown = shown
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.shown, node.start_mark.line + 1, format_path(path), message))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(Problem(self.shown, node.start_mark.line + 1, format_path(path),
                                     f"the document expands to more than {MAX_NODES:,} values "
                                     "(YAML aliases that repeat large parts?)"))
        if depth > MAX_DEPTH:
            raise InputError(Problem(self.shown, node.start_mark.line + 1, format_path(path),
                                     f"nesting deeper than {MAX_DEPTH} levels"))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.fail(node, path, f"unsupported YAML tag {node.tag!r}")
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(node, path, f"unsupported YAML tag {node.tag!r}")
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, path, "merge keys (<<) are not supported; write the values out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, "a key must be a plain word, not a list or mapping")
                continue
            key = self.scalar(key_node, path)
            if not isinstance(key, str):
                key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in out:
                self.fail(key_node, path + (key,), f"duplicate key '{key}' (first at line {first_line[key]})")
                continue
            first_line[key] = line
            self.lines[path + (key,)] = line
            out[key] = self.build(value_node, path + (key,), depth + 1)
        return out

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:bool" and node.value.lower() not in _BOOL_WORDS:
            return node.value
        if tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
            return node.value
        try:
            return self.constructor.construct_object(node, deep=False)
        except yaml.YAMLError:
            self.fail(node, path, f"unsupported YAML tag {tag!r}")
            return None
