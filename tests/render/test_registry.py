"""The --format registry: every format names a renderer that exists, and every command offers exactly those."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolbox.render.registry import RENDERERS, Options, formats, render, renderer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kind,fmt", [(k, f) for k, table in RENDERERS.items() for f in table])
def test_every_entry_names_a_renderer_taking_a_result_and_options(kind, fmt):
    fn = renderer(kind, fmt)
    assert callable(fn)
    assert len(inspect.signature(fn).parameters) == 2


def test_each_commands_format_choices_are_the_registrys():
    from toolbox.commands.audit import AuditFormat
    from toolbox.commands.compare import CompareFormat
    from toolbox.commands.kb import ExportFormat, ListFormat
    from toolbox.render import PlanFormat
    from toolbox.render.report import ReportFormat

    for enum, kind in ((PlanFormat, "plan"), (PlanFormat, "explanation"), (CompareFormat, "comparison"),
                       (AuditFormat, "audit"), (ListFormat, "kb_listing"), (ExportFormat, "kb"),
                       (ReportFormat, "report")):
        assert [m.value for m in enum] == list(RENDERERS[kind]), kind


def test_the_formats_keep_their_names_and_order():
    # the choices every release so far has offered (docs/profile.md, docs/audit.md, docs/report.md)
    assert list(RENDERERS["plan"]) == ["terminal", "markdown", "json"]
    assert list(RENDERERS["audit"]) == ["table", "json", "csv", "graphml", "gexf", "dot"]
    assert list(RENDERERS["kb"]) == ["json", "csv", "yaml"]
    assert list(RENDERERS["report"]) == ["html", "docx", "pdf", "markdown"]


def test_a_format_enum_is_a_str_enum():
    fmt = formats("plan", "PlanFormat")
    assert fmt("json") is fmt.json and fmt.json == "json"


def test_render_passes_options(kb):
    from toolbox.kb.listing import listing

    result = listing(kb, "agents", "local")
    text = render("kb_listing", "csv", result)
    assert text.splitlines()[0] == "id,name,group,level,instruments"
    assert json.loads(render("kb_listing", "json", result))["level"] == "local"
    assert Options().graph == "both"


def test_importing_the_registry_imports_no_renderer():
    code = ("import sys, toolbox.render.registry, toolbox.render; "
            "print([m for m in sys.modules if m.startswith('toolbox.render.') and m != 'toolbox.render.registry'])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
