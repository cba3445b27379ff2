"""Reading a saved plan (`toolbox plan --format json` output) back, for `toolbox diff`.

The file is checked like a profile: a file that is not JSON, not a plan, from a toolbox that did not
record a plan's inputs, or with a field of the wrong kind, is refused with `file:line: field: message`
and exit code 2. Keys this reader does not use are ignored, so that a plan with more sections (the JSON
contract only grows) is still read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from toolbox.engine.result import INPUTS_VERSION
from toolbox.errors import InputError, Problem
from toolbox.kb.records import Flag, Number
from toolbox.yamlio import display_path

READ_VERSIONS = (1, INPUTS_VERSION)
"""The layouts of a plan's `inputs` this toolbox reads (docs/profile.md): 1 has no gaps of innovation and is
read as a plan without programmes; INPUTS_VERSION is the one it writes."""
MAX_BYTES = 64 * 1024 * 1024
"""Largest plan read: a plan of the shipped knowledge base is about 100 KB; one on an overlay of 1,000
instruments a few MB."""
Word = Annotated[str, Field(min_length=1, max_length=200)]
Positive = Annotated[Number, Field(gt=0, allow_inf_nan=False)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Named(_Open):
    name: Word


class _Ref(_Open):
    id: Word
    name: Word


class _Verdict(_Open):
    code: Word


class _Mechanism(_Open):
    id: Word
    possible: Flag
    observed: Literal["none", "weak", "medium", "strong", "unknown"]
    attainable: Literal["weak", "medium", "strong"]
    empirical_support: Word
    policy_influence: Word


class _Design(_Closed):
    distortion_risk: Literal["low", "medium", "high"]
    reason: str | None


class _Instrument(_Closed):
    id: Word
    name: Word
    mechanisms: list[Word]
    cost: Positive
    cost_source: Literal["profile", "indicative"]
    distortion_risk: Literal["low", "medium", "high"]
    design: _Design | None
    policy_field: Word
    carriers: list[Word]
    in_place: Flag
    indirect: Flag = False
    gaps: list[Word] = []
    programme_gaps: list[Word] | None = None


class _Inputs(_Closed):
    version: int
    potential: Literal["present", "nascent", "absent"]
    level: Word
    currency: Word
    eur_rate: Positive
    budget: Positive | None
    instruments: list[_Instrument]
    gaps: list[Word] = []
    programme_gaps: list[Word] | None = None


class _Item(_Open):
    rank: Annotated[int, Field(ge=1)]
    instrument: _Ref
    score: Number
    marginal_value: Number


class _SetAside(_Open):
    instrument: _Ref
    reason: Word
    score: Number | None = None
    data: dict = {}


class _Overlay(_Open):
    layers: list[str]


class _Plan(_Open):
    kb_version: Word
    region: _Named
    cluster: _Named
    verdict: _Verdict
    mechanisms: list[_Mechanism]
    strategy: list[_Item]
    deferred: list[_SetAside]
    discarded: list[_SetAside]
    in_place: list[_SetAside]
    weights: dict
    weights_source: str
    weights_hash: str
    currency: Word
    inputs: _Inputs
    kb_overlay: _Overlay | None = None


def _read(path: Path) -> tuple[str, str]:
    shown = display_path(path)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        raise InputError(Problem(shown, None, "", "no such file")) from None
    except OSError as exc:
        raise InputError(Problem(shown, None, "", f"cannot read: {exc.strerror or exc}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(Problem(shown, None, "", "is a directory, expected a saved plan (JSON)"))
    if not stat.S_ISREG(info.st_mode):  # a pipe could block for ever, a device never end
        raise InputError(Problem(shown, None, "", "is not a regular file (a pipe, socket or device); "
                                                  "expected a saved plan (JSON)"))
    if info.st_size > MAX_BYTES:
        raise InputError(Problem(shown, None, "", f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,} bytes"))
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(Problem(shown, None, "", f"cannot read: {exc.strerror or exc}")) from None
    try:
        return shown, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(Problem(shown, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                                  "expected a saved plan (JSON)")) from None


def _locator(text: str, shown: str):
    """A function placing a field path on its line: the JSON parsed again with line numbers (only on error)."""
    from toolbox.yamlio import parse_yaml

    try:
        doc = parse_yaml(text, shown, strict=False)  # JSON is YAML: the located reader gives each key's line
    except InputError:
        doc = None
    from toolbox.yamlio import format_path

    def locate(path, message: str) -> Problem:
        if doc is not None:
            return doc.problem(tuple(path), message)
        return Problem(shown, None, format_path(tuple(path)), message)

    return locate


def load_saved_plan(path: Path | str):
    """The SavedPlan in a `plan --format json` file, or InputError naming file, line and field."""
    import orjson

    from toolbox.audit.diff import SavedPlan
    from toolbox.engine.replan import MechanismInput, Outcome
    from toolbox.engine.result import InstrumentInput, PlanInputs
    from toolbox.validation import problems_from, validate
    from toolbox.weights_file import weights_model

    shown, text = _read(Path(path))
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        where = getattr(exc, "lineno", None)
        raise InputError(Problem(shown, where, "", f"not JSON ({exc.msg}); expected a saved plan, written by "
                                                   "toolbox plan --format json")) from None
    locate = None
    if not isinstance(data, dict) or not {"kb_version", "strategy", "verdict"} <= data.keys():
        raise InputError(Problem(shown, 1 if text.strip() else None, "",
                                 "not a saved plan: expected the JSON of toolbox plan --format json "
                                 "(an object with kb_version, verdict and strategy)"))
    if "inputs" not in data or data["inputs"] is None:
        raise InputError(Problem(shown, None, "inputs", f"missing: the plan was made by a toolbox ({data.get('kb_version')}) "
                                                        "that did not record its inputs; make it again with this "
                                                        "one (toolbox plan PROFILE --format json)"))
    version = data["inputs"].get("version") if isinstance(data["inputs"], dict) else None
    if version not in READ_VERSIONS or isinstance(version, bool):
        locate = _locator(text, shown)
        raise InputError(locate(("inputs", "version"), f"inputs version {version!r} is not read by this toolbox "
                                                      f"(it reads versions {', '.join(map(str, READ_VERSIONS))}); "
                                                      "make the plan again with this toolbox"))
    for model, base, value in ((_Plan, (), data), (weights_model(), ("weights",), data.get("weights"))):
        try:
            validate(model, value)
        except ValidationError as exc:
            locate = _locator(text, shown)
            raise InputError(problems_from(exc, model, lambda p, m: locate(base + tuple(p), m), value)) from None
    plan, weights = validate(_Plan, data), validate(weights_model(), data["weights"])
    problems = _check(plan, weights, lambda p, m: (locate or _locator(text, shown))(p, m))
    if problems:
        raise InputError(problems)

    from toolbox.engine.weights import Weights

    defaults = Weights()
    chosen = {}
    for name in weights.model_fields_set:
        value = getattr(weights, name)
        chosen[name] = ({**getattr(defaults, name), **{k: getattr(value, k) for k in value.model_fields_set}}
                        if hasattr(value, "model_fields_set") else value)
    weights_dict = defaults._replace(**chosen).to_dict()
    rows = tuple(InstrumentInput(i.id, i.name, tuple(i.mechanisms), i.cost, i.cost_source, i.distortion_risk,
                                 i.design.distortion_risk if i.design else None, i.design.reason if i.design else None,
                                 i.policy_field, tuple(i.carriers), i.in_place, i.indirect, tuple(i.gaps),
                                 None if i.programme_gaps is None else tuple(i.programme_gaps))
                 for i in plan.inputs.instruments)
    p = plan.inputs
    inputs = PlanInputs(p.potential, p.level, p.currency, p.eur_rate, p.budget, rows, p.version, tuple(p.gaps),
                        None if p.programme_gaps is None else tuple(p.programme_gaps))
    outcomes: dict[str, Outcome] = {}
    numbers: dict[str, tuple[float | None, float | None]] = {}
    if plan.verdict.code in ("no_cluster_potential", "nothing_assessed", "no_justification"):
        outcomes = {i.id: Outcome("not_scored", plan.verdict.code) for i in rows}
    for item in plan.strategy:
        outcomes[item.instrument.id] = Outcome("strategy", None, item.rank)
        numbers[item.instrument.id] = (item.score, item.marginal_value)
    for where in ("deferred", "discarded", "in_place"):
        for s in getattr(plan, where):
            outcomes[s.instrument.id] = Outcome(where, s.reason)
            marginal = s.data.get("marginal_value")
            numbers[s.instrument.id] = (s.score, marginal if isinstance(marginal, (int, float)) else None)
    mechanisms = tuple(MechanismInput(m.id, m.possible, m.observed, m.attainable, m.empirical_support,
                                      m.policy_influence) for m in plan.mechanisms)
    return SavedPlan(shown, plan.region.name, plan.cluster.name, plan.kb_version,
                     tuple(plan.kb_overlay.layers) if plan.kb_overlay else (), plan.weights_source,
                     plan.weights_hash, weights_dict, plan.verdict.code, plan.currency, mechanisms, inputs,
                     outcomes, numbers)


def _check(plan: _Plan, weights, locate) -> list[Problem]:
    """What the models cannot say: ratings the weights have no factor for, links to unknown mechanisms,
    ids given twice."""
    from toolbox.engine.weights import Weights

    defaults = Weights()
    tables = {name: set(getattr(defaults, name)) for name in ("empirical", "policy")}
    problems = []
    seen: set[str] = set()
    for k, m in enumerate(plan.mechanisms):
        if m.id in seen:
            problems.append(locate(("mechanisms", k, "id"), f"mechanism '{m.id}' is listed twice"))
        seen.add(m.id)
        for field, table in (("empirical_support", "empirical"), ("policy_influence", "policy")):
            value = getattr(m, field)
            if value not in tables[table]:
                problems.append(locate(("mechanisms", k, field), f"'{value}' is not one of "
                                                                 f"{', '.join(sorted(tables[table]))}"))
    ids: set[str] = set()
    for k, i in enumerate(plan.inputs.instruments):
        if i.id in ids:
            problems.append(locate(("inputs", "instruments", k, "id"), f"instrument '{i.id}' is listed twice"))
        ids.add(i.id)
        for n, m in enumerate(i.mechanisms):
            if m not in seen:
                problems.append(locate(("inputs", "instruments", k, "mechanisms", n),
                                       f"'{m}' is not among the plan's mechanisms"))
    known = set(plan.inputs.gaps)
    lists = [(("inputs", "programme_gaps"), plan.inputs.programme_gaps or [])]
    for k, i in enumerate(plan.inputs.instruments):
        lists += [(("inputs", "instruments", k, "gaps"), i.gaps),
                  (("inputs", "instruments", k, "programme_gaps"), i.programme_gaps or [])]
    for base, gaps in lists:
        for n, g in enumerate(gaps):
            if g not in known:
                problems.append(locate((*base, n), f"'{g}' is not among the plan's inputs.gaps"))
    for where in ("strategy", "deferred", "discarded", "in_place"):
        for k, s in enumerate(getattr(plan, where)):
            if s.instrument.id not in ids:
                problems.append(locate((where, k, "instrument", "id"),
                                       f"'{s.instrument.id}' is not among the plan's inputs.instruments"))
    return problems
