"""Per-report time of a province standards page with 76 and with 760 offices (issue 16.2).

Builds SYNTHETIC standards years in a temp dir: a params folder with the real rubric and a
province list of 76 offices (the real one) or 760 offices (each province split into 10
made-up offices "เชียงใหม่ 1" ... with 4-digit codes), and one demo assessment file per
office (``dswlib.standards.demo``). Then, in one warm process (as a batch worker is):

1. the year summary is built once (what ``dsw run`` does before fingerprinting);
2. a sample of province pages is produced: ``ProvinceReport.load`` and every section
   rendered to HTML (what the notebook does), timed one by one;
3. (``--batch``) a few province pages through ``dsw run --only`` (kernel start included),
   per-report seconds from the run manifest.

Prints the figures; the goal is a per-report time at 760 offices within 20 % of 76.

    python benchmarks/bench_units_scaling.py [--sample 12] [--batch]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2564
SECTIONS = ["cover", "standing", "summary", "areas", "priorities", "next_band", "not_scored", "indicators",
            "inputs", "appendix"]


def build_params(base: Path, factor: int) -> Path:
    """A params folder with ``76 * factor`` offices and one synthetic assessment file each."""
    from dswlib.standards.demo import write_demo
    from dswlib.standards.provinces import load_provinces
    from dswlib.standards.rubric import load_rubric

    params = base / f"params_{76 * factor}"
    shutil.copytree(ROOT / "params", params, ignore=shutil.ignore_patterns(".cache", "assessments"))
    real = load_provinces(ROOT / "params")
    with open(params / "standards" / "provinces.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name_th", "name_en", "slug", "ssw_office"])
        for p in real:
            if factor == 1:
                w.writerow([p.code, p.name_th, p.name_en, p.slug, p.ssw_office])
            else:
                for k in range(1, factor + 1):
                    w.writerow([f"{p.code}{k:02d}", f"{p.name_th} {k}", f"{p.name_en} {k}", f"{p.slug}-{k}",
                                p.ssw_office])
    write_demo(load_rubric(params), load_provinces(params), YEAR, params / "standards" / "assessments" / str(YEAR))
    return params


def summarise(params: Path) -> float:
    from dswlib.standards.summary import ensure_year_summary

    t0 = time.perf_counter()
    ensure_year_summary(YEAR, params)
    return time.perf_counter() - t0


def page_seconds(params: Path, code: str) -> float:
    """One province page as the notebook makes it: load, then every section rendered to HTML."""
    import matplotlib.pyplot as plt

    from dswlib.standards import ProvinceReport

    t = time.perf_counter()
    rep = ProvinceReport.load(fiscal_year=YEAR, province=code, params_dir=str(params))
    for name in SECTIONS:
        getattr(rep, name)().to_html()
    plt.close("all")
    return time.perf_counter() - t


def in_process(sizes: dict, sample: int) -> dict:
    """Pages of both sizes timed alternately (a shared machine's load hits both alike)."""
    from dswlib.standards.provinces import load_provinces

    out = {}
    chosen = {}
    for factor, params in sizes.items():
        out[factor] = {"offices": 0, "summary_s": summarise(params), "times": []}
        provinces = load_provinces(params)
        out[factor]["offices"] = len(provinces)
        step = max(1, len(provinces) // sample)
        chosen[factor] = [p.code for p in provinces[::step][:sample]]
        page_seconds(params, chosen[factor][0])  # warm imports and caches: not counted
    for k in range(sample):
        for factor, params in sizes.items():
            out[factor]["times"].append(page_seconds(params, chosen[factor][k % len(chosen[factor])]))
    for r in out.values():
        r.update(median_s=statistics.median(r["times"]), mean_s=statistics.mean(r["times"]), n=len(r["times"]))
    return out


def batch(params: Path, out: Path, sample: int) -> dict:
    from dswlib.standards.provinces import load_provinces

    provinces = load_provinces(params)
    step = max(1, len(provinces) // sample)
    only = [a for p in provinces[::step][:sample] for a in ("--only", f"standards/{p.output_id}")]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "dswlib.cli", "run", str(YEAR), "--params", str(params), "--out",
                           str(out), "--no-progress", "-j", "1", *only], cwd=ROOT, capture_output=True, text=True,
                          env=env)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    jobs = json.loads((out / str(YEAR) / "manifest.json").read_text(encoding="utf-8"))["jobs"]
    secs = sorted(r["seconds"] for r in jobs.values())
    return {"offices": len(provinces), "reports": len(secs), "median_s": statistics.median(secs[1:] or secs),
            "wall_s": wall}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=20, help="province pages timed per size (default 20)")
    ap.add_argument("--batch", action="store_true", help="also run a few pages through `dsw run` (slower)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="dsw-units-") as tmp:
        base = Path(tmp)
        sizes = {}
        for factor in (1, 10):
            t = time.perf_counter()
            sizes[factor] = build_params(base, factor)
            print(f"built {76 * factor} synthetic offices in {time.perf_counter() - t:.1f} s", flush=True)
        results = in_process(sizes, args.sample)
        if args.batch:
            for factor, params in sizes.items():
                results[factor]["batch"] = batch(params, base / f"out_{factor}", 4)
        a, b = results[1], results[10]
        print()
        print(f"{'offices':>8} {'summary once':>13} {'summary/report':>15} {'page median':>12} {'page mean':>10}")
        for r in (a, b):
            print(f"{r['offices']:>8} {r['summary_s']:>12.2f}s {1000 * r['summary_s'] / r['offices']:>13.1f}ms "
                  f"{r['median_s']:>11.3f}s {r['mean_s']:>9.3f}s")
        ratio = b["median_s"] / a["median_s"]
        print(f"per-report time 760 vs 76 offices: x{ratio:.2f} (goal <= 1.20) -> {'OK' if ratio <= 1.2 else 'OVER'}")
        if args.batch:
            ra, rb = a["batch"], b["batch"]
            print(f"dsw run, {ra['reports']} pages each: median {ra['median_s']:.2f} s (76) vs {rb['median_s']:.2f} s "
                  f"(760): x{rb['median_s'] / ra['median_s']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
