"""Speed and memory of `toolbox map` (issue 13's Speed section), measured side by side in fresh processes.

    python bench/map.py [--rounds N] [--work DIR]

1. `toolbox map --format json` over all shipped years and regions against one `toolbox plan` (target <= 2 x),
   both with their caches warm (the knowledge base's; the shipped map's, toolbox/mapping/cache.py), as after
   a first use; the map computed afresh (TOOLBOX_NO_CACHE=1) is shown too, without a target;
2. a generated table of 3,000 regions x 1,000 industries (3 million rows, bench/map_generate.py) mapped by
   `toolbox.mapping.compute` (the measures and verdicts of its 150,000 region x cluster pairs) against
   polars merely reading that CSV (target <= 3 x), peak memory < 1 GB; the whole command is shown beside
   it, with its ratio and no target (it adds the command line's start-up, about 0.8 s with Typer 0.29,
   and the writing): a CSV of every pair (`map --format csv -o FILE`), the default table of the pairs
   with potential (`map -o FILE`), and the JSON of every pair (127 MB of indented JSON);
3. `toolbox map --plan` over every UK region x segment pair with potential: the throughput (pairs/s).

Each measurement is the median of N rounds (default 3); within a round the commands run one after the
other, so that a slow spell of the machine falls on all of them alike. Every run is a fresh interpreter
(start-up and imports included); peak memory is the child's own maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "greater_arntown_widgets.yaml"


ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TOOLBOX_KB": ""}
PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stderr.buffer.write(done.stderr[-2000:])
print(wall, peak, done.returncode)
"""


def run(args: list[str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr[-2000:]}")
    return done.stdout


def measure(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak MB) of `args` in a fresh process, its peak read by a small parent of its own."""
    wall, peak, code = run([sys.executable, "-c", PROBE, *args]).split()
    if int(code):
        sys.exit(f"failed: {' '.join(args)}")
    return float(wall), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    options = parser.parse_args()
    work = options.work or Path(tempfile.mkdtemp(prefix="toolbox-map-bench-"))
    generated = work / "generated"
    if not (generated / "employment.csv").exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "map_generate.py"), str(generated)], check=True)
    employment, mapping = generated / "employment.csv", generated / "mapping.csv"
    py, cli = sys.executable, str(ROOT / "cli.py")
    commands = {
        "plan": [py, cli, "plan", str(EXAMPLE), "--format", "json"],
        "map (shipped, all years)": [py, cli, "map", "--format", "json"],
        "map (shipped, uncached)": ["env", "TOOLBOX_NO_CACHE=1", py, cli, "map", "--format", "json"],
        "polars read (3M rows)": [py, "-c", f"import polars; polars.read_csv({str(employment)!r})"],
        "compute (3M rows)": [py, "-c", f"from toolbox.mapping import compute; compute({str(employment)!r}, {str(mapping)!r})"],
        "map command (3M rows, csv)": [py, cli, "map", "--employment", str(employment), "--mapping", str(mapping),
                                       "--format", "csv", "-o", str(work / "out.csv"), "--force"],
        "map command (3M rows, table)": [py, cli, "map", "--employment", str(employment), "--mapping", str(mapping),
                                         "-o", str(work / "out.txt"), "--force"],
        "map command (3M rows, json)": [py, cli, "map", "--employment", str(employment), "--mapping", str(mapping),
                                        "--format", "json", "-o", str(work / "out.json"), "--force"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = {name: 0.0 for name in commands}
    run(commands["plan"])  # warm the knowledge-base cache and bytecode
    run(commands["map (shipped, all years)"])  # and the shipped map's cache, as after a first use
    load = os.getloadavg()[0]
    for _ in range(options.rounds):
        for name, args in commands.items():
            wall, peak = measure(args)
            times[name].append(wall)
            peaks[name] = max(peaks[name], peak)
    out = run([py, cli, "map", "--plan"])
    throughput = re.search(r"Planned (\d+) pairs in ([\d.]+) s \((\d+) pairs/s\)", out)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the start; median of {options.rounds} rounds")
    print()
    print("| command | median | peak memory |")
    print("|---|---|---|")
    for name in commands:
        print(f"| {name} | {median[name]:.2f} s | {peaks[name]:.0f} MB |")
    shipped = median["map (shipped, all years)"] / median["plan"]
    read = median["polars read (3M rows)"]
    print()
    checks = [("map (shipped) / plan", shipped, 2.0)]
    checks += [("compute (3M rows) / polars read", median["compute (3M rows)"] / read, 3.0)]
    failed = []
    for name, ratio, target in checks:
        ok = ratio <= target
        failed += [] if ok else [name]
        print(f"{name}: {ratio:.2f} x (target <= {target} x: {'met' if ok else 'NOT met'})")
    for name in ("csv", "table", "json"):
        command = f"map command (3M rows, {name})"
        print(f"{command} / polars read: {median[command] / read:.2f} x (no target)")
    for name in ("compute (3M rows)", "map command (3M rows, csv)", "map command (3M rows, table)"):
        memory_ok = peaks[name] < 1024
        failed += [] if memory_ok else [f"memory of {name}"]
        print(f"{name} peak memory: {peaks[name]:.0f} MB (target < 1024 MB: {'met' if memory_ok else 'NOT met'})")
    if throughput:
        print(f"map --plan: {throughput.group(1)} pairs in {throughput.group(2)} s, {throughput.group(3)} pairs/s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
