"""The tables of the action-plan report as :class:`~dswlib.display.ReportTable`: numbers stay numbers
(counts as ``Int64``, percentages and months as numbers, ``NaN``/``<NA>`` where there is no figure);
statuses and names are Thai text. Formatting happens only when a table is shown."""

from __future__ import annotations

import math

from ..display import Col, ReportTable
from .forecast import forecast_for
from .gantt import shorten
from .progress import ProjectProgress, planned_end
from .seedrefs import clean
from .view import RoadmapView
from .wording import (
    METHOD_LABELS, NO_ACTIVITY_NAME, RANGE_VERDICT, central_verdict, kpi_name, month_of_index, months_text,
    project_heading, responsible, result_text, vs_target,
)

PCT = Col(decimals=2, unit="ร้อยละ")
COUNT = Col(decimals=None)
MONTHS = Col(decimals=None, unit="เดือน")
MATCH = Col(fmt=lambda v: "ตรง" if v else "ไม่ตรง", align="center")


def num(value) -> float:
    """A Decimal/int figure as a float; ``None`` -> NaN."""
    return math.nan if value is None else float(value)


def _frame(rows, columns, ints=(), bools=()):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for name in ints:
        frame[name] = pd.array([None if v is None or (isinstance(v, float) and math.isnan(v)) else int(v)
                                for v in frame[name]], dtype="Int64")
    for name in bools:
        frame[name] = pd.array(list(frame[name]), dtype="boolean")
    return frame


def document_source(view: RoadmapView, computed: bool = True) -> str:
    """The footnote of a table: the source document by its Thai title."""
    title = view.plan.document.title
    return f"คำนวณจากเอกสาร \"{title}\"" if computed else f"เอกสาร \"{title}\""


def _is_pct_kpi(kpi) -> bool:
    return kpi.kind.capped_by_base


# ------------------------------------------------------------------ summary


SUMMARY_COLUMNS = [
    "ที่", "โครงการ", "ผู้รับผิดชอบ", "สถานะที่รายงาน", "สถานะเทียบแผน (คำนวณ)", "กิจกรรมทั้งหมด",
    "ไม่ทราบเดือนตามแผน (กิจกรรม)", "ครบกำหนดภายในรอบ (กิจกรรม)", "ครบกำหนดและแล้วเสร็จ (กิจกรรม)",
    "ร้อยละแล้วเสร็จของกิจกรรมที่ครบกำหนด", "ผลตัวชี้วัด (ร้อยละ)", "ค่าเป้าหมาย (ร้อยละ)", "ผลตัวชี้วัดเทียบค่าเป้าหมาย",
]


def _kpi_cells(pp: ProjectProgress):
    """(percent, target percent, verdict) of a project's KPI for the summary row."""
    if not pp.kpis:
        return None, None, "ไม่มีตัวชี้วัด"
    if len(pp.kpis) > 1:
        if all(o.pending for o in pp.kpis):
            return None, None, f"รอผล ({len(pp.kpis)} ตัวชี้วัด)"
        return None, None, f"{len(pp.kpis)} ตัวชี้วัด (ดูตารางผลตามตัวชี้วัด)"
    o = pp.kpis[0]
    t = o.kpi.target
    target = t.value if t is not None and t.value is not None and (_is_pct_kpi(o.kpi) or t.is_percent) else None
    if o.pending:
        return None, target, "รอผล"
    return o.percent, target, vs_target(o)


def summary_table(view: RoadmapView) -> ReportTable:
    """One row per project: statuses, activities due and done by the round, and the KPI result."""
    rows = []
    for i, pp in enumerate(view.progress, 1):
        p = pp.project
        pct, target, verdict = _kpi_cells(pp)
        has_acts = bool(pp.activities)
        rows.append([
            i, p.title, responsible(p),
            pp.reported.label if pp.reported else "ไม่มีช่องสถานะ", pp.status.label,
            len(pp.activities) if has_acts else None,
            len(pp.unknown_schedule) if has_acts else None,
            len(pp.due) if pp.due else None,
            len(pp.due_done) if pp.due else None,
            num(pp.percent_due_done), num(pct), num(target), verdict,
        ])
    frame = _frame(rows, SUMMARY_COLUMNS, ints=SUMMARY_COLUMNS[5:9] + ["ที่"])
    return ReportTable(
        frame,
        cols={"ร้อยละแล้วเสร็จของกิจกรรมที่ครบกำหนด": PCT, "ผลตัวชี้วัด (ร้อยละ)": PCT,
              "ค่าเป้าหมาย (ร้อยละ)": Col(decimals=None, unit="ร้อยละ")},
        caption=f"ตารางสรุปความก้าวหน้ารายโครงการ รอบ {view.round_months} เดือน",
        notes=("“-” ในช่องกิจกรรมที่ครบกำหนด: ไม่มีกิจกรรมที่ทราบเดือนตามแผนครบกำหนดภายในรอบ",),
        source=document_source(view),
    )


PLAN_COLUMNS = ["ตัวชี้วัด/โครงการ", "จำนวนกิจกรรม", "ครบกำหนดภายในรอบ (กิจกรรม)", "ไม่ทราบเดือนตามแผน (กิจกรรม)",
                "เป้าหมายรอบ 6 เดือนที่กำหนด (ข้อ)", "กิจกรรมที่ครบกำหนด (ลำดับที่)"]


def plan_table(view: RoadmapView) -> ReportTable:
    """Plan-only years: what each KPI/project planned to finish by the round."""
    rows = []
    for p in view.plan.projects:
        ends = [(a, planned_end(a, view.plan.fiscal_year)) for a in p.activities]
        due = [a for a, e in ends if e is not None and e <= view.round_months]
        unknown = [a for a, e in ends if e is None]
        known = bool(p.activities) and len(unknown) < len(p.activities)
        rows.append([project_heading(p), len(p.activities), len(due) if known else None, len(unknown),
                     len(p.six_month_targets), ", ".join(str(a.number) for a in due) or None])
    frame = _frame(rows, PLAN_COLUMNS, ints=PLAN_COLUMNS[1:5])
    return ReportTable(frame, caption=f"กิจกรรมที่ต้องแล้วเสร็จภายในรอบ {view.round_months} เดือนตามแผน",
                       source=document_source(view))


# ------------------------------------------------------------------ KPIs


def _unit(o) -> str | None:
    if _is_pct_kpi(o.kpi) or (o.kpi.target is not None and o.kpi.target.is_percent):
        return "ร้อยละ"
    if o.result is not None and o.result.unit:
        return o.result.unit
    t = o.kpi.target
    return t.unit if t is not None else None


def kpi_rows(view: RoadmapView):
    """(number, project progress, outcome, forecast) of every KPI, numbered in report order."""
    n = 0
    for pp in view.progress:
        for o in pp.kpis:
            n += 1
            yield n, pp, o, forecast_for(pp, o)


def kpi_table(view: RoadmapView) -> ReportTable:
    """Each KPI's result at the round against its 12-month target; printed and recomputed percentages."""
    rnd = view.shown_round
    achieved = f"ผลงานรอบ {rnd} เดือน"
    columns = ["ที่", "โครงการ", "ตัวชี้วัด", "ค่าเป้าหมาย 12 เดือน", "หน่วยของค่าเป้าหมาย", "ค่าเป้าหมาย (ข้อความ)",
               achieved, "ฐาน (ตัวหาร)", "หน่วยนับ", "ร้อยละที่รายงาน", "ร้อยละที่คำนวณ", "ร้อยละตรงกัน",
               "ส่วนต่างจากค่าเป้าหมาย", "ผลเทียบค่าเป้าหมาย"]
    rows = []
    for n, pp, o, _ in kpi_rows(view):
        t, res = o.kpi.target, o.result
        numeric = res is not None and not res.pending and res.achieved is not None
        rows.append([
            n, pp.project.title, kpi_name(o.kpi),
            num(t.value if t is not None else None),
            _unit(o) if t is not None and t.value is not None else None,
            (clean(t.text) or None) if t is not None else "ไม่ปรากฏค่าเป้าหมาย",
            num(res.achieved if numeric else None), num(res.base if numeric else None),
            (res.unit or None) if numeric else None,
            num(res.percent_printed if res is not None else None), num(o.percent),
            o.printed_matches, num(o.gap),
            vs_target(o) if numeric else result_text(o),
        ])
    frame = _frame(rows, columns, ints=["ที่"], bools=["ร้อยละตรงกัน"])
    return ReportTable(
        frame,
        cols={"ค่าเป้าหมาย 12 เดือน": COUNT, achieved: COUNT, "ฐาน (ตัวหาร)": COUNT, "ร้อยละที่รายงาน": PCT,
              "ร้อยละที่คำนวณ": PCT, "ร้อยละตรงกัน": MATCH,
              "ส่วนต่างจากค่าเป้าหมาย": Col(decimals=2, signed=True)},
        caption=f"ผลตามตัวชี้วัดเทียบค่าเป้าหมาย 12 เดือน (ผลรอบ {rnd} เดือน)",
        notes=("ร้อยละที่คำนวณ = ผลงาน ÷ ฐาน × 100 ปัดเศษแบบครึ่งขึ้นทศนิยม 2 ตำแหน่ง; "
               "ส่วนต่างจากค่าเป้าหมาย = ร้อยละที่คำนวณ (หรือผลงาน สำหรับตัวชี้วัดเชิงจำนวน) ลบค่าเป้าหมาย",),
        source=document_source(view),
    )


def forecast_table(view: RoadmapView) -> ReportTable:
    """The 12-month forecast of each KPI: central figure, range, and what the months left must bring."""
    columns = ["ที่", "ตัวชี้วัด", "หน่วย", "คาดการณ์ 12 เดือน (ค่ากลาง)", "ค่ากลางเทียบค่าเป้าหมาย",
               "ช่วงคาดการณ์ (ต่ำสุด)", "ช่วงคาดการณ์ (สูงสุด)", "ช่วงคาดการณ์เทียบค่าเป้าหมาย",
               "ต้องเพิ่มอีก", "หน่วยนับ", "เดือนที่เหลือ", "ต้องทำได้ต่อเดือน", "ทำได้ต่อเดือนที่ผ่านมา",
               "ร้อยละของเรื่องที่เข้ามาที่ต้องดำเนินการได้", "วิธีคาดการณ์"]
    rows = []
    for n, pp, o, f in kpi_rows(view):
        nd = f.needed
        share = nd is not None and nd.share_needed is not None
        rows.append([
            n, shorten(kpi_name(o.kpi), 80), _unit(o) if f.value is not None else None,
            num(f.value), central_verdict(f), num(f.low), num(f.high), RANGE_VERDICT.get(f.range_meets),
            num(nd.remaining if nd is not None and not share else None),
            (o.result.unit or None) if nd is not None and not share and o.result is not None else None,
            nd.months_left if nd is not None else None,
            num(nd.per_month if nd is not None else None), num(nd.current_per_month if nd is not None else None),
            num(nd.share_needed if nd is not None else None), METHOD_LABELS[f.method],
        ])
    frame = _frame(rows, columns, ints=["ที่", "เดือนที่เหลือ"])
    two = Col(decimals=2)
    return ReportTable(
        frame,
        cols={"คาดการณ์ 12 เดือน (ค่ากลาง)": two, "ช่วงคาดการณ์ (ต่ำสุด)": two, "ช่วงคาดการณ์ (สูงสุด)": two,
              "ต้องเพิ่มอีก": COUNT, "เดือนที่เหลือ": MONTHS, "ต้องทำได้ต่อเดือน": two, "ทำได้ต่อเดือนที่ผ่านมา": two,
              "ร้อยละของเรื่องที่เข้ามาที่ต้องดำเนินการได้": PCT},
        caption="การคาดการณ์ผล 12 เดือน และสิ่งที่ต้องทำเพิ่มเพื่อให้ถึงค่าเป้าหมาย",
        notes=("ช่วงคาดการณ์เป็นช่วง 80%; ลำดับที่ตรงกับตารางผลตามตัวชี้วัด",),
        source=document_source(view),
    )


# ------------------------------------------------------------------ activities


LATE_COLUMNS = ["โครงการ", "กิจกรรมที่", "กิจกรรม", "เดือนตามแผน", "สถานะที่รายงาน", "เกินกำหนด ณ สิ้นรอบ (เดือน)",
                "เลื่อนไปเดือน", "คาดว่าล่าช้ากว่าแผน (เดือน)"]


def lateness_table(view: RoadmapView) -> ReportTable:
    rows = []
    for pp in view.progress:
        for a in pp.late:
            rows.append([
                pp.project.title, a.number, a.name or NO_ACTIVITY_NAME, months_text(pp.project, a.number),
                a.reported.label if a.reported else "ไม่ได้รายงาน", a.months_overdue,
                month_of_index(view.plan.fiscal_year, a.rescheduled_to) if a.rescheduled_to else None,
                a.expected_delay,
            ])
    frame = _frame(rows, LATE_COLUMNS, ints=["กิจกรรมที่", "เกินกำหนด ณ สิ้นรอบ (เดือน)", "คาดว่าล่าช้ากว่าแผน (เดือน)"])
    return ReportTable(frame, cols={"เกินกำหนด ณ สิ้นรอบ (เดือน)": MONTHS, "คาดว่าล่าช้ากว่าแผน (เดือน)": MONTHS},
                       caption="กิจกรรมที่ครบกำหนดตามแผนแล้วแต่ยังไม่แล้วเสร็จ", source=document_source(view),
                       empty="ไม่มีกิจกรรมที่ล่าช้ากว่าแผน")


def activities_table(view: RoadmapView, pp: ProjectProgress) -> ReportTable | None:
    """The activities of one project: planned months, and status at the round where progress was reported."""
    p = pp.project
    if not p.activities:
        return None
    by_no = {x.number: x for x in pp.activities}
    rows = []
    for a in p.activities:
        ap = by_no[a.number]
        row = {"ที่": a.number, "กิจกรรม": a.name or NO_ACTIVITY_NAME, "เดือนตามแผน": months_text(p, a.number)}
        if not view.plan_only:
            notes = []
            if ap.months_overdue == 0:
                notes.append("ครบกำหนดในเดือนสุดท้ายของรอบ")
            elif ap.months_overdue is None and ap.due_after_report:
                notes.append(f"ครบกำหนดภายในรอบ {view.round_months} เดือน ยังไม่มีรายงานผล")
            if ap.rescheduled_to:
                notes.append(f"เลื่อนไป {month_of_index(view.plan.fiscal_year, ap.rescheduled_to)}")
            row.update({"สถานะที่รายงาน": ap.reported.label if ap.reported else "ไม่ได้รายงาน",
                        "สถานะ ณ สิ้นรอบ": ap.status.label, "เกินกำหนด ณ สิ้นรอบ (เดือน)": ap.months_overdue,
                        "หมายเหตุ": " ".join(notes) or None})
        elif a.note:
            row["หมายเหตุ"] = clean(a.note)
        rows.append(row)
    columns = list(dict.fromkeys(k for r in rows for k in r))
    frame = _frame([[r.get(c) for c in columns] for r in rows], columns,
                   ints=[c for c in ("ที่", "เกินกำหนด ณ สิ้นรอบ (เดือน)") if c in columns])
    return ReportTable(frame, cols={"เกินกำหนด ณ สิ้นรอบ (เดือน)": MONTHS})


def breakdown_table(view: RoadmapView, b) -> ReportTable:
    """A printed total and its printed parts, as printed (the total row in bold)."""
    value = b.unit or "จำนวน"
    rows = [[clean(part.label), num(part.value)] for part in b.parts] + [["รวม (ตามที่พิมพ์)", num(b.total)]]
    frame = _frame(rows, ["รายการ", value])
    return ReportTable(frame, cols={value: COUNT}, caption=clean(b.label),
                       emphasis=[False] * len(b.parts) + [True], source=document_source(view, computed=False))
