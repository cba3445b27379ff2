"""The light coercion of command-line parameters gives what Typer's own coercion gives, values and errors alike."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import pytest
import typer.main
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param
from typer.testing import CliRunner

import cli
from toolbox.commands import coercion

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "greater_arntown_widgets.yaml"


def _params():
    """(command path, parameter) for every parameter of every command of the application."""
    out = []

    def walk(command, path):
        for param in command.params:
            out.append((path, command, param))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(cli.app), "toolbox")
    return out


PARAMS = _params()
LIGHT = [(path, command, param) for path, command, param in PARAMS
         if coercion._light(param.type_descriptor.annotation, param.type_descriptor.parameter_info) is not None]


def _samples(annotation) -> list:
    item = annotation.__args__[0] if getattr(annotation, "__origin__", None) is list else annotation
    if isinstance(item, type) and issubclass(item, Enum):
        values = [m.value for m in item] + [m.value.upper() for m in item] + ["no-such-choice", ""]
    elif item is Path:
        values = [str(EXAMPLE), "missing/file.yaml", "-", "."]
    elif item is bool:
        values = [True, False]
    else:
        values = ["text", "", "é -"]
    if item is not annotation:
        return [tuple(values[:2]), (), tuple(values)]
    return values


def _outcome(runtime, value, param, ctx):
    try:
        return "value", runtime._coerce_value(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return "error", exc.message


def test_the_light_path_covers_the_parameters_of_plan_and_report():
    covered = {(path, param.name) for path, _, param in LIGHT}
    for name in ("profile", "fmt", "output", "force", "kb"):
        assert ("toolbox plan", name) in covered
    assert ("toolbox report", "profile") in covered
    assert len(LIGHT) >= len(PARAMS) - 5  # the rest (Literal levels, --top) keep Typer's coercion


@pytest.mark.parametrize(("path", "command", "param"), LIGHT, ids=[f"{p} {x.name}" for p, _, x in LIGHT])
def test_same_values_and_errors_as_typer(path, command, param):
    desc = param.type_descriptor
    light = coercion._LightParam(parameter_info=desc.parameter_info, annotation=desc.annotation,
                                 convert=coercion._light(desc.annotation, desc.parameter_info))
    ctx = Context(command)
    for value in _samples(desc.annotation):
        assert _outcome(light, value, param, ctx) == _outcome(build_runtime_param(desc), value, param, ctx), value


def test_a_bad_choice_is_worded_by_typer():
    result = CliRunner().invoke(cli.app, ["plan", str(EXAMPLE), "--format", "jsn"], env={"NO_COLOR": "1", "COLUMNS": "120"})
    assert result.exit_code == 2
    assert "Invalid value for '--format' / '-f'" in result.output
    assert "'jsn' is not one of 'terminal', 'markdown', 'json'" in result.output


def test_enable_is_idempotent():
    from typer.core import _TyperParameter

    before = _TyperParameter.get_runtime_param
    coercion.enable()
    assert _TyperParameter.get_runtime_param is before


def test_typer_internals_it_cannot_use_leave_typers_coercion(monkeypatch):
    """A Typer release whose runtime parameters take other arguments: the option still works, via Typer."""

    def incompatible(*args, **kwargs):
        raise TypeError("unexpected keyword argument")

    monkeypatch.setattr(coercion._LightParam, "__init__", incompatible)
    result = CliRunner().invoke(cli.app, ["plan", str(EXAMPLE), "--format", "json"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("{")
