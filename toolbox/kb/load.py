"""Loading the knowledge base: the shipped `data/` and, on top, the user's own directories.

A user directory holds any of the five data files. A record whose id is already known overrides
the earlier one field by field (nested mappings merge, lists are replaced) and must give its own
`source`, so that a changed rating is never passed off as the paper's or ours. A new id adds a
record. A contribution block adds rows to an instrument, or with `replace: true` replaces its rows.
Everything then goes through the same validation as the shipped data.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from toolbox import yamlio
from toolbox.errors import InputError, Problem, excerpt
from toolbox.paths import shipped_data_dir
from toolbox.kb import cache as kb_cache
from toolbox.kb.model import Contribution, KnowledgeBase
from toolbox.kb.records import ISSUE14_SECTIONS, LEVELS, SECTIONS, ContributionBlock, Record
from toolbox.validation import MAX_PROBLEMS, did_you_mean, problems_from, unknown, validate
from toolbox.yamlio import Document, Path_, display_path

ENV_VAR = "TOOLBOX_KB"
"""Environment variable naming user knowledge-base directories (separated like PATH)."""


def user_dirs(option: Sequence[Path] | None) -> list[Path]:
    """The user directories from `--kb` or, when none is given, from the environment."""
    if option:
        return list(option)
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


class _Entry:
    """One record being assembled from one or more files, with where each part came from."""

    __slots__ = ("data", "origins")

    def __init__(self, data: dict, origins: list[tuple[Document, Path_]]):
        self.data = data
        self.origins = origins

    def problem(self, rel: Path_, message: str) -> Problem:
        for doc, base in reversed(self.origins):
            if doc.has(base + tuple(rel)):
                return doc.problem(base + tuple(rel), message)
        doc, base = self.origins[-1]
        return doc.problem(base + tuple(rel), message)

    @property
    def path(self) -> Path_:
        return self.origins[-1][1]


def _merge(base: dict, over: dict, top: bool = True) -> dict:
    """`over` on top of `base`, field by field; a record's `source` is replaced whole, never merged."""
    out = dict(base)
    for key, value in over.items():
        if top and key == "source":
            out[key] = value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value, top=False)
        else:
            out[key] = value
    return out


_STEMS = {name.split(".")[0] for name in SECTIONS}
"""`mechanisms` for `mechanisms.yaml`: a file named like a section with another case or extension is an error."""


class _File(NamedTuple):
    """One knowledge-base file, read once: its text is both hashed for the cache key and parsed."""

    layer: int
    name: str
    shown: str
    text: str | None
    """None when the layer does not have this file."""


def _misnamed(name: str) -> bool:
    """Whether a file in a user directory looks meant as a section file but is not named exactly like one."""
    if name in SECTIONS or name.startswith("."):  # hidden files (editor swap files) are not the user's data
        return False
    stem, _, extension = name.partition(".")
    return stem.lower() in _STEMS or extension.lower().rsplit(".", 1)[-1] in ("yaml", "yml")


def _read_one(path: Path, problems: list[Problem]) -> str | None:
    """The text of one section file, or None after adding a problem that names the file."""
    shown = display_path(path)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            os.stat(path)  # where the link leads: a loop or a missing target is named as such
    except FileNotFoundError:
        problems.append(Problem(shown, None, "", "is a symbolic link to a file that does not exist"))
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.append(Problem(shown, None, "", "is a symbolic link in a loop: it never reaches a file"))
        else:
            problems.append(Problem(shown, None, "", f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        return yamlio.read_text(path)[1]
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _read_layer(layer: int, directory: Path, shipped: bool, problems: list[Problem]) -> list[_File]:
    shown = display_path(directory)
    if not directory.exists():
        problems.append(Problem(shown, None, "", "no such knowledge-base directory"))
        return []
    if not directory.is_dir():
        problems.append(Problem(shown, None, "", "is not a directory; --kb expects a knowledge-base directory"))
        return []
    try:
        names = set(os.listdir(directory))
    except OSError as exc:
        problems.append(Problem(shown, None, "", f"cannot read: {exc.strerror or exc}"))
        return []
    found = len(problems)
    if not shipped:
        for name in sorted(names):
            if _misnamed(name):
                problems.append(Problem(display_path(directory / name), None, "",
                                        unknown("knowledge-base file", name, SECTIONS)))
    files = []
    for name in SECTIONS:
        path = directory / name
        if name not in names:  # the listing, not exists(): a dangling link is listed, and then an error
            if shipped:
                problems.append(Problem(display_path(path), None, "", "missing from the shipped knowledge base"))
            files.append(_File(layer, name, display_path(path), None))
            continue
        text = _read_one(path, problems)
        files.append(_File(layer, name, display_path(path), text))
    if not shipped and len(problems) == found and all(f.text is None for f in files):
        problems.append(Problem(shown, None, "", f"holds none of the knowledge-base files ({', '.join(SECTIONS)})"))
    return files


def _fingerprint(layers: list[tuple[Path, bool]], files: list[_File]) -> str:
    """A hash of exactly the text that is parsed, file by file and layer by layer."""
    h = hashlib.sha256()
    for layer, (_, shipped) in enumerate(layers):
        h.update(b"layer\0" if shipped else b"user layer\0")
        for f in files:
            if f.layer == layer:
                data = b"absent" if f.text is None else f.text.encode("utf-8", "surrogatepass")
                h.update(f"{f.name}\0{'-' if f.text is None else len(data)}\0".encode() + data)
    return h.hexdigest()


def load_kb(extra: Sequence[Path] = (), base: Path | None = None, *, cache: bool = True) -> KnowledgeBase:
    """Load and validate the knowledge base, or raise InputError listing every problem found.

    Every file is read once. A knowledge base that passed validation is cached (toolbox/kb/cache.py)
    under a hash of the text read and of the code; the next run with the same files and code reads
    it back instead. `cache=False` (`toolbox kb validate`) neither reads nor writes the cache.
    """
    layers = [(base or shipped_data_dir(), True)] + [(Path(d), False) for d in extra]
    problems: list[Problem] = []
    files = [f for layer, (d, shipped) in enumerate(layers) for f in _read_layer(layer, d, shipped, problems)]
    fingerprint = _fingerprint(layers, files)
    key = kb_cache.cache_key(fingerprint) if cache and not problems else None
    shown = tuple(display_path(d) for d, _ in layers)
    kb = kb_cache.read(key) if key is not None else None
    if kb is not None:  # what describes this run is never taken from the entry
        kb = replace(kb, layers=shown, fingerprint=fingerprint)
    else:
        kb = _load(files, problems, shown, fingerprint)
        if key is not None:
            kb_cache.write(key, kb)
    if extra:  # the overlay names itself: which directories, and what they change against the shipped data
        from toolbox.kb.overlay import KbOverlay, changes

        shipped = load_kb((), base, cache=cache)
        kb = replace(kb, overlay=KbOverlay(shown[1:], changes(shipped, kb)))
    return kb


def _load(files: list[_File], problems: list[Problem], layers: tuple[str, ...], fingerprint: str) -> KnowledgeBase:
    entries: dict[str, dict[str, _Entry]] = {s: {} for sections in SECTIONS.values() for s in sections}
    blocks: list[_Entry] = []
    for f in files:
        if f.text is None:
            continue
        try:
            doc = yamlio.parse_yaml(f.text, f.shown, strict=False)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(doc.problems)
        _collect(doc, f.layer, entries, blocks, problems)
    _check_references(entries, blocks, problems)

    typed: dict[str, dict[str, Any]] = {}
    for sections in SECTIONS.values():
        for section, model in sections.items():
            typed[section] = {}
            for key, entry in entries[section].items():
                record = _validate(model, entry, problems)
                if record is not None:
                    typed[section][key] = (record, entry)
    typed_blocks = []
    for entry in blocks:
        record = _validate(ContributionBlock, entry, problems)
        if record is not None:
            typed_blocks.append((record, entry))
    if problems:
        raise InputError(problems)

    kb = _assemble(typed, typed_blocks, problems, layers, fingerprint)
    if problems:
        raise InputError(problems)
    return kb


_NESTED: tuple[tuple[str, str, str, str], ...] = (
    ("monitoring", "indicators", "monitoring_measures", "monitoring measure"),
    ("spillover_channels", "channels", "spillover_channels", "spillover channel"),
    ("failures", "failures", "failures", "failure"),
    ("approach", "approach", "policy_approaches", "policy approach"),
    ("digital_form", "form", "digital_forms", "digital form"),
)
"""An instrument's fields (issue 14) whose inner key names records of a vocabulary section:
(field, inner key, section referred to, what to call it); monitoring names them in each indicator's measure."""

_REFERENCES: dict[str, list[tuple[str, str, str]]] = {
    "mechanisms": [("dimensions", "dimensions", "cluster dimension")],
    "instruments": [("mechanisms", "mechanisms", "mechanism"), ("cost_class", "cost_classes", "cost class"),
                    ("policy_field", "policy_fields", "policy field"), ("gaps", "gaps", "gap of innovation")],
    "agents": [("group", "agent_groups", "agent group")],
    "monitoring_measures": [("level", "monitoring_levels", "monitoring level")],
    "spillover_channels": [("axis", "spillover_axes", "spillover axis")],
}
"""Fields that name records of another section: (field, section referred to, what to call it)."""


def _check_references(entries: dict[str, dict[str, _Entry]], blocks: list[_Entry], problems: list[Problem]) -> None:
    """Check every id a record names, on the raw data, so that a record with other errors is checked too."""

    def check(entry: _Entry, rel: Path_, value: Any, section: str, what: str) -> None:
        if len(problems) > MAX_PROBLEMS:  # enough to fix first; more suggestions only cost time
            return
        if isinstance(value, str) and value not in entries[section]:
            problems.append(entry.problem(rel, unknown(what, value, entries[section])))

    def check_source(entry: _Entry, data: dict, rel: Path_) -> None:
        source = data.get("source")
        if isinstance(source, dict) and "document" in source:
            check(entry, rel + ("document",), source["document"], "documents", "document")

    for section, table in entries.items():
        for entry in table.values():
            check_source(entry, entry.data, ("source",))
            for field_name, target, what in _REFERENCES.get(section, []):
                value = entry.data.get(field_name)
                if isinstance(value, list):
                    for i, item in enumerate(value):
                        check(entry, (field_name, i), item, target, what)
                        if value.index(item) != i:
                            problems.append(entry.problem((field_name, i), f"'{item}' is listed twice"))
                else:
                    check(entry, (field_name,), value, target, what)
            if section == "instruments":
                _check_nested(entry, check, problems)
            support = entry.data.get("empirical_support")
            if isinstance(support, dict) and isinstance(support.get("references"), list):
                for i, ref in enumerate(support["references"]):
                    if isinstance(ref, dict):
                        check(entry, ("empirical_support", "references", i, "document"), ref.get("document"),
                              "documents", "document")
    kinds = {a.data.get("kind") for a in entries["agents"].values()}
    for entry in blocks:
        check_source(entry, entry.data, ("source",))
        check(entry, ("instrument",), entry.data.get("instrument"), "instruments", "instrument")
        rows = entry.data.get("rows")
        for r, row in enumerate(rows if isinstance(rows, list) else []):
            if not isinstance(row, dict):
                continue
            for key, section, what in (("kinds", None, "agent kind"), ("agents", "agents", "agent"),
                                       ("types", "contribution_types", "contribution type")):
                values = row.get(key)
                for i, value in enumerate(values if isinstance(values, list) else []):
                    if section is None:
                        if isinstance(value, str) and value not in kinds:
                            problems.append(entry.problem(("rows", r, key, i),
                                                          unknown(what, value, sorted(k for k in kinds if k))))
                    else:
                        check(entry, ("rows", r, key, i), value, section, what)


def _check_nested(entry: _Entry, check, problems: list[Problem]) -> None:
    for field_name, key, target, what in _NESTED:
        outer = entry.data.get(field_name)
        if not isinstance(outer, dict):
            continue
        value = outer.get(key)
        if field_name == "monitoring":
            for i, item in enumerate(value if isinstance(value, list) else []):
                if isinstance(item, dict):
                    check(entry, (field_name, key, i, "measure"), item.get("measure"), target, what)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                check(entry, (field_name, key, i), item, target, what)
                if value.index(item) != i:
                    problems.append(entry.problem((field_name, key, i), f"'{item}' is listed twice"))
        else:
            check(entry, (field_name, key), value, target, what)


def _collect(doc: Document, layer_no: int, entries: dict, blocks: list[_Entry], problems: list[Problem]) -> None:
    name = doc.file.replace("\\", "/").rsplit("/", 1)[-1]
    allowed = SECTIONS[name]
    if not isinstance(doc.value, dict):
        problems.append(doc.problem((), f"expected a mapping with the section(s) {', '.join(allowed)}"))
        return
    strangers = [section for section in doc.value if section not in allowed]
    if strangers:
        # one problem per file, quoting one bounded key: a file that was never meant to be read (a
        # linked /etc/shadow parses as one key per line) is not echoed back line by line
        first = strangers[0]
        more = f" (and {len(strangers) - 1} more)" if len(strangers) > 1 else ""
        problems.append(Problem(doc.file, doc.line_of((first,)), excerpt(first),
                                f"unknown section '{excerpt(first)}'{did_you_mean(first, allowed)}{more}; "
                                f"this file holds {', '.join(allowed)}"))
    for section, items in doc.value.items():
        if section not in allowed:
            continue
        if not isinstance(items, list):
            problems.append(doc.problem((section,), "expected a list of records"))
            continue
        key_field = "instrument" if section == "contributions" else "id"
        seen_here: dict[str, int] = {}
        for index, item in enumerate(items):
            path = (section, index)
            if not isinstance(item, dict):
                problems.append(doc.problem(path, "expected a record (a mapping of fields)"))
                continue
            if section == "contributions":
                entry = _Entry(item, [(doc, path)])
                if item.get("replace") is True:
                    blocks[:] = [b for b in blocks if b.data.get("instrument") != item.get("instrument")]
                blocks.append(entry)
                continue
            key = item.get(key_field)
            if not isinstance(key, str):
                problems.append(doc.problem(path + (key_field,), f"every record needs an '{key_field}'"))
                continue
            if key in seen_here:
                problems.append(doc.problem(path + (key_field,), f"duplicate id '{key}' (first at line {seen_here[key]})"))
                continue
            seen_here[key] = doc.line_of(path + (key_field,)) or 0
            known = entries[section].get(key)
            if known is None:
                entries[section][key] = _Entry(item, [(doc, path)])
            elif layer_no == 0:
                problems.append(doc.problem(path + (key_field,), f"duplicate id '{key}'"))
            else:
                if "source" not in item:
                    problems.append(doc.problem(path, f"this record overrides '{key}' and must give its own source"))
                    continue
                known.data = _merge(known.data, item)
                known.origins.append((doc, path))


def _validate(model: type[Record], entry: _Entry, problems: list[Problem]) -> Record | None:
    if len(problems) > MAX_PROBLEMS:  # enough to fix first; validating more records only costs time
        return None
    try:
        return validate(model, entry.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, model, entry.problem, entry.data))
        return None


def _assemble(typed: dict, typed_blocks: list, problems: list[Problem], layers: tuple[str, ...], fingerprint: str) -> KnowledgeBase:
    def ids(section: str) -> dict[str, Any]:
        return {k: rec for k, (rec, _) in typed[section].items()}

    documents = ids("documents")
    levels, groups, dimensions = ids("levels"), ids("agent_groups"), ids("dimensions")
    gaps, fields, ctypes, costs = ids("gaps"), ids("policy_fields"), ids("contribution_types"), ids("cost_classes")
    mechanisms, instruments, agents = ids("mechanisms"), ids("instruments"), ids("agents")

    def check_assessed(entry: _Entry, record: Record) -> None:
        source = getattr(record, "source", None)
        if source is None:
            return
        allowed = [f for f in type(record).model_fields if f != "source"]
        for i, name in enumerate(source.assessed):
            if name not in allowed:
                problems.append(entry.problem(("source", "assessed", i), unknown("field", name, allowed)))

    for section in typed:
        for _, (record, entry) in typed[section].items():
            check_assessed(entry, record)
    for key, (_, entry) in typed["levels"].items():
        if key not in LEVELS:
            problems.append(entry.problem(("id",), f"levels are fixed to {', '.join(LEVELS)}"))
    for _, (agent, entry) in typed["agents"].items():
        group = groups.get(agent.group)
        if group is not None and agent.level not in group.levels:
            problems.append(entry.problem(("level",), f"group '{agent.group}' has no agents on the {agent.level} level "
                                                      f"(only {', '.join(group.levels)})"))

    kinds: dict[str, list[str]] = {}
    for a in agents.values():
        kinds.setdefault(a.kind, []).append(a.id)
    merged: dict[tuple[str, str], list[str]] = {}
    sources: dict[str, list] = {}
    for block, entry in typed_blocks:
        check_assessed(entry, block)
        if block.instrument not in instruments:
            continue
        sources.setdefault(block.instrument, []).append(block.source)
        for r, row in enumerate(block.rows):
            chosen: list[str] = []
            for k, kind in enumerate(row.kinds):
                if kind not in kinds:
                    continue
                found = [a for a in kinds[kind] if not row.levels or agents[a].level in row.levels]
                if not found:
                    problems.append(entry.problem(("rows", r, "kinds", k),
                                                  f"no agent of kind '{kind}' on the level(s) {', '.join(row.levels)}"))
                chosen += found
            chosen += [a for a in row.agents if a in agents]
            for agent_id in chosen:
                have = merged.setdefault((block.instrument, agent_id), [])
                have += [t for t in row.types if t not in have]

    type_order = {t: i for i, t in enumerate(ctypes)}
    agent_order = {a: i for i, a in enumerate(agents)}
    inst_order = {i: n for n, i in enumerate(instruments)}
    contributions = tuple(
        Contribution(inst, agent, tuple(sorted(types, key=lambda t: type_order.get(t, len(type_order)))))
        for (inst, agent), types in sorted(merged.items(), key=lambda kv: (inst_order[kv[0][0]], agent_order[kv[0][1]]))
    )
    levels_served: dict[str, set[str]] = {i: set() for i in instruments}
    for c in contributions:
        levels_served[c.instrument].add(agents[c.agent].level)
    for inst_id, (_, entry) in typed["instruments"].items():
        missing = [lv for lv in ("regional", "local") if lv not in levels_served[inst_id]]
        if missing:
            problems.append(entry.problem(("id",), f"instrument '{inst_id}' has no contributing agent type on the "
                                                   f"{' and '.join(missing)} level; add a contribution row"))

    return KnowledgeBase(
        documents=documents, levels=levels, agent_groups=groups, dimensions=dimensions, gaps=gaps,
        policy_fields=fields, contribution_types=ctypes, cost_classes=costs, mechanisms=mechanisms,
        instruments=instruments, agents=agents, contributions=contributions,
        contribution_sources={k: tuple(v) for k, v in sources.items()},
        layers=layers, fingerprint=fingerprint,
        **{name: ids(name) for name in ISSUE14_SECTIONS},
    )
