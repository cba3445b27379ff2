"""The plan's JSON records its inputs (`inputs`) and its overlay (`kb_overlay`): the contract only grows."""

from __future__ import annotations

import json

from tests.conftest import make_profile
from toolbox.engine import make_plan
from toolbox.render.json_out import JsonRenderer


def test_inputs_hold_every_instrument_with_what_its_decisions_rest_on(kb):
    profile = make_profile(
        in_place=["job_fairs"], costs={"innovation_vouchers": 60000.0}, budget={"amount": 900000.0},
        designs={"new_business_subsidies": {"distortion_risk": "medium", "reason": "an open call"}},
        agents=[{"id": "regional_cluster_management"}, {"id": "regional_universities", "willing": False}])
    data = json.loads(JsonRenderer().plan(make_plan(kb, profile)))
    keys = list(data)
    assert keys.index("kb_overlay") == keys.index("inputs") + 1 and data["kb_overlay"] is None
    inputs = data["inputs"]
    assert list(inputs) == ["version", "potential", "level", "currency", "eur_rate", "budget", "instruments",
                            "gaps", "programme_gaps"]
    assert inputs["version"] == 2 and inputs["budget"] == 900000 and inputs["level"] == "regional"
    assert inputs["gaps"] == list(kb.gaps) and inputs["programme_gaps"] is None  # no programmes: no gap term
    rows = {i["id"]: i for i in inputs["instruments"]}
    assert list(rows) == list(kb.instruments)  # every instrument, in the knowledge base's order
    assert rows["job_fairs"]["in_place"] is True
    assert rows["innovation_vouchers"]["cost"] == 60000 and rows["innovation_vouchers"]["cost_source"] == "profile"
    assert rows["networking_events"]["cost"] == kb.instruments["networking_events"].cost.typical
    assert rows["new_business_subsidies"]["design"] == {"distortion_risk": "medium", "reason": "an open call"}
    assert rows["new_business_subsidies"]["distortion_risk"] == "high"  # the knowledge base's, before the design
    assert rows["networking_events"]["mechanisms"] == list(kb.instruments["networking_events"].mechanisms)
    # only present, willing agents carry: the unwilling universities never appear
    assert all("regional_universities" not in r["carriers"] for r in rows.values())
    assert rows["networking_events"]["carriers"] == ["regional_cluster_management"]


def test_inputs_record_the_gaps_the_programmes_bridge(kb):
    """What `toolbox diff` needs to weigh the empty gaps again (engine/replan.py `gap_needs`): the knowledge base's
    gaps of each instrument, the gaps of programmes that are no instrument, and per instrument a programme names
    the gaps its programmes bridge (the profile's, else the instrument's)."""
    profile = make_profile(in_place=["job_fairs"], programmes=[
        {"name": "Campus office", "gaps": ["research", "education"]},
        {"name": "Gathering", "instrument": "networking_events", "gaps": ["policy"]},
        {"name": "Second gathering", "instrument": "networking_events", "gaps": ["capital"]},
        {"name": "Fairs", "instrument": "trade_fair_programmes"}])
    inputs = json.loads(JsonRenderer().plan(make_plan(kb, profile)))["inputs"]
    rows = {i["id"]: i for i in inputs["instruments"]}
    assert inputs["programme_gaps"] == ["research", "education"]
    assert rows["networking_events"]["programme_gaps"] == ["capital", "policy"]  # the knowledge base's order
    assert rows["trade_fair_programmes"]["programme_gaps"] == list(kb.instruments["trade_fair_programmes"].gaps)
    assert rows["job_fairs"]["programme_gaps"] is None  # in place by the shorthand: its own gaps
    assert rows["job_fairs"]["gaps"] == list(kb.instruments["job_fairs"].gaps)
    assert rows["networking_events"]["gaps"] == list(kb.instruments["networking_events"].gaps)
