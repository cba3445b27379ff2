"""Which tabular library `toolbox map` uses, by measurement: read + join + group-by, per library.

`python bench/map_libraries.py EMPLOYMENT.csv MAPPING.csv` runs each candidate in a fresh interpreter
(so that imports and peak memory are each its own) three times and prints the median wall time of
import, read, and read + join with the mapping + sum by region × cluster, and the peak memory.
"""

import json
import statistics
import subprocess
import sys

CANDIDATES = {
    "polars": """
import polars as pl
t0 = time.perf_counter()
e = pl.read_csv(EMP, schema_overrides={"region": pl.String, "industry": pl.String})
t1 = time.perf_counter()
m = pl.read_csv(MAP, schema_overrides={"industry": pl.String})
g = e.join(m, on="industry").group_by(["region", "cluster", "year"]).agg(pl.col("employment").sum())
t2 = time.perf_counter()
""",
    "pyarrow": """
import pyarrow.csv as pc, pyarrow as pa
t0 = time.perf_counter()
e = pc.read_csv(EMP, convert_options=pc.ConvertOptions(column_types={"region": pa.string(), "industry": pa.string()}))
t1 = time.perf_counter()
m = pc.read_csv(MAP, convert_options=pc.ConvertOptions(column_types={"industry": pa.string()}))
g = e.join(m, "industry").group_by(["region", "cluster", "year"]).aggregate([("employment", "sum")])
t2 = time.perf_counter()
""",
    "duckdb": """
import duckdb
t0 = time.perf_counter()
con = duckdb.connect(); con.execute('SET enable_progress_bar = false')
e = con.sql(f"select * from read_csv('{EMP}', types={{'region': 'VARCHAR', 'industry': 'VARCHAR'}})").arrow().read_all()
t1 = time.perf_counter()
g = con.sql(f"select region, cluster, year, sum(employment) from read_csv('{EMP}', types={{'region': 'VARCHAR', 'industry': 'VARCHAR'}}) e "
            f"join read_csv('{MAP}', types={{'industry': 'VARCHAR'}}) m using (industry) group by all").arrow().read_all()
t2 = time.perf_counter()
""",
    "pandas": """
import pandas as pd
t0 = time.perf_counter()
e = pd.read_csv(EMP, dtype={"region": str, "industry": str})
t1 = time.perf_counter()
m = pd.read_csv(MAP, dtype={"industry": str})
g = e.merge(m, on="industry").groupby(["region", "cluster", "year"])["employment"].sum()
t2 = time.perf_counter()
""",
}

DRIVER = """
import time, resource, json, sys
EMP, MAP = sys.argv[1], sys.argv[2]
start = time.perf_counter()
{code}
print(json.dumps({{"import": t0 - start, "read": t1 - t0, "read_group": t2 - t0,
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def main() -> None:
    emp, mapping = sys.argv[1], sys.argv[2]
    for name, code in CANDIDATES.items():
        if len(sys.argv) > 3 and name not in sys.argv[3:]:
            continue
        runs = []
        for _ in range(3):
            done = subprocess.run([sys.executable, "-c", DRIVER.format(code=code), emp, mapping],
                                  capture_output=True, text=True, check=False)
            if done.returncode:
                sys.exit(f"{name}: {done.stderr[-1500:]}")
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        print(f"{name:8s} import {med['import']:.2f} s  read {med['read']:.2f} s  "
              f"read+join+group-by {med['read_group']:.2f} s  peak {med['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
