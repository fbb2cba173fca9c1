"""Community-strengthening headlines: the report's own overview figures (:func:`dswlib.community.tables.overview_rows`).

Evaluated with the parameters the year's community report ran with (its manifest
record), so the figures are the ones its page shows.
"""

from __future__ import annotations

from .links import html_output, report_state

JOB = "community/strengthening"


def community_part(manifest: dict, params_dir) -> dict:
    record = manifest.get("jobs", {}).get(JOB)
    if record is None:
        return {"available": False,
                "note_th": "ปีงบประมาณนี้ไม่มีรายงานการประเมินผลการสร้างเสริมชุมชนเข้มแข็ง "
                           "(เกณฑ์การประเมินที่มีอยู่เป็นของปีงบประมาณอื่น)"}
    p = record.get("parameters") or {}
    try:
        from ..community.report import evaluate_year, title_th
        from ..community.tables import overview_rows

        ev = evaluate_year(p.get("fiscal_year", 2564), params_dir, p.get("demo_seed", 2564), p.get("data_dir") or "")
        rows = overview_rows(ev)
    except Exception as exc:  # noqa: BLE001 - a broken input must not cost the reader the rest of the page
        return {"available": False, "error": f"{type(exc).__name__}: {exc}",
                "note_th": "อ่านข้อมูลการประเมินชุมชนเข้มแข็งของปีนี้ไม่ได้ จึงแสดงตัวเลขสำคัญไม่ได้"}
    return {
        "available": True,
        "title": title_th(ev),
        "synthetic": bool(ev.synthetic),
        "headlines": [{"label": label, "value": int(value)} for label, value, _ in rows],
        "report": {"href": html_output(record), "state": report_state(record)},
    }
