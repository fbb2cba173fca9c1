"""A 12-month forecast of a KPI from its latest reported round: a central figure, a
range, and the pace still needed to reach the target.  Every assumption is stated
in Thai next to the figure.

Methods, by what is known about the KPI:

schedule  (``basis: activities``: the KPI counts the project's own planned activities)
    Central: the known schedule with the observed slip carried forward.  Steps
    already late finish the month after the report (or in the month they were
    moved to), and every later step shifts by the project's current delay; a step
    counts when it ends by ก.ย.  The range runs from the lower of this and the run
    rate to the higher of the schedule as replanned (only the late or moved steps
    slip) and the run rate.
run_rate  (completion / coverage / count accrued month by month)
    Central: the pace of the reported months continues, ``achieved × 12 / a``
    over the same base, capped at the base.  Range: an 80 % predictive interval
    for what is still to come, taking the monthly count as Poisson with its rate
    estimated from the reported months (gamma-Poisson with Jeffreys' prior, i.e.
    a negative binomial), capped at the base.
constant_rate  (rate: a share of the cases that came in)
    Central: the share stays what it was.  Range: an 80 % interval for the share
    of the remaining cases (Jeffreys' beta), the same number of cases as in the
    reported months assumed.
cohort_once  (``accrual: once``: the whole cohort was counted at once)
    Not extrapolated: the 12-month figure is the reported one unless a new cohort
    is added.
final     a 12-month report: the result is the year's.
none      level KPIs, no figure yet, or 0/0.

The *needed* figures: the count (or, for a rate, the share of the remaining
cases) that the months left must bring to reach the 12-month target, against
the pace so far.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..thainum import format_number, percent, round_half_up
from .model import Kpi, KpiResult
from .vocab import KpiKind, Status

INTERVAL = 0.80  # the predictive interval of the range
_Q = ((1 - INTERVAL) / 2, 1 - (1 - INTERVAL) / 2)

ASSUMPTION_RUN_RATE = (
    "ค่ากลาง: สมมติว่าช่วงที่เหลือดำเนินการได้ในอัตราต่อเดือนเท่ากับช่วงที่รายงาน "
    "(ผลสะสม × 12 ÷ จำนวนเดือนที่รายงาน) โดยใช้ฐานเดิม และไม่เกินฐาน (ร้อยละ 100); "
    "ช่วงคาดการณ์ 80% ถือว่าจำนวนที่ทำได้แต่ละเดือนผันแปรแบบสุ่มรอบอัตราเฉลี่ยนั้น"
)
ASSUMPTION_RUN_RATE_COUNT = (
    "ค่ากลาง: สมมติว่าช่วงที่เหลือดำเนินการได้ในอัตราต่อเดือนเท่ากับช่วงที่รายงาน (ผลสะสม × 12 ÷ จำนวนเดือนที่รายงาน); "
    "ช่วงคาดการณ์ 80% ถือว่าจำนวนที่ทำได้แต่ละเดือนผันแปรแบบสุ่มรอบอัตราเฉลี่ยนั้น"
)
ASSUMPTION_RATE = (
    "ตัวชี้วัดเป็นสัดส่วนของเรื่องที่เข้ามาในแต่ละช่วง จึงสมมติว่าสัดส่วนทั้งปีเท่ากับที่รายงาน "
    "และเรื่องที่เข้ามาในช่วงที่เหลือมีจำนวนเท่ากับช่วงที่รายงาน; ช่วงคาดการณ์ 80% ของสัดส่วนในช่วงที่เหลือ"
)
ASSUMPTION_SCHEDULE = (
    "ใช้แผนรายเดือนของโครงการ: กิจกรรมที่ล่าช้าแล้วเสร็จในเดือนถัดจากรอบรายงาน (หรือเดือนที่เลื่อนไป) "
    "และกิจกรรมถัดไปเลื่อนออกไปเท่ากับความล่าช้าปัจจุบันของโครงการ ({slip} เดือน) "
    "นับกิจกรรมที่แล้วเสร็จได้ภายใน ก.ย.; ช่วงคาดการณ์อยู่ระหว่างอัตราต่อเดือนเดิมกับแผนที่ปรับแล้ว"
)
ASSUMPTION_COHORT = (
    "นับกลุ่มเป้าหมายทั้งกลุ่มครั้งเดียวแล้ว ผลไม่ได้สะสมรายเดือน จึงไม่คาดการณ์แบบเส้นตรง: "
    "ผล 12 เดือนเท่าเดิม เว้นแต่มีการคัดเลือกกลุ่มเป้าหมายเพิ่ม"
)
ASSUMPTION_FINAL = "เป็นผลรอบ 12 เดือน จึงเป็นผลทั้งปี"


@dataclass(frozen=True)
class ScheduleOutlook:
    """How many of a project's activities the schedule says will be done by ก.ย."""

    total: int
    done: int  # done as of the report
    by_year_end_slipped: int  # with the project's slip carried to the later steps
    by_year_end_replanned: int  # only the late or moved steps slip
    slip: int  # months


@dataclass(frozen=True)
class Needed:
    """What the months left must bring to reach the 12-month target."""

    months_left: int
    target_count: Decimal | None  # numerator that reaches the target (count KPIs: the target)
    remaining: Decimal | None  # still to do (0 when the target is already reached)
    per_month: Decimal | None  # remaining / months left, 2 dp
    current_per_month: Decimal | None  # achieved / months reported, 2 dp
    share_needed: Decimal | None = None  # rate KPIs: percent of the remaining cases
    reachable: bool | None = None

    def text(self, unit: str | None = None) -> str:
        u = f" {unit}" if unit else ""
        if self.remaining is not None and self.remaining <= 0 and self.share_needed is None:
            return "ถึงค่าเป้าหมาย 12 เดือนแล้ว"
        if self.share_needed is not None:
            if self.share_needed <= 0:
                return "ถึงค่าเป้าหมายแล้ว แม้เรื่องที่เข้ามาในช่วงที่เหลือจะไม่ได้ดำเนินการเลย (หากจำนวนเรื่องเท่าเดิม)"
            if self.share_needed > 100:
                return "ไม่สามารถถึงค่าเป้าหมายได้ แม้ดำเนินการได้ทุกเรื่องในช่วงที่เหลือ (หากจำนวนเรื่องเท่าเดิม)"
            return (f"ต้องดำเนินการได้อย่างน้อยร้อยละ {format_number(self.share_needed, 2)} ของเรื่องที่เข้ามาใน "
                    f"{self.months_left} เดือนที่เหลือ (หากจำนวนเรื่องเท่าเดิม)")
        if self.months_left <= 0:
            return f"ไม่ถึงค่าเป้าหมาย: ขาดอีก {format_number(self.remaining)}{u}"
        text = (f"ต้องเพิ่มอีก {format_number(self.remaining)}{u} ใน {self.months_left} เดือนที่เหลือ "
                f"(เดือนละ {format_number(self.per_month, 2)}{u}")
        if self.current_per_month is not None:
            text += f" เทียบกับที่ทำได้เดือนละ {format_number(self.current_per_month, 2)}{u}"
        text += ")"
        if self.reachable is False:
            text += " ซึ่งเกินฐานที่มี จึงไม่สามารถถึงค่าเป้าหมาย"
        return text


@dataclass(frozen=True)
class Forecast:
    value: Decimal | None  # central figure: percent for ratio KPIs, a count for count KPIs
    achieved_12: Decimal | None  # projected numerator behind the central figure
    method: str  # schedule | run_rate | constant_rate | cohort_once | final | none
    assumption: str  # Thai, shown next to the figure
    meets_target: bool | None  # the central figure against the target
    low: Decimal | None = None
    high: Decimal | None = None
    needed: Needed | None = None
    #: "all" (even the low end reaches the target), "none" (not even the high end), "some", or None
    range_meets: str | None = None


def forecast_12m(kpi: Kpi, result: KpiResult | None, round_months: int,
                 schedule: ScheduleOutlook | None = None) -> Forecast:
    """Forecast ``kpi`` at 12 months from ``result``, reported after ``round_months`` months."""
    if round_months not in (6, 12):
        raise ValueError(f"round must be 6 or 12 months, got {round_months!r}")
    target = kpi.target.value if kpi.target is not None else None
    if result is None or result.pending or result.achieved is None:
        return Forecast(None, None, "none", "ยังไม่มีผลเชิงตัวเลข จึงไม่คาดการณ์", None)
    kind, a, left = kpi.kind, result.achieved, 12 - round_months
    pace = _clean(a / round_months)
    if kind in (KpiKind.COMPLETION, KpiKind.COVERAGE):
        base = result.base
        if not base:
            return Forecast(None, None, "none", "ฐานการคำนวณเป็นศูนย์หรือไม่ทราบ จึงไม่คาดการณ์", None)
        needed = _needed_capped(target, a, base, left, pace)
        now = percent(a, base)
        if left == 0:
            return _final(now, a, target, needed)
        if kpi.accrual == "once":
            return _make(now, a, "cohort_once", ASSUMPTION_COHORT, target, now, now, needed)
        run = min(a * 12 / round_months, base)
        if schedule is not None:
            slipped, replanned = schedule.by_year_end_slipped, schedule.by_year_end_replanned
            low, high = min(run, slipped), max(run, replanned, slipped)
            return _make(percent(slipped, base), _clean(Decimal(slipped)), "schedule",
                         ASSUMPTION_SCHEDULE.format(slip=schedule.slip), target,
                         percent(low, base), percent(high, base), needed)
        q_low, q_high = _poisson_interval(a, round_months, left)
        return _make(percent(run, base), _clean(run), "run_rate", ASSUMPTION_RUN_RATE, target,
                     percent(min(a + q_low, base), base), percent(min(a + q_high, base), base), needed)
    if kind is KpiKind.COUNT:
        needed = None
        if target is not None:
            remaining = max(target - a, Decimal(0))
            needed = Needed(left, target, remaining, _clean(remaining / left) if left else None, pace)
        if left == 0:
            return _final(a, a, target, needed)
        if kpi.accrual == "once":
            return _make(a, a, "cohort_once", ASSUMPTION_COHORT, target, a, a, needed)
        run = _clean(a * 12 / round_months)
        q_low, q_high = _poisson_interval(a, round_months, left)
        return _make(run, run, "run_rate", ASSUMPTION_RUN_RATE_COUNT, target,
                     _clean(a + q_low), _clean(a + q_high), needed)
    if kind is KpiKind.RATE:
        n = result.base
        if not n:
            return Forecast(None, None, "none", "ไม่มีเรื่องเข้ามาในช่วงที่รายงาน (0/0) จึงไม่คาดการณ์", None)
        now = percent(a, n)
        share = None
        if target is not None and left:
            share = round_half_up((Decimal(target) / 100 * 2 * n - a) * 100 / n, 2)
        needed = None if target is None else Needed(
            left, None, None, None, None, share_needed=share,
            reachable=None if share is None else share <= 100)
        if left == 0:
            return _final(now, a, target, needed)
        p_low, p_high = _beta_interval(a, n)
        low = percent(a + n * p_low, 2 * n)
        high = percent(a + n * p_high, 2 * n)
        return _make(now, None, "constant_rate", ASSUMPTION_RATE, target, low, high, needed)
    return Forecast(None, None, "none", "ตัวชี้วัดเชิงระดับความสำเร็จหรือไม่ทราบรูปแบบ จึงไม่คาดการณ์เชิงตัวเลข", None)


def schedule_outlook(pp) -> ScheduleOutlook | None:
    """The schedule of a :class:`~.progress.ProjectProgress` as of its report; None when unknown or unreported."""
    if pp.as_of is None or not pp.activities or any(x.planned_end is None for x in pp.activities):
        return None
    as_of = pp.as_of
    open_ = [x for x in pp.activities if x.status is not Status.DONE]

    def replanned_end(x) -> int:
        if x.rescheduled_to is not None:
            return x.rescheduled_to
        return as_of + 1 if x.status is Status.LATE else x.planned_end

    delays = [replanned_end(x) - x.planned_end for x in open_
              if x.status is Status.LATE or x.rescheduled_to is not None]
    slip = max([0, *delays])
    done = len(pp.activities) - len(open_)
    replanned = done + sum(1 for x in open_ if replanned_end(x) <= 12)
    slipped = done + sum(1 for x in open_ if max(replanned_end(x), x.planned_end + slip) <= 12)
    return ScheduleOutlook(len(pp.activities), done, slipped, replanned, slip)


def forecast_for(pp, outcome) -> Forecast:
    """The forecast of one KPI outcome of a project, as of the project's report."""
    rnd = pp.as_of if pp.as_of is not None else pp.round_months
    schedule = schedule_outlook(pp) if outcome.kpi.basis == "activities" else None
    if pp.as_of is None:
        return Forecast(None, None, "none", "ยังไม่มีรายงานผล จึงไม่คาดการณ์", None)
    return forecast_12m(outcome.kpi, outcome.result, rnd, schedule)


# ------------------------------------------------------------------ helpers


def _needed_capped(target, achieved, base, left, pace) -> Needed | None:
    if target is None:
        return None
    exact = Decimal(target) * Decimal(base) / 100
    count = Decimal(math.ceil(exact))
    remaining = max(count - achieved, Decimal(0))
    per_month = _clean(remaining / left) if left else None
    return Needed(left, count, remaining, per_month, pace, reachable=count <= base)


def _make(value, achieved_12, method, assumption, target, low, high, needed) -> Forecast:
    meets = _meets(value, target)
    if target is None or low is None or high is None:
        rm = None
    elif low >= target:
        rm = "all"
    elif high < target:
        rm = "none"
    else:
        rm = "some"
    return Forecast(value, achieved_12, method, assumption, meets, low, high, needed, rm)


def _final(value, achieved, target, needed) -> Forecast:
    return _make(value, achieved, "final", ASSUMPTION_FINAL, target, value, value, needed)


def _poisson_interval(count, months_seen: int, months_left: int) -> tuple[Decimal, Decimal]:
    """80 % predictive interval of the count in ``months_left`` months (negative binomial)."""
    from scipy.stats import nbinom

    shape = float(count) + 0.5
    p = months_seen / (months_seen + months_left)
    lo, hi = nbinom.ppf(_Q, shape, p)
    return Decimal(int(lo)), Decimal(int(hi))


def _beta_interval(k, n) -> tuple[Decimal, Decimal]:
    """80 % interval of a share k/n (Jeffreys' prior)."""
    from scipy.stats import beta

    lo, hi = beta.ppf(_Q, float(k) + 0.5, float(n - k) + 0.5)
    return Decimal(repr(float(lo))), Decimal(repr(float(hi)))


def _meets(value, target) -> bool | None:
    return None if value is None or target is None else value >= target


def _clean(value) -> Decimal:
    """Whole numbers stay whole; fractions are rounded half-up to 2 decimals."""
    value = Decimal(value)
    return value.to_integral_value() if value == value.to_integral_value() else round_half_up(value, 2)
