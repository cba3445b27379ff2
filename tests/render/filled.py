"""Plans with the portfolio fields filled (marginal values, unserved deficits, the portfolio, redundant pairs),
built from a shipped example by `_replace`, so the renderers' handling of them is tested whatever the engine
fills in today."""

from __future__ import annotations

from pathlib import Path

from toolbox.engine import make_plan
from toolbox.engine.result import Plan, Portfolio, Unserved
from toolbox.kb.load import load_kb
from toolbox.profile.load import load_profile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
UNSERVED = Unserved("venture_capital", "Venture capital", 2, "budget",
                    ("venture_capital_fund_allocation", "incubators_with_venture_capital"))
PORTFOLIO = Portfolio("optimal", 3.25, 3.0, True)


def example(stem: str, kb=None) -> Plan:
    kb = kb or load_kb()
    return make_plan(kb, load_profile(ROOT / "examples" / f"{stem}.yaml", kb))


def filled(plan: Plan) -> Plan:
    """`plan` with a marginal value on each instrument (non-increasing), one deficit left unserved for budget,
    an optimal portfolio 0.25 above greedy and the first two instruments as a redundant pair."""
    strategy = tuple(item._replace(marginal_value=round(1.0 / item.rank, 3)) for item in plan.strategy)
    ids = [i.assessment.instrument for i in strategy]
    return plan._replace(strategy=strategy, unserved=(UNSERVED,), portfolio=PORTFOLIO,
                         redundant_pairs=((ids[0], ids[1]),) if len(ids) > 1 else ())


def emptied(plan: Plan) -> Plan:
    """`plan` as a renderer saw it before the engine filled the portfolio fields: nothing to add."""
    strategy = tuple(item._replace(marginal_value=0.0) for item in plan.strategy)
    return plan._replace(strategy=strategy, unserved=(), portfolio=None, redundant_pairs=())
