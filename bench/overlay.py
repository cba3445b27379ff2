"""Every command on a knowledge-base overlay of 1,000 instruments and 100 mechanisms: wall time and peak memory.

    python bench/overlay.py [--instruments 1000] [--mechanisms 100] [--seed 1] [--toolbox CMD]

Writes the overlay with bench/generate.py into a temporary directory, then runs each command once with
the knowledge-base cache turned off (the slowest case: every run reads and validates the overlay) and
once more with a warm cache, and prints for each its wall time and peak resident memory (`wait4`'s
ru_maxrss of that one child). Exit 1 when a command fails or misses the target: 10 s and 1 GB.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import overlay  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 10.0
MEGABYTES = 1024


def commands(work: Path, profile: Path, kb: Path) -> list[tuple[str, list[str]]]:
    out = work / "out"
    k = ["--kb", str(kb)]
    p = str(profile)
    return [
        ("kb validate", ["kb", "validate", *k]),
        ("kb list mechanisms", ["kb", "list", "mechanisms", *k]),
        ("kb list instruments", ["kb", "list", "instruments", *k]),
        ("kb list agents", ["kb", "list", "agents", *k]),
        ("kb show", ["kb", "show", "instrument_0500", *k]),
        ("kb export json", ["kb", "export", "--format", "json", *k]),
        ("kb export yaml", ["kb", "export", "--format", "yaml", *k]),
        ("kb export csv", ["kb", "export", "--format", "csv", "-o", str(out / "kb-csv"), "--force", *k]),
        ("plan terminal", ["plan", p, *k]),
        ("plan markdown", ["plan", p, "--format", "markdown", *k]),
        ("plan json", ["plan", p, "--format", "json", *k]),
        ("explain", ["explain", p, "instrument_0500", *k]),
        ("compare", ["compare", p, p, *k]),
        ("report html", ["report", p, "-o", str(out / "r.html"), "--force", *k]),
        ("report md", ["report", p, "-o", str(out / "r.md"), "--force", *k]),
        ("report docx", ["report", p, "-o", str(out / "r.docx"), "--force", *k]),
        ("audit table", ["audit", "multicausality", *k]),
        ("audit profile", ["audit", "multicausality", "--profile", p, *k]),
        ("audit level", ["audit", "multicausality", "--level", "regional", *k]),
        ("audit json", ["audit", "multicausality", "--format", "json", *k]),
        ("audit csv", ["audit", "multicausality", "--format", "csv", "-o", str(out / "audit-csv"), "--force", *k]),
        ("audit graphml", ["audit", "multicausality", "--format", "graphml", *k]),
        ("audit gexf", ["audit", "multicausality", "--format", "gexf", *k]),
        ("audit dot", ["audit", "multicausality", "--format", "dot", *k]),
    ]


def run(toolbox: list[str], args: list[str], env: dict[str, str]) -> tuple[int, float, float]:
    """(exit code, wall seconds, peak resident MB) of one run."""
    start = time.perf_counter()
    child = subprocess.Popen([*toolbox, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode:
        print(f"  exit {child.returncode}: {err.strip()[-400:]}", file=sys.stderr)
    return child.returncode, wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instruments", type=int, default=1000)
    parser.add_argument("--mechanisms", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--toolbox", default=f"{shlex.quote(sys.executable)} cli.py",
                        help="the command line to measure (default: this checkout's cli.py)")
    args = parser.parse_args(argv)
    toolbox = shlex.split(args.toolbox)
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = overlay(work / "kb", args.instruments, args.mechanisms, args.seed)
        for d in ("out/kb-csv", "out/audit-csv"):
            (work / d).mkdir(parents=True)
        base = {**os.environ, "NO_COLOR": "1", "TOOLBOX_KB": "", "TOOLBOX_CACHE_DIR": str(work / "cache")}
        print(f"overlay: {args.instruments} instruments, {args.mechanisms} mechanisms; "
              f"targets: {SECONDS:g} s and {MEGABYTES:,} MB per command")
        print()
        print("| command | cold: wall | cold: peak RSS | warm cache: wall | warm cache: peak RSS | target |")
        print("|---|---|---|---|---|---|")
        for name, cmd in commands(work, profile, work / "kb"):
            code, cold, cold_mb = run(toolbox, cmd, {**base, "TOOLBOX_NO_CACHE": "1"})
            run(toolbox, cmd, base)  # fills the cache
            code2, warm, warm_mb = run(toolbox, cmd, base)
            met = not code and not code2 and max(cold, warm) <= SECONDS and max(cold_mb, warm_mb) <= MEGABYTES
            if not met:
                failed.append(name)
            print(f"| {name} | {cold:.2f} s | {cold_mb:.0f} MB | {warm:.2f} s | {warm_mb:.0f} MB | "
                  f"{'met' if met else 'NOT met' + (f' (exit {code or code2})' if code or code2 else '')} |",
                  flush=True)
    print()
    print("targets not met: " + ", ".join(failed) if failed else "all targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
