"""The Word report as clients open it: converted to PDF by LibreOffice (headless), then read page by page.

Needs Debian's `libreoffice-writer-nogui` and `poppler-utils` (.ci/run installs them and sets
TOOLBOX_REQUIRE_BROWSER=1, so that there a missing program fails instead of skipping).
"""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.render.report.tools import EXAMPLES, program, section_starts
from toolbox.render.json_out import plan_dict
from toolbox.render.report import ReportFormat, render
from toolbox.render.report.gaps_view import sections_for
from toolbox.render.report.view import SECTIONS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def converted(example_plans, tmp_path_factory):
    """Every example's DOCX converted in one LibreOffice run (a start takes seconds): stem -> PDF path."""
    soffice = program("soffice", "libreoffice")
    program("pdftotext")
    work = tmp_path_factory.mktemp("docx")
    for stem, plan in example_plans.items():
        (work / f"{stem}.docx").write_bytes(render(plan, ReportFormat.docx))
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(work), *sorted(str(p) for p in work.glob("*.docx"))],
                   check=True, timeout=600, capture_output=True, env={**os.environ, "HOME": str(work)})
    return {stem: work / f"{stem}.pdf" for stem in example_plans}


def pages_of(pdf) -> list[list[str]]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in out.split("\f")
            if page.strip()]


@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLES])
def test_the_converted_word_report(example_plans, converted, stem):
    data = plan_dict(example_plans[stem])
    pages = pages_of(converted[stem])
    total = len(pages)
    # page numbers in the footer: a PAGE field that LibreOffice fills in
    assert [page[-1] for page in pages] == [f"Page {n} of {total}" for n in range(1, total + 1)]
    for n, lines in enumerate(pages, start=1):
        assert len(lines) > 3, f"page {n} holds almost nothing: {lines}"  # no orphaned row alone on a page
    expected = sections_for(SECTIONS, data["gaps"] is not None, data["organisation"] is not None)
    starts = section_starts(pages, "{number}. {title}", expected)
    assert sorted(starts) == list(range(1, len(expected) + 1))
    if data["strategy"]:
        assert starts[2] <= 3, "the executive brief takes more than two pages"
        # who contributes what is a full-width row: ids are not broken mid-word in a narrow column
        text = "\n".join(line for page in pages for line in page)
        assert text.count("Who contributes what:") == len(data["strategy"])
