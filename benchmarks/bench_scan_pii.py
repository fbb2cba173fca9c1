"""How fast `dsw scan-pii` reads: the batch outputs (if `dsw run` has made them) and a synthetic
record set (CSV and gzip). Prints figures."""

import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(label: str, path: Path) -> None:
    from dswlib.pii import scan_for_pii

    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
    t = time.perf_counter()
    report = scan_for_pii([path], allow=frozenset())
    dt = time.perf_counter() - t
    print(f"{label:<40} {len(report.files):5d} files {size / 1e6:8.1f} MB {dt:7.2f} s {size / 1e6 / dt:6.1f} MB/s  "
          f"{len(report.findings)} findings, {len(report.not_scanned)} not scanned")


def main() -> None:
    outputs = ROOT / "outputs"
    if outputs.is_dir() and any(outputs.rglob("*.html")):
        measure("batch outputs (outputs/)", outputs)
    else:
        print("no batch outputs: run `dsw run 2564` first to measure them")
    from dswlib.records.synthetic import write_synthetic_dataset

    tmp = Path(tempfile.mkdtemp())
    try:
        files = write_synthetic_dataset(tmp, n_households=1_000, n_residents=4_500, n_service_users=3_000, seed=1,
                                        fmt="csv")
        raw = Path(files["irp_assessments"])
        measure("synthetic IRP assessments (CSV, raw IDs)", raw)
        gz = tmp / (raw.name + ".gz")
        gz.write_bytes(gzip.compress(raw.read_bytes()))
        measure("the same, gzip", gz)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
