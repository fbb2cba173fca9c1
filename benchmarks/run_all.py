"""Run every benchmark and print its figures (several minutes: the batch one runs 80 notebooks twice)."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent

for name in ("bench_import", "bench_households", "bench_batch", "bench_scan_pii"):
    print(f"== {name}")
    sys.argv = [name]
    runpy.run_path(str(HERE / f"{name}.py"), run_name="__main__")
