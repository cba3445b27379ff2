"""Strategy reports for consultants: one view of a Plan, written as HTML, Word, PDF or Markdown.

Everything here reads a `Plan` and decides nothing: `view.py` arranges the plan's content into
sections, `charts.py` lays out its charts (coordinates are layout, not analysis), and each format
module writes the same view. Heavy libraries (Jinja2, python-docx, Pillow) are imported only here.
"""

from __future__ import annotations

from pathlib import Path

from toolbox.errors import UsageError
from toolbox.render.registry import formats

ReportFormat = formats("report", "ReportFormat")


EXTENSIONS = {
    ".html": ReportFormat.html, ".htm": ReportFormat.html, ".docx": ReportFormat.docx, ".pdf": ReportFormat.pdf,
    ".md": ReportFormat.markdown, ".markdown": ReportFormat.markdown,
}


def format_for(path: Path, fmt: ReportFormat | None) -> ReportFormat:
    """The format asked for with --format, else the one the file name's extension names."""
    if fmt is not None:
        return fmt
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise UsageError(f"{path.name}: cannot tell the report format from the extension "
                         f"{path.suffix or '(none)'!r}; use one of {known} or --format html|docx|pdf|markdown")
    return found


def render(plan, fmt: ReportFormat, step=lambda text: None) -> bytes:
    """The report of `plan` in `fmt`, as the bytes of the file. `step` is told what is being done."""
    from toolbox.render.report.view import build_view

    step("Arranging the report")
    view = build_view(plan)
    if fmt is ReportFormat.markdown:
        from toolbox.render.report.markdown import render_markdown

        return render_markdown(view).encode("utf-8")
    if fmt is ReportFormat.docx:
        from toolbox.render.report.docx import render_docx

        return render_docx(view, step)
    from toolbox.render.report.html import render_html

    step("Writing the HTML")
    html = render_html(view)
    if fmt is ReportFormat.html:
        return html.encode("utf-8")
    from toolbox.render.report.pdf import html_to_pdf

    step("Printing to PDF with Chromium")
    return html_to_pdf(html)


def html_report(plan, options) -> bytes:
    return render(plan, ReportFormat.html, options.step)


def docx_report(plan, options) -> bytes:
    return render(plan, ReportFormat.docx, options.step)


def pdf_report(plan, options) -> bytes:
    return render(plan, ReportFormat.pdf, options.step)


def markdown_report(plan, options) -> bytes:
    return render(plan, ReportFormat.markdown, options.step)
