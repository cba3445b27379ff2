"""The monitoring plan as a CSV template: one row per indicator of each recommended instrument, with empty
baseline and target columns for the region to fill in (CLUSNET: "continue building capacity for fact-based
cluster policies and evaluation")."""

from __future__ import annotations

import csv
import io

from toolbox.render.interaction_text import MONITORING_COLUMNS
from toolbox.safe_text import visible

_FORMULA_START = ("=", "+", "-", "@")
"""A cell a spreadsheet would run as a formula when the template is opened; such text is quoted with a '."""


def _cell(text: str) -> str:
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def monitoring_csv(plan, options=None) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MONITORING_COLUMNS)
    for row in plan.monitoring:
        writer.writerow([str(row.rank), row.instrument, _cell(row.name), row.level, row.measure, _cell(row.indicator),
                         "", "", "", "", ""])
    return buf.getvalue()
