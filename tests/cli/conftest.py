from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import app

ENV = {"NO_COLOR": "1", "COLUMNS": "120", "TOOLBOX_KB": ""}


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], env=ENV, **kwargs)

    return invoke
