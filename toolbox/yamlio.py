"""The one YAML loader: safe, closed and located.

Every file the tool reads goes through `load_yaml`, a PyYAML loader (libyaml's parser when
installed) that
- records the line of every value (errors point at `file:line`),
- refuses duplicate keys, which plain PyYAML silently overwrites,
- bounds what aliases can expand to and how deep documents nest, before anything walks them,
- reads YAML 1.2's core booleans only: `no`, `on`, `off` stay strings (Norway's country code is
  NO), and so do dates and YAML 1.1's octal and base-60 numbers.
Nothing the user writes is ever executed: only plain text, numbers, booleans, lists and mappings
are built. Its messages are the tool's own: the same with and without libyaml.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from toolbox.errors import InputError, Problem

MAX_BYTES = 1024 * 1024
"""Largest file the tool reads (1 MiB): a profile is a few KiB, the largest shipped knowledge-base
file under 40 KiB. The limit keeps reading any file well under a second."""
MAX_NODES = 50_000
"""Most keys and values a document may have, aliases counted every time they are used (the largest
shipped knowledge-base file has about 3,000)."""
MAX_DEPTH = 64
"""Deepest nesting a document may have."""

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
                 problems: list[Problem] | None = None, float_text: dict[Path_, str] | None = None):
        self.file = file
        self.value = value
        self.lines: dict[Path_, int] = {} if lines is None else lines
        self.problems: list[Problem] = [] if problems is None else problems
        self.float_text: dict[Path_, str] = {} if float_text is None else float_text
        """How each plain (untagged, unquoted) float was written, e.g. '800.000', which YAML reads as 800."""

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
    collecting = gc.isenabled()
    gc.disable()  # a load makes many objects and no cycles: collections meanwhile only cost time (a third, measured)
    try:
        loader = _load(_Loader, text, shown)
    finally:
        if collecting:
            gc.enable()
    if loader.value is None:
        raise InputError(Problem(shown, None, "", "file is empty"))
    if loader.problems and strict:
        raise InputError(loader.problems)
    return Document(file=shown, value=loader.value, lines=loader.lines, problems=loader.problems,
                    float_text=loader.float_text)


def _load(loader_class: type[_Located], text: str, shown: str) -> _Located:
    loader = None
    try:
        loader = loader_class(text, shown)
        loader.value = loader.get_single_data()
        return loader
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(Problem(shown, line, "", f"control character U+{ord(char):04X} is not allowed in YAML text; "
                                                  "remove it or write the text in quotes with an escape")) from None
    except yaml.composer.ComposerError as exc:  # the only one left to the composer: a second document
        raise InputError(Problem(shown, exc.problem_mark.line + 1, "", "more than one YAML document (a second '---'); "
                                                                       "put everything in one document")) from None
    except yaml.MarkedYAMLError as exc:
        if loader_class is not _PureLoader and "nesting depth" in str(exc):
            # libyaml in PyYAML 6.0.4 stops at 1,000 levels, reading ahead before `compose_node` sees an event;
            # the pure parser streams the same text, so the refusal is worded and located as on any PyYAML.
            return _load(_PureLoader, text, shown)
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what, hint = _syntax(exc, text)
        raise InputError(Problem(shown, line, "", f"YAML syntax error: {what}" + (f" ({hint})" if hint else ""))) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(shown, None, "", f"YAML syntax error: {exc}")) from None
    finally:
        if loader is not None:
            loader.dispose()


_WORDING = [(re.compile(pattern), words) for pattern, words in (
    # libyaml and PyYAML's pure parser word the same mistakes differently; the tool says one thing
    (r"block mapping: (did not find expected key|expected <block end>)", "did not find expected key"),
    (r"block collection: (did not find expected '-'|expected <block end>)", "did not find expected '-' indicator"),
    (r": (did not find )?expected (the )?node content", "did not find expected node content"),
    (r": (did not find )?expected '?<document start>'?", "did not find expected <document start>"),
    (r": found character .*that cannot start any token", "found character that cannot start any token"),
    (r": mapping values are not allowed", "mapping values are not allowed in this context"),
    (r": mapping keys are not allowed", "mapping keys are not allowed in this context"),
    (r": (block )?sequence entries are not allowed", "block sequence entries are not allowed in this context"),
    (r": found unknown escape character", "found unknown escape character"),
    (r": (did not find expected|expected a) comment or (a )?line break", "did not find expected comment or line break"),
    (r": found incompatible YAML document", "found incompatible YAML document"),
    (r": (?:did not find (?:the )?)?expected (.+?)(?:, but (?:found|got) .*)?$", r"did not find expected \1"),
)]


def _syntax(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str]:
    """The tool's words for a YAML syntax error, and what it usually means to someone editing a profile."""
    problem, context = exc.problem or "", exc.context or ""
    what = problem or context or "invalid YAML"
    for pattern, words in _WORDING:
        found = pattern.search(f"{context}: {problem}")
        if found:
            what = found.expand(words)
            break
    opened = exc.context_mark.line + 1 if exc.context_mark is not None else None
    mark = exc.problem_mark
    char = ""
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
    if "quoted scalar" in context and "end of stream" in problem:
        return what, f"the quoted text opened on line {opened} is never closed"
    if "flow mapping" in context or "flow sequence" in context:
        bracket = "{" if "mapping" in context else "["
        return what, f"the '{bracket}' opened on line {opened} is not closed, or a ',' is missing"
    if what.startswith("mapping values are not allowed"):
        return what, "a ': ' inside a value starts a new key; put the value in quotes or on its own line"
    if "cannot start any token" in what:
        return what, "a tab cannot indent YAML; indent with spaces" if char == "\t" else \
            "put a value that starts with this character in quotes"
    if "expected key" in what or "expected '-'" in what or "expected ':'" in what:
        return what, "check this line's indentation against the lines above, and that each key ends with ':'"
    return what, ""


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"
_KEY_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT}
"""What a plain or quoted key resolves to; a key is always read as its text."""
_TAG_NAMES = {_INT: "!!int", _FLOAT: "!!float", _BOOL: "!!bool"}
_OLD_NUMBER = re.compile(r"^[-+]?(0[0-9_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")
"""YAML 1.1 octal (012) and base-60 (1:30) numbers, which stay text here as in YAML 1.2."""
_CORE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+$")
"""YAML 1.2 core floats with an exponent but no dot or sign in it (1.5e6, 1e3): numbers, as editors
and the JSON Schema read them, though YAML 1.1 (and so the library) reads them as text."""
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}
"""A scalar's implicit tag: the same words and numbers recur within and across files."""


class _Located(yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """PyYAML's composer, safe constructor and resolver, bounded and located.

    The library's Python composer is used on libyaml's events too, with one hook at event level,
    `compose_node`, because measurement showed the library cannot give these guarantees itself:
    libyaml's composer recurses in C without a bound (500,000 nested '[' crash PyYAML 6.0 with a
    segmentation fault), the pure one raises RecursionError below 1,000 levels, and a composed alias is
    the anchor's own node, which no longer says where the alias was written. The hook bounds depth and
    alias expansion before descending, and records the line of every value, aliases included.
    """

    def __init__(self, shown: str):
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.shown = shown
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self.paths: dict[int, Path_] = {}
        """id(node) -> where it was first written, for the constructor's messages."""
        self.open: list[Path_] = []
        """The collections being composed, outermost first."""
        self.finished: dict[str, tuple[yaml.Node, int]] = {}
        """anchor -> its node and how many keys and values it holds."""
        self.count = 0
        self.aliased = False
        self.value: Any = None
        self.float_text: dict[Path_, str] = {}

    # -- composing: where each value is, and bounds -------------------------------------------------

    def compose_node(self, parent, index):
        event = self.peek_event()
        kind = type(event)
        if index.__class__ is int:
            path: Path_ = self.open[-1] + (index,)
            line = event.start_mark.line + 1
        elif parent is None:
            path, line = (), event.start_mark.line + 1
        elif index is None:  # a key: at '?' until it is read
            path, line = self.open[-1] + ("?",), event.start_mark.line + 1
        else:  # a value, under the key node `index`, and on its line
            path = self.open[-1] + ((index.value,) if index.__class__ is ScalarNode else ("?",))
            line = index.start_mark.line + 1
        self.count += 1
        if self.count > MAX_NODES:
            self.too_many(line, path)
        if index is not None or parent is None:
            self.lines.setdefault(path, line)
        if kind is yaml.ScalarEvent:
            node = self.compose_scalar_node(None)
            if event.tag is not None:
                self.paths[id(node)] = path  # only a tagged scalar can be refused by the constructor
                if event.tag == "!":  # the non-specific tag: text, whatever it looks like
                    node.tag = _STR
            elif node.tag == _INT:
                self.paths[id(node)] = path  # a number can have more digits than Python reads
            elif node.tag == _FLOAT and index is not None:
                self.float_text[path] = node.value  # '800.000' reads as 800: the profile loader warns
            if event.anchor is not None:
                self.finished[event.anchor] = (node, 1)
            return node
        if kind is yaml.AliasEvent:
            self.get_event()
            if parent is not None and index is None:  # an alias as a key: the constructor refuses a list key
                return SequenceNode("tag:yaml.org,2002:seq", [], event.start_mark, event.end_mark)
            if event.anchor not in self.finished:
                raise InputError(Problem(self.shown, line, format_path(path),
                                         f"alias *{event.anchor} refers to no finished anchor &{event.anchor}"))
            node, size = self.finished[event.anchor]
            self.aliased = True
            self.count += size
            if self.count > MAX_NODES:
                self.too_many(line, path)
            return node
        if len(self.open) >= MAX_DEPTH:
            shown = format_path(path[:4]) + ("…" if len(path) > 4 else "")
            raise InputError(Problem(self.shown, event.start_mark.line + 1, shown, f"nesting deeper than {MAX_DEPTH} levels"))
        start = self.count
        self.open.append(path)
        node = self.compose_mapping_node(None) if kind is yaml.MappingStartEvent else self.compose_sequence_node(None)
        self.open.pop()
        self.paths[id(node)] = path
        if event.anchor is not None:  # registered once finished: an alias inside its own anchor is refused
            self.finished[event.anchor] = (node, self.count - start)
        return node

    def too_many(self, line: int, path: Path_) -> None:
        if self.aliased:
            raise InputError(Problem(self.shown, line, format_path(path),
                                     f"YAML aliases expand the document to more than {MAX_NODES:,} keys and values; "
                                     "write the repeated parts out, or repeat them less"))
        raise InputError(Problem(self.shown, line, format_path(path),
                                 f"the document has more than {MAX_NODES:,} keys and values, far more than a "
                                 "profile or knowledge-base file needs"))

    def resolve(self, kind, value, implicit):
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        tag = _TAGS.get((value, implicit))
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if tag == _BOOL:  # YAML 1.2 core: true/false in three spellings, and no yes/no/on/off
                tag = tag if value.lower() in ("true", "false") else _STR
            elif tag in (_INT, _FLOAT):
                tag = _STR if _OLD_NUMBER.match(value) else tag
            elif tag not in (_STR, _NULL, _MERGE):  # dates, and YAML 1.1's '=' value
                tag = _STR
            elif tag == _STR and implicit[0] and _CORE_FLOAT.match(value):
                tag = _FLOAT
            if len(_TAGS) >= 20_000:
                _TAGS.clear()
            _TAGS[value, implicit] = tag
        return tag

    # -- constructing: plain values, refusing what the tool does not read ----------------------------

    def problem(self, node: yaml.Node, message: str, path: Path_ | None = None) -> None:
        path = self.paths[id(node)] if path is None else path
        self.problems.append(Problem(self.shown, node.start_mark.line + 1, format_path(path), message))

    def construct_mapping(self, node, deep=False):
        path = self.paths[id(node)]
        value: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "a key must be a plain word, not a list, mapping or alias", path)
            elif key_node.tag == _MERGE:
                self.problem(key_node, "merge keys (<<) are not supported; write the values out", path)
            elif key_node.tag not in _KEY_TAGS:
                self.problem(key_node, _unsupported(key_node.tag) + f" (on the key '{_short(key_node.value)}')", path)
            elif key_node.value in first:
                key = key_node.value
                self.problem(key_node, f"duplicate key '{key}' (first at line {first[key]})", path + (key,))
            else:
                first[key_node.value] = key_node.start_mark.line + 1
                value[key_node.value] = self.construct_object(value_node, deep=True)
        return value

    def construct_collection(self, node):
        if isinstance(node, MappingNode):
            return self.construct_mapping(node)
        if isinstance(node, SequenceNode):
            return [self.construct_object(child, deep=True) for child in node.value]
        return self.construct_unsupported(node)

    def construct_unsupported(self, node):
        self.problem(node, _unsupported(node.tag))
        return None if isinstance(node, ScalarNode) else self.construct_collection(node)

    def construct_text(self, node):
        return node.value if isinstance(node, ScalarNode) else self.construct_unsupported(node)

    def construct_typed(self, node):
        if not isinstance(node, ScalarNode):
            return self.construct_unsupported(node)
        tag, value = node.tag, node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
        else:
            try:
                return self.construct_yaml_int(node) if tag == _INT else self.construct_yaml_float(node)
            except (ValueError, ArithmeticError, IndexError):
                if self.resolve(ScalarNode, value, (True, False)) == tag:  # a plain number Python refuses
                    self.problem(node, f"the number '{_short(value)}' has too many digits ({len(value):,})")
                    return None
        self.problem(node, f"'{_short(value)}' is not a valid {_TAG_NAMES[tag]}")
        return None

    yaml_constructors = {
        **dict.fromkeys(("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"), construct_collection),
        **dict.fromkeys((_STR, _MERGE, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"), construct_text),
        **dict.fromkeys((_NULL, _BOOL, _INT, _FLOAT), construct_typed),
        None: construct_unsupported,
    }


class _PureLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Located):
    def __init__(self, text: str, shown: str):
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Located.__init__(self, shown)


if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(_Located, yaml.CSafeLoader):  # _Located first: its composer, not libyaml's
        def __init__(self, text: str, shown: str):
            yaml.CSafeLoader.__init__(self, text)
            _Located.__init__(self, shown)

    _Loader: type = _CLoader
else:
    _Loader = _PureLoader


def _unsupported(tag: str) -> str:
    shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
    return f"unsupported YAML tag '{shown}': only plain text, numbers, true/false, lists and mappings are read"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
