"""How long `dsw run` takes when nothing changed: the incremental re-run of a whole year.

    python benchmarks/bench_noop_rerun.py [--year 2564] [--repeat 5]

Runs the batch once into a temporary output directory (every report executed), then
runs the identical command ``--repeat`` times and prints each no-op re-run's wall time
(fingerprinting every job, checking every output's hash, writing the index and the
manifest; no kernel starts). Target on 2 cores: under 2 s for FY2564.
"""

import argparse
import json
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
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "dswlib.cli", "run", str(args.year), "--out", tmp, "--no-progress"]
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        first = time.perf_counter() - t
        manifest = json.loads((Path(tmp) / str(args.year) / "manifest.json").read_text(encoding="utf-8"))
        n = len(manifest["jobs"])
        print(f"FY{args.year}: {n} reports; first run (all executed): {first:.1f} s")
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            proc = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            assert f"(0 written, {n} up to date, 0 failed)" in proc.stdout, proc.stdout
        print("no-op re-runs:", ", ".join(f"{x:.2f} s" for x in times))
        print(f"no-op re-run (median of {len(times)}): {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
