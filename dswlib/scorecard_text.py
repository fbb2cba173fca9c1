"""Plain-text rendering of the scorecard document for the terminal."""

from __future__ import annotations

from .scoring import DEFAULT_LEVEL_TERMS


def _f(value, places=2):
    if value is None:
        return "-"
    if isinstance(value, (int, float)):
        return f"{value:,.{places}f}"
    return str(value)


def render_text(doc: dict) -> str:
    lines = [f"ปีงบประมาณ พ.ศ. {doc['fiscal_year']}  {doc['title']}"]
    if not doc["officially_scored"]:
        lines.append("หมายเหตุ: ปีนี้รายงานเพื่อการติดตามผล ไม่มีการประเมินอย่างเป็นทางการ; คะแนนคำนวณตามเกณฑ์ของ dswlib")
    lines.append(f"เกณฑ์การให้คะแนน: {doc['scoring_rule']['description_th']}")
    low, mid, high = doc.get("level_terms_th") or DEFAULT_LEVEL_TERMS
    header = f"{'KPI':<5} {'น้ำหนัก':>7} {'ผล':>10} {low:>9} {mid:>9} {high:>9} {'ระดับ':>5} {'คะแนน':>7} {'ถ่วงน้ำหนัก':>10}"
    lines += ["", header, "-" * len(header)]
    for k in doc["kpis"]:
        if k["kind"] == "milestone":
            targets = ["(เกณฑ์)"] * 3
            result = "-" if k["result"] is None else f"ระดับ {k['result']}"
        else:
            unset = "-" if k["kind"] == "composite" else "ไม่กำหนด"  # a planning year's undecided targets
            targets = [_f(t) for t in k["targets"]] if k["targets"] is not None else [unset] * 3
            result = _f(k["result"])
        indent = "  " if k["parent"] else ""
        lines.append(
            f"{indent + k['id']:<5} {_f(k['weight'], 0):>7} {result:>10} {targets[0]:>9} {targets[1]:>9} {targets[2]:>9} "
            f"{_f(k['level_reached'], 0) if k['level_reached'] is not None else '-':>5} {_f(k['score']):>7} {_f(k['weighted_score'], 4):>10}"
        )
    lines.append("")
    for cid, comp in doc["components"].items():
        lines.append(f"{cid} {comp['name']}: {_f(comp['weighted_score'])} / {_f(comp['weight'], 0)}")
    lines.append(f"รวม: {_f(doc['total'])} / 100  ระดับ: {doc['level']}")
    if doc["findings"]:
        lines.append(f"ข้อสังเกตด้านคุณภาพข้อมูล: {len(doc['findings'])} รายการ (ดู dsw check)")
    return "\n".join(lines)
