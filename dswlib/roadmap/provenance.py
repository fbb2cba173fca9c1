"""The technical appendix of the action-plan report (ภาคผนวก): the input file, the source document,
the findings' codes and places (numbered as in the body), and the seed lines of every figure.

This is the only part of the report that names files, params keys and seed lines ("001 L43")."""

from __future__ import annotations

from pathlib import Path

from ..display import Heading, ReportTable, Section, para
from ..findings import findings_appendix_table
from .seedrefs import split_refs
from .view import RoadmapView

APPENDIX_TITLE = "ภาคผนวก ข้อมูลทางเทคนิค"
APPENDIX_ANCHOR = "appendix"


def input_file_label(view: RoadmapView) -> str:
    """The params file as a path from the params folder's parent ("params/2569/roadmap.yaml")."""
    path = view.source_path
    if path is None:
        return "ไม่ทราบ (แผนที่ไม่ได้อ่านจากไฟล์)"
    path = Path(path)
    try:
        return str(path.relative_to(path.parents[2]))
    except (IndexError, ValueError):  # pragma: no cover - a path too short to have a params folder
        return str(path)


def inputs_table(view: RoadmapView) -> ReportTable:
    import pandas as pd

    doc = view.plan.document
    rows = [
        ("ไฟล์ข้อมูลนำเข้า", input_file_label(view)),
        ("เอกสารต้นฉบับ", doc.title),
        ("บรรทัดของเอกสารต้นฉบับ (ส่วนหัวเอกสาร)", doc.source or None),
        ("อ้างอิงในหมายเหตุของเอกสาร (document.note, cutoff_note)",
         _joined(r for text in (doc.note, view.plan.cutoff_note) for r in split_refs(text)[1]) or None),
        ("การอ้างอิงบรรทัด", "\"001 L43\" คือบรรทัดที่ 43 ของเอกสารต้นฉบับหมายเลข 001 (ไฟล์ข้อความในโฟลเดอร์ seeds); "
                            "\"L43\" ที่ไม่มีหมายเลขเอกสาร คือเอกสารเดียวกับรายการ"),
        ("ชนิดของแผน (kind)", view.plan.kind),
        ("รอบที่ขอ (round)", f"รอบ {view.round_months} เดือน"),
        ("รอบของรายงานผลที่ใช้ (as_of)", f"รอบ {view.as_of} เดือน" if view.as_of is not None else "ไม่มี (แผนเท่านั้น)"),
        ("ข้อตกลงในการคำนวณ", "README.md หัวข้อ \"Action plans\"; กฎสถานะใน dswlib/roadmap/progress.py; "
                              "วิธีคาดการณ์ใน dswlib/roadmap/forecast.py"),
    ]
    return ReportTable(pd.DataFrame(rows, columns=["รายการ", "ค่า"]), caption="ข้อมูลนำเข้าและเอกสารต้นฉบับ")


def _joined(refs) -> str:
    return ", ".join(dict.fromkeys(r for r in refs if r))


def source_rows(view: RoadmapView):
    """(project number, project id, item, seed lines) of every figure and text the report shows."""
    for n, (_, p) in enumerate(view.plan.iter_projects(), 1):
        items: list[tuple[str, str]] = [("โครงการ (ชื่อ ผู้รับผิดชอบ ตารางกิจกรรม)", p.source or "")]
        acts = [(a.number, a.source) for a in p.activities if a.source and a.source != p.source]
        if acts:
            items.append(("กิจกรรมตามแผน", "; ".join(f"ที่ {no}: {src}" for no, src in acts)))
        for k in p.kpis:
            items.append((f"ตัวชี้วัด {k.id}", k.source or ""))
            if k.target is not None:
                items.append((f"ค่าเป้าหมาย {k.id}", k.target.source or ""))
            items.append((f"การนับผล {k.id} (accrual: {k.accrual})", k.accrual_source or ""))
        items.append(("เป้าหมายการดำเนินงาน 6 เดือน", p.six_month_targets_source or ""))
        notes = [p.activities_note, p.kpi_note, p.note, *(k.note for k in p.kpis), *(a.note for a in p.activities)]
        for rnd, prog in sorted(p.progress.items()):
            items.append((f"รายงานผลรอบ {rnd} เดือน (สถานะ สรุปผล)", prog.source or ""))
            for kid, res in prog.kpi_results.items():
                items.append((f"ผลตัวชี้วัด {kid} รอบ {rnd} เดือน", res.source or ""))
            for fg in prog.figures:
                items.append((f"ตัวเลข: {fg.label}", fg.source or ""))
            for b in prog.breakdowns:
                items.append((f"ตาราง: {b.label}", b.source or ""))
            notes += [prog.summary, *prog.quality_notes]
        note_refs = [r for text in notes for r in split_refs(text)[1]]
        items.append(("หมายเหตุของผู้ถอดความ (อ้างอิงในข้อความ)", _joined(note_refs)))
        for item, src in items:
            if src:
                yield n, p.id, item, src


def sources_table(view: RoadmapView) -> ReportTable:
    import pandas as pd

    frame = pd.DataFrame(list(source_rows(view)), columns=["ที่", "รหัสโครงการ", "รายการ", "บรรทัดในเอกสารต้นฉบับ"])
    frame["ที่"] = frame["ที่"].astype("Int64")
    return ReportTable(frame, caption="แหล่งที่มาของตัวเลขและข้อความรายโครงการ",
                       notes=("ลำดับที่ของโครงการตรงกับตารางสรุปในเนื้อรายงาน",))


def appendix(view: RoadmapView) -> Section:
    out = Section()
    out.add(Heading(APPENDIX_TITLE, 2, APPENDIX_ANCHOR))
    out.add(para("ส่วนนี้สำหรับผู้ตรวจสอบข้อมูล: ไฟล์ข้อมูลนำเข้า ตำแหน่งในข้อมูล และบรรทัดของเอกสารต้นฉบับ "
                 "ที่ตัวเลขและข้อสังเกตแต่ละรายการมาจาก"))
    out.add(Heading("ก. ข้อมูลนำเข้าและเอกสารต้นฉบับ", 3), inputs_table(view))
    out.add(Heading("ข. ข้อสังเกตด้านคุณภาพข้อมูล: รหัส ตำแหน่งในข้อมูล และแหล่งที่มา", 3),
            para("ลำดับที่ตรงกับตารางข้อสังเกตด้านคุณภาพข้อมูลในเนื้อรายงาน"),
            findings_appendix_table(view.findings))
    out.add(Heading("ค. แหล่งที่มาของตัวเลขรายโครงการ", 3), sources_table(view))
    return out
