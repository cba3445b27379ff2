"""Shared fixtures: the shipped knowledge base (loaded once) and a profile builder."""

from __future__ import annotations

import copy

import pytest

from toolbox.kb.load import load_kb
from toolbox.profile.model import RegionProfile

MECHANISMS = (
    "graduate_recruitment", "labour_mobility", "student_work", "spinoff_formation", "venture_capital",
    "research_cooperation", "horizontal_cooperation", "vertical_cooperation", "local_competition",
    "social_hierarchy_competition", "cafeteria_effects", "social_networks",
)


_CACHE_DIR_BEFORE: list = []


def pytest_configure(config):
    """Knowledge-base cache entries go to a temporary directory, never the user's cache (set before collection)."""
    import os
    import tempfile

    _CACHE_DIR_BEFORE.append(os.environ.get("TOOLBOX_CACHE_DIR"))
    os.environ["TOOLBOX_CACHE_DIR"] = tempfile.mkdtemp(prefix="toolbox-kb-cache-")


def pytest_unconfigure(config):
    import os
    import shutil

    shutil.rmtree(os.environ.get("TOOLBOX_CACHE_DIR", ""), ignore_errors=True)
    before = _CACHE_DIR_BEFORE.pop() if _CACHE_DIR_BEFORE else None
    if before is None:
        os.environ.pop("TOOLBOX_CACHE_DIR", None)
    else:
        os.environ["TOOLBOX_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def kb():
    return load_kb()


BASE_PROFILE = {
    "region": {"name": "Testland", "level": "regional"},
    "cluster": {"name": "Widgets", "potential": "present"},
    "mechanisms": {m: {"observed": "medium"} for m in MECHANISMS},
}


def make_profile(**changes) -> RegionProfile:
    """BASE_PROFILE with top-level sections replaced and `mechanisms` entries updated."""
    data = copy.deepcopy(BASE_PROFILE)
    mechanisms = changes.pop("mechanisms", None)
    if mechanisms:
        for key, value in mechanisms.items():
            data["mechanisms"][key] = {**data["mechanisms"].get(key, {}), **value}
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return RegionProfile.model_validate(data)
