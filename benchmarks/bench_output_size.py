"""How many bytes a year's batch output takes, and its largest pages.

    python benchmarks/bench_output_size.py [--year 2564] [--out DIR]

Without ``--out`` the batch is run into a temporary directory first. Prints the total, the
HTML pages and executed notebooks apart, the embedded fonts, inline SVG charts and pictures inside them,
and the largest pages (province pages of the standards reports listed apart).
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONT = re.compile(rb"data:font/[\w+-]+;base64,[A-Za-z0-9+/=]+")
IMAGE_HTML = re.compile(rb"data:image/[\w+-]+;base64,[A-Za-z0-9+/=]+")
IMAGE_IPYNB = re.compile(rb'"image/png": "[A-Za-z0-9+/=\\n]+')
SVG_CHART = re.compile(rb'<svg class="dsw-chart".*?</svg>', re.S)  # inline SVG charts (dswlib.chartimage.figure_svg)


def mb(n: int) -> str:
    return f"{n / 1e6:6.2f} MB"


def report(year_dir: Path) -> None:
    files = [p for p in year_dir.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    print(f"{year_dir.name}: {len(files)} files, {mb(total)} in all")
    for suffix in (".html", ".ipynb", ".pdf", ".json", ".log"):
        group = [p for p in files if p.suffix == suffix]
        if not group:
            continue
        data = [p.read_bytes() for p in group]
        size = sum(len(d) for d in data)
        fonts = sum(len(m) for d in data for m in FONT.findall(d))
        images = sum(len(m) for d in data for m in (IMAGE_IPYNB if suffix == ".ipynb" else IMAGE_HTML).findall(d))
        svg = sum(len(m) for d in data for m in SVG_CHART.findall(d)) if suffix == ".html" else 0
        extra = f" (fonts {mb(fonts)}, SVG charts {mb(svg)}, embedded pictures {mb(images)})" \
            if suffix in (".html", ".ipynb") else ""
        print(f"  {suffix:7} {len(group):4} files {mb(size)}{extra}")
    pages = sorted((p for p in files if p.suffix == ".html" and p.name != "index.html"),
                   key=lambda p: p.stat().st_size, reverse=True)
    provinces = [p for p in pages if p.parent.name == "standards" and p.name != "overview.html"]
    for p in pages[:4]:
        print(f"  largest page {p.relative_to(year_dir)}: {p.stat().st_size / 1e3:.0f} KB")
    if provinces:
        sizes = sorted(p.stat().st_size for p in provinces)
        print(f"  province pages: {len(sizes)}, largest {sizes[-1] / 1e3:.0f} KB, median {sizes[len(sizes) // 2] / 1e3:.0f} KB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2564)
    ap.add_argument("--out", default=None, help="an output root already written by dsw run")
    args = ap.parse_args()
    if args.out:
        report(Path(args.out) / str(args.year))
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "dswlib.cli", "run", str(args.year), "--out", tmp, "--no-progress"],
                       cwd=ROOT, check=True, capture_output=True)
        report(Path(tmp) / str(args.year))


if __name__ == "__main__":
    main()
