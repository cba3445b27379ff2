"""The one HiGHS set-up (engine/solver.py) that the portfolio, the roadmap and the audit's cover all solve with."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from toolbox.engine.solver import new_highs

ROOT = Path(__file__).resolve().parents[2]


def test_the_solver_is_silent_on_standard_output(capfd):
    """HiGHS prints a banner from C++ while it is constructed; stdout may be the JSON the user asked for."""
    highs = new_highs(5.0)
    highs.addCol(1.0, 0.0, 1.0, 0, [], [])
    highs.run()
    out, _ = capfd.readouterr()
    assert out == ""


def test_the_solver_has_the_tool_s_options():
    highs = new_highs(7.5, mip_abs_gap=0.5)
    # highspy returns (status, value) in newer releases, the value alone in older ones
    options = {name: _value(highs.getOptionValue(name)) for name in
               ("output_flag", "threads", "random_seed", "time_limit", "mip_rel_gap", "mip_abs_gap")}
    assert options == {"output_flag": False, "threads": 1, "random_seed": 0, "time_limit": 7.5,
                       "mip_rel_gap": 0.0, "mip_abs_gap": 0.5}


def _value(answer):
    return answer[1] if isinstance(answer, tuple) else answer


@pytest.mark.parametrize(("maximize", "expected"), [(True, 3.0), (False, 0.0)])
def test_the_sense_holds_for_columns_added_afterwards(maximize, expected):
    """max / min x over 0 ≤ x ≤ 3 (integer): 3 and 0; the sense is set before the model is built."""
    highs = new_highs(5.0, maximize=maximize)
    highs.addCol(1.0, 0.0, 3.0, 0, [], [])
    highs.changeColsIntegrality(1, [0], [1])
    highs.run()
    assert highs.modelStatusToString(highs.getModelStatus()) == "Optimal"
    assert highs.getSolution().col_value[0] == pytest.approx(expected)


def test_no_module_but_the_helper_sets_the_solver_s_threads_or_makes_a_solver():
    """A second set-up could ask for another thread count, which fails once a first solve has run."""
    makers = []
    for path in sorted((ROOT / "toolbox").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr == "Highs" or (node.func.attr == "setOptionValue" and node.args
                                                 and isinstance(node.args[0], ast.Constant)
                                                 and node.args[0].value == "threads"):
                    makers.append(path.relative_to(ROOT).as_posix())
    assert sorted(set(makers)) == ["toolbox/engine/solver.py"]
