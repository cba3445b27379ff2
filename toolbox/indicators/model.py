"""The closed schema of `data/indicators.yaml`: which indicator measures which mechanism, and how."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from toolbox.kb.records import Id, Record, Text

NutsCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[A-Z0-9]{1,3}$")]
RelPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.csv$", max_length=200)]
Year = Annotated[int, Field(ge=1900, le=2100)]


class SizeMeasure(Record):
    """What regional totals are divided by before regions are compared."""

    id: Id
    file: RelPath
    unit: Text
    per: Annotated[int, Field(gt=0)]
    dataset: Text
    publisher: Text
    licence: Text
    rationale: Text


class Grading(Record):
    size_measure: SizeMeasure
    rule: Literal["zero_then_terciles"]
    rationale: Text


class Vintages(Record):
    """Which NUTS codes of other vintages name the same territory as the size measure's."""

    base: Year
    same_territory: tuple[Year, ...] = Field(min_length=1)
    no_counterpart: tuple[NutsCode, ...] = ()
    source: Text
    rationale: Text


class Indicator(Record):
    id: Id
    name: Text
    file: RelPath
    unit: Text
    mechanisms: tuple[Id, ...] = Field(min_length=1)
    publisher: Text
    dataset: Text
    licence: Text
    rationale: Text


class IndicatorFile(Record):
    grading: Grading
    vintages: Vintages
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    judgement: dict[Id, Text] = Field(default_factory=dict)
    """Mechanisms no indicator measures, each with why: they stay the officer's judgement."""

    @model_validator(mode="after")
    def _consistent(self) -> IndicatorFile:
        ids = [i.id for i in self.indicators]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"indicator listed twice: {', '.join(twice)}")
        measured = {m for i in self.indicators for m in i.mechanisms}
        both = sorted(measured & set(self.judgement))
        if both:
            raise ValueError(f"mechanism both measured and left to judgement: {', '.join(both)}")
        return self
