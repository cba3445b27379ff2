"""Reading `data/indicators.yaml` and the statistics it names, with located errors."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from toolbox.errors import InputError, Problem, excerpt
from toolbox.indicators.model import Indicator, IndicatorFile
from toolbox.paths import shipped_data_dir
from toolbox.validation import in_document, problems_from, unknown, validate
from toolbox.yamlio import load_yaml, read_text

FILE_NAME = "indicators.yaml"


class IndicatorData(NamedTuple):
    """The indicator file with its statistics, every value keyed by the size measure's NUTS vintage."""

    spec: IndicatorFile
    size: dict[tuple[str, int], float]
    """(region, year) -> the size measure (employment)."""
    region_names: dict[str, str]
    series: dict[str, dict[tuple[str, int], float]]
    """indicator id -> (region, year) -> value, only rows on the size measure's territory."""

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.spec.indicators if i.id == indicator_id)


def load_indicators(mechanism_ids, directory: Path | None = None) -> IndicatorData:
    """The shipped indicators (or those of `directory`), checked against the knowledge base's mechanisms."""
    directory = shipped_data_dir() if directory is None else Path(directory)
    doc = load_yaml(directory / FILE_NAME)
    try:
        spec = validate(IndicatorFile, doc.value)
    except ValidationError as exc:
        raise InputError(problems_from(exc, IndicatorFile, in_document(doc), doc.value)) from None
    known = list(mechanism_ids)
    problems = []
    for n, indicator in enumerate(spec.indicators):
        for k, mechanism in enumerate(indicator.mechanisms):
            if mechanism not in known:
                problems.append(doc.problem(("indicators", n, "mechanisms", k), unknown("mechanism", mechanism, known)))
    for mechanism in spec.judgement:
        if mechanism not in known:
            problems.append(doc.problem(("judgement", mechanism), unknown("mechanism", mechanism, known)))
    if problems:
        raise InputError(problems)
    size_spec = spec.grading.size_measure
    size, names = _read_size(directory / size_spec.file)
    series = {i.id: _read_series(directory / i.file, i.id, spec) for i in spec.indicators}
    return IndicatorData(spec, size, names, series)


def _rows(path: Path, columns: tuple[str, ...]):
    """(shown, line, row) for each data row of a CSV that has exactly `columns`."""
    shown, text = read_text(path, what="CSV file")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != list(columns):
        raise InputError(Problem(shown, 1, "", f"expected the columns {', '.join(columns)}, "
                                              f"found {excerpt(', '.join(header or []), 120)}"))
    for row in reader:
        if not row:
            continue
        line = reader.line_num
        if len(row) != len(columns):
            raise InputError(Problem(shown, line, "", f"expected {len(columns)} values, found {len(row)}"))
        yield shown, line, dict(zip(columns, row))


def _number(shown: str, line: int, column: str, text: str, *, integer: bool = False) -> float:
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        raise InputError(Problem(shown, line, column, f"expected a {'whole ' if integer else ''}number, "
                                                      f"not {excerpt(text)!r}")) from None
    if not math.isfinite(value) or value < 0:
        raise InputError(Problem(shown, line, column, f"expected a number of 0 or more, not {excerpt(text)}"))
    return value


def _read_size(path: Path) -> tuple[dict[tuple[str, int], float], dict[str, str]]:
    size: dict[tuple[str, int], float] = {}
    names: dict[str, str] = {}
    for shown, line, row in _rows(path, ("year", "nuts_id", "nuts_year_spec", "region_name", "employment")):
        key = (row["nuts_id"], int(_number(shown, line, "year", row["year"], integer=True)))
        if key in size:
            raise InputError(Problem(shown, line, "nuts_id", f"{excerpt(key[0])} {key[1]} given twice"))
        value = _number(shown, line, "employment", row["employment"])
        if value <= 0:
            raise InputError(Problem(shown, line, "employment", "a region's employment must be above 0"))
        size[key] = value
        names[row["nuts_id"]] = row["region_name"]
    return size, names


def _read_series(path: Path, indicator_id: str, spec: IndicatorFile) -> dict[tuple[str, int], float]:
    """An indicator's values on the base vintage's territory; rows of other territories are left out."""
    vintages = spec.vintages
    out: dict[tuple[str, int], float] = {}
    for shown, line, row in _rows(path, ("year", "nuts_id", "nuts_year_spec", indicator_id)):
        year = int(_number(shown, line, "year", row["year"], integer=True))
        vintage = int(_number(shown, line, "nuts_year_spec", row["nuts_year_spec"], integer=True))
        code = row["nuts_id"]
        if row[indicator_id].strip() == "":
            continue  # a blank cell is a missing value, never a zero
        value = _number(shown, line, indicator_id, row[indicator_id])
        if vintage not in vintages.same_territory:
            continue
        if vintage != vintages.base and code in vintages.no_counterpart:
            continue
        if (code, year) in out:
            raise InputError(Problem(shown, line, "nuts_id", f"{excerpt(code)} {year} given twice"))
        out[(code, year)] = value
    return out
