"""Loading user knowledge-base directories on top of the shipped data: the located error messages.

Each test writes a small user directory in tmp_path and runs from tmp_path, so files are shown
relative to it (`user/instruments.yaml`). Line numbers are computed from the text written.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from toolbox.errors import InputError
from toolbox.kb.load import load_kb
from toolbox.kb.records import Source

SOURCE = '{rationale: "Our own addition for this region."}'


def instrument(id_: str) -> str:
    """One valid new instrument record, as an item of the `instruments:` list."""
    return textwrap.dedent(f"""\
          - id: {id_}
            name: Pitch nights
            description: Evenings where founders present their plans to investors.
            mechanisms: [venture_capital]
            cost_class: low
            cost: {{typical: 20000, low: 10000, high: 40000, basis: "Our estimate for two evenings a year."}}
            distortion_risk: low
            time_to_effect: short
            delivery: platform_service
            policy_field: cluster_policy
            gaps: [capital]
            source: {SOURCE}
        """)


def write(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def line(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line containing `needle`."""
    found = [i for i, content in enumerate(text.splitlines(), 1) if needle in content]
    assert len(found) >= nth, f"{needle!r} not in the test's own text"
    return found[nth - 1]


def problems(directories: list[Path]) -> list[str]:
    with pytest.raises(InputError) as info:
        load_kb(directories)
    return [str(p) for p in info.value.problems]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TOOLBOX_KB", raising=False)


# --- the three errors of the brief, each alone and all together ----------------------------

INSTRUMENTS_WITH_TYPO_AND_GAPZ = textwrap.dedent(f"""\
    # a new instrument with a misspelt mechanism and a misspelt field
    instruments:
      - id: pitch_nights
        name: Pitch nights
        description: Evenings where founders present their plans to investors.
        mechanisms:
          - venture_capital
          - spinof_formation
        cost_class: low
        cost: {{typical: 20000, low: 10000, high: 40000, basis: "Our estimate for two evenings a year."}}
        distortion_risk: low
        time_to_effect: short
        delivery: platform_service
        policy_field: cluster_policy
        gapz: [capital]
        source: {SOURCE}
    """)

AGENTS_WITH_DUPLICATE_KEY = textwrap.dedent(f"""\
    agents:
      - id: regional_pitch_club
        name: Regional pitch club
        description: Founders and angel investors who meet monthly.
        name: Pitch club of the region
        group: other_agents
        level: regional
        kind: venture_capital_companies
        source: {SOURCE}
    """)


def typo_message(shown: str) -> str:
    n = line(INSTRUMENTS_WITH_TYPO_AND_GAPZ, "- spinof_formation")
    return (f"{shown}:{n}: instruments[0].mechanisms[1]: "
            "unknown mechanism 'spinof_formation' (did you mean 'spinoff_formation'?)")


def gapz_message(shown: str) -> str:
    n = line(INSTRUMENTS_WITH_TYPO_AND_GAPZ, "gapz:")
    return f"{shown}:{n}: instruments[0].gapz: unknown field 'gapz' (did you mean 'gaps'?)"


def duplicate_key_message(shown: str) -> str:
    first = line(AGENTS_WITH_DUPLICATE_KEY, "name:", 1)
    second = line(AGENTS_WITH_DUPLICATE_KEY, "name:", 2)
    return f"{shown}:{second}: agents[0].name: duplicate key 'name' (first at line {first})"


def test_typo_in_mechanism_id_and_unknown_field_are_located():
    write(Path("user"), {"instruments.yaml": INSTRUMENTS_WITH_TYPO_AND_GAPZ})
    assert problems([Path("user")]) == [typo_message("user/instruments.yaml"),
                                        gapz_message("user/instruments.yaml")]


def test_duplicate_key_is_located_with_the_first_line():
    write(Path("user"), {"agents.yaml": AGENTS_WITH_DUPLICATE_KEY})
    assert problems([Path("user")]) == [duplicate_key_message("user/agents.yaml")]


def test_all_three_errors_in_one_directory_are_reported_together():
    write(Path("user"), {"instruments.yaml": INSTRUMENTS_WITH_TYPO_AND_GAPZ,
                         "agents.yaml": AGENTS_WITH_DUPLICATE_KEY})
    got = problems([Path("user")])
    assert sorted(got) == sorted([typo_message("user/instruments.yaml"), gapz_message("user/instruments.yaml"),
                                  duplicate_key_message("user/agents.yaml")])


# --- references and structure ---------------------------------------------------------------

def test_dangling_contribution_names_an_unknown_instrument():
    text = textwrap.dedent(f"""\
        contributions:
          - instrument: job_fairs
            rows:
              - {{kinds: [cluster_management], types: [organisation]}}
            source: {SOURCE}
          - instrument: job_fair
            rows:
              - {{kinds: [cluster_management], types: [organisation]}}
            source: {SOURCE}
        """)
    write(Path("user"), {"contributions.yaml": text})
    n = line(text, "instrument: job_fair", 2)
    assert problems([Path("user")]) == [
        (f"user/contributions.yaml:{n}: contributions[1].instrument: "
        "unknown instrument 'job_fair' (did you mean 'job_fairs'?)")]


def test_dangling_contribution_without_a_close_match_lists_the_choices():
    text = textwrap.dedent(f"""\
        contributions:
          - instrument: zeppelin_rides
            rows:
              - {{kinds: [cluster_management], types: [organisation]}}
            source: {SOURCE}
        """)
    write(Path("user"), {"contributions.yaml": text})
    (got,) = problems([Path("user")])
    assert got.startswith(f"user/contributions.yaml:{line(text, 'zeppelin')}: contributions[0].instrument: "
                          "unknown instrument 'zeppelin_rides'; expected one of: job_fairs, ")


def test_agent_on_a_level_its_group_does_not_have():
    text = textwrap.dedent(f"""\
        agents:
          - id: national_cluster_management
            name: National cluster management
            description: A cluster initiative run by a national body.
            group: cluster_initiatives
            level: national
            kind: cluster_management
            source: {SOURCE}
        """)
    write(Path("user"), {"agents.yaml": text})
    assert problems([Path("user")]) == [
        (f"user/agents.yaml:{line(text, 'level: national')}: agents[0].level: "
        "group 'cluster_initiatives' has no agents on the national level (only regional, local)")]


PITCH_CLUB = textwrap.dedent(f"""\
    agents:
      - id: regional_pitch_club
        name: Regional pitch club
        description: Founders and angel investors who meet monthly.
        group: other_agents
        level: regional
        kind: venture_capital_companies
        source: {SOURCE}
    """)


def test_duplicate_ids_in_one_file():
    record = PITCH_CLUB.removeprefix("agents:\n")
    text = "agents:\n" + record + record
    write(Path("user"), {"agents.yaml": text})
    first, second = line(text, "- id: regional_pitch_club", 1), line(text, "- id: regional_pitch_club", 2)
    assert problems([Path("user")]) == [
        f"user/agents.yaml:{second}: agents[1].id: duplicate id 'regional_pitch_club' (first at line {first})"]


# --- overrides --------------------------------------------------------------------------------

def test_override_without_source_is_rejected():
    text = "instruments:\n  - id: job_fairs\n    cost_class: high\n"
    write(Path("user"), {"instruments.yaml": text})
    assert problems([Path("user")]) == [
        "user/instruments.yaml:2: instruments[0]: this record overrides 'job_fairs' and must give its own source"]


def test_override_with_source_changes_rating_and_keeps_the_rest(kb):
    shipped = kb.mechanisms["venture_capital"]
    assert shipped.empirical_support.rating != "strong"  # else the test proves nothing
    text = textwrap.dedent("""\
        mechanisms:
          - id: venture_capital
            empirical_support:
              rating: strong
            source: {document: benner, table: Table 2, assessed: [empirical_support], rationale: "Regional evaluation."}
        """)
    write(Path("user"), {"mechanisms.yaml": text})
    merged = load_kb([Path("user")])
    got = merged.mechanisms["venture_capital"]
    assert got.empirical_support.rating == "strong"
    assert got.empirical_support.rationale == shipped.empirical_support.rationale
    assert got.empirical_support.references == shipped.empirical_support.references
    assert got.policy_influence == shipped.policy_influence
    assert got.strength == shipped.strength and got.name == shipped.name
    assert got.source.assessed == ("empirical_support",)  # lists are replaced, not merged
    assert got.source.rationale == "Regional evaluation."
    assert list(merged.mechanisms) == list(kb.mechanisms)  # overridden in place, nothing added


def test_override_replaces_the_rationale_when_given():
    text = textwrap.dedent("""\
        mechanisms:
          - id: venture_capital
            empirical_support: {rating: strong, rationale: "Our evaluation found it well evidenced."}
            source: {document: benner, table: Table 2, assessed: [empirical_support], rationale: "Regional evaluation."}
        """)
    write(Path("user"), {"mechanisms.yaml": text})
    support = load_kb([Path("user")]).mechanisms["venture_capital"].empirical_support
    assert (support.rating, support.rationale) == ("strong", "Our evaluation found it well evidenced.")


def test_override_source_is_the_users_own():
    # The loader's docstring: an override "must give its own `source`, so that a changed rating is never
    # passed off as the paper's or ours". Here the user changes Table 2's strengths and says so in a
    # source of their own; the merged record must not go on citing "benner, Table 2" for them.
    text = textwrap.dedent("""\
        mechanisms:
          - id: cafeteria_effects
            strength: {supranational: weak, national: weak, regional: strong, local: strong}
            source: {rationale: "Our region's canteens are shared by the whole park."}
        """)
    write(Path("user"), {"mechanisms.yaml": text})
    got = load_kb([Path("user")]).mechanisms["cafeteria_effects"]
    assert got.strength.regional == "strong"
    assert got.source == Source(rationale="Our region's canteens are shared by the whole park.")


def test_added_instrument_with_contributions_is_accepted(kb):
    base = kb
    instruments = "instruments:\n" + instrument("pitch_nights")
    contributions = textwrap.dedent(f"""\
        contributions:
          - instrument: pitch_nights
            rows:
              - {{kinds: [cluster_management], types: [organisation]}}
              - {{agents: [regional_pitch_club], types: [financing, expertise]}}
            source: {SOURCE}
        """)
    write(Path("user"), {"instruments.yaml": instruments, "contributions.yaml": contributions,
                         "agents.yaml": PITCH_CLUB})
    kb = load_kb([Path("user")])
    assert "pitch_nights" in kb.instruments and "pitch_nights" not in base.instruments
    assert [i.id for i in kb.instruments_for("venture_capital")][-1] == "pitch_nights"
    got = {(c.agent, c.types) for c in kb.contributions_to("pitch_nights")}
    assert got == {("regional_cluster_management", ("organisation",)),
                   ("local_cluster_management", ("organisation",)),
                   ("regional_pitch_club", ("financing", "expertise"))}
    assert kb.contribution_sources["pitch_nights"] == (Source(rationale="Our own addition for this region."),)
    assert kb.fingerprint != base.fingerprint


def test_added_instrument_without_local_contributor_is_rejected():
    instruments = "instruments:\n" + instrument("pitch_nights")
    contributions = textwrap.dedent(f"""\
        contributions:
          - instrument: pitch_nights
            rows:
              - {{kinds: [cluster_management], levels: [regional], types: [organisation]}}
            source: {SOURCE}
        """)
    write(Path("user"), {"instruments.yaml": instruments, "contributions.yaml": contributions})
    assert problems([Path("user")]) == [
        (f"user/instruments.yaml:{line(instruments, '- id: pitch_nights')}: instruments[0].id: instrument "
        "'pitch_nights' has no contributing agent type on the local level; add a contribution row")]


# --- the directory itself ---------------------------------------------------------------------

def test_unknown_file_name_in_the_directory():
    write(Path("user"), {"instrument.yaml": "instruments: []\n"})
    assert problems([Path("user")]) == [
        "user/instrument.yaml: unknown knowledge-base file 'instrument.yaml' (did you mean 'instruments.yaml'?)"]


def test_file_instead_of_a_directory():
    write(Path("."), {"mechanisms.yaml": "mechanisms: []\n"})
    assert problems([Path("mechanisms.yaml")]) == [
        "mechanisms.yaml: is not a directory; --kb expects a knowledge-base directory"]


def test_missing_directory():
    assert problems([Path("nowhere")]) == ["nowhere: no such knowledge-base directory"]


def test_directory_without_any_knowledge_base_file():
    write(Path("user"), {"notes.txt": "nothing here\n"})
    assert problems([Path("user")]) == [
        ("user: holds none of the knowledge-base files (vocabulary.yaml, mechanisms.yaml, instruments.yaml, "
        "agents.yaml, contributions.yaml)")]


# --- a section file that is not a readable file, or is named almost like one: an error, never skipped ----------

VALID = {"instruments.yaml": "instruments: []\n"}
"""A valid file beside the bad one: the bad one must not be skipped in favour of it."""


@pytest.mark.parametrize("make,expected", [
    (lambda d: (d / "mechanisms.yaml").symlink_to("gone.yaml"), "is a symbolic link to a file that does not exist"),
    (lambda d: (d / "mechanisms.yaml").symlink_to("mechanisms.yaml"),
     "is a symbolic link in a loop: it never reaches a file"),
    (lambda d: ((d / "a.yaml").symlink_to("mechanisms.yaml"), (d / "mechanisms.yaml").symlink_to("a.yaml")),
     "is a symbolic link in a loop: it never reaches a file"),
    (lambda d: (d / "mechanisms.yaml").mkdir(), "is a directory, expected a file"),
    (lambda d: os.mkfifo(d / "mechanisms.yaml"), "is not a regular file (a pipe, socket or device); expected a file"),
], ids=["dangling", "self loop", "two-link loop", "directory", "fifo"])
def test_a_section_file_that_is_not_a_file_is_an_error_naming_it(make, expected):
    user = write(Path("user"), VALID)
    make(user)
    assert f"user/mechanisms.yaml: {expected}" in problems([user])


@pytest.mark.parametrize("name", ["mechanisms.YAML", "Mechanisms.yaml", "mechanisms.yml", "mechanisms.yaml.bak",
                                  "mechanisms.json", "notes.YML"])
def test_a_file_named_almost_like_a_section_file_is_an_error(name):
    user = write(Path("user"), {**VALID, name: "mechanisms: []\n"})
    found = problems([user])
    assert len(found) == 1 and found[0].startswith(f"user/{name}: unknown knowledge-base file '{name}'"), found


def test_hidden_files_and_other_documents_are_not_knowledge_base_files():
    user = write(Path("user"), {**VALID, ".mechanisms.yaml.swp": "x", "README.md": "# notes\n", "notes.txt": "x"})
    assert load_kb([user]).instruments


def test_a_file_never_meant_to_be_read_is_not_echoed_back():
    """A linked /etc/shadow parses as one key per line: one problem, quoting at most a bounded excerpt."""
    from toolbox.errors import EXCERPT_LIMIT as EXCERPT

    lines = [f"user{i}:$6$salt$secret{i:02d}{'x' * 60}:19000:0:99999:7:::" for i in range(30)]
    user = write(Path("user"), {"agents.yaml": "\n".join(lines) + "\n"})
    found = problems([user])
    assert len(found) == 1
    assert "(and 29 more)" in found[0]
    assert all(f"secret{i:02d}" not in found[0] for i in range(1, 30))
    assert f"secret00{'x' * EXCERPT}" not in found[0]
