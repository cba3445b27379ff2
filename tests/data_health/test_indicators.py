"""data/indicators.yaml: every mechanism exists, every mechanism is measured or left to judgement with a
reason, and every indicator names its dataset, publisher and licence."""

import csv

import yaml

from toolbox.indicators.load import load_indicators
from toolbox.kb.load import load_kb, shipped_data_dir

DATA = shipped_data_dir()


def test_every_mechanism_is_measured_or_left_to_judgement():
    kb = load_kb([])
    data = load_indicators(kb.mechanisms)  # refuses unknown mechanism ids, with the line
    measured = {m for i in data.spec.indicators for m in i.mechanisms}
    assert measured | set(data.spec.judgement) == set(kb.mechanisms)
    assert not measured & set(data.spec.judgement)
    # the examples, and the three it names as the officer's judgement
    assert {"spinoff_formation", "venture_capital", "research_cooperation"} <= measured
    assert {"social_networks", "cafeteria_effects", "social_hierarchy_competition"} <= set(data.spec.judgement)


def test_every_indicator_names_its_source_and_licence():
    data = load_indicators(load_kb([]).mechanisms)
    licences = {"HESA": "CC BY 4.0", "ONS": "Open Government Licence v3.0", "Innovate UK": "Open Government Licence v3.0",
                "Eurostat": "2011/833/EU"}
    for indicator in data.spec.indicators:
        assert (DATA / indicator.file).is_file(), indicator.id
        # the publisher's own description beside the CSV names the same publisher
        meta = yaml.safe_load((DATA / indicator.file).with_suffix(".yaml").read_text())
        assert meta["schema"]["value"]["id"] == indicator.id
        assert meta["source_name"].split()[0] in indicator.publisher
        assert indicator.publisher.split()[0] in indicator.licence
        publisher = next(p for p in licences if indicator.publisher.startswith(p))
        assert licences[publisher] in indicator.licence, indicator.id
        assert len(indicator.rationale) > 80
    size = data.spec.grading.size_measure
    assert "Office for National Statistics, Nomis" in size.licence and "Open Government Licence v3.0" in size.licence


def test_employment_totals_match_the_published_total():
    # uk-bres README: "total BRES employment 2018 is 30,147,640"
    with open(DATA / "uk" / "indicators" / "bres_employment_totals.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sum(int(r["employment"]) for r in rows if r["year"] == "2018") == 30_147_640
    assert {r["year"] for r in rows} == {"2015", "2016", "2017", "2018"}
    assert all(len([r for r in rows if r["year"] == y]) == 39 for y in ("2015", "2018"))


def test_the_shipped_readme_keeps_the_terms():
    text = (DATA / "uk" / "indicators" / "README.md").read_text()
    for phrase in ("CC BY 4.0", "Open Government Licence v3.0", "2011/833/EU", "MIT licence"):
        assert phrase in text
