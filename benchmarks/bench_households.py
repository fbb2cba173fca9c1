"""FY2566 KPI 3 on a SYNTHETIC register of 4.1 million households: pandas vs DuckDB. Prints figures.

    python benchmarks/bench_households.py [--n 4100000] [--data benchmarks/data]

The data is generated once (seeded) into --data and reused by later runs.
"""

import argparse
import resource
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=4_100_000)
    ap.add_argument("--data", default=str(Path(__file__).parent / "data"))
    args = ap.parse_args()

    from dswlib.records.households import compute_kpi3_households
    from dswlib.records.synthetic import write_synthetic_households

    out = Path(args.data) / f"households_{args.n}"
    hh, dev = out / "synthetic_households.parquet", out / "synthetic_developments.parquet"
    if not hh.exists():
        t = time.perf_counter()
        write_synthetic_households(out, n_households=args.n, seed=0)
        print(f"generate {args.n:,} households: {time.perf_counter() - t:6.1f} s")
    results = {}
    for engine in ("duckdb", "pandas"):
        t = time.perf_counter()
        res = compute_kpi3_households(str(hh), str(dev), engine=engine)
        secs = time.perf_counter() - t
        results[engine] = res
        print(f"{engine:<7} KPI 3 on {args.n:,} households: {secs:6.2f} s   "
              f"result {res.numerator:,}/{res.denominator:,} = {res.percent}%")
    same = (results["duckdb"].numerator, results["duckdb"].denominator) == (results["pandas"].numerator, results["pandas"].denominator)
    print(f"engines agree: {same}")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
