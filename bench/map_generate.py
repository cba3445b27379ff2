"""Write a generated employment table and mapping for `toolbox map`'s speed and memory measurements.

`python bench/map_generate.py DIR [REGIONS] [INDUSTRIES]` writes DIR/employment.csv (one row per region ×
industry, one year; 3,000 × 1,000 = 3 million rows by default) and DIR/mapping.csv (the industries in 50
clusters, every fifth cluster marked as local rather than traded). Values are drawn from a fixed seed, so
the files are the same on every run.
"""

import csv
import random
import sys
from pathlib import Path

CLUSTERS = 50


def main() -> None:
    out = Path(sys.argv[1])
    regions = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    industries = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(13)
    with open(out / "mapping.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["industry", "cluster", "traded"])
        for i in range(industries):
            cluster = i % CLUSTERS
            writer.writerow([f"I{i:05d}", f"C{cluster:03d}", "false" if cluster % 5 == 0 else "true"])
    with open(out / "employment.csv", "w", newline="") as handle:
        handle.write("region,industry,year,employment,establishments\n")
        lines = []
        for r in range(regions):
            scale = rng.lognormvariate(0, 1)
            for i in range(industries):
                employment = int(rng.expovariate(1 / (50 * scale))) // 5 * 5
                lines.append(f"R{r:05d},I{i:05d},2020,{employment},{employment // 12 + 1}\n")
            if len(lines) > 200_000:
                handle.writelines(lines)
                lines = []
        handle.writelines(lines)


if __name__ == "__main__":
    main()
