"""The thresholds of `toolbox map` (data/mapping.yaml): the ECO stars, the CMP strong test and the tool's verdict.

Each threshold is `{value, source[, rationale]}` in the file; the engine reads only the values, the
documentation and `--format json` show the sources.
"""

from __future__ import annotations

import math
from pathlib import Path

from toolbox.errors import InputError

SHIPPED = "mapping.yaml"

NUMBERS = {
    "eco_stars": ("size_top_share", "specialisation_lq", "focus_top_share"),
    "cmp_strong": ("lq_quantile", "lq_minimum", "employment_quantile", "establishments_quantile"),
    "verdict": ("present_stars", "nascent_lq", "nascent_growth", "nascent_growth_lq", "minimum_employment"),
}
FLAGS = {"verdict": ("present_if_strong",)}
SHARES = {"size_top_share", "focus_top_share", "lq_quantile", "employment_quantile", "establishments_quantile"}


def shipped_config_path() -> Path:
    from toolbox.paths import shipped_data_dir

    return shipped_data_dir() / SHIPPED


def load_config(path: Path | str | None = None) -> dict:
    """The thresholds as {section: {name: value}}, plus 'suppressed_markers' and 'sources' (the file's text)."""
    from toolbox.yamlio import load_yaml

    if path is None:  # the shipped file, checked by the tests: read with the C loader, no line bookkeeping
        import yaml

        from toolbox.yamlio import Document

        shipped = shipped_config_path()
        with open(shipped, encoding="utf-8") as handle:
            doc = Document("data/mapping.yaml", yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    else:
        doc = load_yaml(Path(path))
    data = doc.value if isinstance(doc.value, dict) else {}
    problems = []
    values: dict = {section: {} for section in NUMBERS.keys() | FLAGS.keys()}
    for section in NUMBERS.keys() | FLAGS.keys():
        block = data.get(section)
        if not isinstance(block, dict):
            problems.append(doc.problem((section,), "missing section; copy it from the shipped data/mapping.yaml"))
            continue
        for name in NUMBERS.get(section, ()) + FLAGS.get(section, ()):
            entry = block.get(name)
            value = entry.get("value") if isinstance(entry, dict) else None
            where = (section, name, "value") if isinstance(entry, dict) and "value" in entry else (section, name)
            flag = name in FLAGS.get(section, ())
            if flag:
                if not isinstance(value, bool):
                    problems.append(doc.problem(where, "expected true or false"))
                    continue
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                problems.append(doc.problem(where, "expected a number of at least 0"))
                continue
            elif name in SHARES and value > 1:
                problems.append(doc.problem(where, f"expected a share between 0 and 1, not {value}"))
                continue
            values[section][name] = value
    markers = data.get("suppressed_markers", {})
    markers = markers.get("value") if isinstance(markers, dict) else None
    if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
        problems.append(doc.problem(("suppressed_markers",), "expected a list of texts under 'value'"))
        markers = []
    if problems:
        raise InputError(problems)
    values["suppressed_markers"] = tuple(markers)
    values["sources"] = {section: {name: {k: v for k, v in entry.items() if k != "value"}
                                   for name, entry in data[section].items() if isinstance(entry, dict)}
                         for section in NUMBERS}
    values["file"] = doc.file
    return values
