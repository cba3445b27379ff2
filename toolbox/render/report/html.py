"""The report as one self-contained HTML file: inline CSS and SVG, no script, no request to any network.

Jinja2 with autoescaping on: every string from the profile or the knowledge base is escaped wherever
it is written, in the text, in attributes and inside the SVG charts. Control characters in it are
written as visible escapes (`finalize`), and the template puts each such text in a `<bdi>` element
(`bdi`, `isolate`), so a right-to-left name cannot reorder the tool's own words and figures.
"""

from __future__ import annotations

from functools import lru_cache

from toolbox.safe_text import bdi, isolate, visible


def number(value: float) -> str:
    """A coordinate for SVG: at most one decimal, no trailing zeros, never '-0' (byte-stable)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from markupsafe import Markup

    env = Environment(loader=PackageLoader("toolbox.render.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=lambda value: visible(value) if isinstance(value, str) and not isinstance(value, Markup)
                      else value)
    env.filters["bdi"] = bdi
    env.filters["isolate"] = isolate
    env.filters["n"] = number
    env.filters["label"] = lambda text: str(text).replace("_", " ")
    return env


def render_svg(chart) -> str:
    """One chart as an inline <svg> element (used by the HTML template and by the tests)."""
    return environment().get_template("chart.svg.j2").render(chart=chart)


def render_html(view) -> str:
    from markupsafe import Markup

    charts = {key: Markup(render_svg(chart)) for key, chart in view.charts.items()}
    return environment().get_template("report.html.j2").render(v=view, svg=charts)
