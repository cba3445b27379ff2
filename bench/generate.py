"""Write N varied, valid region profiles into a directory, for `toolbox plan DIR/` benchmarks and tests,
or a large knowledge-base overlay for `--kb DIR`.

    python bench/generate.py OUTDIR [--count 1000] [--seed 1]
    python bench/generate.py OUTDIR --overlay [--instruments 1000] [--mechanisms 100] [--seed 1]

The profiles are reproducible (a seeded generator): every level, observed degrees from none to strong
(some unknown), agent lists taken from the shipped knowledge base, budgets, local costs and instruments
already in place, in about the size of the shipped examples.

The overlay adds mechanisms, agent types, instruments and their contribution rows to the shipped
knowledge base until it holds the given numbers of mechanisms and instruments, written like the shipped
records (every field, a source with a rationale), with a profile `region.yaml` in the directory above it
that observes every mechanism. Each new instrument acts on two to six mechanisms, and each new mechanism is reached
by a few instruments, so the minimum cover is a real search, not a formality.
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


NEW_AGENT_KINDS = ("regional_foundations", "science_parks", "incubators", "export_networks", "skills_councils",
                   "innovation_vouchers_offices", "living_labs", "sector_councils")
GROUPS = ("businesses", "associations", "government_agents", "universities_research", "other_agents")
DIMENSIONS = ("horizontal", "vertical", "institutional", "external", "power")
GAPS = ("research", "education", "capital", "policy", "firm_to_firm", "cluster_to_cluster", "global_market")
FIELDS = ("cluster_policy", "education_science_policy", "labour_market_policy", "innovation_technology_policy",
          "enterprise_finance_policy", "investment_promotion_policy", "competition_regulation_policy")
TYPES = ("financing", "organisation", "stakeholder_outreach", "infrastructure", "expertise", "coaching", "lobbying",
         "participation", "publicity")
TYPICAL_COST = {"low": 50_000, "medium": 250_000, "high": 1_000_000, "very_high": 4_000_000}
"""An indicative yearly cost for each cost class, as every instrument must carry one."""
SOURCE = '{document: null, assessed: [], rationale: "Generated for a benchmark of a large overlay."}'


def overlay(outdir: Path, instruments: int = 1000, mechanisms: int = 100, seed: int = 1) -> Path:
    """A `--kb` overlay in `outdir` that brings the knowledge base to `instruments` and `mechanisms`, and a
    profile for it beside `outdir`; returns the profile's path."""
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    old_mechanisms, old_instruments, agents = knowledge_base_ids()
    old_kinds = sorted({line.split(":", 1)[1].strip() for line in (ROOT / "data" / "agents.yaml")
                        .read_text(encoding="utf-8").splitlines() if line.startswith("    kind: ")})
    new_mechanisms = [f"mechanism_{k:03d}" for k in range(1, mechanisms - len(old_mechanisms) + 1)]
    all_mechanisms = old_mechanisms + new_mechanisms
    strengths = ("weak", "medium", "strong")
    lines = ["mechanisms:"]
    for m in new_mechanisms:
        s = {lv: rng.choice(strengths) for lv in ("supranational", *LEVELS)}
        lines += [f"  - id: {m}", f"    name: Generated mechanism {m[-3:]}",
                  f"    description: A generated mechanism through which firms of the cluster share knowledge ({m}).",
                  "    strength: {" + ", ".join(f"{k}: {v}" for k, v in s.items()) + "}",
                  f"    dimensions: [{', '.join(rng.sample(DIMENSIONS, rng.randint(1, 3)))}]",
                  "    empirical_support:",
                  f"      rating: {rng.choice(['limited', 'moderate', 'strong'])}",
                  "      rationale: Generated for a benchmark; no study stands behind it.",
                  "      references: []",
                  "    policy_influence:",
                  f"      rating: {rng.choice(['low', 'medium', 'high'])}",
                  f"      mode: {rng.choice(['direct', 'indirect'])}",
                  f"      via: {rng.choice(['cluster_policy', 'other_fields', 'both'])}",
                  "      rationale: Generated for a benchmark.",
                  f"    source: {SOURCE}"]
    (outdir / "mechanisms.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lines = ["agents:"]
    for kind in NEW_AGENT_KINDS:
        group = rng.choice(GROUPS)
        for level in ("supranational", *LEVELS):
            agent = f"{level}_{kind}"
            agents.setdefault(level, []).append(agent)
            lines += [f"  - id: {agent}", f'    name: "{level} {kind.replace("_", " ")}"',
                      f'    description: "Generated agent type: {kind.replace("_", " ")} on the {level} level."',
                      f"    group: {group}", f"    level: {level}", f"    kind: {kind}", f"    source: {SOURCE}"]
    (outdir / "agents.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # Every new mechanism gets three instruments first, so that none is left unreachable.
    new_instruments = [f"instrument_{k:04d}" for k in range(1, instruments - len(old_instruments) + 1)]
    acts_on = {i: {new_mechanisms[n % len(new_mechanisms)]} if new_mechanisms else set()
               for n, i in enumerate(new_instruments)}
    lines = ["instruments:"]
    for i in new_instruments:
        acts_on[i] |= set(rng.sample(all_mechanisms, rng.randint(1, 5)))
        lines += [f"  - id: {i}", f'    name: "Generated instrument {i[-4:]}"',
                  f'    description: "A generated instrument for a benchmark ({i})."',
                  f"    mechanisms: [{', '.join(m for m in all_mechanisms if m in acts_on[i])}]",
                  f"    cost_class: {(cost_class := rng.choice(list(TYPICAL_COST)))}",
                  f"    cost: {{typical: {TYPICAL_COST[cost_class]}, low: {TYPICAL_COST[cost_class] // 2}, "
                  f"high: {TYPICAL_COST[cost_class] * 2}, basis: \"Generated for a benchmark.\"}}",
                  f"    distortion_risk: {rng.choice(['low', 'low', 'medium', 'high'])}",
                  f"    time_to_effect: {rng.choice(['short', 'medium', 'long'])}",
                  f"    delivery: {rng.choice(['project', 'platform_service'])}",
                  f"    policy_field: {rng.choice(FIELDS)}",
                  f"    gaps: [{', '.join(rng.sample(GAPS, rng.randint(0, 2)))}]",
                  f"    source: {SOURCE}"]
    (outdir / "instruments.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    kinds = old_kinds + list(NEW_AGENT_KINDS)
    lines = ["contributions:"]
    for i in new_instruments:
        lines.append(f"  - instrument: {i}")
        lines.append("    rows:")
        # The cluster management, on the regional and local levels, carries every instrument, as validation asks.
        lines.append(f"      - {{kinds: [cluster_management], types: [{rng.choice(TYPES)}]}}")
        for _ in range(rng.randint(1, 4)):
            lines.append(f"      - {{kinds: [{', '.join(rng.sample(kinds, rng.randint(1, 5)))}], "
                         f"types: [{', '.join(rng.sample(TYPES, rng.randint(1, 2)))}]}}")
        lines.append(f"    source: {SOURCE}")
    (outdir / "contributions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    profile_path = outdir.parent / "region.yaml"
    profile_path.write_text(profile(rng, 1, all_mechanisms, old_instruments + new_instruments, agents), encoding="utf-8")
    return profile_path


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
    parser.add_argument("--overlay", action="store_true", help="write a knowledge-base overlay instead")
    parser.add_argument("--instruments", type=int, default=1000)
    parser.add_argument("--mechanisms", type=int, default=100)
    args = parser.parse_args(argv)
    if args.overlay:
        overlay(args.outdir, args.instruments, args.mechanisms, args.seed)
        print(f"wrote an overlay of {args.instruments} instruments and {args.mechanisms} mechanisms to {args.outdir}",
              file=sys.stderr)
        return 0
    generate(args.outdir, args.count, args.seed)
    print(f"wrote {args.count} profiles to {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
