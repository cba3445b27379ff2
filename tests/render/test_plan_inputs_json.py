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
    assert list(inputs) == ["version", "potential", "level", "currency", "eur_rate", "budget", "instruments"]
    assert inputs["version"] == 1 and inputs["budget"] == 900000 and inputs["level"] == "regional"
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
