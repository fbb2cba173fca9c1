"""Run every benchmark and print its figures (several minutes: the batch ones run the 80 notebooks three times)."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent

for name in ("bench_import", "bench_households", "bench_batch", "bench_noop_rerun", "bench_scan_pii",
             "bench_units_scaling"):
    print(f"== {name}")
    sys.argv = [name]
    runpy.run_path(str(HERE / f"{name}.py"), run_name="__main__")
