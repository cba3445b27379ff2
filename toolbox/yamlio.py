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

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from toolbox.errors import InputError, Problem

MAX_BYTES = 1024 * 1024
"""Largest file the tool reads (1 MiB): a profile is a few KiB, the largest shipped knowledge-base
file under 40 KiB. The limit keeps reading any file well under a second."""
MAX_NODES = 50_000
"""Most keys and values a document may have, aliases counted every time they are used (the largest
shipped knowledge-base file has about 3,000)."""
MAX_DEPTH = 64
"""Deepest nesting a document may have."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL_WORDS = {"true", "false"}

Path_ = tuple[str | int, ...]


_CWD: tuple[str, Path] = ("", Path())


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory when below it."""
    global _CWD
    text = os.fspath(path)
    if not os.path.isabs(text) and ".." not in text:  # already relative to the working directory
        return os.path.normpath(text)
    try:
        cwd = os.getcwd()
        if text.startswith(cwd + os.sep) and "/.." not in text:  # below it, as written: no need to resolve links
            return os.path.normpath(text[len(cwd) + 1:])
        if _CWD[0] != cwd:  # resolving the working directory once per directory, not once per file
            _CWD = (cwd, Path(cwd).resolve())
        return str(Path(text).resolve().relative_to(_CWD[1]))
    except (ValueError, OSError):
        return text


def format_path(path: Path_) -> str:
    """`('instruments', 14, 'mechanisms', 1)` -> `instruments[14].mechanisms[1]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class Document:
    """A loaded YAML file: its plain value and the line of every value in it.

    `problems` are those that did not stop parsing (duplicate keys, unsupported tags); see
    `load_yaml(strict=)`.
    """

    __slots__ = ("file", "float_text", "lines", "problems", "value")

    def __init__(self, file: str, value: Any, lines: dict[Path_, int] | None = None,
                 problems: list[Problem] | None = None):
        self.file = file
        self.value = value
        self.lines: dict[Path_, int] = {} if lines is None else lines
        self.problems: list[Problem] = [] if problems is None else problems
        self.float_text: dict[Path_, str] = {}
        """How each plain float was written (e.g. '800.000'), for checks that the value alone cannot make."""

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
    try:
        info = os.stat(path)  # once: whether it exists, is a directory, a regular file, and its size
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL byte in the name
        raise InputError(Problem(shown, None, "", f"no such {what}")) from None
    except OSError as exc:
        raise InputError(Problem(shown, None, "", f"cannot read: {exc.strerror or exc}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(Problem(shown, None, "", f"is a directory, expected a {what}"))
    try:
        if not stat.S_ISREG(info.st_mode):  # a pipe could block for ever, a device never end
            raise InputError(Problem(shown, None, "", f"is not a regular file (a pipe, socket or device); "
                                                      f"expected a {what}"))
        size = info.st_size
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
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(Problem(shown, line, "", f"control character U+{ord(char):04X} is not allowed in YAML text; "
                                                  "remove it or write the text in quotes with an escape")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        hint = _syntax_hint(exc, text)
        message = f"YAML syntax error: {what}" + (f" ({hint})" if hint else "")
        raise InputError(Problem(shown, line, "", message)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(shown, None, "", f"YAML syntax error: {exc}")) from None
    finally:
        loader.dispose()
    if value is None:
        raise InputError(Problem(shown, None, "", "file is empty"))
    if builder.problems and strict:
        raise InputError(builder.problems)
    doc = Document(file=shown, value=value, lines=builder.lines, problems=builder.problems)
    doc.float_text = builder.float_text
    return doc


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str) -> str:
    """What a YAML syntax error usually means, in the words of someone editing a profile."""
    problem, context = exc.problem or "", exc.context or ""
    opened = exc.context_mark.line + 1 if exc.context_mark is not None else None
    mark = exc.problem_mark
    char = ""
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
    if "quoted scalar" in context and "end of stream" in problem:
        return f"the quoted text opened on line {opened} is never closed"
    if "flow mapping" in context or "flow sequence" in context:
        bracket = "{" if "mapping" in context else "["
        return f"the '{bracket}' opened on line {opened} is not closed, or a ',' is missing"
    if problem.startswith("mapping values are not allowed"):
        return "a ': ' inside a value starts a new key; put the value in quotes or on its own line"
    if "cannot start any token" in problem:
        if char == "\t":
            return "a tab cannot indent YAML; indent with spaces"
        return "put a value that starts with this character in quotes"
    if "expected key" in problem or "expected <block end>" in problem or "expected ':'" in problem:
        return "check this line's indentation against the lines above, and that each key ends with ':'"
    return ""


_NO_KEY = object()
_BAD_KEY = object()
_KEY_FRAME = object()
_STANDARD = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", None, "!"}
_OLD_NUMBER = re.compile(r"^[-+]?(0[0-9_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")
"""YAML 1.1 octal (012) and base-60 (1:30) numbers, which stay text here as in YAML 1.2."""

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}
_TAG_NAMES = {_INT: "!!int", _FLOAT: "!!float", _BOOL: "!!bool"}
_KEY_TAGS = {None, "!", _STR}
_TYPED = {_NULL, _BOOL, _INT, _FLOAT}

_RESOLVER = yaml.resolver.Resolver()
"""Only its implicit-tag rules are used (a plain scalar's type); it holds no state between calls."""
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""Only its stateless number constructors are used."""
_TAGS: dict[str, str] = {}
"""Plain scalar -> its implicit tag: the same words and numbers recur within and across files."""


class _Frame:
    __slots__ = ("anchor", "first_line", "is_map", "key", "key_path", "path", "start", "value")

    def __init__(self, is_map: bool, path: Path_, anchor: str | None, start: int):
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.path = path
        self.key: Any = _NO_KEY
        self.key_path: Path_ = path
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
        self.aliased = False
        self.float_text: dict[Path_, str] = {}

    def fail(self, line: int, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.shown, line, format_path(path), message))

    def stop(self, line: int, path: Path_, message: str) -> None:
        raise InputError(Problem(self.shown, line, format_path(path), message))

    def too_many(self, line: int, path: Path_) -> None:
        if self.aliased:
            self.stop(line, path, f"YAML aliases expand the document to more than {MAX_NODES:,} keys and values; "
                                  "write the repeated parts out, or repeat them less")
        self.stop(line, path, f"the document has more than {MAX_NODES:,} keys and values, far more than a "
                              "profile or knowledge-base file needs")

    def run(self, loader) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        lines = self.lines
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent or kind is yaml.MappingStartEvent \
                    or kind is yaml.SequenceStartEvent:
                line = event.start_mark.line + 1
                parent = stack[-1] if stack else None
                if parent is None:
                    path: Path_ = ()
                elif parent.is_map:
                    if parent.key is _NO_KEY:
                        self.key(parent, event, line, stack)
                        continue
                    path = parent.key_path
                else:
                    path = parent.path + (len(parent.value),)
                self.count += 1
                if self.count > MAX_NODES:
                    self.too_many(line, path)
                if path not in lines:
                    lines[path] = line
                if kind is yaml.ScalarEvent:
                    value = self.scalar(event, line, path)
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (value, 1)
                elif kind is yaml.AliasEvent:
                    if event.anchor not in self.anchors:
                        self.stop(line, path, f"alias *{event.anchor} refers to no finished anchor &{event.anchor}")
                    value, size = self.anchors[event.anchor]
                    self.aliased = True
                    self.count += size
                    if self.count > MAX_NODES:
                        self.too_many(line, path)
                else:
                    if len(stack) >= MAX_DEPTH:
                        shown = format_path(path[:4]) + ("…" if len(path) > 4 else "")
                        raise InputError(Problem(self.shown, line, shown, f"nesting deeper than {MAX_DEPTH} levels"))
                    if event.tag not in _STANDARD:
                        self.fail(line, path, _unsupported(event.tag))
                    stack.append(_Frame(kind is yaml.MappingStartEvent, path, event.anchor, self.count))
                    continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, self.count - frame.start)
                value = frame.value
            elif kind is yaml.StreamEndEvent:
                return root
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.stop(event.start_mark.line + 1, (), "more than one YAML document (a second '---'); "
                                                            "put everything in one document")
                continue
            else:  # stream start, document end
                continue
            # attach the finished value to its parent
            if not stack:
                root = value
                continue
            parent = stack[-1]
            if parent.is_map:
                if parent.key is _KEY_FRAME:  # the end of a key that was a list or mapping: skip its value next
                    parent.key = _BAD_KEY
                    continue
                if parent.key is not _BAD_KEY:
                    parent.value[parent.key] = value
                parent.key = _NO_KEY
            else:
                parent.value.append(value)

    def key(self, parent: _Frame, event: yaml.Event, line: int, stack: list[_Frame]) -> None:
        parent.key_path = parent.path + ("?",)
        self.count += 1
        if self.count > MAX_NODES:
            self.too_many(line, parent.key_path)
        if type(event) is not yaml.ScalarEvent:
            self.fail(line, parent.path, "a key must be a plain word, not a list, mapping or alias")
            parent.key = _BAD_KEY
            if type(event) in (yaml.SequenceStartEvent, yaml.MappingStartEvent):
                # build the key's content into a throw-away frame that attaches nowhere
                stack.append(_Frame(type(event) is yaml.MappingStartEvent, parent.key_path, None, self.count))
                parent.key = _KEY_FRAME
            return
        if event.tag not in _KEY_TAGS:
            self.fail(line, parent.path, _unsupported(event.tag) + f" (on the key '{_short(event.value)}')")
            parent.key = _BAD_KEY
            return
        if event.tag is None and event.implicit[0] and self.resolve(event.value) == "tag:yaml.org,2002:merge":
            self.fail(line, parent.path, "merge keys (<<) are not supported; write the values out")
            parent.key = _BAD_KEY
            return
        key = event.value
        if key in parent.first_line:
            self.fail(line, parent.path + (key,), f"duplicate key '{key}' (first at line {parent.first_line[key]})")
            parent.key = _BAD_KEY
            return
        parent.first_line[key] = line
        parent.key_path = path = parent.path + (key,)
        self.lines[path] = line
        parent.key = key

    def resolve(self, value: str) -> str:
        tag = _TAGS.get(value)
        if tag is None:
            tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
            if len(_TAGS) >= 20_000:
                _TAGS.clear()
            _TAGS[value] = tag
        return tag

    def scalar(self, event: yaml.ScalarEvent, line: int, path: Path_) -> Any:
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if tag is not None or not event.implicit[0]:  # quoted, or the non-specific tag '!': text
                return value
            tag = self.resolve(value)
            if tag not in _TYPED:  # text, and YAML 1.1's '=' and '<<' as values: text too
                return value
            if tag == _BOOL and value.lower() not in _BOOL_WORDS:
                return value
            if tag in (_INT, _FLOAT) and _OLD_NUMBER.match(value):
                return value
        if tag == _STR or tag in _AS_TEXT:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            word = value.lower()
            if word in _BOOL_WORDS:
                return word == "true"
        elif tag in (_INT, _FLOAT):
            node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
            if tag == _FLOAT and event.tag is None:
                self.float_text[path] = value
            try:
                return _CONSTRUCTOR.construct_yaml_int(node) if tag == _INT else _CONSTRUCTOR.construct_yaml_float(node)
            except (ValueError, ArithmeticError, IndexError):  # e.g. '!!int' on an empty value
                if event.tag is None:  # a plain number Python refuses (thousands of digits)
                    self.fail(line, path, f"the number '{_short(value)}' has too many digits ({len(value):,})")
                    return None
        else:
            self.fail(line, path, _unsupported(tag))
            return None
        self.fail(line, path, f"'{_short(value)}' is not a valid {_TAG_NAMES[tag]}")
        return None


def _unsupported(tag: str) -> str:
    shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
    return f"unsupported YAML tag '{shown}': only plain text, numbers, true/false, lists and mappings are read"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
