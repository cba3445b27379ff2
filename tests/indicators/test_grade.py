"""The grading rule (zero = none, then terciles) and the shipped UK figures, checked by hand and by an
independent reading of the CSV files."""

import csv
from pathlib import Path

import pytest

from toolbox.errors import InputError
from toolbox.indicators.grade import measure_indicator, measure_region, tercile_grade
from toolbox.indicators.load import load_indicators
from toolbox.kb.load import load_kb, shipped_data_dir

DATA = shipped_data_dir() / "uk" / "indicators"


@pytest.fixture(scope="module")
def data():
    return load_indicators(load_kb([]).mechanisms)


def test_zero_is_none_and_positive_values_fall_in_thirds():
    positives = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert tercile_grade(0.0, positives) == ("none", 0)
    # ranks 1-2 of 6 are the lowest third, 3-4 the middle, 5-6 the top
    assert [tercile_grade(v, positives)[0] for v in positives] == ["weak", "weak", "medium", "medium",
                                                                   "strong", "strong"]
    # ties share a grade: the rank counts every value at or below
    assert tercile_grade(2.0, [2.0, 2.0, 2.0]) == ("strong", 3)
    # one positive value is the top of its own set
    assert tercile_grade(7.0, [7.0]) == ("strong", 1)


def _csv(name):
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_graduate_startups_of_north_eastern_scotland_by_hand(data):
    # independent of the loader: the 2018 value and the region's BRES total straight from the files
    value = next(float(r["graduate_startups"]) for r in _csv("graduate_startups.nuts2.csv")
                 if r["year"] == "2018" and r["nuts_id"] == "UKM5")
    totals = {(r["nuts_id"], r["year"]): float(r["employment"]) for r in _csv("bres_employment_totals.csv")}
    m = measure_indicator(data, "graduate_startups", "UKM5")
    assert (m.year, m.value) == (2018, value) == (2018, 49.0)
    assert m.normalised == pytest.approx(value / totals[("UKM5", "2018")] * 1000, rel=1e-12)
    # the comparison set: 2018 rows of regions in BRES; UKM7 and UKM8 (NUTS 2016) have no BRES counterpart
    rows = [r for r in _csv("graduate_startups.nuts2.csv") if r["year"] == "2018"
            and (r["nuts_id"], "2018") in totals]
    positives = sorted(float(r["graduate_startups"]) / totals[(r["nuts_id"], "2018")] * 1000
                       for r in rows if float(r["graduate_startups"]) > 0)
    assert m.compared == len(rows) == 37 and m.positive == len(positives)
    rank = sum(1 for v in positives if v <= m.normalised)
    assert m.rank == rank
    assert m.grade == ("weak" if 3 * rank <= len(positives) else "medium" if 3 * rank <= 2 * len(positives)
                       else "strong")


def test_redrawn_scottish_regions_use_only_their_own_boundaries(data):
    # UKM2 (NUTS 2013 Eastern Scotland) has values only up to 2015; from 2016 its territory is UKM7's and
    # another region's, so the latest usable year is 2015, never UKM7's 2018 figure
    m = measure_indicator(data, "graduate_startups", "UKM2")
    assert (m.year, m.value) == (2015, 406.0)
    assert ("UKM7", 2018) not in data.size


def test_a_region_without_data_is_missing_never_guessed(data):
    # Northern Ireland is not in BRES: no size measure, so nothing is graded
    assert measure_indicator(data, "graduate_startups", "UKN0") is None
    evidence = measure_region(data, "UKN0")
    assert all(e.grade is None and not e.measurements and e.missing for e in evidence)


def test_several_indicators_give_the_lower_median(data):
    # Highlands and Islands, 2018: collaborative research cash grades medium, SME contract research weak
    e = {x.mechanism: x for x in measure_region(data, "UKM6")}["research_cooperation"]
    grades = sorted(m.grade for m in e.measurements)
    assert grades == ["medium", "weak"] and e.grade == "weak"


def test_bad_statistics_are_located(tmp_path, data):
    import shutil

    shutil.copytree(shipped_data_dir(), tmp_path / "data", ignore=shutil.ignore_patterns("*.pickle"))
    target = tmp_path / "data" / "uk" / "indicators" / "graduate_startups.nuts2.csv"
    lines = target.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",-4"
    target.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as err:
        load_indicators(load_kb([]).mechanisms, tmp_path / "data")
    assert "graduate_startups.nuts2.csv:4: graduate_startups: expected a number of 0 or more" in str(err.value)


def test_an_unknown_mechanism_in_the_indicator_file_is_located(tmp_path):
    import shutil

    shutil.copytree(shipped_data_dir(), tmp_path / "data")
    target = tmp_path / "data" / "indicators.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("mechanisms: [venture_capital]", "mechanisms: [venture_capitol]"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_indicators(load_kb([]).mechanisms, tmp_path / "data")
    line = text[:text.index("mechanisms: [venture_capital]")].count("\n") + 1
    assert f"indicators.yaml:{line}: indicators[1].mechanisms[0]: unknown mechanism 'venture_capitol'" in str(err.value)
    assert "did you mean 'venture_capital'" in str(err.value)
