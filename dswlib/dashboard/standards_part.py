"""Standards of the provincial offices: grade distribution and the province table in several orders.

The data come through :func:`.standards_data.standards_year` only. The table is
pre-rendered in every order the reader can choose (the page runs no script; see
:mod:`.page`), so the orders are computed here: by rank, by Thai name
(dictionary order, :func:`pythainlp.util.collate`) and by each dimension.
"""

from __future__ import annotations

from .links import html_output, report_state

OVERVIEW_JOB = "standards/overview"
JOB_PREFIX = "standards/"


def _desc(rows, key):
    """Codes ordered by ``key`` high to low, rows without a figure last (by Thai name among themselves)."""
    from pythainlp.util import collate

    name_rank = {n: i for i, n in enumerate(collate([r["name_th"] for r in rows]))}
    have = [r for r in rows if key(r) is not None]
    lack = [r for r in rows if key(r) is None]
    have.sort(key=lambda r: (-key(r), name_rank[r["name_th"]]))
    lack.sort(key=lambda r: name_rank[r["name_th"]])
    return [r["code"] for r in have + lack]


def standards_part(fiscal_year: int, manifest: dict, params_dir) -> dict:
    """The standards section of ``dashboard.json``; ``available: False`` with a Thai note when the year has none."""
    from pythainlp.util import collate

    from .standards_data import standards_year  # the one door to the standards package

    jobs = manifest.get("jobs", {})
    overview = jobs.get(OVERVIEW_JOB)
    # the overview's parameters, or a province report's when the overview has no record yet (interrupted run)
    source = overview or next((r for n, r in jobs.items() if n.startswith(JOB_PREFIX)), None)
    if source is None:
        return {"available": False,
                "note_th": "ปีงบประมาณนี้ไม่มีรายงานผลการปฏิบัติตามมาตรฐาน สนง.พมจ. (ไม่มีแบบประเมินของปีนี้)"}
    parameters = source.get("parameters") or {}
    try:
        year = standards_year(fiscal_year, params_dir, parameters.get("assessment_dir") or "")
    except Exception as exc:  # noqa: BLE001 - a broken input must not cost the reader the rest of the page
        return {"available": False, "error": f"{type(exc).__name__}: {exc}",
                "note_th": "อ่านผลการประเมินมาตรฐานของปีนี้ไม่ได้ จึงแสดงภาพรวมไม่ได้ (ดูรายงานภาพรวมและสถานะการประมวลผล)"}
    rows = []
    for p in year.provinces:
        record = jobs.get(JOB_PREFIX + p.output_id)
        rows.append({
            "code": p.code, "name_th": p.name_th,
            "dimensions": {label: p.dimensions.get(label) for label in year.dimension_labels},
            "overall": p.overall, "band": p.band, "status_th": p.status_th, "rank": p.rank,
            "href": html_output(record), "report": report_state(record),
        })
    ranked = _desc(rows, lambda r: r["overall"])
    by_code = {r["code"]: r for r in rows}
    name_pos = {n: i for i, n in enumerate(collate([r["name_th"] for r in rows]))}
    by_name = [r["code"] for r in sorted(rows, key=lambda r: name_pos[r["name_th"]])]
    orders = {"rank": ranked, "name": by_name}
    for i, label in enumerate(year.dimension_labels, 1):
        orders[f"dim{i}"] = _desc(rows, lambda r, label=label: r["dimensions"].get(label))
    counts = {b.label_th: 0 for b in year.bands}
    not_banded: dict[str, int] = {}
    for r in rows:
        if r["band"] is not None:
            counts[r["band"]] += 1
        else:
            not_banded[r["status_th"]] = not_banded.get(r["status_th"], 0) + 1
    return {
        "available": True,
        "synthetic": year.synthetic,
        "assessments": year.assessments,
        "provinces": len(rows),
        "unusable_files": year.problems,
        "bands": [{"label": b.label_th, "min": float(b.min), "max": float(b.max), "color": b.color,
                   "count": counts[b.label_th]} for b in year.bands],
        "not_banded": [{"label": k, "count": v} for k, v in not_banded.items()],
        "dimension_labels": list(year.dimension_labels),
        "overview": {"href": html_output(overview), "report": report_state(overview)},
        "rows": [by_code[c] for c in ranked],
        "orders": orders,
    }
