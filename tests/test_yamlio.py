"""toolbox.yamlio.load_yaml on bad and surprising files: every refusal is located and nothing runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from toolbox import yamlio
from toolbox.errors import InputError
from toolbox.yamlio import MAX_DEPTH, MAX_NODES, load_yaml

ROOT = Path(__file__).resolve().parent.parent


LOADERS = ["pure"] + (["libyaml"] if hasattr(yamlio, "_CLoader") else [])


@pytest.fixture(autouse=True, params=LOADERS)
def loader(request, tmp_path, monkeypatch):
    """Every test runs with PyYAML's pure parser and, when installed, libyaml's: the tool says the same."""
    monkeypatch.chdir(tmp_path)  # files are then shown by their plain name
    monkeypatch.setattr(yamlio, "_Loader", yamlio._PureLoader if request.param == "pure" else yamlio._CLoader)
    return request.param


def write(name: str, text: str | bytes) -> Path:
    path = Path(name)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path | str, **kwargs) -> list[str]:
    with pytest.raises(InputError) as info:
        load_yaml(path, **kwargs)
    return [str(p) for p in info.value.problems]


# --- syntax and structure ---------------------------------------------------------------------

def test_syntax_error_reports_its_line():
    write("f.yaml", "a: 1\nb: 2\n  c: 3\nd: 4\n")
    assert refused("f.yaml") == ["f.yaml:3: YAML syntax error: mapping values are not allowed in this context "
                                 "(a ': ' inside a value starts a new key; put the value in quotes or on its own line)"]


def test_unclosed_flow_sequence_reports_the_line_where_it_breaks():
    write("f.yaml", "a: [1, 2\nb: 3\n")
    assert refused("f.yaml") == ["f.yaml:2: YAML syntax error: did not find expected ',' or ']' "
                                 "(the '[' opened on line 1 is not closed, or a ',' is missing)"]


def test_duplicate_key_is_refused_with_both_lines():
    write("f.yaml", "a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n")
    assert refused("f.yaml") == ["f.yaml:5: b.c: duplicate key 'c' (first at line 3)"]


def test_duplicate_key_when_not_strict_keeps_the_first_value_and_reports_it():
    write("f.yaml", "a: 1\na: 2\n")
    doc = load_yaml("f.yaml", strict=False)
    assert doc.value == {"a": 1}
    assert [str(p) for p in doc.problems] == ["f.yaml:2: a: duplicate key 'a' (first at line 1)"]


def test_alias_bomb_is_refused_quickly():
    # "Billion laughs": nine levels of nine aliases expand to 9**9 (387 million) strings.
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    write("bomb.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    (message,) = refused("bomb.yaml")
    assert time.perf_counter() - started < 5
    assert message.startswith("bomb.yaml:")
    assert f"YAML aliases expand the document to more than {MAX_NODES:,} keys and values" in message


def test_recursive_alias_is_refused():
    write("f.yaml", "a: &a [*a]\n")
    (message,) = refused("f.yaml")
    assert message == "f.yaml:1: a[0]: alias *a refers to no finished anchor &a"


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels + "\n"


def test_nesting_deeper_than_max_depth_is_refused():
    block = "top:\n" + "".join("  " * i + "- a:\n" for i in range(1, MAX_DEPTH)) + "  " * MAX_DEPTH + "- x\n"
    write("deep.yaml", block)
    (message,) = refused("deep.yaml")
    assert message.startswith("deep.yaml:")
    assert message.endswith(f"nesting deeper than {MAX_DEPTH} levels")
    write("flow.yaml", nested(MAX_DEPTH + 2))
    assert refused("flow.yaml")[0].endswith(f"nesting deeper than {MAX_DEPTH} levels")


def test_nesting_up_to_max_depth_is_accepted():
    write("f.yaml", nested(MAX_DEPTH))
    value = load_yaml("f.yaml").value
    for _ in range(MAX_DEPTH - 1):
        (value,) = value
    assert value == []


def test_very_deep_nesting_under_the_size_limit_is_refused_not_a_crash(tmp_path, loader):
    # 1 MB of brackets, half the size limit: must be refused like any file nested too deep, in the tool's words
    # and at the same place whichever parser reads it (libyaml in PyYAML 6.0.4 has a limit of its own).
    levels = 500_000
    assert 2 * levels < yamlio.MAX_BYTES
    path = tmp_path / "deep.yaml"
    path.write_text(nested(levels))
    script = textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from toolbox import yamlio
        from toolbox.errors import InputError
        from toolbox.yamlio import load_yaml
        if {loader == "pure"}:
            yamlio._Loader = yamlio._PureLoader
        try:
            load_yaml({str(path)!r})
        except InputError as exc:
            print(exc)
        """)
    def small_stack() -> None:  # 2 MiB, as in many worker threads; keeps the crash (and the test) fast
        import resource

        hard = resource.getrlimit(resource.RLIMIT_STACK)[1]
        soft = 2 * 1024 * 1024 if hard == resource.RLIM_INFINITY else min(hard, 2 * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_STACK, (soft, hard))

    try:
        run = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=20,
                             preexec_fn=small_stack if sys.platform.startswith("linux") else None)
    except subprocess.TimeoutExpired:
        pytest.fail("not refused within 20 s")
    assert run.returncode == 0, f"exit status {run.returncode}: {run.stderr[-500:]}"
    assert run.stdout == f"{path.name}:1: [0][0][0][0]…: nesting deeper than {MAX_DEPTH} levels\n"


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 1_001, 5_000])
def test_nesting_is_refused_at_the_same_place_below_and_above_the_parsers_own_limits(levels):
    write("f.yaml", "a:\n  " + nested(levels))
    assert refused("f.yaml") == [f"f.yaml:2: a[0][0][0]…: nesting deeper than {MAX_DEPTH} levels"]


# --- files that are not YAML text ---------------------------------------------------------------

def test_non_utf8_bytes_report_the_line_of_the_bad_byte():
    write("latin1.yaml", "name: Cluster\ncity: M\u00fcnchen\n".encode("latin-1"))
    assert refused("latin1.yaml") == ["latin1.yaml:2: not UTF-8 text (byte 0xfc); save the file as UTF-8"]


def test_nul_byte_is_refused_with_its_line():
    write("bin.yaml", b"a: 1\nb: 2\nc: \x00\n")
    assert refused("bin.yaml") == ["bin.yaml:3: binary content (a NUL byte); expected a YAML text file"]


def test_utf8_bom_is_accepted():
    write("bom.yaml", "\ufeffcity: M\u00fcnchen\n".encode())
    assert load_yaml("bom.yaml").value == {"city": "M\u00fcnchen"}


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n# and another\n"],
                         ids=["empty", "blank", "comments-only"])
def test_empty_file_is_refused(text):
    write("f.yaml", text)
    assert refused("f.yaml") == ["f.yaml: file is empty"]


def test_directory_is_refused():
    Path("d.yaml").mkdir()
    assert refused("d.yaml") == ["d.yaml: is a directory, expected a file"]


def test_missing_path_is_refused():
    assert refused("missing.yaml") == ["missing.yaml: no such file"]


def test_a_path_through_a_file_or_with_a_nul_byte_is_missing(tmp_path):
    (tmp_path / "plain.yaml").write_text("a: 1\n")
    for path in (tmp_path / "plain.yaml" / "below.yaml", tmp_path / "bad\x00name.yaml"):
        with pytest.raises(InputError) as info:
            load_yaml(path)
        assert str(info.value).endswith(": no such file")


def test_a_symbolic_link_loop_cannot_be_read(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(InputError) as info:
        load_yaml(loop)
    assert "loop.yaml: cannot read: Too many levels of symbolic links" in str(info.value)


def test_file_over_max_bytes_is_refused(monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_BYTES", 16)
    write("small.yaml", "a: 1\n")
    assert load_yaml("small.yaml").value == {"a": 1}
    write("limit.yaml", "a: 1\nb: 2\nc: 33\n")
    assert Path("limit.yaml").stat().st_size == 16
    assert load_yaml("limit.yaml").value == {"a": 1, "b": 2, "c": 33}
    big = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n"
    write("big.yaml", big)
    assert refused("big.yaml") == [f"big.yaml: file is {len(big)} bytes; the limit is 16 bytes"]


# --- YAML 1.1 surprises and unsafe constructs ---------------------------------------------------

def test_only_yaml_1_2_core_booleans_are_booleans():
    # YAML 1.2 core schema: true|True|TRUE|false|False|FALSE; everything YAML 1.1 also took stays text
    words = ["true", "True", "TRUE", "false", "False", "FALSE", "yes", "no", "on", "off", "y", "n", "Y", "N", "tRuE", "1"]
    write("f.yaml", "".join(f"k{i}: {w}\n" for i, w in enumerate(words)))
    value = list(load_yaml("f.yaml").value.values())
    assert value == [True, True, True, False, False, False, "yes", "no", "on", "off", "y", "n", "Y", "N", "tRuE", 1]


def test_yaml_1_2_core_floats_with_a_bare_exponent_are_numbers():
    # YAML 1.2 core schema, float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? -- as editors and JSON
    # Schema read them; YAML 1.1 (PyYAML's resolver) wants a point and a signed exponent.
    write("f.yaml", "a: 1.5e6\nb: 1e3\nc: -2E-3\nd: '1.5e6'\ne: 1.5e6x\nf: 1.5e+6\n")
    assert load_yaml("f.yaml").value == {"a": 1.5e6, "b": 1e3, "c": -2e-3, "d": "1.5e6", "e": "1.5e6x", "f": 1.5e6}


def test_quoted_and_non_specific_tagged_values_stay_text():
    write("f.yaml", "a: 'true'\nb: \"12\"\nc: ! 12\nd: ! true\ne: !!str 1.5\n")
    assert load_yaml("f.yaml").value == {"a": "true", "b": "12", "c": "12", "d": "true", "e": "1.5"}


def test_explicit_tags_that_do_not_fit_the_value_are_refused():
    write("f.yaml", "a: !!int lots\nb: !!bool yes\nc: !!float x\nd: !!str [1]\ne: !!int 12\nf: !!bool TRUE\n")
    doc = load_yaml("f.yaml", strict=False)
    assert doc.value == {"a": None, "b": None, "c": None, "d": [1], "e": 12, "f": True}
    assert [str(p) for p in doc.problems] == [
        "f.yaml:1: a: 'lots' is not a valid !!int", "f.yaml:2: b: 'yes' is not a valid !!bool",
        "f.yaml:3: c: 'x' is not a valid !!float",
        "f.yaml:4: d: unsupported YAML tag '!!str': only plain text, numbers, true/false, lists and mappings are read"]


def test_a_number_with_more_digits_than_python_reads_is_a_located_problem():
    write("f.yaml", "a: 1\nb: " + "9" * 5000 + "\n")
    assert refused("f.yaml") == ["f.yaml:2: b: the number '" + "9" * 39 + "…' has too many digits (5,000)"]


@pytest.mark.parametrize("text,expected", [
    ("a: &x [1]\n*x : 2\n", "f.yaml:2: a key must be a plain word, not a list, mapping or alias"),
    ("? [a]\n: 1\n", "f.yaml:1: a key must be a plain word, not a list, mapping or alias"),
    ("!secret k: 1\n", "f.yaml:1: unsupported YAML tag '!secret': only plain text, numbers, true/false, lists "
                        "and mappings are read (on the key 'k')"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2: more than one YAML document (a second '---'); put everything in one document"),
    ("a: 'x\n", "f.yaml:2: YAML syntax error: found unexpected end of stream "
                "(the quoted text opened on line 1 is never closed)"),
    ("a:\n  - b\n  c: d\n", "f.yaml:3: YAML syntax error: did not find expected '-' indicator "
                             "(check this line's indentation against the lines above, and that each key ends with ':')"),
    ("a: b\n- c\n", "f.yaml:2: YAML syntax error: did not find expected key "
                    "(check this line's indentation against the lines above, and that each key ends with ':')"),
    ("a: @b\n", "f.yaml:1: YAML syntax error: found character that cannot start any token "
               "(put a value that starts with this character in quotes)"),
    ("a: *\n", "f.yaml:1: YAML syntax error: did not find expected alphabetic or numeric character"),
    ("a: \x07\n", "f.yaml:1: control character U+0007 is not allowed in YAML text; remove it or write the text "
                  "in quotes with an escape"),
])
def test_the_same_mistake_gets_the_same_message_from_either_parser(text, expected):
    write("f.yaml", text)
    assert refused("f.yaml") == [expected]


def test_aliases_are_shared_values_and_count_every_time_they_are_used():
    write("f.yaml", "a: &a {x: 1, y: [2, 3]}\nb: *a\nc: [*a, *a]\n")
    doc = load_yaml("f.yaml")
    assert doc.value == {"a": {"x": 1, "y": [2, 3]}, "b": {"x": 1, "y": [2, 3]}, "c": [{"x": 1, "y": [2, 3]}] * 2}
    assert doc.line_of(("b",)) == 2 and doc.line_of(("c", 1)) == 3  # where the alias is, not the anchor


def test_norway_yes_on_stay_strings_true_false_are_booleans():
    write("f.yaml", "country: NO\na: on\nb: yes\nc: off\nd: no\ne: Yes\nt: true\nf: false\nT: True\nn: 3\nx: 1.5\n")
    assert load_yaml("f.yaml").value == {
        "country": "NO", "a": "on", "b": "yes", "c": "off", "d": "no", "e": "Yes",
        "t": True, "f": False, "T": True, "n": 3, "x": 1.5,
    }
    value = load_yaml("f.yaml").value
    assert value["t"] is True and value["f"] is False


def test_on_and_no_as_keys_stay_strings():
    write("f.yaml", "on: 1\nno: 2\n")
    assert load_yaml("f.yaml").value == {"on": 1, "no": 2}


def test_dates_stay_strings():
    write("f.yaml", "date: 2024-01-31\nwhen: 2024-01-31 10:30:00\n")
    assert load_yaml("f.yaml").value == {"date": "2024-01-31", "when": "2024-01-31 10:30:00"}


@pytest.mark.parametrize("strict", [True, False])
def test_python_tags_are_refused_and_nothing_runs(strict):
    marker = Path("ran").resolve()
    write("evil.yaml", f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
                       f"y: !!python/name:os.system\n")
    plain = "only plain text, numbers, true/false, lists and mappings are read"
    expected = [f"evil.yaml:1: x: unsupported YAML tag '!!python/object/apply:os.system': {plain}",
                f"evil.yaml:2: y: unsupported YAML tag '!!python/name:os.system': {plain}"]
    if strict:
        assert refused("evil.yaml") == expected
    else:
        doc = load_yaml("evil.yaml", strict=False)
        assert [str(p) for p in doc.problems] == expected
        assert doc.value == {"x": [f"touch {marker}"], "y": None}
    assert not marker.exists()


def test_local_tag_is_refused():
    write("f.yaml", "a: !secret value\n")
    assert refused("f.yaml") == ["f.yaml:1: a: unsupported YAML tag '!secret': only plain text, numbers, true/false, "
                                 "lists and mappings are read"]


def test_merge_keys_are_refused():
    write("f.yaml", "base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n")
    assert refused("f.yaml") == ["f.yaml:3: child: merge keys (<<) are not supported; write the values out"]


# --- locations ----------------------------------------------------------------------------------

def test_line_numbers_of_nested_values_are_recorded():
    write("f.yaml", textwrap.dedent("""\
        # comment
        instruments:
          - id: a
            mechanisms:
              - x
              - y
          - id: b
            source: {document: benner,
                     table: Table 3}
        """))
    doc = load_yaml("f.yaml")
    assert doc.file == "f.yaml"
    assert doc.line_of(("instruments",)) == 2
    assert doc.line_of(("instruments", 0)) == 3
    assert doc.line_of(("instruments", 0, "id")) == 3
    assert doc.line_of(("instruments", 0, "mechanisms", 0)) == 5
    assert doc.line_of(("instruments", 0, "mechanisms", 1)) == 6
    assert doc.line_of(("instruments", 1, "id")) == 7
    assert doc.line_of(("instruments", 1, "source", "table")) == 9
    # a path that is not in the file falls back to its nearest ancestor
    assert doc.line_of(("instruments", 1, "source", "assessed", 0)) == 8
    assert doc.has(("instruments", 1, "source")) and not doc.has(("instruments", 1, "name"))
    assert str(doc.problem(("instruments", 0, "mechanisms", 1), "bad")) == "f.yaml:6: instruments[0].mechanisms[1]: bad"


def test_yaml_1_1_octal_and_base_60_numbers_stay_text(tmp_path):
    # A postal code or a time written plainly must not turn into 10 or 90 (YAML 1.1 rules).
    path = tmp_path / "f.yaml"
    path.write_text("postcode: 012\ntime: 1:30\nplain: 12\nfloat: 1.5\n", encoding="utf-8")
    assert load_yaml(path).value == {"postcode": "012", "time": "1:30", "plain": 12, "float": 1.5}
