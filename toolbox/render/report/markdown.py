"""The report as Markdown: the same sections and tables as the HTML; each chart as its text alternative.

Every value written into the template goes through `esc` (Jinja's `finalize`), so text from a profile
cannot break a table or open an HTML tag in a Markdown viewer.
"""

from __future__ import annotations

from functools import lru_cache

from toolbox.render.markdown import esc


def _finalize(value):
    return "" if value is None else esc(value)


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("toolbox.render.report", "templates"), autoescape=False,
                      undefined=StrictUndefined, finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["label"] = lambda text: str(text).replace("_", " ")
    return env


def render_markdown(view) -> str:
    text = environment().get_template("report.md.j2").render(v=view)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip() + "\n"
