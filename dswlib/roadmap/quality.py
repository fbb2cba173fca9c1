"""Data-quality findings: where the source contradicts itself or lost data.

Nothing is corrected here; the findings are listed in the report so a reader
knows which printed figures do not add up and which data are unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..thainum import format_number, percent
from .model import Plan
from .progress import project_progress
from .vocab import Status, fiscal_index_of_date


SEVERITY = {
    "percent_mismatch": "warning", "zero_base": "info", "sum_mismatch": "warning", "sum_unverifiable": "info",
    "implied_count": "warning", "status_vs_schedule": "warning", "status_vs_steps": "warning",
    "unknown_months": "info", "lost_rows": "info", "outside_year": "info", "noted": "info",
    "rescheduled_past": "warning", "rescheduled_after_year": "warning", "part_above_within": "error",
    "percent_no_base": "info", "below_threshold": "warning",
}


@dataclass(frozen=True)
class Finding:
    project_id: str | None
    kind: str  # a key of SEVERITY
    message: str  # Thai
    source: str | None = None

    @property
    def severity(self) -> str:
        return SEVERITY.get(self.kind, "warning")

    def to_finding(self, plan: Plan, file_name: str):
        """The shared :class:`dswlib.findings.Finding` (for ``dsw check`` and the scorecard)."""
        from ..findings import Finding as Common

        title = next((p.title for p in plan.projects if p.id == self.project_id), None)
        where = f"{file_name} โครงการ {self.project_id}" + (f": {title}" if title else "")
        return Common(self.kind, self.severity, where, self.message, self.source or "")


def findings(plan: Plan, round_months: int | None = None) -> list[Finding]:
    out: list[Finding] = []
    for _, project in plan.iter_projects():
        pid = project.id
        named = [a for a in project.activities if a.name]
        unknown = [a for a in named if a.months is None and a.deadline is None]
        if unknown:
            out.append(Finding(pid, "unknown_months",
                               f"ไม่ทราบเดือนตามแผนของกิจกรรม {len(unknown)} จาก {len(project.activities)} กิจกรรม "
                               "(ต้นฉบับไม่มีเครื่องหมายในช่องเดือน)", project.source))
        lost = [a for a in project.activities if not a.name]
        if lost:
            out.append(Finding(pid, "lost_rows",
                               f"ชื่อกิจกรรมที่ {', '.join(str(a.number) for a in lost)} ไม่ปรากฏในเอกสารต้นฉบับ",
                               project.source))
        for a in project.activities:
            if a.months:
                idx = [m.fiscal_index(plan.fiscal_year) for m in a.months]
                if min(idx) < 1:
                    out.append(Finding(pid, "outside_year", f"กิจกรรมที่ {a.number} เริ่มก่อนปีงบประมาณ ({a.months[idx.index(min(idx))]})", a.source))
                if max(idx) > 12:
                    out.append(Finding(pid, "outside_year",
                                       f"กิจกรรมที่ {a.number} สิ้นสุดหลังปีงบประมาณ ({a.months[idx.index(max(idx))]}) "
                                       "จึงไม่ครบกำหนดภายในรอบ 12 เดือน", a.source))
            if a.deadline is not None and fiscal_index_of_date(a.deadline, plan.fiscal_year) > 12:
                out.append(Finding(pid, "outside_year",
                                   f"กิจกรรมที่ {a.number} มีกำหนดแล้วเสร็จหลังสิ้นปีงบประมาณ ({a.deadline.isoformat()})", a.source))
            if a.extends_after_year:
                out.append(Finding(pid, "outside_year", f"กิจกรรมที่ {a.number} สิ้นสุดหลังปีงบประมาณ (ไม่ทราบเดือนสิ้นสุด)", a.source))
        rounds = [round_months] if round_months is not None else sorted(project.progress)
        for rnd in rounds:
            prog = project.progress.get(rnd)
            if prog is None:
                continue
            out.extend(_round_findings(plan, project, rnd, prog))
    return out


def _round_findings(plan, project, rnd, prog):
    pid = project.id
    pp = project_progress(plan, project, rnd)
    for outcome in pp.kpis:
        res = outcome.result
        if res is None or res.pending:
            continue
        if outcome.printed_matches is False:
            yield Finding(pid, "percent_mismatch",
                          f"ร้อยละที่พิมพ์ {res.percent_printed} ไม่ตรงกับที่คำนวณได้ {outcome.percent} "
                          f"({format_number(res.achieved)}/{format_number(res.base)})", res.source)
        if res.base is not None and res.base == 0:
            yield Finding(pid, "zero_base",
                          "ตัวหารเป็นศูนย์ (0/0) คำนวณร้อยละไม่ได้ จึงประเมินเทียบค่าเป้าหมายไม่ได้", res.source)
    for b in prog.breakdowns:
        values = [p.value for p in b.parts]
        if b.total is None:
            continue
        if any(v is None for v in values):
            yield Finding(pid, "sum_unverifiable",
                          f"{b.label}: ตรวจผลรวมไม่ได้ เพราะบางรายการไม่มีตัวเลข "
                          f"({', '.join(p.label for p in b.parts if p.value is None)})", b.source)
        elif sum(values) != b.total:
            yield Finding(pid, "sum_mismatch",
                          f"{b.label}: ผลรวมรายการ {format_number(sum(values))} ไม่เท่ากับยอดรวมที่พิมพ์ {format_number(b.total)}",
                          b.source)
    by_label = {b.label: b for b in prog.breakdowns}
    for b in prog.breakdowns:
        parent = by_label.get(b.within) if b.within else None
        if parent is None:
            continue
        bound = {p.label: p.value for p in parent.parts}
        for part in b.parts:
            limit = bound.get(part.label)
            if part.value is not None and limit is not None and part.value > limit:
                yield Finding(pid, "part_above_within",
                              f"{b.label}: {part.label} {format_number(part.value)} มากกว่าที่มีใน \"{parent.label}\" "
                              f"({format_number(limit)})", b.source)
        if b.total is not None and parent.total is not None and b.total > parent.total:
            yield Finding(pid, "part_above_within",
                          f"{b.label}: ยอดรวม {format_number(b.total)} มากกว่ายอดรวมของ \"{parent.label}\" "
                          f"({format_number(parent.total)})", b.source)
    for no, month in prog.rescheduled.items():
        idx = month.fiscal_index(plan.fiscal_year)
        if idx <= rnd:
            yield Finding(pid, "rescheduled_past",
                          f"กิจกรรมที่ {no} รายงานว่าเลื่อนไป {month} ซึ่งไม่ได้อยู่หลังรอบ {rnd} เดือนที่รายงาน", prog.source)
        elif idx > 12:
            yield Finding(pid, "rescheduled_after_year",
                          f"กิจกรรมที่ {no} เลื่อนไป {month} ซึ่งอยู่หลังสิ้นปีงบประมาณ", prog.source)
    for res in prog.kpi_results.values():
        if res.percent_printed is not None and res.base is None and not res.pending:
            yield Finding(pid, "percent_no_base",
                          f"ร้อยละที่พิมพ์ {format_number(res.percent_printed)} ไม่มีฐาน (ตัวหาร) จึงตรวจสอบไม่ได้", res.source)
    for f in prog.figures:
        if f.percent_printed is not None and f.base is None and f.unit != "index":
            yield Finding(pid, "percent_no_base",
                          f"{f.label}: ร้อยละ {format_number(f.percent_printed)} พิมพ์โดยไม่มีฐาน (จำนวนผู้ตอบหรือตัวหาร) "
                          "จึงตรวจสอบไม่ได้", f.source)
        if f.threshold is not None and f.value is not None and f.value < f.threshold:
            yield Finding(pid, "below_threshold",
                          f"{f.label} {format_number(f.value)} ต่ำกว่าเกณฑ์ {format_number(f.threshold)}", f.source)
        if f.value is None and f.base is not None and f.percent_printed is not None:
            implied = f.base * f.percent_printed / 100
            if implied != implied.to_integral_value():
                yield Finding(pid, "implied_count",
                              f"{f.label}: ร้อยละ {f.percent_printed} ของ {format_number(f.base)} "
                              f"ได้ {implied} ซึ่งไม่ใช่จำนวนเต็ม", f.source)
        elif f.value is not None and f.base and f.percent_printed is not None:
            if percent(f.value, f.base) != f.percent_printed:
                yield Finding(pid, "percent_mismatch",
                              f"{f.label}: ร้อยละที่พิมพ์ {f.percent_printed} ไม่ตรงกับ {percent(f.value, f.base)}", f.source)
    late = pp.late
    if late and prog.status not in (None, Status.LATE):
        steps = ", ".join(str(a.number) for a in late)
        yield Finding(pid, "status_vs_schedule",
                      f"รายงานสถานะ \"{prog.status_printed or prog.status.label}\" แต่กิจกรรมที่ {steps} "
                      f"ครบกำหนดตามแผนภายในรอบ {rnd} เดือนแล้วยังไม่แล้วเสร็จ", prog.source)
    if prog.status is Status.DONE and any(a.status is not Status.DONE for a in pp.activities):
        yield Finding(pid, "status_vs_steps", "รายงานว่าดำเนินการเสร็จตามแผน แต่ยังมีกิจกรรมที่ไม่ได้รายงานว่าแล้วเสร็จ", prog.source)
    for note in prog.quality_notes:
        yield Finding(pid, "noted", note, prog.source)


def implied_count(base: Decimal, percent_printed: Decimal) -> Decimal:
    """The count a printed percentage of ``base`` stands for (e.g. 24 % of 25 = 6)."""
    return base * percent_printed / 100
