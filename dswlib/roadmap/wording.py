"""The Thai words of the action-plan report: how a month plan, a target, a result, a forecast and a
printed figure read in a sentence. Text only; the tables keep the numbers (see :mod:`.tables`).
Text from params passes through :func:`.seedrefs.clean` (no seed line references in the body)."""

from __future__ import annotations

from ..fiscal import FiscalYear, format_thai_date, month_abbr
from ..thainum import format_number, percent
from .forecast import Forecast
from .model import Plan, Project
from .seedrefs import clean

NA = "–"
NO_KPI_NAME = "(ข้อความตัวชี้วัดไม่ปรากฏ)"
NO_ACTIVITY_NAME = "(ชื่อกิจกรรมไม่ปรากฏในเอกสาร)"

METHOD_LABELS = {
    "run_rate": "อัตราต่อเดือนคงที่", "constant_rate": "สัดส่วนคงที่", "schedule": "ตามแผนรายเดือนที่ปรับตามความล่าช้า",
    "cohort_once": "ไม่คาดการณ์เชิงเส้น (นับทั้งกลุ่มครั้งเดียว)", "final": "ผลรอบ 12 เดือน", "none": "ไม่คาดการณ์",
}

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

RANGE_VERDICT = {"all": "บรรลุเป้าหมายทั้งช่วง", "none": "ต่ำกว่าเป้าหมายทั้งช่วง", "some": "อาจบรรลุหรือไม่บรรลุเป้าหมาย"}


def fmt_pct(value) -> str:
    return NA if value is None else format_number(value, 2)


def kpi_name(kpi) -> str:
    return clean(kpi.name) or NO_KPI_NAME


def months_text(project: Project, number: int) -> str:
    """The planned months of an activity as the plan names them ("ม.ค., ก.พ."), or why they are unknown."""
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


def target_text(kpi) -> str:
    t = kpi.target
    if t is None:
        return "ไม่ปรากฏค่าเป้าหมาย"
    parts = []
    if t.value is not None:
        parts.append(f"ร้อยละ {format_number(t.value)}" if kpi.kind.capped_by_base else format_number(t.value))
    if t.text:
        parts.append(clean(t.text))
    return " ".join(parts) or "ไม่ปรากฏค่าเป้าหมาย"


def result_text(outcome) -> str:
    res = outcome.result
    if res is None:
        return "ไม่มีรายงานผล"
    if res.pending:
        return "อยู่ระหว่างดำเนินการ (ยังไม่มีผลเชิงตัวเลข)"
    if res.achieved is None:
        return clean(res.text) or NA
    unit = f" {res.unit}" if res.unit else ""
    if res.base is not None:
        return f"{format_number(res.achieved)} จาก {format_number(res.base)}{unit}"
    return f"{format_number(res.achieved)}{unit}"


def vs_target(outcome) -> str:
    """The result against the 12-month target, in words (the gap is in the table)."""
    if outcome.target_met is None:
        if outcome.result is not None and outcome.result.base == 0:
            return "ประเมินไม่ได้ (0/0)"
        if outcome.pending:
            return "รอผล"
        if outcome.kpi.target is None or outcome.kpi.target.value is None:
            return "ไม่มีค่าเป้าหมายเชิงตัวเลข"
        return NA
    if outcome.target_met:
        return "บรรลุค่าเป้าหมาย 12 เดือนแล้ว" if outcome.gap > 0 else "เท่ากับค่าเป้าหมาย 12 เดือน"
    return "ต่ำกว่าค่าเป้าหมาย 12 เดือน"


def vs_target_with_gap(outcome) -> str:
    """As :func:`vs_target`, with the gap in brackets (for sentences)."""
    text = vs_target(outcome)
    if outcome.target_met is None or outcome.gap is None:
        return text
    gap = format_number(outcome.gap, 2)
    if outcome.target_met and outcome.gap > 0:
        return f"{text} (+{gap})"
    if not outcome.target_met:
        return f"{text} ({gap})"
    return text


def _fig(kpi, value) -> str:
    return f"ร้อยละ {format_number(value, 2)}" if kpi.kind.capped_by_base else format_number(value)


def central_verdict(f: Forecast) -> str | None:
    if f.meets_target is True:
        return "คาดว่าบรรลุเป้าหมาย"
    if f.meets_target is False:
        return "คาดว่าไม่บรรลุเป้าหมาย"
    return None


def forecast_text(kpi, f: Forecast) -> str:
    if f.value is None:
        return NA
    verdict = central_verdict(f)
    return _fig(kpi, f.value) + (f" ({verdict})" if verdict else "")


def range_text(kpi, f: Forecast) -> str:
    if f.low is None or f.high is None:
        return NA
    if f.low == f.high:
        text = _fig(kpi, f.low)
    else:
        lo = format_number(f.low, 2) if kpi.kind.capped_by_base else format_number(f.low)
        hi = format_number(f.high, 2) if kpi.kind.capped_by_base else format_number(f.high)
        text = f"ร้อยละ {lo} – {hi}" if kpi.kind.capped_by_base else f"{lo} – {hi}"
    verdict = RANGE_VERDICT.get(f.range_meets)
    return text + (f" ({verdict})" if verdict else "")


def needed_text(outcome, f: Forecast) -> str:
    if f.needed is None:
        t = outcome.kpi.target
        return NA if t is None or t.value is None else "ประเมินไม่ได้ (ยังไม่มีผลเชิงตัวเลข)"
    return f.needed.text(outcome.result.unit if outcome.result is not None else None)


def section_path(plan: Plan, project: Project) -> str:
    for path, p in plan.iter_projects():
        if p.id == project.id:
            return " › ".join(clean(s.title) for s in path)
    return ""


def responsible(project: Project) -> str:
    if not project.responsible:
        return "ไม่ระบุ"
    return ", ".join(r.unit + (f" ({r.role})" if r.role else "") for r in project.responsible)


def project_heading(project: Project) -> str:
    return f"{project.code} {project.title}" if project.code else project.title


def figure_text(fg) -> str:
    """A printed figure of a progress report as a sentence, with its percentage and criterion checked."""
    label = clean(fg.label)
    unit = f" {fg.unit}" if fg.unit and fg.unit not in ("index", "ร้อยละ") else ""
    if fg.value is None:  # a printed percentage only
        text = f"{label} ร้อยละ {format_number(fg.percent_printed)}"
        text += f" ของ {format_number(fg.base)}{unit}" if fg.base is not None else " (ไม่ระบุฐาน)"
    elif fg.unit == "index" and fg.percent_printed is not None:
        text = f"{label} {format_number(fg.value)} (ร้อยละ {format_number(fg.percent_printed, 2)})"
    elif fg.base is not None:
        text = (f"{label} {format_number(fg.value)} จาก {format_number(fg.base)}{unit} "
                f"(ร้อยละ {format_number(percent(fg.value, fg.base), 2)})")
    else:
        text = f"{label} {format_number(fg.value)}{unit}"
    if fg.threshold is not None and fg.value is not None:
        verdict = "ผ่านเกณฑ์" if fg.value >= fg.threshold else "ต่ำกว่าเกณฑ์"
        text += f" เกณฑ์ที่กำหนด {format_number(fg.threshold)}: {verdict}"
    return text
