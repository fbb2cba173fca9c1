"""The batch on a Dask LocalCluster (2 worker processes) against the local pool (2 processes).

    python benchmarks/bench_dask.py [--year 2564] [--repeat 2] [--only 'standards/*']

Both run every selected report (``--force``) into their own temporary output directory, in
turn; prints each wall time, the medians and their ratio. On one machine the cluster adds
the scheduler's and workers' own processes and a batch worker per Dask worker, so it is not
expected to be faster: the figure says what scale-out costs where it is not needed.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2564)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--only", action="append", default=[])
    args = ap.parse_args()

    from distributed import LocalCluster

    only = [a for p in args.only for a in ("--only", p)]
    times = {"local": [], "dask": []}
    with tempfile.TemporaryDirectory() as tmp, LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                                            dashboard_address=":0", silence_logs=40) as cluster:
        base = [sys.executable, "-m", "dswlib.cli", "run", str(args.year), "--force", "--no-progress", *only]
        for i in range(args.repeat):
            for kind, extra in (("local", ["-j", "2"]), ("dask", ["--scheduler", cluster.scheduler_address])):
                t = time.perf_counter()
                subprocess.run(base + ["--out", f"{tmp}/{kind}"] + extra, cwd=ROOT, check=True, capture_output=True)
                times[kind].append(time.perf_counter() - t)
                print(f"  run {i + 1} {kind:5}: {times[kind][-1]:6.1f} s", flush=True)
    local, dask = statistics.median(times["local"]), statistics.median(times["dask"])
    print(f"local pool (2 processes): {local:.1f} s; Dask LocalCluster (2 workers): {dask:.1f} s; "
          f"cluster / local = {dask / local:.2f}")


if __name__ == "__main__":
    main()
