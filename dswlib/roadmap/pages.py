"""The cover and the per-project pages of the action-plan report, as self-displaying Sections."""

from __future__ import annotations

from ..display import Bullets, Heading, Section, note, para, strong
from .forecast import forecast_for
from .progress import ProjectProgress
from .seedrefs import clean
from .tables import activities_table, breakdown_table
from .view import RoadmapView
from .wording import (
    fmt_pct, figure_text, forecast_text, kpi_name, needed_text, project_heading, range_text, responsible,
    result_text, section_path, target_text, vs_target_with_gap,
)


def cover(view: RoadmapView) -> Section:
    plan, doc, fy = view.plan, view.plan.document, view.fy
    out = Section()
    out.add(Heading(doc.title, 1))
    out.add(para(strong(doc.organisation), f" · {fy.title()} · ",
                 "แผนรายเดือน (ไม่มีรายงานผล)" if view.plan_only else fy.round_label(view.round_months)))
    if doc.prepared_by:
        out.add(para(f"จัดทำโดย {doc.prepared_by}" + (f" · ติดต่อ {doc.contact}" if doc.contact else "")))
    if view.plan_only:
        out.add(para("ไม่มีรายงานผลการดำเนินงาน: รายงานนี้แสดงแผนเท่านั้น จึงไม่ประเมินความล่าช้า"))
    else:
        t = view.totals
        pieces = ["โครงการ ", strong(t.projects), " โครงการ กิจกรรม ", strong(t.activities), " กิจกรรม (ทราบเดือนตามแผน ",
                  strong(t.activities_known_schedule), " กิจกรรม) · ครบกำหนดภายในรอบ ", strong(t.due),
                  " กิจกรรม แล้วเสร็จ ", strong(t.due_done), " กิจกรรม คิดเป็นร้อยละ ", strong(fmt_pct(t.percent_due_done)),
                  " · ล่าช้ากว่าแผน ", strong(t.late), " กิจกรรม"]
        if t.due_after_report:
            pieces += [" · ครบกำหนดหลังรายงานล่าสุดและยังไม่มีรายงานผล ", strong(t.due_after_report), " กิจกรรม"]
        out.add(para(*pieces))
        if view.report_behind:
            out.add(note(f"ยังไม่มีรายงานผลรอบ {view.round_months} เดือน: สถานะทั้งหมดเป็นข้อมูล ณ สิ้นรอบ {view.as_of} เดือน "
                         "กิจกรรมที่ครบกำหนดหลังจากนั้นยังไม่ถือว่าล่าช้า"))
        if plan.cutoff_note:
            out.add(para(clean(plan.cutoff_note), css="dsw-source"))
    if doc.note:
        out.add(para(clean(doc.note), css="dsw-source"))
    out.add(para(f"ที่มา: เอกสาร \"{doc.title}\" ({doc.organisation})", css="dsw-source"))
    return out


def project_page(view: RoadmapView, pp: ProjectProgress) -> Section:
    p, plan = pp.project, view.plan
    prog = p.progress.get(pp.as_of) if pp.as_of is not None else None
    out = Section()
    out.add(Heading(project_heading(p), 3))
    path = section_path(plan, p)
    if path:
        out.add(para(path, css="dsw-source"))
    if p.programme:
        out.add(para(f"ภายใต้: {clean(p.programme)}", css="dsw-source"))
    meta = [strong("ผู้รับผิดชอบ: "), responsible(p)]
    if not view.plan_only:
        printed = clean(prog.status_printed) if prog and prog.status_printed else "ไม่มีช่องสถานะในเอกสาร"
        reported = pp.reported.label if pp.reported else "ไม่ทราบ"
        meta += [" · ", strong("สถานะที่รายงาน: "), f"{reported} ({printed})",
                 " · ", strong("สถานะเทียบแผน (คำนวณ): "), pp.status.label]
    out.add(para(*meta))
    out.add(activities_table(view, pp))
    if p.activities_note:
        out.add(para(clean(p.activities_note), css="dsw-source"))
    if not view.plan_only and pp.due:
        out.add(para(f"กิจกรรมที่ครบกำหนดภายในรอบ {view.round_months} เดือน ", strong(len(pp.due)), " กิจกรรม แล้วเสร็จ ",
                     strong(len(pp.due_done)), " กิจกรรม คิดเป็นร้อยละ ", strong(fmt_pct(pp.percent_due_done))))
    for o in pp.kpis:
        out.add(_kpi_block(view, pp, o))
    if not p.kpis and p.kpi_note:
        out.add(para(strong("ตัวชี้วัด: "), clean(p.kpi_note)))
    if p.six_month_targets:
        out.add(para(strong("เป้าหมายการดำเนินงาน 6 เดือน")), Bullets([clean(t) for t in p.six_month_targets]))
    if prog is not None and not view.plan_only:
        if prog.summary:
            out.add(para(strong("สรุปผลการดำเนินงาน: "), clean(prog.summary)))
        figs = [fg for fg in prog.figures if fg.value is not None or fg.percent_printed is not None]
        if figs:
            out.add(para(strong("ตัวเลขสำคัญ")), Bullets([figure_text(fg) for fg in figs]))
        for b in prog.breakdowns:
            out.add(breakdown_table(view, b))
    return out


def _kpi_block(view: RoadmapView, pp: ProjectProgress, o) -> Section:
    out = Section()
    out.add(para(strong("ตัวชี้วัด: "), kpi_name(o.kpi)))
    out.add(para(strong("ค่าเป้าหมาย (รอบ 12 เดือน): "), target_text(o.kpi)))
    if not view.plan_only:
        f = forecast_for(pp, o)
        pieces = [strong(f"ผลรอบ {pp.as_of} เดือน: "), result_text(o)]
        if o.percent is not None:
            pieces += [" คิดเป็นร้อยละ ", strong(fmt_pct(o.percent))]
        verdict = vs_target_with_gap(o)
        if verdict not in ("รอผล", "ไม่มีค่าเป้าหมายเชิงตัวเลข", "–"):
            pieces.append(f" · {verdict}")
        out.add(para(*pieces))
        if f.value is not None:
            text = forecast_text(o.kpi, f) + (f" ช่วงคาดการณ์ {range_text(o.kpi, f)}" if f.low != f.high else "")
            out.add(para(strong("คาดการณ์ผล 12 เดือน: "), text))
            out.add(para(f.assumption, css="dsw-source"))
        if f.needed is not None:
            out.add(para(strong("เพื่อให้ถึงค่าเป้าหมาย: "), needed_text(o, f)))
    if o.kpi.note:
        out.add(para(clean(o.kpi.note), css="dsw-source"))
    return out
