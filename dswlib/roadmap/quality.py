"""Data-quality findings: where the source contradicts itself or lost data.

Nothing is corrected here; the findings are listed in the report so a reader
knows which printed figures do not add up and which data are unknown.
"""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding
from ..thainum import format_number, percent
from .gantt import shorten
from .model import Plan, Project
from .progress import project_progress
from .seedrefs import split_refs
from .vocab import Status, fiscal_index_of_date


SEVERITY = {
    "percent_mismatch": "warning", "zero_base": "info", "sum_mismatch": "warning", "sum_unverifiable": "info",
    "implied_count": "warning", "status_vs_schedule": "warning", "status_vs_steps": "warning",
    "unknown_months": "info", "lost_rows": "info", "outside_year": "info", "noted": "info",
    "rescheduled_past": "warning", "rescheduled_after_year": "warning", "part_above_within": "error",
    "percent_no_base": "info", "below_threshold": "warning",
}


def project_place(project: Project, limit: int = 70) -> str:
    """The project as a reader names it: its code ("ตัวชี้วัดที่ 5") or "โครงการ <title>"."""
    if project.code:
        return project.code
    title = shorten(project.title, limit)
    return title if title.startswith("โครงการ") else f"โครงการ {title}"


class _Maker:
    """Builds the findings of one project: technical place (file, project id) and Thai place."""

    def __init__(self, project: Project, file_name: str):
        self.project = project
        head = f"{file_name} โครงการ {project.id}" if file_name else f"โครงการ {project.id}"
        self.where = head + (f": {project.title}" if project.title else "")

    def __call__(self, code, message, source=None, *, activity=None, item=None) -> Finding:
        text, refs = split_refs(message)
        place = project_place(self.project)
        if activity is not None:
            place += f" กิจกรรมที่ {activity}"
        if item:
            place += f": {item}"
        return Finding(code, SEVERITY.get(code, "warning"), self.where, text,
                       source=", ".join(refs) if refs else (source or ""), where_th=place)


def findings(plan: Plan, round_months: int | None = None, *, file_name: str = "") -> list[Finding]:
    """The data-quality findings of ``plan`` (every reported round, or only ``round_months``'s).

    ``file_name`` (e.g. ``roadmap.yaml``) starts each finding's technical ``where``.
    """
    out: list[Finding] = []
    for _, project in plan.iter_projects():
        make = _Maker(project, file_name)
        named = [a for a in project.activities if a.name]
        unknown = [a for a in named if a.months is None and a.deadline is None]
        if unknown:
            out.append(make("unknown_months",
                            f"ไม่ทราบเดือนตามแผนของกิจกรรม {len(unknown)} จาก {len(project.activities)} กิจกรรม "
                            "(ต้นฉบับไม่มีเครื่องหมายในช่องเดือน)", project.source))
        lost = [a for a in project.activities if not a.name]
        if lost:
            out.append(make("lost_rows",
                            f"ชื่อกิจกรรมที่ {', '.join(str(a.number) for a in lost)} ไม่ปรากฏในเอกสารต้นฉบับ",
                            project.source))
        for a in project.activities:
            if a.months:
                idx = [m.fiscal_index(plan.fiscal_year) for m in a.months]
                if min(idx) < 1:
                    out.append(make("outside_year", f"กิจกรรมที่ {a.number} เริ่มก่อนปีงบประมาณ ({a.months[idx.index(min(idx))]})",
                                    a.source, activity=a.number))
                if max(idx) > 12:
                    out.append(make("outside_year",
                                    f"กิจกรรมที่ {a.number} สิ้นสุดหลังปีงบประมาณ ({a.months[idx.index(max(idx))]}) "
                                    "จึงไม่ครบกำหนดภายในรอบ 12 เดือน", a.source, activity=a.number))
            if a.deadline is not None and fiscal_index_of_date(a.deadline, plan.fiscal_year) > 12:
                out.append(make("outside_year",
                                f"กิจกรรมที่ {a.number} มีกำหนดแล้วเสร็จหลังสิ้นปีงบประมาณ ({_thai_date(a.deadline)})",
                                a.source, activity=a.number))
            if a.extends_after_year:
                out.append(make("outside_year", f"กิจกรรมที่ {a.number} สิ้นสุดหลังปีงบประมาณ (ไม่ทราบเดือนสิ้นสุด)",
                                a.source, activity=a.number))
        rounds = [round_months] if round_months is not None else sorted(project.progress)
        for rnd in rounds:
            prog = project.progress.get(rnd)
            if prog is None:
                continue
            out.extend(_round_findings(plan, project, rnd, prog, make))
    return out


def _thai_date(day) -> str:
    from ..fiscal import format_thai_date

    return format_thai_date(day, abbreviated=True)


def _round_findings(plan, project, rnd, prog, make):
    pp = project_progress(plan, project, rnd)
    for outcome in pp.kpis:
        res = outcome.result
        if res is None or res.pending:
            continue
        if outcome.printed_matches is False:
            yield make("percent_mismatch",
                       f"ร้อยละที่พิมพ์ {res.percent_printed} ไม่ตรงกับที่คำนวณได้ {outcome.percent} "
                       f"({format_number(res.achieved)}/{format_number(res.base)})", res.source,
                       item=_kpi_item(outcome.kpi))
        if res.base is not None and res.base == 0:
            yield make("zero_base",
                       "ตัวหารเป็นศูนย์ (0/0) คำนวณร้อยละไม่ได้ จึงประเมินเทียบค่าเป้าหมายไม่ได้", res.source,
                       item=_kpi_item(outcome.kpi))
    for b in prog.breakdowns:
        values = [p.value for p in b.parts]
        if b.total is None:
            continue
        if any(v is None for v in values):
            yield make("sum_unverifiable",
                       f"{b.label}: ตรวจผลรวมไม่ได้ เพราะบางรายการไม่มีตัวเลข "
                       f"({', '.join(p.label for p in b.parts if p.value is None)})", b.source,
                       item=b.label)
        elif sum(values) != b.total:
            yield make("sum_mismatch",
                       f"{b.label}: ผลรวมรายการ {format_number(sum(values))} ไม่เท่ากับยอดรวมที่พิมพ์ {format_number(b.total)}",
                       b.source, item=b.label)
    by_label = {b.label: b for b in prog.breakdowns}
    for b in prog.breakdowns:
        parent = by_label.get(b.within) if b.within else None
        if parent is None:
            continue
        bound = {p.label: p.value for p in parent.parts}
        for part in b.parts:
            limit = bound.get(part.label)
            if part.value is not None and limit is not None and part.value > limit:
                yield make("part_above_within",
                           f"{b.label}: {part.label} {format_number(part.value)} มากกว่าที่มีใน \"{parent.label}\" "
                           f"({format_number(limit)})", b.source, item=b.label)
        if b.total is not None and parent.total is not None and b.total > parent.total:
            yield make("part_above_within",
                       f"{b.label}: ยอดรวม {format_number(b.total)} มากกว่ายอดรวมของ \"{parent.label}\" "
                       f"({format_number(parent.total)})", b.source, item=b.label)
    for no, month in prog.rescheduled.items():
        idx = month.fiscal_index(plan.fiscal_year)
        if idx <= rnd:
            yield make("rescheduled_past",
                       f"กิจกรรมที่ {no} รายงานว่าเลื่อนไป {month} ซึ่งไม่ได้อยู่หลังรอบ {rnd} เดือนที่รายงาน", prog.source,
                       activity=no)
        elif idx > 12:
            yield make("rescheduled_after_year",
                       f"กิจกรรมที่ {no} เลื่อนไป {month} ซึ่งอยู่หลังสิ้นปีงบประมาณ", prog.source,
                       activity=no)
    for kid, res in prog.kpi_results.items():
        if res.percent_printed is not None and res.base is None and not res.pending:
            kpi = project.kpi(kid)
            yield make("percent_no_base",
                       f"ร้อยละที่พิมพ์ {format_number(res.percent_printed)} ไม่มีฐาน (ตัวหาร) จึงตรวจสอบไม่ได้", res.source,
                       item=_kpi_item(kpi) if kpi is not None else None)
    for f in prog.figures:
        if f.percent_printed is not None and f.base is None and f.unit != "index":
            yield make("percent_no_base",
                       f"{f.label}: ร้อยละ {format_number(f.percent_printed)} พิมพ์โดยไม่มีฐาน (จำนวนผู้ตอบหรือตัวหาร) "
                       "จึงตรวจสอบไม่ได้", f.source, item=f.label)
        if f.threshold is not None and f.value is not None and f.value < f.threshold:
            yield make("below_threshold",
                       f"{f.label} {format_number(f.value)} ต่ำกว่าเกณฑ์ {format_number(f.threshold)}", f.source,
                       item=f.label)
        if f.value is None and f.base is not None and f.percent_printed is not None:
            implied = implied_count(f.base, f.percent_printed)
            if implied != implied.to_integral_value():
                yield make("implied_count",
                           f"{f.label}: ร้อยละ {f.percent_printed} ของ {format_number(f.base)} "
                           f"ได้ {implied} ซึ่งไม่ใช่จำนวนเต็ม", f.source, item=f.label)
        elif f.value is not None and f.base and f.percent_printed is not None:
            if percent(f.value, f.base) != f.percent_printed:
                yield make("percent_mismatch",
                           f"{f.label}: ร้อยละที่พิมพ์ {f.percent_printed} ไม่ตรงกับ {percent(f.value, f.base)}", f.source,
                           item=f.label)
    late = pp.late
    if late and prog.status not in (None, Status.LATE):
        steps = ", ".join(str(a.number) for a in late)
        yield make("status_vs_schedule",
                   f"รายงานสถานะ \"{prog.status_printed or prog.status.label}\" แต่กิจกรรมที่ {steps} "
                   f"ครบกำหนดตามแผนภายในรอบ {rnd} เดือนแล้วยังไม่แล้วเสร็จ", prog.source)
    if prog.status is Status.DONE and any(a.status is not Status.DONE for a in pp.activities):
        yield make("status_vs_steps", "รายงานว่าดำเนินการเสร็จตามแผน แต่ยังมีกิจกรรมที่ไม่ได้รายงานว่าแล้วเสร็จ",
                   prog.source)
    for note in prog.quality_notes:
        yield make("noted", note, prog.source)


def _kpi_item(kpi) -> str:
    return "ตัวชี้วัด " + shorten(kpi.name, 50) if kpi.name else "ตัวชี้วัด"


def implied_count(base: Decimal, percent_printed: Decimal) -> Decimal:
    """The count a printed percentage of ``base`` stands for (e.g. 24 % of 25 = 6)."""
    return base * percent_printed / 100
