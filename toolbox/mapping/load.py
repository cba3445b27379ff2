"""Reading and checking the CSV files of `toolbox map`: employment by region × industry [× year], a mapping of
industries to clusters, or the shipped UK data (data/uk/dataset.yaml).

Tables are read with polars, every column as text, and checked column-wise; only when a problem is found
is the file read again with the csv module to give each problem its physical line (a quoted field may
span lines). Every problem is `file:line: column: message`, exit code 2 (docs/map.md#bad-input).
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import stat
from pathlib import Path

import polars as pl

from toolbox.errors import InputError, Problem, excerpt
from toolbox.yamlio import display_path

EMPLOYMENT_COLUMNS = ("region", "industry", "employment")
EMPLOYMENT_OPTIONAL = ("establishments", "year", "region_name")
MAPPING_COLUMNS = ("industry", "cluster")
MAPPING_OPTIONAL = ("traded", "cluster_name")
PER_KIND = 5
"""Most problems of one kind reported per file: enough to see the pattern, not a wall of text."""
NO_YEAR = 0
"""The year of a file without a year column (shown as such nowhere: outputs then name no year)."""
TRUE = {"true", "yes", "1", "traded", "t", "y"}
FALSE = {"false", "no", "0", "local", "f", "n"}


class Table:
    """One CSV file read as text columns, with a row number per record for locating problems."""

    def __init__(self, path: Path, frame: pl.DataFrame, shown: str, raw: bytes | None):
        self.path = path
        self.frame = frame.with_row_index("_row")
        self.shown = shown
        self._raw = raw

    def lines(self, rows: list[int]) -> dict[int, int]:
        """The physical line where each record (0 = first after the header) starts."""
        wanted = set(rows)
        found: dict[int, int] = {}
        text = io.TextIOWrapper(io.BytesIO(self._raw) if self._raw is not None else open(self.path, "rb"),
                                encoding="utf-8-sig", newline="")
        with text:
            reader = csv.reader(text)
            start = 1
            for index, _ in enumerate(reader, start=-1):
                if index in wanted:
                    found[index] = start
                    if len(found) == len(wanted):
                        break
                start = reader.line_num + 1
        return found

    def problems(self, rows: list[int], column: str, messages: list[str]) -> list[Problem]:
        lines = self.lines(rows)
        return [Problem(self.shown, lines.get(row), column, message) for row, message in zip(rows, messages)]


def _read_bytes(path: Path, shown: str) -> bytes | None:
    """The file's bytes when it must be decompressed, else None (polars reads it itself); checks it is a file."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        raise InputError(Problem(shown, None, "", "no such file")) from None
    except OSError as exc:
        raise InputError(Problem(shown, None, "", f"cannot read: {exc.strerror or exc}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(Problem(shown, None, "", "is a directory, expected a CSV file"))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Problem(shown, None, "", "is not a regular file (a pipe, socket or device); expected a CSV file"))
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
            if head != b"\x1f\x8b":
                sample = head + handle.read(65534)
                if b"\x00" in sample:
                    line = sample[: sample.index(b"\x00")].count(b"\n") + 1
                    raise InputError(Problem(shown, line, "", "binary content (a NUL byte); expected a CSV text file"))
                return None
        with gzip.open(path, "rb") as handle:
            return handle.read()
    except (OSError, EOFError) as exc:
        raise InputError(Problem(shown, None, "", f"cannot read: {getattr(exc, 'strerror', None) or exc}")) from None


def read_table(path: Path | str, rename: dict[str, str] | None = None) -> Table:
    """`path` as text columns; header names stripped and lower-cased (or renamed by `rename`: file's -> ours)."""
    path = Path(path)
    shown = display_path(path)
    raw = _read_bytes(path, shown)
    try:
        frame = pl.read_csv(io.BytesIO(raw) if raw is not None else path, infer_schema=False,
                            encoding="utf8", raise_if_empty=False)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputError(_unreadable(path, raw, shown, exc)) from None
    if not frame.columns:
        raise InputError(Problem(shown, None, "", "file is empty; expected a header line and data rows"))
    if rename:
        back = {theirs: ours for ours, theirs in rename.items()}
        frame = frame.rename({c: back[c] for c in frame.columns if c in back})
    else:
        seen: set[str] = set()
        names = {}
        for column in frame.columns:
            name = column.strip().lower()
            if name in seen:
                raise InputError(Problem(shown, 1, name, "column named twice in the header"))
            seen.add(name)
            names[column] = name
        frame = frame.rename(names)
    if frame.height == 0:
        raise InputError(Problem(shown, None, "", "no data rows after the header"))
    return Table(path, frame, shown, raw)


def _unreadable(path: Path, raw: bytes | None, shown: str, exc: Exception) -> Problem:
    """Where a file polars could not parse goes wrong: the csv module finds the first malformed record."""
    data = raw
    if data is None:
        with open(path, "rb") as handle:
            data = handle.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return Problem(shown, line, "", f"not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8")
    start = 1
    try:
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
        with text:
            reader = csv.reader(text)
            header = next(reader, [])
            start = 2
            for row in reader:
                if row and len(row) != len(header):
                    return Problem(shown, start, "", f"{len(row)} fields where the header has {len(header)}")
                start = reader.line_num + 1
    except csv.Error as err:
        return Problem(shown, start, "", f"not valid CSV: {err}")
    return Problem(shown, None, "", f"not a CSV file polars can read: {excerpt(str(exc).splitlines()[0] if str(exc) else exc, 120)}")


def require(table: Table, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in table.frame.columns]
    if missing:
        have = ", ".join(c for c in table.frame.columns if c != "_row")
        raise InputError([Problem(table.shown, 1, c, f"missing column; the header has: {excerpt(have, 120)}")
                          for c in missing])


def _first(table: Table, condition: pl.Expr, column: str, message) -> list[Problem]:
    """Problems for the first rows matching `condition`; `message(row_dict)` words each."""
    hits = table.frame.filter(condition).head(PER_KIND)
    if hits.height == 0:
        return []
    rows = hits["_row"].to_list()
    return table.problems(rows, column, [message(r) for r in hits.iter_rows(named=True)])


def numbers(table: Table, column: str, markers: tuple[str, ...], suppressed: str) -> tuple[pl.Expr, list[Problem]]:
    """The column as floats, and the problems of its cells: blank or suppressed, not a number, negative, infinite."""
    text = pl.col(column).str.strip_chars()
    marker = text.is_null() | text.is_in(list(markers))
    value = text.cast(pl.Float64, strict=False)
    problems = []
    if suppressed == "error":
        problems += _first(table, marker, column, lambda r: (
            f"blank or suppressed cell ({excerpt(repr((r[column] or '').strip()))}); give a number, or pass "
            "--suppressed zero to count such cells as 0 (docs/map.md#suppressed-cells)"))
    problems += _first(table, ~marker & value.is_null(), column,
                       lambda r: f"not a number: {excerpt(repr(r[column]))}")
    problems += _first(table, value.is_not_null() & value.is_nan(), column, lambda r: "not a number: NaN")
    problems += _first(table, value.is_not_null() & value.is_infinite(), column,
                       lambda r: f"expected a finite number, not {excerpt(r[column].strip())}")
    problems += _first(table, value < 0, column, lambda r: f"negative value {excerpt(r[column].strip())}; "
                                                            "counts of employees and sites are never negative")
    return pl.when(marker).then(0.0).otherwise(value), problems


TYPES = {"region": pl.String, "industry": pl.String, "region_name": pl.String, "year": pl.Int64,
         "employment": pl.Float64, "establishments": pl.Float64}


def employment_table(path: Path | str, markers: tuple[str, ...], suppressed: str = "error") -> tuple[pl.DataFrame, Table]:
    """A user's employment file as region, region_name, industry, year, employment, establishments, _row.

    A file read with its columns' types at once and found clean is taken as it is (`_typed`); anything
    else is read again as text and checked cell by cell, so that every problem is located.
    """
    typed = _typed(Path(path))
    if typed is not None:
        check_panel(*typed)
        return typed
    return _checked(path, markers, suppressed)


def _typed(path: Path, rename: dict[str, str] | None = None,
           required: tuple[str, ...] = EMPLOYMENT_COLUMNS) -> tuple[pl.DataFrame, Table] | None:
    """The file read with typed columns, when that succeeds and every value passes; else None.

    `rename`: our column name -> the file's (the shipped files); else the header's names, stripped and lower-cased.
    """
    shown = display_path(path)
    raw = _read_bytes(path, shown)
    try:
        header = pl.read_csv(io.BytesIO(raw) if raw is not None else path, n_rows=0, infer_schema=False)
        if rename:
            back = {theirs: ours for ours, theirs in rename.items()}
            names = {c: back[c] for c in header.columns if c in back}
        else:
            names = {c: c.strip().lower() for c in header.columns}
        if len(set(names.values())) != len(names) or not set(required) <= set(names.values()):
            return None
        wanted = {c: TYPES[n] for c, n in names.items() if n in TYPES}
        frame = pl.read_csv(io.BytesIO(raw) if raw is not None else path, columns=list(wanted),
                            schema_overrides=wanted, encoding="utf8")
    except (pl.exceptions.PolarsError, OSError, ValueError):
        return None
    frame = frame.rename({c: names[c] for c in frame.columns})
    if frame.height == 0:
        return None
    padded = [(pl.col(c).str.starts_with(" ") | pl.col(c).str.ends_with(" ")).any() for c in ("region", "industry")]
    if "employment" not in frame.columns:  # a file of business counts only (the shipped IDBR files)
        frame = frame.with_columns(pl.lit(0.0).alias("employment"))
    checks = [pl.col("region").is_null().any(), pl.col("industry").is_null().any(),
              pl.col("region").eq("").any(), pl.col("industry").eq("").any(), *padded]
    for column in ("employment", "establishments"):
        if column in frame.columns:
            value = pl.col(column)
            checks += [value.is_null().any(), (~value.is_finite()).any(), (value < 0).any()]
    if "year" in frame.columns:
        checks += [pl.col("year").is_null().any(), ((pl.col("year") < 1000) | (pl.col("year") > 9999)).any()]
    if any(frame.select([check.alias(f"check{i}") for i, check in enumerate(checks)]).row(0)):
        return None
    missing = {"establishments": pl.Float64, "year": pl.Int64, "region_name": pl.String}
    frame = frame.with_columns([pl.lit(NO_YEAR if c == "year" else None, dtype=t).alias(c)
                                for c, t in missing.items() if c not in frame.columns])
    table = Table(path, frame, shown, raw)
    columns = ["_row", "region", "industry", "employment", "establishments", "year", "region_name"]
    return table.frame.select(columns), table


def _checked(path: Path | str, markers: tuple[str, ...], suppressed: str) -> tuple[pl.DataFrame, Table]:
    table = read_table(path)
    require(table, EMPLOYMENT_COLUMNS)
    problems = _keys(table, ("region", "industry"))
    employment, found = numbers(table, "employment", markers, suppressed)
    problems += found
    columns = [pl.col("_row"), pl.col("region").str.strip_chars(), pl.col("industry").str.strip_chars(),
               employment.alias("employment")]
    if "establishments" in table.frame.columns:
        establishments, found = numbers(table, "establishments", markers, suppressed)
        problems += found
        columns.append(establishments.alias("establishments"))
    else:
        columns.append(pl.lit(None, dtype=pl.Float64).alias("establishments"))
    if "year" in table.frame.columns:
        year, found = _years(table)
        problems += found
        columns.append(year.alias("year"))
    else:
        columns.append(pl.lit(NO_YEAR, dtype=pl.Int64).alias("year"))
    if "region_name" in table.frame.columns:
        columns.append(pl.col("region_name").str.strip_chars())
    else:
        columns.append(pl.lit(None, dtype=pl.String).alias("region_name"))
    if problems:
        raise InputError(problems)
    frame = table.frame.select(columns)
    check_panel(frame, table)
    return frame, table


def _keys(table: Table, columns: tuple[str, ...]) -> list[Problem]:
    problems = []
    for column in columns:
        problems += _first(table, pl.col(column).is_null() | (pl.col(column).str.strip_chars() == ""), column,
                           lambda r: "blank; every row needs one")
    return problems


def _years(table: Table) -> tuple[pl.Expr, list[Problem]]:
    text = pl.col("year").str.strip_chars()
    blank = text.is_null() | (text == "")
    year = text.cast(pl.Int64, strict=False)
    problems = []
    if not table.frame.select(blank.all()).item():
        problems += _first(table, blank, "year", lambda r: (
            "mixed years: this row has no year but others have one; give every row its year"))
    else:
        return pl.lit(NO_YEAR, dtype=pl.Int64), []
    problems += _first(table, ~blank & (year.is_null() | (year < 1000) | (year > 9999)), "year",
                       lambda r: f"expected a four-digit year, not {excerpt(repr(r['year']))}")
    return year, problems


def check_panel(frame: pl.DataFrame, table: Table, value: str = "employment") -> None:
    """No region × industry × year twice, and every year covering the same regions."""
    keys = ["region", "industry", "year"]
    # distinct hashes prove distinct rows (a collision can only lower the count): the exact search below
    # runs only when the hashes say a row may be repeated. Each column hashed with its own seed and the
    # three combined costs half of hashing the row as a struct, and is as sound a filter.
    row_hash = pl.col("region").hash(0) ^ pl.col("industry").hash(1) ^ pl.col("year").hash(2)
    if frame.select(row_hash.n_unique()).item() == frame.height:
        twice = frame.clear()
    else:
        twice = (frame.filter(pl.struct(keys).is_duplicated()).group_by(keys, maintain_order=True)
                 .agg(pl.col("_row").sort()).head(PER_KIND))
    if twice.height:
        rows = [r[1] for r in twice["_row"].to_list()]
        firsts = table.lines([r[0] for r in twice["_row"].to_list()])
        messages = [f"duplicate row for region {excerpt(repr(r['region']))}, industry {excerpt(repr(r['industry']))}"
                    + (f", year {r['year']}" if r["year"] != NO_YEAR else "")
                    + f" (first at line {firsts.get(r['_row'][0])}); give each combination once"
                    for r in twice.iter_rows(named=True)]
        raise InputError(table.problems(rows, "region", messages))
    years = frame["year"].unique().sort().to_list()
    if len(years) > 1:
        coverage = frame.group_by("region").agg(pl.col("year").unique().sort(), pl.col("_row").min())
        gaps = coverage.filter(pl.col("year").list.len() < len(years)).sort("_row").head(PER_KIND)
        if gaps.height:
            messages = [f"mixed years: region {excerpt(repr(r['region']))} has rows for "
                        f"{', '.join(map(str, r['year']))} but none for "
                        f"{', '.join(str(y) for y in years if y not in r['year'])}; every year in the file must "
                        "cover the same regions, or growth and percentiles would compare different sets"
                        for r in gaps.iter_rows(named=True)]
            raise InputError(table.problems(gaps["_row"].to_list(), "year", messages))


def mapping_table(path: Path | str, rename: dict[str, str] | None = None) -> tuple[pl.DataFrame, Table]:
    """industry, cluster, traded (bool or null), cluster_name (or null), category (or null)."""
    table = read_table(path, rename)
    require(table, MAPPING_COLUMNS)
    problems = _keys(table, MAPPING_COLUMNS)
    columns = [pl.col("_row"), pl.col("industry").str.strip_chars(), pl.col("cluster").str.strip_chars()]
    if "traded" in table.frame.columns:
        text = pl.col("traded").str.strip_chars().str.to_lowercase()
        problems += _first(table, ~(text.is_in(list(TRUE | FALSE))), "traded", lambda r: (
            f"expected true or false (traded or local), not {excerpt(repr(r['traded']))}"))
        columns.append(text.is_in(list(TRUE)).alias("traded"))
    else:
        columns.append(pl.lit(None, dtype=pl.Boolean).alias("traded"))
    for optional in ("cluster_name", "category", "name"):
        columns.append(pl.col(optional).str.strip_chars() if optional in table.frame.columns
                       else pl.lit(None, dtype=pl.String).alias(optional))
    if problems:
        raise InputError(problems)
    frame = table.frame.select(columns)
    twice = frame.filter(pl.col("industry").is_duplicated()).group_by("industry", maintain_order=True).agg(
        pl.col("_row").sort(), pl.col("cluster")).head(PER_KIND)
    if twice.height:
        firsts = table.lines([r[0] for r in twice["_row"].to_list()])
        raise InputError(table.problems(
            [r[1] for r in twice["_row"].to_list()], "industry",
            [f"industry {excerpt(repr(r['industry']))} is mapped twice (first at line {firsts.get(r['_row'][0])}, "
             f"to {excerpt(repr(r['cluster'][0]))}); map each industry to one cluster" for r in twice.iter_rows(named=True)]))
    if frame["traded"].null_count() == 0:
        mixed = frame.group_by("cluster").agg(pl.col("traded").n_unique().alias("n"), pl.col("_row").min())
        mixed = mixed.filter(pl.col("n") > 1).sort("_row").head(PER_KIND)
        if mixed.height:
            raise InputError(table.problems(mixed["_row"].to_list(), "traded", [
                f"cluster {excerpt(repr(r['cluster']))} is marked traded for some industries and local for others; "
                "a cluster is one or the other" for r in mixed.iter_rows(named=True)]))
    return frame, table


def unmapped(frame: pl.DataFrame, table: Table, mapping: pl.DataFrame, mapping_shown: str) -> None:
    """Every industry of the employment file must be in the mapping: say which are not, and what they carry."""
    if set(frame["industry"].unique().to_list()) <= set(mapping["industry"].to_list()):
        return
    missing = (frame.join(mapping.select("industry"), on="industry", how="anti")
               .group_by("industry").agg(pl.col("employment").sum(), pl.col("_row").min()).sort("_row"))
    if missing.height == 0:
        return
    total = float(frame["employment"].sum()) or 1.0
    shown = missing.head(PER_KIND)
    problems = table.problems(shown["_row"].to_list(), "industry", [
        f"industry {excerpt(repr(r['industry']))} is not in the mapping {mapping_shown}; it carries "
        f"{100 * r['employment'] / total:.2f} % of the file's employment ({r['employment']:,.0f} of {total:,.0f}); "
        "add it to the mapping with its cluster" for r in shown.iter_rows(named=True)])
    if missing.height > PER_KIND:
        rest = missing.slice(PER_KIND)
        problems.append(Problem(table.shown, None, "industry",
                                f"… and {rest.height} more industries not in the mapping, carrying "
                                f"{100 * float(rest['employment'].sum()) / total:.2f} % of the employment"))
    raise InputError(problems)


def shipped_tables(directory: Path, manifest: dict, markers: tuple[str, ...]) -> pl.DataFrame:
    """The shipped UK data: employment files joined with the business-count files of the same years."""
    base = {k: v for k, v in manifest["columns"].items() if k != "value"}

    def stack(files: list[str], value: str) -> pl.DataFrame:
        parts = []
        for name in files:
            rename = {**base, value: manifest["columns"]["value"]}
            typed = _typed(directory / name, rename, ("region", "industry", "year", value))
            if typed is not None:
                check_panel(*typed)
                parts.append(typed[0].select("_row", "region", "industry", "year", value, "region_name"))
                continue
            table = read_table(directory / name, rename)
            require(table, ("region", "industry", "year", value))
            numbers_expr, problems = numbers(table, value, markers, "error")
            year, found = _years(table)
            if problems or found:
                raise InputError(problems + found)
            frame = table.frame.select(pl.col("_row"), pl.col("region").str.strip_chars(),
                                       pl.col("industry").str.strip_chars(), year.alias("year"),
                                       numbers_expr.alias(value), pl.col("region_name").str.strip_chars())
            check_panel(frame, table)
            parts.append(frame)
        return pl.concat(parts)

    employment = stack(manifest["employment"], "employment")
    if not manifest.get("establishments"):
        return employment.with_columns(pl.lit(None, dtype=pl.Float64).alias("establishments"))
    establishments = stack(manifest.get("establishments", []), "establishments").select(
        "region", "industry", "year", "establishments")
    return employment.join(establishments, on=["region", "industry", "year"], how="left")
