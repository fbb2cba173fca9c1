"""Action-plan headlines: one block per round report of the year (:func:`dswlib.roadmap.summary_json.summary_records`)."""

from __future__ import annotations

from .links import html_output, report_state

JOB_PREFIX = "roadmap/"


def _round(name: str, record: dict, params_dir) -> dict:
    from ..roadmap.summary_json import summary_records
    from ..roadmap.view import load_view

    p = record.get("parameters") or {}
    doc = summary_records(load_view(int(p["fiscal_year"]), int(p.get("round", 6)), params_dir))
    t = doc["totals"]
    statuses: dict[str, int] = {}
    for proj in doc["projects"]:
        statuses[proj["computed_status"]] = statuses.get(proj["computed_status"], 0) + 1
    kpis = [k for proj in doc["projects"] for k in proj["kpis"]]
    return {
        "job": name, "title": record.get("title") or name, "round": doc["round"], "plan_only": doc["plan_only"],
        "as_of_round": doc["as_of_round"],
        "projects": t["projects"], "activities": t["activities"], "known_schedule": t["known_schedule"],
        "due": t["due"], "due_done": t["due_done"], "late": t["late"], "percent_due_done": t["percent_due_done"],
        "due_after_report": t["due_after_report"],
        "project_statuses": statuses,
        "kpis_with_result": sum(1 for k in kpis if k["percent"] is not None),
        "kpis_target_met": sum(1 for k in kpis if k["target_met"] is True),
        "href": html_output(record), "state": report_state(record),
    }


def roadmap_part(manifest: dict, params_dir) -> dict:
    records = {n: r for n, r in manifest.get("jobs", {}).items() if n.startswith(JOB_PREFIX)}
    if not records:
        return {"available": False, "note_th": "ปีงบประมาณนี้ไม่มีแผนปฏิบัติการหรือรายงานความก้าวหน้าที่นำมาประมวลผล"}
    rounds, errors = [], []
    for name, record in records.items():
        try:
            rounds.append(_round(name, record, params_dir))
        except Exception as exc:  # noqa: BLE001 - a broken input must not cost the reader the rest of the page
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
    if not rounds:
        return {"available": False, "error": "; ".join(errors),
                "note_th": "อ่านแผนปฏิบัติการของปีนี้ไม่ได้ จึงแสดงตัวเลขสำคัญไม่ได้"}
    from ..roadmap.vocab import STATUS_LABELS, Status

    return {"available": True, "rounds": rounds, "errors": errors,
            "status_labels": {s.value: STATUS_LABELS[s] for s in Status}}
