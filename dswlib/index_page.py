"""``outputs/<year>/index.html``: links to every report of the batch, failures listed."""

from __future__ import annotations

import html
import os
from pathlib import Path

from .atomic import write_text
from .thaifont import FAMILY, css_font_face


def write_index(batch) -> Path:
    out_dir = Path(batch.out_dir)
    groups: dict[str, list] = {}
    for r in batch.results:
        groups.setdefault(r.job.group or "รายงาน", []).append(r)
    parts = [
        "<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'>",
        f"<title>รายงาน ปีงบประมาณ พ.ศ. {batch.fiscal_year}</title>",
        f"<style>{css_font_face()} body{{font-family:'{FAMILY}',sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}}"
        " li{margin:.2rem 0} .failed{color:#b00020} .meta{color:#666;font-size:.9em}</style></head><body>",
        f"<h1>รายงานผลการดำเนินงาน ปีงบประมาณ พ.ศ. {batch.fiscal_year}</h1>",
        f"<p class='meta'>{len(batch.results)} รายงาน, สำเร็จ {len(batch.results) - len(batch.failed)}, ไม่สำเร็จ {len(batch.failed)}</p>",
    ]
    if batch.failed:
        parts.append("<h2 class='failed'>รายงานที่สร้างไม่สำเร็จ</h2><ul>")
        for r in batch.failed:
            parts.append(f"<li class='failed'>{html.escape(r.job.title or r.job.name)} — {html.escape(r.error.splitlines()[0] if r.error else '')}</li>")
        parts.append("</ul>")
    for group, results in groups.items():
        parts.append(f"<h2>{html.escape(group)}</h2><ul>")
        for r in results:
            title = html.escape(r.job.title or r.job.name)
            if r.ok:
                href = html.escape(os.path.relpath(r.html, out_dir).replace(os.sep, "/"))
                parts.append(f"<li><a href='{href}'>{title}</a></li>")
            else:
                parts.append(f"<li class='failed'>{title} (ไม่สำเร็จ)</li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return write_text(out_dir / "index.html", "\n".join(parts))
