from __future__ import annotations

import pytest

from tests.render.report.tools import EXAMPLES, hostile_path, plan_for
from toolbox.kb.load import load_kb


@pytest.fixture(scope="session")
def shipped_kb():
    return load_kb()


@pytest.fixture(scope="session")
def example_plans(shipped_kb):
    return {path.stem: plan_for(path, shipped_kb) for path in EXAMPLES}


@pytest.fixture(scope="session")
def hostile_plan(tmp_path_factory, shipped_kb):
    return plan_for(hostile_path(tmp_path_factory.mktemp("hostile")), shipped_kb)
