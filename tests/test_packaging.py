"""Packaging: the lowest-versions constraints file that .ci/run tests with matches pyproject.toml's ranges."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][0-9A-Za-z.]*)")


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()  # PEP 503 normalisation


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    bounds = {}
    for requirement in requirements:
        match = LOWER_BOUND.match(requirement)
        assert match, f"{requirement!r}: every dependency needs a lower bound (>=), so its lowest version is tested"
        bounds[_name(match[1])] = match[2]
    return bounds


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "lowest-constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_name(name)] = version.strip()
    return pins


def _release(version: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in re.findall(r"\d+", version))
    while parts and parts[-1] == 0:  # 6.0 == 6.0.0
        parts = parts[:-1]
    return parts


def test_every_lower_bound_is_pinned_in_the_lowest_constraints():
    bounds, pins = _lower_bounds(), _pins()
    assert sorted(pins) == sorted(bounds), "the constraints file names exactly the direct dependencies"
    for name, bound in bounds.items():
        assert _release(pins[name]) == _release(bound), f"{name}: pyproject allows >={bound}, CI tests {pins[name]}"


def test_ci_runs_the_suite_at_both_ends():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c .ci/lowest-constraints.txt" in script
    assert script.count("suite /tmp/") == 2
