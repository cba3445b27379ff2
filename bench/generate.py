"""Write N varied, valid region profiles into a directory, for `toolbox plan DIR/` benchmarks and tests.

    python bench/generate.py OUTDIR [--count 1000] [--seed 1]

The profiles are reproducible (a seeded generator): every level, observed degrees from none to strong
(some unknown), agent lists taken from the shipped knowledge base, budgets, local costs and instruments
already in place, in about the size of the shipped examples.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("national", "regional", "local")
OBSERVED = ("none", "weak", "weak", "medium", "medium", "strong", "unknown")


def _ids(text: str, key: str = "  - id: ") -> list[str]:
    return [line[len(key):].strip() for line in text.splitlines() if line.startswith(key)]


def knowledge_base_ids(data: Path = ROOT / "data") -> tuple[list[str], list[str], dict[str, list[str]]]:
    """(mechanism ids, instrument ids, agent ids by level), read from the shipped data files."""
    mechanisms = _ids((data / "mechanisms.yaml").read_text(encoding="utf-8"))
    instruments = _ids((data / "instruments.yaml").read_text(encoding="utf-8"))
    agents: dict[str, list[str]] = {}
    current = None
    for line in (data / "agents.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("  - id: "):
            current = line[len("  - id: "):].strip()
        elif line.startswith("    level: ") and current:
            agents.setdefault(line[len("    level: "):].strip(), []).append(current)
    return mechanisms, instruments, agents


def profile(rng: random.Random, number: int, mechanisms, instruments, agents) -> str:
    level = rng.choice(LEVELS)
    lines = [f"# Generated profile {number}", "region:", f"  name: Region {number:04d}", f"  level: {level}",
             f"  country: {rng.choice(['SE', 'DE', 'NO', 'AT', 'FR'])}", "cluster:",
             f"  name: Cluster {number:04d}", f"  potential: {rng.choice(['present', 'present', 'nascent'])}",
             f'  evidence: "{rng.randint(20, 900)} firms"', "mechanisms:"]
    for m in mechanisms:
        if rng.random() < 0.1:
            lines.append(f"  {m}: {{possible: false}}")
        else:
            lines.append(f"  {m}: {{observed: {rng.choice(OBSERVED)}}}")
    reach = LEVELS.index(level)
    pool = [a for lv in ("supranational", *LEVELS[: reach + 1]) for a in agents.get(lv, [])]
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(4, 14)))
    lines.append("agents:")
    for agent in chosen:
        lines.append(f"  - id: {agent}" + ("\n    willing: false" if rng.random() < 0.1 else ""))
    if rng.random() < 0.8:
        lines += ["budget:", f"  amount: {rng.choice([150_000, 400_000, 800_000, 1_500_000, 3_000_000])}",
                  "  currency: EUR"]
    in_place = rng.sample(instruments, k=rng.randint(0, 2))
    lines.append(f"in_place: [{', '.join(in_place)}]")
    costs = rng.sample([i for i in instruments if i not in in_place], k=rng.randint(0, 3))
    if costs:
        lines.append("costs:")
        lines += [f"  {i}: {rng.randint(20, 600) * 1000}" for i in costs]
    return "\n".join(lines) + "\n"


def generate(outdir: Path, count: int = 1000, seed: int = 1) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ids = knowledge_base_ids()
    paths = []
    for number in range(1, count + 1):
        path = outdir / f"region_{number:04d}.yaml"
        path.write_text(profile(rng, number, *ids), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.outdir, args.count, args.seed)
    print(f"wrote {args.count} profiles to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
