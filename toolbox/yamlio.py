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

import re

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
    builder = _Builder(shown)
    loader = _Loader(text)
    try:
        value = builder.run(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(Problem(shown, line, "", f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(shown, None, "", f"YAML syntax error: {exc}")) from None
    finally:
        loader.dispose()
    if value is None:
        raise InputError(Problem(shown, None, "", "file is empty"))
    if builder.problems and strict:
        raise InputError(builder.problems)
    return Document(file=shown, value=value, lines=builder.lines, problems=builder.problems)


_NO_KEY = object()
_BAD_KEY = object()
_KEY_FRAME = object()
_STANDARD = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", None, "!"}
_OLD_NUMBER = re.compile(r"^[-+]?(0[0-9_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")
"""YAML 1.1 octal (012) and base-60 (1:30) numbers, which stay text here as in YAML 1.2."""


class _Frame:
    __slots__ = ("is_map", "value", "path", "key", "anchor", "start", "first_line")

    def __init__(self, is_map: bool, path: Path_, anchor: str | None, start: int):
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.path = path
        self.key: Any = _NO_KEY
        self.anchor = anchor
        self.start = start
        self.first_line: dict[str, int] = {}


class _Builder:
    """Builds plain values from PyYAML's event stream, with an explicit stack.

    Working on events rather than PyYAML's composed node tree keeps deep nesting from exhausting the
    interpreter's stack (the composer recurses once per level), and lets depth and alias expansion
    be bounded before anything is built.
    """

    def __init__(self, shown: str):
        self.shown = shown
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def fail(self, line: int, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.shown, line, format_path(path), message))

    def stop(self, line: int, path: Path_, message: str) -> None:
        raise InputError(Problem(self.shown, line, format_path(path), message))

    def run(self, loader) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        while True:
            event = loader.get_event()
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.StreamEndEvent):
                return root
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.stop(event.start_mark.line + 1, (), "more than one YAML document (a second '---'); "
                                                            "put everything in one document")
                continue
            line = event.start_mark.line + 1
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, self.count - frame.start)
                root = self.attach(stack, frame.value, root)
                continue
            parent = stack[-1] if stack else None
            if parent is not None and parent.is_map and parent.key is _NO_KEY:
                self.key(parent, event, line, stack)
                continue
            path = self.path_of(parent)
            self.count += 1
            if self.count > MAX_NODES:
                self.stop(line, path, f"the document expands to more than {MAX_NODES:,} values "
                                      "(YAML aliases that repeat large parts?)")
            self.lines.setdefault(path, line)
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    self.stop(line, path, f"alias *{event.anchor} refers to no finished anchor &{event.anchor}")
                value, size = self.anchors[event.anchor]
                self.count += size
                if self.count > MAX_NODES:
                    self.stop(line, path, f"the document expands to more than {MAX_NODES:,} values "
                                          "(YAML aliases that repeat large parts?)")
                root = self.attach(stack, value, root)
            elif isinstance(event, yaml.ScalarEvent):
                value = self.scalar(loader, event, path)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                root = self.attach(stack, value, root)
            else:
                if len(stack) >= MAX_DEPTH:
                    self.stop(line, path, f"nesting deeper than {MAX_DEPTH} levels")
                is_map = isinstance(event, yaml.MappingStartEvent)
                if event.tag not in _STANDARD:
                    self.fail(line, path, f"unsupported YAML tag {event.tag!r}")
                stack.append(_Frame(is_map, path, event.anchor, self.count))

    def path_of(self, parent: _Frame | None) -> Path_:
        if parent is None:
            return ()
        if parent.is_map:
            return parent.path + ((parent.key,) if isinstance(parent.key, str) else ("?",))
        return parent.path + (len(parent.value),)

    def attach(self, stack: list[_Frame], value: Any, root: Any) -> Any:
        if not stack:
            return value
        parent = stack[-1]
        if parent.is_map:
            if parent.key is _KEY_FRAME:  # the end of a key that was a list or mapping: skip its value next
                parent.key = _BAD_KEY
                return root
            if parent.key is not _BAD_KEY:
                parent.value[parent.key] = value
            parent.key = _NO_KEY
        else:
            parent.value.append(value)
        return root

    def key(self, parent: _Frame, event: yaml.Event, line: int, stack: list[_Frame]) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            self.fail(line, parent.path, "a key must be a plain word, not a list, mapping or alias")
            parent.key = _BAD_KEY
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                # build the key's content into a throw-away frame that attaches nowhere
                stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), parent.path + ("?",), None, self.count))
                parent.key = _KEY_FRAME
            return
        tag = event.tag if event.tag not in (None, "!") else self.resolve(event)
        if tag == "tag:yaml.org,2002:merge":
            self.fail(line, parent.path, "merge keys (<<) are not supported; write the values out")
            parent.key = _BAD_KEY
            return
        key = event.value
        if key in parent.first_line:
            self.fail(line, parent.path + (key,), f"duplicate key '{key}' (first at line {parent.first_line[key]})")
            parent.key = _BAD_KEY
            return
        parent.first_line[key] = line
        self.lines[parent.path + (key,)] = line
        parent.key = key

    def resolve(self, event: yaml.ScalarEvent) -> str:
        return self.constructor.resolve(yaml.ScalarNode, event.value, event.implicit)

    def scalar(self, loader, event: yaml.ScalarEvent, path: Path_) -> Any:
        tag = event.tag if event.tag not in (None, "!") else self.resolve(event)
        value = event.value
        if tag == "tag:yaml.org,2002:bool" and value.lower() not in _BOOL_WORDS:
            return value
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and _OLD_NUMBER.match(value):
            return value
        if tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
            return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node, deep=False)
        except yaml.YAMLError:
            self.fail(event.start_mark.line + 1, path, f"unsupported YAML tag {tag!r}")
            return None
