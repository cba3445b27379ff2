"""`toolbox init --from-map` with the analyst's own statistics (--employment, --mapping, --config, --suppressed):
init → plan → report end to end, and every bad file of `toolbox map`'s corpus refused the same way."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from tests.cli.conftest import ENV

CORPUS = Path(__file__).resolve().parents[1] / "mapping" / "bad_csv"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
OGL = "Open Government Licence"

# Four Finnish NUTS 2 regions, three clusters: made-up figures, small enough to check by hand.
EMPLOYMENT = """region,region_name,industry,employment,establishments,year
FI1B,Helsinki-Uusimaa,1610,400,20,2019
FI1B,Helsinki-Uusimaa,1711,300,5,2019
FI1B,Helsinki-Uusimaa,6201,25000,900,2019
FI1B,Helsinki-Uusimaa,4711,40000,1200,2019
FI1C,Etelä-Suomi,1610,2500,80,2019
FI1C,Etelä-Suomi,1711,3000,12,2019
FI1C,Etelä-Suomi,6201,3000,150,2019
FI1C,Etelä-Suomi,4711,15000,700,2019
FI1D,Itä- ja Pohjois-Suomi,1610,5200,160,2019
FI1D,Itä- ja Pohjois-Suomi,1711,4100,10,2019
FI1D,Itä- ja Pohjois-Suomi,6201,2100,120,2019
FI1D,Itä- ja Pohjois-Suomi,4711,16000,800,2019
FI19,Länsi-Suomi,1610,3000,110,2019
FI19,Länsi-Suomi,1711,2000,8,2019
FI19,Länsi-Suomi,6201,4000,200,2019
FI19,Länsi-Suomi,4711,18000,900,2019
"""
MAPPING = """industry,cluster,cluster_name,traded
1610,forest,Forest products,true
1711,forest,Forest products,true
6201,software,Software,true
4711,retail,Retail,false
"""


def _independent_lq_and_focus(region: str, cluster: str) -> tuple[float, float]:
    """LQ = (E(r,c)/E(r)) / (E(c)/E) and focus = E(r,c)/E(r), summed straight from the CSV text above."""
    clusters = {row["industry"]: row["cluster"] for row in csv.DictReader(MAPPING.splitlines())}
    rows = list(csv.DictReader(EMPLOYMENT.splitlines()))
    e_rc = sum(float(r["employment"]) for r in rows if r["region"] == region and clusters[r["industry"]] == cluster)
    e_r = sum(float(r["employment"]) for r in rows if r["region"] == region)
    e_c = sum(float(r["employment"]) for r in rows if clusters[r["industry"]] == cluster)
    e = sum(float(r["employment"]) for r in rows)
    return (e_rc / e_r) / (e_c / e), e_rc / e_r


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """The analyst's files and the profile `init --from-map` writes from them (region given by its name)."""
    from typer.testing import CliRunner

    from cli import app

    folder = tmp_path_factory.mktemp("own-data")
    (folder / "jobs.csv").write_text(EMPLOYMENT, encoding="utf-8")
    (folder / "clusters.csv").write_text(MAPPING, encoding="utf-8")
    profile = folder / "north.yaml"
    result = CliRunner().invoke(app, ["init", str(profile), "--from-map", "Itä- ja Pohjois-Suomi", "forest",
                                      "--employment", str(folder / "jobs.csv"),
                                      "--mapping", str(folder / "clusters.csv")], env=ENV)
    assert result.exit_code == 0, result.output
    return folder, profile


def test_profile_carries_the_figures_of_her_files_and_names_them(own):
    from toolbox.kb.load import load_kb
    from toolbox.profile.load import load_profile

    folder, path = own
    profile = load_profile(path, load_kb([]))
    m = profile.cluster.mapping
    lq, focus = _independent_lq_and_focus("FI1D", "forest")  # (9,300 / 27,400) / (20,500 / 143,600) = 2.3776
    assert (m.region, m.cluster, m.year) == ("FI1D", "forest", 2019)
    assert m.lq == pytest.approx(lq, abs=1e-9) and m.focus == pytest.approx(focus, abs=1e-9)
    assert (m.employment, m.establishments) == (9300, 170)  # 5,200 + 4,100 employees; 160 + 10 sites
    # 9,300 is above the 90th percentile of the four regions' forest employment (8,160), 2.38 >= 2, and the focus
    # 0.339 above the 90th percentile of the four focus values (0.308): three stars; with the LQ against traded
    # employment (2.17, above its 75th percentile 1.84), employment and sites above their 25th percentiles: strong
    assert (m.stars, m.strong, m.verdict) == (3, True, "present") and profile.cluster.potential == "present"
    assert m.licence is None  # her data carry no licence line unless she states one
    assert m.employment_source.endswith("jobs.csv") and m.mapping_source.endswith("clusters.csv")
    # the dataset line names the files; the *_source fields keep their whole paths
    assert m.dataset == "employment from jobs.csv, 2019; clusters from clusters.csv"
    assert str(folder) in m.employment_source and "jobs.csv" in profile.cluster.evidence
    assert profile.region.name == "Itä- ja Pohjois-Suomi" and profile.region.country is None
    # the shipped indicators are UK figures: none is applied, every degree is left to judgement
    assert all(o.observed == "unknown" and not o.measured for o in profile.mechanisms.values())
    text = path.read_text(encoding="utf-8")
    assert OGL not in text and "are not applied to other data" in text and "--employment" in text.splitlines()[0]


def test_the_profile_passes_the_published_schema(run, own):
    jsonschema = pytest.importorskip("jsonschema")

    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(own[1].read_text(encoding="utf-8")))


def test_plan_and_report_show_her_data_without_a_licence_line(run, own, tmp_path):
    _, path = own
    plan = run("plan", path, "--format", "json")
    assert plan.exit_code == 0, plan.output
    mapping = json.loads(plan.stdout)["cluster"]["mapping"]
    assert mapping["licence"] is None and mapping["employment_source"].endswith("jobs.csv")
    summary = run("plan", path)
    assert summary.exit_code == 0 and "Map 2019: LQ 2.38, 3/3 ECO stars, CMP strong" in summary.stdout
    report = run("report", path, "-o", tmp_path / "x.html")
    assert report.exit_code == 0, report.output
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "Evidence from data" in html and "jobs.csv" in html and "(no licence stated)" in html
    assert OGL not in html
    # the shipped UK map is not drawn for her regions; the report says how to draw hers
    assert 'class="map-tiles"' not in html and "toolbox map --cluster forest" in html
    for suffix in ("md", "docx"):
        done = run("report", path, "-o", tmp_path / f"x.{suffix}")
        assert done.exit_code == 0, done.output
    md = (tmp_path / "x.md").read_text(encoding="utf-8")
    assert "| Licence | none stated |" in md and "(no licence stated)" in md and OGL not in md


def test_a_licence_she_adds_is_shown(run, own, tmp_path):
    text = own[1].read_text(encoding="utf-8")
    stated = "Source: Statistics Finland; CC BY 4.0"
    target = tmp_path / "licensed.yaml"
    target.write_text(text.replace(', employment_source: "', f', licence: "{stated}", employment_source: "', 1),
                      encoding="utf-8")
    done = run("plan", target, "--detail")
    assert done.exit_code == 0, done.output
    flat = " ".join(done.stdout.split())
    assert f"Data: {stated}" in flat and "no licence stated" not in flat


def test_a_suppressed_cell_is_an_error_or_zero_as_asked(run, own, tmp_path):
    folder, _ = own
    suppressed = EMPLOYMENT.replace("FI1B,Helsinki-Uusimaa,1711,300", "FI1B,Helsinki-Uusimaa,1711,..")
    (tmp_path / "jobs.csv").write_text(suppressed, encoding="utf-8")
    target = tmp_path / "p.yaml"
    args = ("init", target, "--from-map", "FI1B", "forest", "--employment", tmp_path / "jobs.csv",
            "--mapping", folder / "clusters.csv")
    refused = run(*args)
    assert refused.exit_code == 2 and "jobs.csv:3: employment: blank or suppressed cell ('..')" in refused.stderr
    assert not target.exists()
    done = run(*args, "--suppressed", "zero")
    assert done.exit_code == 0, done.output
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["cluster"]["mapping"]["employment"] == 400  # 400 + 0


@pytest.mark.parametrize(("kind", "name"), [(k, n) for k in ("employment", "mapping") for n in CASES[k]])
def test_every_bad_file_of_the_map_corpus_is_refused_with_maps_message(monkeypatch, run, tmp_path, kind, name):
    monkeypatch.chdir(CORPUS)
    employment, mapping = (name, "good_mapping.csv") if kind == "employment" else ("good.csv", name)
    target = tmp_path / "p.yaml"
    done = run("init", target, "--from-map", "R1", "farming", "--employment", employment, "--mapping", mapping)
    assert done.exit_code == 2, done.output
    assert CASES[kind][name] in done.stderr and "Traceback" not in done.output
    assert not target.exists()


def test_names_from_her_files_stay_text(run, tmp_path):
    from toolbox.kb.load import load_kb
    from toolbox.profile.load import load_profile

    # a region coded NO (YAML 1.1's false), names with YAML syntax, a quote and a comment sign
    name = '"yes: {a: 1} # ""Nord"""'
    (tmp_path / "jobs.csv").write_text(f"region,region_name,industry,employment,year\nNO,{name},A,500,2020\n"
                                       f"NO,{name},B,100,2020\nSE,Sverige,A,100,2020\nSE,Sverige,B,900,2020\n",
                                       encoding="utf-8")
    (tmp_path / "clusters.csv").write_text("industry,cluster,cluster_name\nA,fish,- [fish] & *chips\nB,rest,Rest\n",
                                           encoding="utf-8")
    target = tmp_path / "p.yaml"
    done = run("init", target, "--from-map", "NO", "fish", "--employment", tmp_path / "jobs.csv",
               "--mapping", tmp_path / "clusters.csv")
    assert done.exit_code == 0, done.output
    profile = load_profile(target, load_kb([]))
    assert profile.region.name == 'yes: {a: 1} # "Nord"' and profile.cluster.name == "- [fish] & *chips"
    assert profile.cluster.mapping.region == "NO"


def test_a_file_without_years_is_refused_since_every_figure_names_its_year(run, own, tmp_path):
    folder, _ = own
    lines = [",".join(line.split(",")[:-1]) for line in EMPLOYMENT.splitlines()]  # the year column dropped
    (tmp_path / "jobs.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "p.yaml"
    done = run("init", target, "--from-map", "FI1D", "forest", "--employment", tmp_path / "jobs.csv",
               "--mapping", folder / "clusters.csv")
    assert done.exit_code == 2 and "jobs.csv: year: no year column" in done.stderr, done.output
    assert not target.exists()
    assert run("map", "--employment", tmp_path / "jobs.csv", "--mapping", folder / "clusters.csv").exit_code == 0


def test_a_figure_the_profile_cannot_take_is_refused_naming_her_file(run, own, tmp_path):
    folder, _ = own
    code = "FI1D" + "X" * 41  # 45 characters: a profile's region code takes at most 40 (toolbox/profile/model.py)
    (tmp_path / "jobs.csv").write_text(EMPLOYMENT.replace("FI1D,", code + ","), encoding="utf-8")
    target = tmp_path / "p.yaml"
    done = run("init", target, "--from-map", "Itä- ja Pohjois-Suomi", "forest", "--employment",
               tmp_path / "jobs.csv", "--mapping", folder / "clusters.csv")
    assert done.exit_code == 2 and "jobs.csv: region:" in done.stderr and "40" in done.stderr, done.output
    assert "Traceback" not in done.output and not target.exists()


def test_long_paths_still_make_a_valid_profile(run, own, tmp_path):
    from toolbox.kb.load import load_kb
    from toolbox.profile.load import load_profile

    folder, _ = own
    deep = tmp_path.joinpath(*["a_rather_long_folder_name_for_statistics"] * 4)
    deep.mkdir(parents=True)
    jobs = deep / ("employment_by_nuts2_region_and_four_digit_industry_" * 2 + ".csv")
    jobs.write_text(EMPLOYMENT, encoding="utf-8")
    clusters = deep / ("industry_to_cluster_correspondence_table_" * 3 + ".csv")
    clusters.write_text(MAPPING, encoding="utf-8")
    target = tmp_path / "p.yaml"
    done = run("init", target, "--from-map", "FI1D", "forest", "--employment", jobs, "--mapping", clusters)
    assert done.exit_code == 0, done.output
    m = load_profile(target, load_kb([])).cluster.mapping
    assert len(m.dataset) <= 200 and m.employment_source.endswith(jobs.name) and len(m.mapping_source) > 200


def test_a_missing_file_or_unknown_region_is_refused(run, own, tmp_path):
    folder, _ = own
    target = tmp_path / "p.yaml"
    missing = run("init", target, "--from-map", "FI1D", "forest", "--employment", tmp_path / "nope.csv")
    assert missing.exit_code == 2 and "nope.csv" in missing.stderr and "Traceback" not in missing.output
    unknown = run("init", target, "--from-map", "FI1E", "forest", "--employment", folder / "jobs.csv",
                  "--mapping", folder / "clusters.csv")
    assert unknown.exit_code == 2 and "unknown region 'FI1E'" in unknown.stderr
    assert not target.exists()


def test_the_data_options_need_from_map(run, tmp_path):
    done = run("init", tmp_path / "p.yaml", "--employment", "jobs.csv", "--suppressed", "zero")
    assert done.exit_code == 2 and "--employment, --suppressed apply to --from-map only" in done.stderr
    assert not (tmp_path / "p.yaml").exists()


def test_own_thresholds_on_the_shipped_data_keep_the_licence_and_the_indicators(run, tmp_path):
    from toolbox.kb.load import load_kb, shipped_data_dir
    from toolbox.profile.load import load_profile

    # data/mapping.yaml with the LQ threshold of the specialisation star raised from 2 to 30: Cumbria's ships
    # (LQ 26.72 in 2018, tests/cli/test_from_map.py) then lose that star
    config = (shipped_data_dir() / "mapping.yaml").read_text(encoding="utf-8")
    assert "  specialisation_lq:\n    value: 2.0\n" in config
    (tmp_path / "strict.yaml").write_text(config.replace("  specialisation_lq:\n    value: 2.0\n",
                                                         "  specialisation_lq:\n    value: 30.0\n"), encoding="utf-8")
    target = tmp_path / "cumbria.yaml"
    done = run("init", target, "--from-map", "UKD1", "manufacture_ships", "--config", tmp_path / "strict.yaml")
    assert done.exit_code == 0, done.output
    profile = load_profile(target, load_kb([]))
    m = profile.cluster.mapping
    assert m.stars == 2 and m.config_source.endswith("strict.yaml") and "strict.yaml" in m.dataset
    assert OGL in m.licence and m.employment_source is None
    assert profile.observation("spinoff_formation").measured[0].value == 38  # the UK indicators still apply
