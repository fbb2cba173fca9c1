"""The batch against plain papermill, both with the same HTML export in a pool of 2 processes.

    python benchmarks/bench_speed.py [--year 2564] [--jobs 2] [--repeat 3] [--only 'standards/*']

Runs, alternately, ``--repeat`` times each (every report executed: ``--force``):

* ``dsw run YEAR --force -j 2``: warm kernels (engine ``dsw-warm``, one kernel per worker);
* ``dsw run YEAR --force -j 2 --fresh-kernels``: papermill's own engine, a new kernel per notebook
  (plain papermill), same HTML export, same pool.

Prints each run's wall time and CPU seconds (this process's children: the CLI, its workers and
their kernels), the medians, the speed-up (median of the pairwise wall-time ratios) and the CPU
seconds per report of each.
"""

import argparse
import fnmatch
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2564)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", action="append", default=[])
    args = ap.parse_args()

    from dswlib.registry import collect_jobs

    jobs = collect_jobs(args.year, ROOT / "params", root=ROOT)
    if args.only:
        jobs = [j for j in jobs if any(fnmatch.fnmatch(j.name, p) for p in args.only)]
    n = len(jobs)
    print(f"FY{args.year}: {n} reports, {args.jobs} worker processes, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    figures = {"warm": [], "fresh": []}
    with tempfile.TemporaryDirectory() as tmp:
        base = [sys.executable, "-m", "dswlib.cli", "run", str(args.year), "--force", "--no-progress",
                "-j", str(args.jobs)] + [a for p in args.only for a in ("--only", p)]
        for i in range(args.repeat):
            for kind, extra in (("warm", []), ("fresh", ["--fresh-kernels"])):
                wall, cpu = timed(base + ["--out", f"{tmp}/{kind}"] + extra)
                figures[kind].append((wall, cpu))
                print(f"  run {i + 1} {kind:5}: {wall:7.1f} s wall, {cpu:7.1f} CPU-s ({cpu / n:.2f} CPU-s per report)",
                      flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    for kind, label in (("warm", "dsw run (warm kernels)"), ("fresh", "dsw run --fresh-kernels (plain papermill)")):
        walls = [w for w, _ in figures[kind]]
        cpus = [c for _, c in figures[kind]]
        print(f"{label:45} median {statistics.median(walls):7.1f} s wall, "
              f"{statistics.median(cpus) / n:.2f} CPU-s per report")
    ratios = [f[0] / w[0] for w, f in zip(figures["warm"], figures["fresh"])]
    cpu_ratio = statistics.median(c for _, c in figures["fresh"]) / statistics.median(c for _, c in figures["warm"])
    print(f"speed-up of the batch over plain papermill: {statistics.median(ratios):.2f}x wall "
          f"(pairs: {', '.join(f'{r:.2f}' for r in ratios)}), {cpu_ratio:.2f}x CPU")


if __name__ == "__main__":
    main()
