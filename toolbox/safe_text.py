"""Text from a profile or a knowledge-base overlay, made safe for the medium it is shown in.

Such text is data: a region name must never clear the screen, fake a line of the tool's own output,
open a link, add a heading or an image, or reverse the tool's figures. One function per medium, called
where the text leaves the tool:

- `visible`: terminal and plain text (error messages too). Control characters (C0, DEL, C1), line and
  paragraph separators and the bidirectional formatting characters are written as escapes (`\\x1b`,
  `\\n`, `\\u202e`), so they are seen instead of obeyed. Rich markup is not this module's job: the
  renderers hand user text to rich as `Text` objects, which rich never parses as markup.
- `markdown`: inline Markdown (table cells, list items, headings). Everything `visible` escapes, and
  line breaks fold into spaces; link, image, code and emphasis syntax is backslash-escaped and `<`, `>`
  become entities, so no link, image, HTML tag or heading can be injected.
- `bdi` and `isolate` (HTML): the text inside a `<bdi>` element, so right-to-left text in a name cannot
  reorder the tool's own words and figures around it.

The tool's own words never contain these characters, so a whole sentence that quotes user text may be
passed through `visible` at once; only where the tool itself breaks lines must each part go separately.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Arabic letter mark, left-to-right and right-to-left marks, embeddings, overrides, isolates and their ends."""
LINE_BREAKS = "\n\r\u2028\u2029"

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "\ud800-\udfff]")
"""What `visible` escapes: every C0 and C1 control and DEL, the Unicode line and paragraph separators,
the bidirectional controls, and lone surrogates (which no output encoding can write)."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text) -> str:
    """`text` for a terminal or a plain-text message: unsafe characters written as visible escapes."""
    text = str(text)
    return text if _UNSAFE.search(text) is None else _UNSAFE.sub(_escape, text)


_BREAKS = re.compile("\r\n|[" + LINE_BREAKS + "]")
_MD_INLINE = re.compile(r"[\\`*\[\]|]")


def markdown(text) -> str:
    """`text` as literal inline Markdown: no link, image, HTML, heading or table cell break can come from it."""
    text = visible(_BREAKS.sub(" ", str(text)))
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(), text)
    # no heading, quote or list can start: line breaks are folded, and the renderers never begin a line
    # with a value
    return text.replace("<", "&lt;").replace(">", "&gt;")


_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")


def json_escape(text: str) -> str:
    """JSON text with DEL, C1 controls, line separators and bidirectional controls written as \\u escapes.

    JSON writers escape only C0 controls; these others could act on a terminal showing the JSON. They can
    only occur inside JSON strings, where the escape stands for the same character: same values, same JSON.
    """
    if text.isascii():  # every character the pattern names is beyond ASCII; CPython knows this without a scan
        return text
    return text if _JSON_RAW.search(text) is None else _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def bdi(text):
    """`text` as HTML, isolated in a `<bdi>` element (markupsafe `Markup`, for autoescaping templates)."""
    from markupsafe import Markup

    return Markup("<bdi>{}</bdi>").format(visible(text))


def isolate(text, names) -> object:
    """A sentence of the tool's as HTML, with each occurrence of one of `names` (user text) in a `<bdi>`.

    The tool's sentences quote region and cluster names; isolating the whole sentence would not stop a
    right-to-left name from reordering the figures that follow it inside the same sentence.
    """
    from markupsafe import Markup, escape

    text = visible(text)
    shown = sorted({visible(n) for n in names if n and str(n).strip()}, key=len, reverse=True)
    if not shown:
        return escape(text)
    pattern = re.compile("|".join(re.escape(n) for n in shown))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(Markup("<bdi>{}</bdi>").format(m.group()))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)
