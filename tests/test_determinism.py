"""Same inputs, same bytes: whatever PYTHONHASHSEED, and whether the knowledge base comes from the cache.

Three fresh interpreters run the same commands: hash seed 0 with an empty knowledge-base cache (it is
written), seed 4242 reading that cache, and seed 1 with the cache turned off. Every output must be
byte-identical across the three.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

DRIVER = r"""
import json, shutil, sys
from pathlib import Path
from typer.testing import CliRunner
from cli import app

out, commands = Path(sys.argv[1]), json.loads(sys.argv[2])
runner = CliRunner()
for name, args in commands:
    result = runner.invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "100", "TOOLBOX_KB": ""})
    if result.exit_code != 0:
        sys.exit(f"{args}: exit code {result.exit_code}: {result.output}")
    (out / name).write_bytes(result.stdout_bytes)
batch = out.parent / (out.name + "-batch")
result = runner.invoke(app, ["plan", sys.argv[3], "--format", "json", "-o", str(batch)])
if result.exit_code != 0:
    sys.exit(f"batch: {result.output}")
for path in sorted(batch.iterdir()):
    (out / ("batch-" + path.name)).write_bytes(path.read_bytes())
"""


def commands() -> list[tuple[str, list[str]]]:
    out = []
    for example in EXAMPLES:
        for fmt in ("json", "markdown", "terminal"):
            out.append((f"{example.stem}.{fmt}", ["plan", str(example), "--format", fmt]))
        out.append((f"{example.stem}.explain.json", ["explain", str(example), "innovation_vouchers", "-f", "json"]))
        out.append((f"{example.stem}.robust.json", ["plan", str(example), "--robustness", "--draws", "2000",
                                                    "--seed", "7", "--format", "json"]))
        if _has_report():
            out.append((f"{example.stem}.report.html", ["report", str(example), "-o", "-", "--format", "html"]))
        out.append((f"{example.stem}.roadmap.json", ["plan", str(example), "--years", "5", "--format", "json"]))
    corpus = ROOT / "tests" / "mapping" / "bad_csv"
    out.append(("from_map_own.yaml", ["init", "-", "--from-map", "R1", "farming", "--employment",
                                      str(corpus / "good.csv"), "--mapping", str(corpus / "good_mapping.csv")]))
    out.append(("kb.json", ["kb", "export", "--format", "json"]))
    out.append(("schema.json", ["schema"]))
    return out


def _has_report() -> bool:
    from cli import app

    return any(getattr(c, "name", None) == "report" or getattr(c.callback, "__name__", "") == "report"
               for c in app.registered_commands)


def run_with(seed: str, out: Path, cache: Path, *, no_cache: bool = False) -> None:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT), "TOOLBOX_CACHE_DIR": str(cache)}
    env.pop("TOOLBOX_NO_CACHE", None)
    if no_cache:
        env["TOOLBOX_NO_CACHE"] = "1"
    done = subprocess.run([sys.executable, "-c", DRIVER, str(out), json.dumps(commands()), str(ROOT / "examples")],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_outputs_are_byte_identical_across_hash_seeds_and_the_cache(tmp_path):
    cache = tmp_path / "cache"
    run_with("0", tmp_path / "seed0", cache)
    assert list(cache.glob("kb-*.json")), "the first run writes the knowledge-base cache"
    run_with("4242", tmp_path / "seed4242", cache)
    run_with("1", tmp_path / "seed1-nocache", cache, no_cache=True)

    names = sorted(p.name for p in (tmp_path / "seed0").iterdir())
    assert len(names) >= 4 * 4 + 2 + len(EXAMPLES)
    for other in ("seed4242", "seed1-nocache"):
        assert sorted(p.name for p in (tmp_path / other).iterdir()) == names
        for name in names:
            a = (tmp_path / "seed0" / name).read_bytes()
            b = (tmp_path / other / name).read_bytes()
            assert a, name
            assert a == b, f"{name} differs between hash seed 0 and {other}"


def test_ties_are_broken_by_the_documented_rule(kb):
    """Value per cost weight, then value (higher first), then cost (lower first), then id: never input or hash
    order. Contributions: the profile's level, then the lower levels inside the region, then higher levels."""
    from tests.conftest import make_profile
    from toolbox.engine import make_plan
    from toolbox.engine.result import sort_key

    plan = make_plan(kb, make_profile(mechanisms={"venture_capital": {"observed": "none"}}))
    ranking = plan.ranking()
    assert ranking == sorted(ranking, key=lambda a: (-round(a.score, 9), -round(a.value, 9), a.cost, a.instrument))
    keys = [sort_key(a) for a in ranking]
    assert len(set(keys)) == len(keys), "two instruments with the same key: the id must separate them"
    for item in plan.strategy:
        levels = [c.agent.level for c in item.contributions]
        # the profile is regional (tests/conftest.py): regional first, then local, then national, supranational
        assert levels == sorted(levels, key=("regional", "local", "national", "supranational").index)
    values = [round(item.marginal_value, 9) for item in plan.strategy]  # equal to 9 places is a tie
    assert values == sorted(values, reverse=True)
