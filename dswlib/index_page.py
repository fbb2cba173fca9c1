"""``outputs/<year>/index.html``: every report of the year on disk, from the manifest.

Built from ``manifest.json`` rather than from one run's results, so ``dsw run --only``
never drops the other reports. A report whose latest run failed is listed as failed
(with the real error) and has no link: its previous HTML was removed. A report
whose inputs changed since it was produced (not re-run yet) is marked as such.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .atomic import write_text
from .htmlparts import esc
from .runjob import error_line
from .thaifont import FAMILY, css_font_face

BANGKOK = dt.timezone(dt.timedelta(hours=7))  # Thailand keeps no daylight saving time


def _when(iso: str | None) -> str:
    from .fiscal import format_thai_date

    if not iso:
        return "-"
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone(BANGKOK)
    except ValueError:
        return esc(iso)
    return f"{format_thai_date(moment.date(), abbreviated=True)} เวลา {moment:%H:%M} น."


def _href(rel: str) -> str:
    return esc(rel.replace(os.sep, "/"))


def write_index(fiscal_year: int, out_dir, manifest: dict) -> Path:
    out_dir = Path(out_dir)
    records = manifest.get("jobs", {})
    run = manifest.get("run", {})
    failed = {n: r for n, r in records.items() if r.get("status") != "ok"}
    stale = [n for n, r in records.items() if r.get("status") == "ok" and r.get("stale")]
    groups: dict[str, list] = {}
    for name, rec in records.items():
        groups.setdefault(rec.get("group") or "รายงาน", []).append((name, rec))
    parts = [
        "<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'>",
        f"<title>รายงาน ปีงบประมาณ พ.ศ. {fiscal_year}</title>",
        f"<style>{css_font_face()} body{{font-family:'{FAMILY}',sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}}"
        " li{margin:.2rem 0} .failed{color:#b00020} .stale{color:#8a5a00} .meta{color:#666;font-size:.9em}"
        " code{font-size:.85em;white-space:pre-wrap}</style></head><body>",
        f"<h1>รายงานผลการดำเนินงาน ปีงบประมาณ พ.ศ. {fiscal_year}</h1>",
        f"<p class='meta'>{len(records)} รายงาน, สำเร็จ {len(records) - len(failed)}, ไม่สำเร็จ {len(failed)}"
        + (f", ข้อมูลนำเข้าเปลี่ยนแล้วแต่ยังไม่ได้ประมวลผลใหม่ {len(stale)}" if stale else "") + "</p>",
        f"<p class='meta'>ประมวลผลครั้งล่าสุด {_when(run.get('ended'))}"
        f" — ประมวลผล {run.get('ran', 0)} รายงาน, ข้อมูลไม่เปลี่ยนจึงไม่ประมวลผลซ้ำ {run.get('skipped', 0)} รายงาน</p>",
    ]
    if str(run.get("status", "")).startswith("interrupted"):
        parts.append(f"<p class='failed'>การประมวลผลครั้งล่าสุดถูกยกเลิกก่อนเสร็จ: {len(run.get('not_run', []))} รายงาน"
                     " ไม่ได้ประมวลผล (รายการด้านล่างแสดงผลครั้งล่าสุดที่ประมวลผลเสร็จ)</p>")
    if failed:
        parts.append("<h2 class='failed'>รายงานที่สร้างไม่สำเร็จ</h2><ul>")
        for name, rec in failed.items():
            parts.append(f"<li class='failed'>{esc(rec.get('title') or name)} — <code>{esc(error_line(rec.get('error')))}</code>"
                         f" <span class='meta'>({_when(rec.get('ended'))})</span></li>")
        parts.append("</ul>")
    for group, items in groups.items():
        parts.append(f"<h2>{esc(group)}</h2><ul>")
        for name, rec in items:
            title = esc(rec.get("title") or name)
            html_out = next((rel for rel in rec.get("outputs", {}) if rel.endswith(".html")), None)
            if rec.get("status") == "ok" and html_out:
                note = (" <span class='stale'>(ข้อมูลนำเข้าเปลี่ยนแล้ว รายงานนี้ยังไม่ได้ประมวลผลใหม่)</span>"
                        if rec.get("stale") else "")
                parts.append(f"<li><a href='{_href(html_out)}'>{title}</a>{note}</li>")
            else:
                parts.append(f"<li class='failed'>{title} (ไม่สำเร็จ)</li>")
        parts.append("</ul>")
    parts.append("<p class='meta'>ที่มาของรายงานแต่ละฉบับ (ข้อมูลนำเข้า รหัสโปรแกรม พารามิเตอร์): "
                 "<a href='manifest.json'>manifest.json</a>, บันทึกการประมวลผล: <a href='run.log'>run.log</a></p>")
    parts.append("</body></html>")
    return write_text(out_dir / "index.html", "\n".join(parts))
