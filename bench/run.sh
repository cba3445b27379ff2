#!/usr/bin/env bash
# Start-up and throughput of the command line, measured side by side with hyperfine:
#   floor        python -c "import typer, yaml, rich; from pydantic import BaseModel"
#   pydantic     the floor plus one small pydantic model defined and used (bench/pydantic_floor.py)
#   typer-empty  an empty Typer command with the options of `toolbox plan` (bench/typer_floor.py)
#   help         toolbox --help
#   plan         toolbox plan examples/greater_arntown_widgets.yaml --format json
#   plan-term    toolbox plan examples/greater_arntown_widgets.yaml            (terminal format)
#   plan-budget  toolbox plan examples/lakeside_medtech_tight_budget.yaml --format json
#                (a binding budget: the set is chosen by the integer programme, so HiGHS is imported)
#   plan-robust  toolbox plan examples/greater_arntown_widgets.yaml --format json --robustness
#                (10,000 draws of the editorial inputs with numpy; issue 12: at most 5 x one plain plan)
#   plan-1000    toolbox plan DIR --format json -o OUT   (1,000 profiles from bench/generate.py)
# then prints the ratios against the targets: plan <= 1.8 x floor, plan-budget <= 2.5 x floor,
# plan-robust <= 5 x plan, help <= 1.0 x floor (plan-1000 is
# measured, with no target). Then bench/roadmap.py solves the 5-year roadmap of every example in-process,
# against 1 s each. Last, bench/overlay.py runs every command on a knowledge-base overlay of
# 1,000 instruments and 100 mechanisms and checks each against 10 s and 1 GB (OVERLAY=0 skips it), and
# bench/map.py measures `toolbox map` against its targets (MAP=0 skips it).
#
# Usage: bench/run.sh     (ROUNDS=5 RUNS=4 PYTHON=python3 by default: 20 runs of each command, in 5
#                         interleaved rounds of 4; needs hyperfine on PATH)
# The `toolbox` on PATH is measured when there is one, else this checkout through a small launcher
# identical to the one pip installs. Bytecode is written to a temporary directory, as an installed
# package has it; the knowledge-base cache is warm after the warm-up runs, as after a first use.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
PYTHON=${PYTHON:-python3}
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-4}
command -v hyperfine >/dev/null || { echo "bench/run.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TOOLBOX_CACHE_DIR="$WORK/cache" PYTHONPYCACHEPREFIX="$WORK/pycache" NO_COLOR=1 TOOLBOX_KB=
unset PYTHONDONTWRITEBYTECODE TOOLBOX_NO_CACHE

if command -v toolbox >/dev/null; then
  TOOLBOX=$(command -v toolbox)
else
  TOOLBOX="$WORK/toolbox"
  printf '#!%s\nimport sys\nsys.path.insert(0, %s)\nfrom cli import main\nsys.exit(main())\n' \
    "$(command -v "$PYTHON")" "'$REPO'" > "$TOOLBOX"
  chmod +x "$TOOLBOX"
fi
EXAMPLE=examples/greater_arntown_widgets.yaml
BUDGET_EXAMPLE=examples/lakeside_medtech_tight_budget.yaml
"$TOOLBOX" plan "$BUDGET_EXAMPLE" --format json | "$PYTHON" -c \
  'import json, sys; assert json.load(sys.stdin)["portfolio"]["method"] == "optimal", "the budget example must bind"'

"$PYTHON" bench/generate.py "$WORK/profiles" --count 1000
"$TOOLBOX" plan "$EXAMPLE" --format json > /dev/null  # fills the knowledge-base and bytecode caches
echo "machine: $(nproc) cores, $(uname -sm), $("$PYTHON" --version)" >&2

# Rounds: every command is measured a few times in each round, so that a slow spell of the machine
# falls on all of them alike rather than on whichever command was running then.
for round in $(seq "$ROUNDS"); do
  hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/round-$round.json" --style basic \
    -n floor "$PYTHON -c 'import typer, yaml, rich; from pydantic import BaseModel'" \
    -n pydantic "$PYTHON bench/pydantic_floor.py" \
    -n typer-empty "$PYTHON bench/typer_floor.py plan $EXAMPLE --format json" \
    -n help "$TOOLBOX --help" \
    -n plan "$TOOLBOX plan $EXAMPLE --format json" \
    -n plan-term "$TOOLBOX plan $EXAMPLE" \
    -n plan-budget "$TOOLBOX plan $BUDGET_EXAMPLE --format json" \
    -n plan-robust "$TOOLBOX plan $EXAMPLE --format json --robustness --draws 10000" \
    -n plan-1000 "$TOOLBOX plan $WORK/profiles --format json -o $WORK/out --force" > /dev/null
  echo "round $round of $ROUNDS done" >&2
done

STARTUP=0
"$PYTHON" - "$WORK"/round-*.json <<'PY' || STARTUP=$?
import json, statistics, sys
times = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
median = {name: statistics.median(t) for name, t in times.items()}
print()
print(f"median of {len(times['floor'])} runs each, in {len(sys.argv) - 1} interleaved rounds")
print()
print("| command | median | min | ratio | target |")
print("|---|---|---|---|---|")
rows = [("floor", None, None), ("pydantic", "floor", None), ("typer-empty", "floor", None), ("help", "floor", 1.0),
        ("plan", "floor", 1.8), ("plan-term", "floor", None), ("plan-budget", "floor", 2.5),
        ("plan-robust", "plan", 5.0), ("plan-1000", "plan", None)]
failed = []
for name, base, target in rows:
    ratio = median[name] / median[base] if base else None
    shown = f"{ratio:.2f} x {base}" if ratio else ""
    verdict = "" if target is None else (f"<= {target} x: met" if ratio <= target else f"<= {target} x: NOT met")
    if target is not None and ratio > target:
        failed.append(name)
    print(f"| {name} | {median[name] * 1000:.0f} ms | {min(times[name]) * 1000:.0f} ms | {shown} | {verdict} |")
print()
print("targets not met: " + ", ".join(failed) if failed else "all targets met")
sys.exit(1 if failed else 0)
PY
ROADMAP_RC=0
echo
"$PYTHON" bench/roadmap.py --years 5 || ROADMAP_RC=$?
OVERLAY_RC=0
if [ "${OVERLAY:-1}" != 0 ]; then
  echo
  "$PYTHON" bench/overlay.py --toolbox "$TOOLBOX" || OVERLAY_RC=$?
fi
MAP_RC=0
if [ "${MAP:-1}" != 0 ]; then
  echo
  "$PYTHON" bench/map.py --work "$WORK/map" || MAP_RC=$?
fi
exit $(( STARTUP || ROADMAP_RC || OVERLAY_RC || MAP_RC ))
