"""The year's total, level and every KPI against its three targets, from ``scorecard.json``.

The figures are read from the scorecard file the batch has just written beside
the manifest (``dsw score --json``), not recomputed, so the dashboard equals it.
Level names are the year's own (``level_terms_th`` of the scorecard, i.e. of the
year's source document) through :func:`dswlib.scoring.level_name`.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..scoring import LEVEL_SCORES, level_name

SCORECARD_FILE = "scorecard.json"


def _direction(targets) -> str | None:
    if not targets or any(not isinstance(t, (int, float)) for t in targets):
        return None
    return "lower" if targets[0] > targets[-1] else "higher"


def _kpi(row: dict, terms) -> dict:
    kind = row["kind"]
    milestone = kind == "milestone"
    numeric_targets = None if milestone or kind == "composite" else row.get("targets")
    level = row.get("level_reached")
    return {
        "id": row["id"],
        "name": row["name"],
        "parent": row.get("parent"),
        "component": row.get("component"),
        "kind": kind,
        "unit": row.get("unit") or "",
        "weight": row.get("weight"),
        "result": row.get("result"),
        "numerator": row.get("numerator"),
        "denominator": row.get("denominator"),
        "targets": numeric_targets,
        "criteria_counts": [len(c) for c in row["targets"]] if milestone and row.get("targets") else None,
        "direction": _direction(numeric_targets),
        "level_reached": level,
        "level_th": None if kind == "composite" else ("ยังไม่มีผล" if level is None else level_name(level, terms)),
        "score": row.get("score"),
        "weighted_score": row.get("weighted_score"),
    }


def scorecard_part(out_dir, manifest: dict) -> dict:
    """The scorecard section of ``dashboard.json`` (``available: False`` with a Thai note when there is none)."""
    record = manifest.get("scorecard")
    path = Path(out_dir) / SCORECARD_FILE
    if not record or not record.get("file") or not path.is_file():
        if record and record.get("error"):
            return {"available": False, "error": record["error"],
                    "note_th": "คำนวณคะแนนตามตัวชี้วัดของปีนี้ไม่ได้เพราะข้อมูลตัวชี้วัดมีข้อผิดพลาด "
                               "(รายละเอียดอยู่ในส่วนสถานะการประมวลผล)"}
        return {"available": False, "note_th": "ปีงบประมาณนี้ไม่มีข้อมูลตัวชี้วัดการประเมินส่วนราชการ จึงไม่มีคะแนนรวม"}
    doc = json.loads(path.read_text(encoding="utf-8"))
    terms = tuple(doc["level_terms_th"])
    kpis = [_kpi(r, terms) for r in doc["kpis"]]
    has_results = any(k["level_reached"] is not None for k in kpis)
    total = doc.get("total")
    return {
        "available": True,
        "title": doc.get("title"),
        "officially_scored": bool(doc.get("officially_scored")),
        "level_terms_th": list(terms),
        "level_scores": list(LEVEL_SCORES),
        "total": total,
        "level": doc["level"],  # the scorecard's own label ("ไม่ได้ประเมิน" without a total)
        "rule_th": (doc.get("scoring_rule") or {}).get("description_th"),
        "has_results": has_results,
        "components": [{"id": cid, "name": c["name"], "weight": c["weight"], "weighted_score": c["weighted_score"]}
                       for cid, c in doc.get("components", {}).items()],
        "kpis": kpis,
        "findings": len(doc.get("findings") or []),
        "note_th": None if has_results else
        "ยังไม่มีผลการดำเนินงานของปีนี้ แสดงเฉพาะตัวชี้วัด น้ำหนัก และค่าเป้าหมายทั้งสามระดับ",
    }
