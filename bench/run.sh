#!/usr/bin/env bash
# Start-up and throughput of the command line, measured side by side with hyperfine:
#   floor        python -c "import typer, yaml, rich; from pydantic import BaseModel"
#   typer-empty  an empty Typer command with the options of `toolbox plan` (bench/typer_floor.py)
#   help         toolbox --help
#   plan         toolbox plan examples/greater_arntown_widgets.yaml --format json
#   plan-term    toolbox plan examples/greater_arntown_widgets.yaml            (terminal format)
#   plan-1000    toolbox plan DIR --format json -o OUT   (1,000 profiles from bench/generate.py)
# then prints the ratios against the targets: plan <= 1.3 x floor, help <= 1.1 x floor,
# plan-1000 <= 5 x plan.
#
# Usage: bench/run.sh            (RUNS=10 PYTHON=python3 by default; needs hyperfine on PATH)
# The `toolbox` on PATH is measured when there is one, else this checkout through a small launcher
# identical to the one pip installs. Bytecode is written to a temporary directory, as an installed
# package has it; the knowledge-base cache is warm after the warm-up runs, as after a first use.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
PYTHON=${PYTHON:-python3}
RUNS=${RUNS:-10}
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

"$PYTHON" bench/generate.py "$WORK/profiles" --count 1000
"$TOOLBOX" plan "$EXAMPLE" --format json > /dev/null  # fills the knowledge-base and bytecode caches
echo "machine: $(nproc) cores, $(uname -sm), $("$PYTHON" --version)" >&2

hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$WORK/results.json" \
  -n floor "$PYTHON -c 'import typer, yaml, rich; from pydantic import BaseModel'" \
  -n typer-empty "$PYTHON bench/typer_floor.py plan $EXAMPLE --format json" \
  -n help "$TOOLBOX --help" \
  -n plan "$TOOLBOX plan $EXAMPLE --format json" \
  -n plan-term "$TOOLBOX plan $EXAMPLE" \
  -n plan-1000 "$TOOLBOX plan $WORK/profiles --format json -o $WORK/out --force"

"$PYTHON" - "$WORK/results.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
mean = {name: r["mean"] for name, r in results.items()}
print()
print("| command | mean | ratio | target |")
print("|---|---|---|---|")
rows = [("floor", None, None), ("typer-empty", "floor", None), ("help", "floor", 1.1), ("plan", "floor", 1.3),
        ("plan-term", "floor", None), ("plan-1000", "plan", 5.0)]
failed = []
for name, base, target in rows:
    ratio = mean[name] / mean[base] if base else None
    shown = f"{ratio:.2f} x {base}" if ratio else ""
    verdict = "" if target is None else (f"<= {target} x: met" if ratio <= target else f"<= {target} x: NOT met")
    if target is not None and ratio > target:
        failed.append(name)
    print(f"| {name} | {mean[name] * 1000:.0f} ms ± {results[name]['stddev'] * 1000:.0f} | {shown} | {verdict} |")
print()
print("targets not met: " + ", ".join(failed) if failed else "all targets met")
PY
