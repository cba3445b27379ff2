"""The measures and the verdict on small files whose every figure is computed here by hand."""

from __future__ import annotations

import pytest
import yaml

from toolbox.errors import InputError
from toolbox.mapping import compute
from toolbox.mapping.config import load_config, shipped_config_path
from toolbox.mapping.engine import shipped_directory


@pytest.fixture
def small(tmp_path):
    """3 regions, 2 clusters (a traded, b local), 2 years."""
    employment = tmp_path / "e.csv"
    employment.write_text(
        "region,industry,year,employment,establishments\n"
        "R1,A,2016,100,10\nR1,B,2016,100,10\nR2,A,2016,50,5\nR2,B,2016,250,20\nR3,A,2016,0,0\nR3,B,2016,400,30\n"
        "R1,A,2018,144,12\nR1,B,2018,100,10\nR2,A,2018,50,5\nR2,B,2018,250,20\nR3,A,2018,0,0\nR3,B,2018,400,30\n",
        encoding="utf-8")
    mapping = tmp_path / "m.csv"
    mapping.write_text("industry,cluster,traded,cluster_name\nA,a,true,Alpha\nB,b,false,Beta\n", encoding="utf-8")
    return compute(employment, mapping)


def test_measures_by_hand(small):
    r = small.find("R1", "a", 2016)
    # R1: 100 of its 200 employees in a; all regions: 150 of 900 in a -> LQ (100/200) / (150/900) = 3
    assert r.lq == pytest.approx(3.0) and r.focus == pytest.approx(0.5)
    assert r.size_percentile == 100.0 and small.find("R2", "a", 2016).size_percentile == 50.0
    assert small.find("R3", "a", 2016).size_percentile == 0.0
    # growth 2016 -> 2018: 100 -> 144 over two years = 20 % a year
    assert small.find("R1", "a", 2018).growth == pytest.approx(0.2) and small.find("R1", "a", 2018).growth_since == 2016
    assert small.find("R1", "a", 2016).growth is None
    assert small.find("R3", "a", 2018).growth is None  # from zero: undefined, not infinite


def test_traded_lq_and_the_strong_test_apply_to_traded_clusters_only(small):
    r = small.find("R1", "a", 2016)
    # traded employment: only cluster a -> R1's share 100/100 over 150/150 = 1
    assert r.lq_traded == pytest.approx(1.0)
    assert small.lq_basis == "traded"
    assert small.find("R1", "b", 2016).lq_traded is None and small.find("R1", "b", 2016).strong is None
    assert small.find("R1", "a", 2016).strong is not None


def test_the_verdict_rule(small):
    assert small.find("R1", "a", 2018).potential == "present"  # 3 stars: size, LQ >= 2, focus
    assert small.find("R1", "a", 2018).verdict.code in ("present_stars", "present_strong_and_stars")
    assert small.find("R3", "a", 2018).verdict.code == "absent_small"  # 0 employees
    beta = small.find("R3", "b", 2018)  # LQ (400/400)/(750/944): all of R3 works in b
    assert beta.lq == pytest.approx(944 / 750)
    assert beta.star_size and beta.star_focus and not beta.star_specialisation and beta.potential == "present"


def test_api_lookups(small):
    assert small.lookup_region("r1") == "R1" and small.lookup_cluster("alpha") == "a"
    assert small.cluster_name("a") == "Alpha" and small.region_name("R2") == "R2"
    assert small.find("R1", "a").year == 2018 and small.find("R9", "a") is None
    assert small.provenance() == f"employment from {small.employment_source}, 2016–2018"


def test_every_shipped_file_is_named_and_present():
    manifest = yaml.safe_load((shipped_directory() / "dataset.yaml").read_text(encoding="utf-8"))
    named = set(manifest["employment"]) | set(manifest["establishments"]) | {manifest["mapping"]["file"]}
    on_disk = {p.name for p in shipped_directory().iterdir() if p.suffix in (".gz", ".csv")}
    assert named == on_disk
    assert manifest["licence"] == "Source: Office for National Statistics, Nomis; Open Government Licence v3.0"


def test_every_threshold_names_its_source():
    data = yaml.safe_load(shipped_config_path().read_text(encoding="utf-8"))
    for section in ("eco_stars", "cmp_strong", "verdict"):
        for name, entry in data[section].items():
            assert entry.get("source"), (section, name)
            if entry["source"] == "editorial":
                assert entry.get("rationale"), (section, name)


def test_a_bad_config_is_located(tmp_path):
    text = shipped_config_path().read_text(encoding="utf-8").replace("value: 0.75", "value: 7.5", 1)
    bad = tmp_path / "mapping.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(bad)
    assert "mapping.yaml:" in str(caught.value) and "cmp_strong.lq_quantile.value: expected a share between 0 and 1" in str(caught.value)
