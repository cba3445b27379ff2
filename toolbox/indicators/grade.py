"""The tool's rule from an indicator's regional figures to an observed degree (pure functions).

For one indicator and one year the comparison set is every region with both a value and a size
measure that year. 0 is `none`; the positive values are split into thirds by rank. A mechanism with
several indicators takes the lower median of their grades. A region without a value is missing: it
gets no grade, never a guessed one. docs/method.md ("Observed mechanisms from indicators") states it.
"""

from __future__ import annotations

from typing import NamedTuple

from toolbox.engine.deficits import lower_median
from toolbox.indicators.load import IndicatorData

RULE = "zero = none, then terciles of the positive values"


class Measurement(NamedTuple):
    """One indicator's figure for one region and the grade the rule gives it."""

    indicator: str
    name: str
    region: str
    year: int
    value: float
    unit: str
    size: float
    """The size measure (employment) of the region that year."""
    normalised: float
    normalised_unit: str
    grade: str
    rank: int
    """Of the positive values, how many are at or below this one (0 for a value of 0)."""
    positive: int
    """How many regions of the comparison set have a positive value."""
    compared: int
    """How many regions the comparison set has."""
    dataset: str
    publisher: str
    licence: str
    size_dataset: str
    size_licence: str

    @property
    def rule(self) -> str:
        where = (f"value 0 of {self.compared} regions" if self.grade == "none"
                 else f"{self.rank} of {self.positive} positive values at or below it, {self.compared} regions")
        return f"{RULE} ({where}, {self.year})"


class MechanismEvidence(NamedTuple):
    """What the indicators say about one mechanism in one region."""

    mechanism: str
    grade: str | None
    """None when no indicator of the mechanism has data for the region."""
    measurements: tuple[Measurement, ...]
    missing: tuple[str, ...]
    """Indicators of the mechanism without a value for the region."""


def tercile_grade(value: float, positives: list[float]) -> tuple[str, int]:
    """(grade, rank): `none` for 0, else the third of the positive values the value falls in.

    The rank counts the positive values at or below `value`, so ties share the higher grade; the
    comparison is in whole numbers (3 × rank against 2 × n), so no rounding decides a boundary.
    """
    if value == 0:
        return "none", 0
    rank = sum(1 for v in positives if v <= value)
    n = len(positives)
    if 3 * rank <= n:
        return "weak", rank
    if 3 * rank <= 2 * n:
        return "medium", rank
    return "strong", rank


def measure_indicator(data: IndicatorData, indicator_id: str, region: str) -> Measurement | None:
    """The indicator's graded figure for `region` in the latest year with data, or None when missing."""
    values = data.series[indicator_id]
    years = sorted({y for (r, y) in values if r == region and (r, y) in data.size}, reverse=True)
    if not years:
        return None
    year = years[0]
    size_spec = data.spec.grading.size_measure
    per = size_spec.per

    def normalised(r: str) -> float:
        return values[(r, year)] / data.size[(r, year)] * per

    compared = sorted(r for (r, y) in values if y == year and (r, year) in data.size)
    positives = [normalised(r) for r in compared if values[(r, year)] > 0]
    mine = normalised(region)
    grade, rank = tercile_grade(mine, positives)
    indicator = data.indicator(indicator_id)
    return Measurement(
        indicator=indicator_id, name=indicator.name, region=region, year=year, value=values[(region, year)],
        unit=indicator.unit, size=data.size[(region, year)], normalised=mine,
        normalised_unit=f"{indicator.unit} {size_spec.unit}", grade=grade, rank=rank, positive=len(positives),
        compared=len(compared), dataset=indicator.dataset, publisher=indicator.publisher, licence=indicator.licence,
        size_dataset=size_spec.dataset, size_licence=size_spec.licence)


def measure_region(data: IndicatorData, region: str) -> tuple[MechanismEvidence, ...]:
    """Every measured mechanism's evidence for `region`, in the indicator file's order of mechanisms."""
    order: list[str] = []
    for indicator in data.spec.indicators:
        order += [m for m in indicator.mechanisms if m not in order]
    out = []
    for mechanism in order:
        found, missing = [], []
        for indicator in data.spec.indicators:
            if mechanism in indicator.mechanisms:
                m = measure_indicator(data, indicator.id, region)
                (found.append(m) if m is not None else missing.append(indicator.id))
        grade = lower_median([m.grade for m in found]) if found else None
        out.append(MechanismEvidence(mechanism, grade, tuple(found), tuple(missing)))
    return tuple(out)
