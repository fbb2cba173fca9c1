"""Run every benchmark and print its figures (many minutes: the batch ones run the 80 notebooks several times)."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent

if __name__ == "__main__":  # bench_dask starts worker processes that import this module again
    for name in ("bench_import", "bench_households", "bench_batch", "bench_speed", "bench_output_size", "bench_dask",
                 "bench_noop_rerun", "bench_scan_pii", "bench_units_scaling"):
        print(f"== {name}")
        sys.argv = [name]
        runpy.run_path(str(HERE / f"{name}.py"), run_name="__main__")
