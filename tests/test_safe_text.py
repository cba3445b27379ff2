"""Text from a profile, escaped for each medium (toolbox/safe_text.py) and quoted in errors (toolbox/errors.py)."""

from __future__ import annotations

import json
import re

import pytest

from toolbox.errors import EXCERPT_LIMIT, Problem, excerpt
from toolbox.safe_text import bdi, isolate, json_escape, markdown, visible

# The characters issue 10 names: C0 and C1 controls, ESC, DEL, line breaks, bidirectional overrides and
# isolates (U+202A-202E, U+2066-2069), the marks U+200E, U+200F and U+061C.
UNSAFE = ([chr(c) for c in range(0x00, 0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
          + ["\u2028", "\u2029", "\u061c", "\u200e", "\u200f"] + [chr(c) for c in range(0x202A, 0x202F)]
          + [chr(c) for c in range(0x2066, 0x206A)])


@pytest.mark.parametrize("char", UNSAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_unsafe_character_is_shown_as_an_escape(char):
    shown = visible(f"a{char}b")
    assert char not in shown and shown.startswith("a\\") and shown.endswith("b")


def test_escapes_are_the_familiar_ones():
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("x\ny\rz\t") == "x\\ny\\rz\\t"
    assert visible("\x9b\x7f\u202e") == "\\x9b\\x7f\\u202e"


def test_ordinary_text_is_unchanged():
    for text in ("Greater Arntown", "Île-de-France", "مدينة", "東京", "R&D [x] <b>", "emoji 👩‍🔬"):
        assert visible(text) == text


def test_markdown_cannot_add_a_link_an_image_a_heading_or_html():
    shown = markdown("x ![t](http://evil/track.png) [x](http://evil)\n# APPROVED\r<script>a</script> <http://e>")
    assert "\n" not in shown and "\r" not in shown
    assert re.search(r"(?<!\\)\[", shown) is None  # every bracket escaped: no link or image syntax left
    assert "<" not in shown and ">" not in shown
    assert "# APPROVED" in shown  # the words stay, in the middle of a line, where they are no heading


def test_markdown_escapes_table_and_code_syntax():
    assert markdown("a|b `c` *d* \\") == "a\\|b \\`c\\` \\*d\\* \\\\"
    assert markdown("\x1b[2J") == "\\\\x1b\\[2J"  # the escape itself is shown, read literally


def test_bdi_isolates_and_escapes():
    assert str(bdi("<b>\u202eA</b>")) == "<bdi>&lt;b&gt;\\u202eA&lt;/b&gt;</bdi>"


def test_isolate_wraps_each_name_inside_the_tools_sentence():
    html = str(isolate("3 recommended for W & Co in مدينة, 1,000 of 2,000 EUR.", ["W & Co", "مدينة"]))
    assert html == "3 recommended for <bdi>W &amp; Co</bdi> in <bdi>مدينة</bdi>, 1,000 of 2,000 EUR."


def test_json_escape_keeps_the_values():
    value = {"name": "a\x9b\x7f\u202e\u2028b"}
    text = json_escape(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value and not any(c in text for c in "\x9b\x7f\u202e\u2028")


def test_excerpt_is_bounded_and_escaped():
    secret = "root:$6$abc:19000:0:99999:7:::\n" * 100
    shown = excerpt(secret)
    assert len(shown) <= EXCERPT_LIMIT + 2 * shown.count("\\n") and shown.endswith("…")
    assert "\n" not in shown and secret.count("root") > shown.count("root")


def test_a_problem_never_writes_control_characters():
    text = str(Problem("dir/\x1b[2Jx.yaml", 3, "region.name", "unknown value 'a\nerror: fake'"))
    assert text == "dir/\\x1b[2Jx.yaml:3: region.name: unknown value 'a\\nerror: fake'"
