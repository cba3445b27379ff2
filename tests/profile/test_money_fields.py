"""Reading money from a profile: the currency's exchange rate, and numbers written like 800.000."""

from __future__ import annotations

import pytest

from toolbox.errors import InputError
from toolbox.profile.load import load_profile

HEAD = "region: {name: Budapest, level: regional}\ncluster: {name: Software, potential: present}\n"
DEFICIT = "mechanisms:\n  venture_capital: {observed: weak}\n"


def load(tmp_path, kb, text):
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    return load_profile(path, kb)


def test_a_foreign_budget_without_a_rate_is_refused_at_its_currency_line(tmp_path, kb):
    with pytest.raises(InputError) as caught:
        load(tmp_path, kb, DEFICIT + "budget:\n  amount: 300000000\n  currency: HUF\n")
    message = str(caught.value)
    assert "p.yaml:7: budget.currency:" in message and "eur_rate" in message and "'costs'" in message


def test_local_costs_for_every_candidate_make_a_rate_unnecessary(tmp_path, kb):
    costs = "".join(f"  {i}: 1000000\n" for i in ("venture_capital_fund_allocation", "investor_coaching_for_spinoffs",
                                                  "incubators_with_venture_capital"))
    profile = load(tmp_path, kb, DEFICIT + "budget:\n  amount: 300000000\n  currency: HUF\ncosts:\n" + costs)
    assert profile.budget.eur_rate is None


def test_a_foreign_budget_without_deficits_needs_no_rate(tmp_path, kb):
    assert load(tmp_path, kb, "budget:\n  amount: 300000000\n  currency: HUF\n").budget.currency == "HUF"


@pytest.mark.parametrize("written,flagged", [("800.000", True), ("1.500", True), ("800000", False),
                                              ("800.5", False), ("'800000'", None)])
def test_money_written_with_a_thousands_point_is_flagged_not_refused(tmp_path, kb, written, flagged):
    if flagged is None:  # quoted: refused as text, unchanged
        with pytest.raises(InputError):
            load(tmp_path, kb, f"budget:\n  amount: {written}\n")
        return
    profile = load(tmp_path, kb, f"budget:\n  amount: {written}\ncosts:\n  job_fairs: {written}\n")
    cautions = profile._cautions
    assert [(c.code, c.field, c.literal) for c in cautions] == (
        [("dotted_thousands", "budget.amount", written), ("dotted_thousands", "costs.job_fairs", written)]
        if flagged else [])
    if flagged:
        assert cautions[0].line == 4


def test_a_dotted_number_yaml_keeps_as_text_gets_the_number_to_write(tmp_path, kb):
    with pytest.raises(InputError) as caught:
        load(tmp_path, kb, "budget:\n  amount: 1.000.000\n")
    assert "write 1000000, without separators" in str(caught.value)
