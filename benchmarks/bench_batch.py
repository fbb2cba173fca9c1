"""The FY2564 batch (`dsw run`) against a sequential loop of papermill CLI calls over the same
notebooks with the same parameters, in one run. Prints both wall times and their ratio.

    python benchmarks/bench_batch.py [--year 2564] [--only 'standards/*'] [--jobs N]

The sequential loop only executes the notebooks (no HTML), so the ratio understates the batch's
advantage: the batch also renders every report to HTML and writes the index.
"""

import argparse
import fnmatch
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2564)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()

    from dswlib.registry import collect_jobs

    jobs = collect_jobs(args.year, ROOT / "params", root=ROOT)
    if args.only:
        jobs = [j for j in jobs if any(fnmatch.fnmatch(j.name, p) for p in args.only)]
    print(f"{len(jobs)} notebooks for FY{args.year}")

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "dswlib.cli", "run", str(args.year), "--out", f"{tmp}/batch", "--no-progress"]
        for pat in args.only:
            cmd += ["--only", pat]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        batch = time.perf_counter() - t
        print(f"dsw run (parallel, with HTML):        {batch:8.1f} s   {batch / len(jobs):6.2f} s/report")

        t = time.perf_counter()
        for i, job in enumerate(jobs):
            cmd = ["papermill", str(ROOT / "notebooks" / job.notebook), f"{tmp}/seq/{i}.ipynb", "--cwd", str(ROOT),
                   "--no-progress-bar", "-y", json.dumps(job.parameters)]
            Path(f"{tmp}/seq").mkdir(exist_ok=True)
            subprocess.run(cmd, check=True, capture_output=True)
        seq = time.perf_counter() - t
        print(f"sequential papermill CLI (no HTML):   {seq:8.1f} s   {seq / len(jobs):6.2f} s/report")
    print(f"speed-up of the batch: {seq / batch:.2f}x")


if __name__ == "__main__":
    main()
