"""Tables and HTML for the action-plan progress report (used by the notebook).

``build_*`` functions return DataFrames / escaped HTML strings (testable);
``show_*`` display them in a notebook.  Every text that comes from params is
escaped with :func:`dswlib.notebook.esc`; tables go through
``DataFrame.to_html(escape=True)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..fiscal import FiscalYear, format_thai_date, month_abbr
from ..htmlparts import esc
from ..htmlparts import table_html as _table_html
from ..thainum import format_number
from .forecast import Forecast, forecast_for
from .loader import load_plan
from .model import Plan, Project
from .progress import ProjectProgress, Totals, plan_progress, planned_end, report_round, totals
from .quality import Finding, findings
from .vocab import Status

NA = "–"
METHOD_LABELS = {
    "run_rate": "อัตราต่อเดือนคงที่", "constant_rate": "สัดส่วนคงที่", "schedule": "ตามแผนรายเดือนที่ปรับตามความล่าช้า",
    "cohort_once": "ไม่คาดการณ์เชิงเส้น (นับทั้งกลุ่มครั้งเดียว)", "final": "ผลรอบ 12 เดือน", "none": "ไม่คาดการณ์",
}


@dataclass(frozen=True)
class RoadmapView:
    plan: Plan
    round_months: int
    progress: list[ProjectProgress]
    totals: Totals
    findings: list[Finding]
    as_of: int | None = None  # the round of the latest report at or before round_months (None: plan only)

    @property
    def plan_only(self) -> bool:
        """No progress report covers the round: the plan is shown, nothing is late."""
        return self.as_of is None

    @property
    def report_behind(self) -> bool:
        """The round asked for has no report of its own (e.g. round 12 shown from the 6-month report)."""
        return self.as_of is not None and self.as_of < self.round_months

    @property
    def fy(self) -> FiscalYear:
        return FiscalYear(self.plan.fiscal_year)


def load_view(fiscal_year: int, round_months: int = 6, params_dir=None) -> RoadmapView:
    """Load the plan of ``fiscal_year`` and compute everything the report shows."""
    if round_months not in (6, 12):
        raise ValueError(f"round must be 6 or 12 months, got {round_months!r}")
    plan = load_plan(int(fiscal_year), params_dir)
    return view_of(plan, round_months)


def view_of(plan: Plan, round_months: int) -> RoadmapView:
    prog = plan_progress(plan, round_months)
    as_of = report_round(plan, round_months)
    return RoadmapView(plan, round_months, prog, totals(prog), findings(plan, as_of), as_of)


# ------------------------------------------------------------- formatting


def fmt_pct(value) -> str:
    return NA if value is None else format_number(value, 2)


def fmt_months(plan: Plan, project: Project, number: int) -> str:
    a = project.activity(number)
    if a is None or a.months is None:
        if a is not None and a.deadline is not None:
            return f"ภายใน {format_thai_date(a.deadline, abbreviated=True)}"
        return "ไม่ทราบ"
    if not a.months:
        return "ไม่มีแผน"
    text = ", ".join(m.label() for m in a.months)
    return text + (" → (หลังสิ้นปีงบประมาณ)" if a.extends_after_year else "")


def month_of_index(fiscal_year: int, index: int) -> str:
    fy = FiscalYear(fiscal_year)
    if 1 <= index <= 12:
        y, m = fy.months()[index - 1]
        return month_abbr(m, y + 543)
    return f"เดือนที่ {index}"


def _target_text(kpi) -> str:
    t = kpi.target
    if t is None:
        return "ไม่ปรากฏค่าเป้าหมาย"
    parts = []
    if t.value is not None:
        parts.append(f"ร้อยละ {format_number(t.value)}" if kpi.kind.capped_by_base else format_number(t.value))
    if t.text:
        parts.append(t.text)
    return " ".join(parts) or "ไม่ปรากฏค่าเป้าหมาย"


def _target_short(kpi) -> str:
    t = kpi.target
    if t is None or t.value is None:
        return "ไม่มีค่าเป้าหมายเชิงตัวเลข"
    return f"เป้า {format_number(t.value)}"


def _result_text(outcome) -> str:
    res = outcome.result
    if res is None:
        return "ไม่มีรายงานผล"
    if res.pending:
        return "อยู่ระหว่างดำเนินการ (ยังไม่มีผลเชิงตัวเลข)"
    if res.achieved is None:
        return res.text or NA
    unit = f" {res.unit}" if res.unit else ""
    if res.base is not None:
        return f"{format_number(res.achieved)} จาก {format_number(res.base)}{unit}"
    return f"{format_number(res.achieved)}{unit}"


def _vs_target(outcome) -> str:
    if outcome.target_met is None:
        if outcome.result is not None and outcome.result.base == 0:
            return "ประเมินไม่ได้ (0/0)"
        return NA
    gap = format_number(outcome.gap, 2)
    if outcome.target_met:
        return f"บรรลุค่าเป้าหมาย 12 เดือนแล้ว (+{gap})" if outcome.gap > 0 else "เท่ากับค่าเป้าหมาย 12 เดือน"
    return f"ต่ำกว่าค่าเป้าหมาย 12 เดือน ({gap})"


def _fig(kpi, value) -> str:
    return f"ร้อยละ {format_number(value, 2)}" if kpi.kind.capped_by_base else format_number(value)


def _forecast_text(kpi, f: Forecast) -> str:
    if f.value is None:
        return NA
    text = _fig(kpi, f.value)
    if f.meets_target is True:
        text += " (คาดว่าบรรลุเป้าหมาย)"
    elif f.meets_target is False:
        text += " (คาดว่าไม่บรรลุเป้าหมาย)"
    return text


def _range_text(kpi, f: Forecast) -> str:
    if f.low is None or f.high is None:
        return NA
    if f.low == f.high:
        text = _fig(kpi, f.low)
    else:
        lo = format_number(f.low, 2) if kpi.kind.capped_by_base else format_number(f.low)
        hi = format_number(f.high, 2) if kpi.kind.capped_by_base else format_number(f.high)
        text = (f"ร้อยละ {lo} – {hi}" if kpi.kind.capped_by_base else f"{lo} – {hi}")
    text += {"all": " (บรรลุเป้าหมายทั้งช่วง)", "none": " (ต่ำกว่าเป้าหมายทั้งช่วง)",
             "some": " (อาจบรรลุหรือไม่บรรลุเป้าหมาย)"}.get(f.range_meets, "")
    return text


def _needed_text(o, f: Forecast) -> str:
    if f.needed is None:
        return NA if o.kpi.target is None or o.kpi.target.value is None else "ประเมินไม่ได้ (ยังไม่มีผลเชิงตัวเลข)"
    return f.needed.text(o.result.unit if o.result is not None else None)


def _section_path(plan: Plan, project: Project) -> str:
    for path, p in plan.iter_projects():
        if p.id == project.id:
            return " › ".join(s.title for s in path)
    return ""


def _responsible(project: Project) -> str:
    if not project.responsible:
        return "ไม่ระบุ"
    return ", ".join(r.unit + (f" ({r.role})" if r.role else "") for r in project.responsible)


# ------------------------------------------------------------- tables


def build_summary_table(view: RoadmapView):
    import pandas as pd

    rows = []
    for i, pp in enumerate(view.progress, 1):
        p = pp.project
        kpi_bits = []
        for o in pp.kpis:
            if o.pending or o.result is None:
                kpi_bits.append("รอผล")
            elif o.percent is not None:
                kpi_bits.append(f"{fmt_pct(o.percent)} / {_target_short(o.kpi)}")
            else:
                kpi_bits.append(_result_text(o))
        due = f"{len(pp.due_done)}/{len(pp.due)}" if pp.due else NA
        rows.append({
            "ที่": i,
            "โครงการ": p.title,
            "ผู้รับผิดชอบ": _responsible(p),
            "สถานะที่รายงาน": pp.reported.label if pp.reported else "ไม่มีช่องสถานะ",
            "สถานะเทียบแผน (คำนวณ)": pp.status.label,
            "กิจกรรมครบกำหนดที่แล้วเสร็จ": due,
            "ร้อยละแล้วเสร็จของกิจกรรมที่ครบกำหนด": fmt_pct(pp.percent_due_done),
            "กิจกรรมที่ไม่ทราบเดือนตามแผน": f"{len(pp.unknown_schedule)}/{len(pp.activities)}" if pp.activities else NA,
            "ผลตัวชี้วัด (ร้อยละ) / ค่าเป้าหมาย": "; ".join(kpi_bits) or "ไม่มีตัวชี้วัด",
        })
    return pd.DataFrame(rows)


def build_kpi_table(view: RoadmapView):
    import pandas as pd

    rows = []
    rnd = view.as_of or view.round_months
    for pp in view.progress:
        for o in pp.kpis:
            f = forecast_for(pp, o)
            printed = o.result.percent_printed if o.result is not None else None
            rows.append({
                "โครงการ": pp.project.title,
                "ตัวชี้วัด": o.kpi.name or "(ข้อความตัวชี้วัดไม่ปรากฏ)",
                "ค่าเป้าหมาย 12 เดือน": _target_text(o.kpi),
                f"ผลรอบ {rnd} เดือน": _result_text(o),
                "ร้อยละที่รายงาน": fmt_pct(printed),
                "ร้อยละที่คำนวณ": fmt_pct(o.percent),
                "ตรงกัน": NA if o.printed_matches is None else ("ตรง" if o.printed_matches else "ไม่ตรง"),
                "เทียบค่าเป้าหมาย": _vs_target(o),
                "คาดการณ์ 12 เดือน (ค่ากลาง)": _forecast_text(o.kpi, f),
                "ช่วงคาดการณ์": _range_text(o.kpi, f),
                "สิ่งที่ต้องทำเพิ่มเพื่อถึงค่าเป้าหมาย": _needed_text(o, f),
                "วิธีคาดการณ์": METHOD_LABELS[f.method],
            })
    return pd.DataFrame(rows)


def build_lateness_table(view: RoadmapView):
    import pandas as pd

    rows = []
    for pp in view.progress:
        for a in pp.late:
            rows.append({
                "โครงการ": pp.project.title,
                "กิจกรรม": f"{a.number}. {a.name or ''}".strip(),
                "เดือนตามแผน": fmt_months(view.plan, pp.project, a.number),
                "สถานะที่รายงาน": a.reported.label if a.reported else "ไม่ได้รายงาน",
                "เกินกำหนด ณ สิ้นรอบ (เดือน)": a.months_overdue,
                "เลื่อนไปเดือน": month_of_index(view.plan.fiscal_year, a.rescheduled_to) if a.rescheduled_to else NA,
                "คาดว่าล่าช้ากว่าแผน (เดือน)": a.expected_delay if a.expected_delay is not None else NA,
            })
    return pd.DataFrame(rows)


def build_plan_table(view: RoadmapView):
    """Plan-only years: what each KPI/project planned to finish by the round."""
    import pandas as pd

    rows = []
    for p in view.plan.projects:
        ends = [(a, planned_end(a, view.plan.fiscal_year)) for a in p.activities]
        due = [a for a, e in ends if e is not None and e <= view.round_months]
        unknown = [a for a, e in ends if e is None]
        rows.append({
            "ตัวชี้วัด/โครงการ": f"{p.code} {p.title}".strip() if p.code else p.title,
            "จำนวนกิจกรรม": len(p.activities),
            f"ครบกำหนดภายในรอบ {view.round_months} เดือน": len(due) if p.activities and len(unknown) < len(p.activities) else NA,
            "ไม่ทราบเดือนตามแผน": len(unknown),
            f"เป้าหมายรอบ 6 เดือนที่กำหนด (ข้อ)": len(p.six_month_targets),
            "กิจกรรมที่ครบกำหนด": ", ".join(str(a.number) for a in due) or NA,
        })
    return pd.DataFrame(rows)


def build_findings_table(view: RoadmapView):
    import pandas as pd

    titles = {p.id: p.title for p in view.plan.projects}
    return pd.DataFrame([
        {"โครงการ": titles.get(f.project_id, NA), "ข้อสังเกต": f.message, "อ้างอิง": f.source or NA}
        for f in view.findings
    ])


def table_html(df) -> str:
    return _table_html(df, classes="roadmap-table", na_rep=NA, empty="ไม่มีรายการ")


STYLE = """<style>
.roadmap-table{border-collapse:collapse;font-family:'Sarabun',sans-serif;font-size:0.92em;margin:0.4em 0 1em}
.roadmap-table th,.roadmap-table td{border:1px solid #cfd8dc;padding:4px 6px;vertical-align:top;text-align:left !important}
.roadmap-table th{background:#eceff1}
.roadmap-box{border:1px solid #cfd8dc;border-radius:6px;padding:8px 12px;margin:0.5em 0 1.2em;font-family:'Sarabun',sans-serif}
.roadmap-status{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:0.9em}
.roadmap-note{color:#546e7a;font-size:0.9em}
</style>"""

_BADGE = {
    Status.DONE: "#2e7d32", Status.ON_TRACK: "#00897b", Status.IN_PROGRESS: "#1e88e5",
    Status.LATE: "#d32f2f", Status.NOT_STARTED: "#757575", Status.UNKNOWN: "#9e9e9e",
}


def badge(status: Status | None) -> str:
    status = status or Status.UNKNOWN
    return f'<span class="roadmap-status" style="background:{_BADGE[status]}">{esc(status.label)}</span>'


# ------------------------------------------------------------- HTML blocks


def build_cover_html(view: RoadmapView) -> str:
    plan, doc = view.plan, view.plan.document
    fy = view.fy
    lines = [f"<h1>{esc(doc.title)}</h1>",
             f"<p><b>{esc(doc.organisation)}</b> · {esc(fy.title())} · "
             f"{esc('แผนรายเดือน (ไม่มีรายงานผล)' if view.plan_only else fy.round_label(view.round_months))}</p>"]
    if doc.prepared_by:
        lines.append(f"<p>จัดทำโดย {esc(doc.prepared_by)}" + (f" · ติดต่อ {esc(doc.contact)}" if doc.contact else "") + "</p>")
    if not view.plan_only:
        t = view.totals
        lines.append(
            "<p>" + esc(
                f"โครงการ {t.projects} โครงการ กิจกรรม {t.activities} กิจกรรม "
                f"(ทราบเดือนตามแผน {t.activities_known_schedule} กิจกรรม) · "
                f"ครบกำหนดภายในรอบ {t.due} กิจกรรม แล้วเสร็จ {t.due_done} กิจกรรม "
                f"คิดเป็นร้อยละ {fmt_pct(t.percent_due_done)} · ล่าช้ากว่าแผน {t.late} กิจกรรม"
                + (f" · ครบกำหนดหลังรายงานล่าสุดและยังไม่มีรายงานผล {t.due_after_report} กิจกรรม"
                   if t.due_after_report else "")
            ) + "</p>")
        if view.report_behind:
            lines.append("<p><b>" + esc(
                f"ยังไม่มีรายงานผลรอบ {view.round_months} เดือน: สถานะทั้งหมดเป็นข้อมูล ณ สิ้นรอบ {view.as_of} เดือน "
                f"กิจกรรมที่ครบกำหนดหลังจากนั้นยังไม่ถือว่าล่าช้า") + "</b></p>")
    elif view.plan_only:
        lines.append("<p>" + esc("ไม่มีรายงานผลการดำเนินงาน: รายงานนี้แสดงแผนเท่านั้น จึงไม่ประเมินความล่าช้า") + "</p>")
    if plan.cutoff_note and not view.plan_only:
        lines.append(f'<p class="roadmap-note">{esc(plan.cutoff_note)}</p>')
    if doc.note:
        lines.append(f'<p class="roadmap-note">{esc(doc.note)}</p>')
    src = f"ที่มา: {doc.source}" if doc.source else ""
    if src:
        lines.append(f'<p class="roadmap-note">{esc(src)}</p>')
    return STYLE + '<div class="roadmap-box">' + "".join(lines) + "</div>"


def build_project_html(view: RoadmapView, pp: ProjectProgress) -> str:
    p, plan = pp.project, view.plan
    prog = p.progress.get(pp.as_of) if pp.as_of is not None else None
    out = [f'<div class="roadmap-box"><h3>{esc((p.code + " ") if p.code else "")}{esc(p.title)}</h3>']
    path = _section_path(plan, p)
    if path:
        out.append(f'<p class="roadmap-note">{esc(path)}</p>')
    if p.programme:
        out.append(f'<p class="roadmap-note">ภายใต้: {esc(p.programme)}</p>')
    meta = [f"ผู้รับผิดชอบ: {esc(_responsible(p))}"]
    if not view.plan_only:
        printed = prog.status_printed if prog and prog.status_printed else "ไม่มีช่องสถานะในเอกสาร"
        meta.append(f"สถานะที่รายงาน: {badge(pp.reported)} <span class='roadmap-note'>({esc(printed)})</span>")
        meta.append(f"สถานะเทียบแผน (คำนวณ): {badge(pp.status)}")
    out.append("<p>" + " · ".join(meta) + "</p>")
    # activities
    rows = []
    for a in p.activities:
        ap = next(x for x in pp.activities if x.number == a.number)
        row = {"ที่": a.number, "กิจกรรม": a.name or "(ชื่อกิจกรรมไม่ปรากฏในเอกสาร)",
               "เดือนตามแผน": fmt_months(plan, p, a.number)}
        if not view.plan_only:
            row["สถานะที่รายงาน"] = ap.reported.label if ap.reported else "ไม่ได้รายงาน"
            row["สถานะ ณ สิ้นรอบ"] = ap.status.label
            row["หมายเหตุ"] = (f"เกินกำหนด {ap.months_overdue} เดือน" if ap.months_overdue else
                               "ครบกำหนดในเดือนสุดท้ายของรอบ" if ap.months_overdue == 0 else
                               f"ครบกำหนดภายในรอบ {view.round_months} เดือน ยังไม่มีรายงานผล" if ap.due_after_report
                               else "")
            if ap.rescheduled_to:
                row["หมายเหตุ"] += f" เลื่อนไป {month_of_index(plan.fiscal_year, ap.rescheduled_to)}"
        elif a.note:
            row["หมายเหตุ"] = a.note
        rows.append(row)
    import pandas as pd

    if rows:
        out.append(table_html(pd.DataFrame(rows)))
    if p.activities_note:
        out.append(f'<p class="roadmap-note">{esc(p.activities_note)}</p>')
    if not view.plan_only and pp.due:
        out.append("<p>" + esc(
            f"กิจกรรมที่ครบกำหนดภายในรอบ {view.round_months} เดือน {len(pp.due)} กิจกรรม แล้วเสร็จ "
            f"{len(pp.due_done)} กิจกรรม คิดเป็นร้อยละ {fmt_pct(pp.percent_due_done)}") + "</p>")
    # KPIs
    for o in pp.kpis:
        f = forecast_for(pp, o)
        out.append(f"<p><b>ตัวชี้วัด:</b> {esc(o.kpi.name or '(ข้อความตัวชี้วัดไม่ปรากฏ)')}<br>"
                   f"<b>ค่าเป้าหมาย (รอบ 12 เดือน):</b> {esc(_target_text(o.kpi))}")
        if not view.plan_only:
            out.append(f"<br><b>ผลรอบ {pp.as_of} เดือน:</b> {esc(_result_text(o))}")
            if o.percent is not None:
                out.append(f" คิดเป็นร้อยละ {esc(fmt_pct(o.percent))}")
            out.append(f" · {esc(_vs_target(o))}")
            if f.value is not None:
                out.append(f"<br><b>คาดการณ์ผล 12 เดือน:</b> {esc(_forecast_text(o.kpi, f))}"
                           + (f" ช่วงคาดการณ์ {esc(_range_text(o.kpi, f))}" if f.low != f.high else "")
                           + f" <span class='roadmap-note'>({esc(f.assumption)})</span>")
            if f.needed is not None:
                out.append(f"<br><b>เพื่อให้ถึงค่าเป้าหมาย:</b> {esc(_needed_text(o, f))}")
        if o.kpi.note:
            out.append(f"<br><span class='roadmap-note'>{esc(o.kpi.note)}</span>")
        out.append("</p>")
    if not p.kpis and p.kpi_note:
        out.append(f"<p><b>ตัวชี้วัด:</b> {esc(p.kpi_note)}</p>")
    if p.six_month_targets:
        items = "".join(f"<li>{esc(t)}</li>" for t in p.six_month_targets)
        out.append(f"<p><b>เป้าหมายการดำเนินงาน 6 เดือน</b></p><ul>{items}</ul>")
    if prog is not None and not view.plan_only:
        if prog.summary:
            out.append(f"<p><b>สรุปผลการดำเนินงาน:</b> {esc(prog.summary)}</p>")
        figs = [fg for fg in prog.figures if fg.value is not None or fg.percent_printed is not None]
        if figs:
            items = "".join(f"<li>{esc(_figure_text(fg))}</li>" for fg in figs)
            out.append(f"<p><b>ตัวเลขสำคัญ</b></p><ul>{items}</ul>")
        for b in prog.breakdowns:
            df = pd.DataFrame([{"รายการ": part.label, b.unit or "จำนวน": format_number(part.value)} for part in b.parts]
                              + [{"รายการ": "รวม (ตามที่พิมพ์)", b.unit or "จำนวน": format_number(b.total)}])
            out.append(f"<p><b>{esc(b.label)}</b></p>" + table_html(df))
    refs = ", ".join(dict.fromkeys(x for x in (p.source, prog.source if prog else None) if x))
    if refs:
        out.append(f'<p class="roadmap-note">อ้างอิงต้นฉบับ: {esc(refs)}</p>')
    out.append("</div>")
    return "".join(out)


def _figure_text(fg) -> str:
    from ..thainum import percent

    unit = f" {fg.unit}" if fg.unit and fg.unit not in ("index", "ร้อยละ") else ""
    if fg.value is None:  # a printed percentage only
        text = f"{fg.label} ร้อยละ {format_number(fg.percent_printed)}"
        if fg.base is not None:
            text += f" ของ {format_number(fg.base)}{unit}"
        else:
            text += " (ไม่ระบุฐาน)"
    elif fg.unit == "index" and fg.percent_printed is not None:
        text = f"{fg.label} {format_number(fg.value)} (ร้อยละ {format_number(fg.percent_printed, 2)})"
    elif fg.base is not None:
        text = (f"{fg.label} {format_number(fg.value)} จาก {format_number(fg.base)}{unit} "
                f"(ร้อยละ {format_number(percent(fg.value, fg.base), 2)})")
    else:
        text = f"{fg.label} {format_number(fg.value)}{unit}"
    if fg.threshold is not None and fg.value is not None:
        verdict = "ผ่านเกณฑ์" if fg.value >= fg.threshold else "ต่ำกว่าเกณฑ์"
        text += f" เกณฑ์ที่กำหนด {format_number(fg.threshold)}: {verdict}"
    return text


# ------------------------------------------------------------- notebook display


def show_cover(view: RoadmapView) -> None:
    from ..notebook import show_html

    show_html(build_cover_html(view))


def show_summary(view: RoadmapView) -> None:
    from ..notebook import heading, show_html

    if view.plan_only:
        heading(f"สรุปแผนการดำเนินการ (สิ่งที่ต้องแล้วเสร็จภายในรอบ {view.round_months} เดือน)", 2)
        show_html(table_html(build_plan_table(view)))
    else:
        heading(f"สรุปความก้าวหน้า รอบ {view.round_months} เดือน", 2)
        show_html(table_html(build_summary_table(view)))


def show_gantt(view: RoadmapView) -> None:
    from ..notebook import heading, show_figure
    from .gantt import gantt_figure, gantt_rows

    heading("แผนภูมิแกนต์: เดือนตามแผนเทียบสถานะ", 2)
    with_months = [p for p in view.plan.projects if any(a.months is not None for a in p.activities)]
    cut = view.as_of if view.as_of is not None else view.round_months
    rows = gantt_rows(view.plan, with_months, None if view.plan_only else view.round_months)
    fig = gantt_figure(rows, view.plan.fiscal_year, cut, title=f"แผนรายเดือน {view.fy.title()}")
    show_figure(fig)
    others = [p for p in view.plan.projects if p not in with_months]
    if others:
        from ..notebook import show_html

        names = "".join(f"<li>{esc(p.title)}</li>" for p in others)
        show_html(f"<p class='roadmap-note'>โครงการที่ไม่ทราบเดือนตามแผนของทุกกิจกรรม (ไม่แสดงในแผนภูมิ; "
                  f"ดูสถานะรายกิจกรรมในหน้ารายโครงการ):</p><ul class='roadmap-note'>{names}</ul>")


FORECAST_NOTE = (
    "การคาดการณ์ผล 12 เดือนแสดงค่ากลาง ช่วงคาดการณ์ และสิ่งที่ต้องทำเพิ่มเพื่อให้ถึงค่าเป้าหมาย "
    "โดยใช้ข้อมูลที่มีตามประเภทตัวชี้วัด",
    "ตัวชี้วัดที่นับจากกิจกรรมของโครงการเองและทราบเดือนตามแผน ใช้แผนรายเดือน: กิจกรรมที่ล่าช้าหรือเลื่อนแล้วเสร็จในเดือนใหม่ "
    "และกิจกรรมถัดไปเลื่อนออกไปเท่ากับความล่าช้าปัจจุบัน",
    "ตัวชี้วัดเชิงความสำเร็จหรือความครอบคลุมอื่น ใช้อัตราต่อเดือนเท่าเดิม (ไม่เกินร้อยละ 100) พร้อมช่วงคาดการณ์ 80%",
    "ตัวชี้วัดเชิงสัดส่วนของเรื่องที่เข้ามา ถือว่าสัดส่วนคงเดิม และแสดงสัดส่วนที่ต้องทำได้ในช่วงที่เหลือ",
    "ตัวชี้วัดที่นับกลุ่มเป้าหมายทั้งกลุ่มครั้งเดียว ไม่คาดการณ์แบบเส้นตรง",
    "ตัวชี้วัดเชิงระดับความสำเร็จหรือที่ยังไม่มีผลเชิงตัวเลขจะไม่คาดการณ์",
)


def build_forecast_note_html() -> str:
    head, *items = FORECAST_NOTE
    return f"<p>{esc(head)}:</p><ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def show_kpis(view: RoadmapView) -> None:
    """KPI results against targets and the 12-month forecast (years with a progress report only)."""
    from ..notebook import heading, show_html

    if view.plan_only:
        return
    heading("ผลตามตัวชี้วัดเทียบค่าเป้าหมาย และการคาดการณ์ผล 12 เดือน", 2)
    show_html(build_forecast_note_html() + table_html(build_kpi_table(view)))


def show_lateness(view: RoadmapView) -> None:
    from ..notebook import heading, show_html

    if view.plan_only:
        return
    heading("กิจกรรมที่ล่าช้ากว่าแผน", 2)
    show_html(table_html(build_lateness_table(view)))


def show_projects(view: RoadmapView) -> None:
    from ..notebook import heading, show_html

    heading("รายละเอียดรายโครงการ", 2)
    for pp in view.progress:
        show_html(build_project_html(view, pp))


def show_findings(view: RoadmapView) -> None:
    from ..notebook import heading, show_html

    heading("ข้อสังเกตด้านคุณภาพข้อมูล", 2)
    show_html(table_html(build_findings_table(view)))


def summary_records(view: RoadmapView) -> dict:
    """Plain-JSON summary (for ``dsw roadmap --json``)."""

    def num(v):
        return None if v is None else (int(v) if v == int(v) else float(v)) if isinstance(v, Decimal) else v

    projects = []
    for pp in view.progress:
        kpis = []
        for o in pp.kpis:
            f = forecast_for(pp, o)
            n = f.needed
            kpis.append({
                "id": o.kpi.id, "kind": o.kpi.kind.value,
                "target": num(o.kpi.target.value) if o.kpi.target else None,
                "achieved": num(o.result.achieved) if o.result else None,
                "base": num(o.result.base) if o.result else None,
                "percent": num(o.percent),
                "percent_printed": num(o.result.percent_printed) if o.result else None,
                "target_met": o.target_met,
                "forecast_12m": num(f.value), "forecast_low": num(f.low), "forecast_high": num(f.high),
                "forecast_method": f.method, "forecast_range_meets_target": f.range_meets,
                "needed": None if n is None else {
                    "months_left": n.months_left, "target_count": num(n.target_count), "remaining": num(n.remaining),
                    "per_month": num(n.per_month), "current_per_month": num(n.current_per_month),
                    "share_of_remaining_cases": num(n.share_needed), "reachable": n.reachable,
                },
            })
        reported = pp.as_of is not None
        projects.append({
            "id": pp.project.id, "title": pp.project.title,
            "reported_status": pp.reported.value if pp.reported else None,
            "computed_status": pp.status.value,
            "activities": len(pp.activities), "due": len(pp.due),
            "due_done": len(pp.due_done) if reported else None,
            "percent_due_done": num(pp.percent_due_done),
            "late": [{"activity": a.number, "months_overdue": a.months_overdue,
                      "expected_delay": a.expected_delay} for a in pp.late],
            "due_after_report": [a.number for a in pp.activities if a.due_after_report],
            "kpis": kpis,
        })
    t = view.totals
    return {
        "fiscal_year": view.plan.fiscal_year, "round": view.round_months, "plan_only": view.plan_only,
        "as_of_round": view.as_of,
        "totals": {"projects": t.projects, "activities": t.activities, "known_schedule": t.activities_known_schedule,
                   "due": t.due, "due_done": t.due_done, "late": t.late, "due_after_report": t.due_after_report,
                   "percent_due_done": num(t.percent_due_done)},
        "projects": projects,
        "findings": len(view.findings),
    }
