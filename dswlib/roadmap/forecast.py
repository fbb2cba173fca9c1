"""A 12-month forecast of a KPI from its 6-month result, with the assumption stated.

completion / coverage / count
    Run-rate: what was achieved in ``r`` months is achieved again at the same
    monthly pace, so the 12-month figure is ``achieved x 12 / r`` over the same
    base (capped at the base for percentages: one cannot exceed 100 %).
rate
    The share of incoming cases handled is assumed to stay what it was: the
    12-month percentage equals the 6-month one.
level / unknown, or no figure yet
    No forecast; the reason is given instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..thainum import percent, round_half_up
from .model import Kpi, KpiResult
from .vocab import KpiKind

ASSUMPTION_RUN_RATE = (
    "สมมติว่าครึ่งปีหลังดำเนินการได้ในอัตราต่อเดือนเท่ากับช่วงที่รายงาน "
    "(ผลสะสม × 12 ÷ จำนวนเดือนที่รายงาน) โดยใช้ฐานเดิม และไม่เกินฐาน (ร้อยละ 100)"
)
ASSUMPTION_RUN_RATE_COUNT = (
    "สมมติว่าครึ่งปีหลังดำเนินการได้ในอัตราต่อเดือนเท่ากับช่วงที่รายงาน (ผลสะสม × 12 ÷ จำนวนเดือนที่รายงาน)"
)
ASSUMPTION_RATE = (
    "ตัวชี้วัดเป็นสัดส่วนของเรื่องที่เข้ามาในแต่ละช่วง จึงสมมติว่าสัดส่วนทั้งปีเท่ากับที่รายงาน"
)


@dataclass(frozen=True)
class Forecast:
    value: Decimal | None  # percent for ratio KPIs, a count for count KPIs
    achieved_12: Decimal | None  # projected numerator (run-rate methods)
    method: str  # "run_rate" | "constant_rate" | "none"
    assumption: str  # Thai, shown next to the figure
    meets_target: bool | None


def forecast_12m(kpi: Kpi, result: KpiResult | None, round_months: int) -> Forecast:
    if round_months not in (6, 12):
        raise ValueError(f"round must be 6 or 12 months, got {round_months!r}")
    target = kpi.target.value if kpi.target is not None else None
    if result is None or result.pending or result.achieved is None:
        return Forecast(None, None, "none", "ยังไม่มีผลเชิงตัวเลข จึงไม่คาดการณ์", None)
    kind = kpi.kind
    if kind in (KpiKind.COMPLETION, KpiKind.COVERAGE):
        if not result.base:
            return Forecast(None, None, "none", "ฐานการคำนวณเป็นศูนย์หรือไม่ทราบ จึงไม่คาดการณ์", None)
        projected = min(result.achieved * 12 / round_months, result.base)
        value = percent(projected, result.base)
        return Forecast(value, _clean(projected), "run_rate", ASSUMPTION_RUN_RATE, _meets(value, target))
    if kind is KpiKind.COUNT:
        projected = result.achieved * 12 / round_months
        return Forecast(_clean(projected), _clean(projected), "run_rate", ASSUMPTION_RUN_RATE_COUNT, _meets(projected, target))
    if kind is KpiKind.RATE:
        if not result.base:
            return Forecast(None, None, "none", "ไม่มีเรื่องเข้ามาในช่วงที่รายงาน (0/0) จึงไม่คาดการณ์", None)
        value = percent(result.achieved, result.base)
        return Forecast(value, None, "constant_rate", ASSUMPTION_RATE, _meets(value, target))
    return Forecast(None, None, "none", "ตัวชี้วัดเชิงระดับความสำเร็จหรือไม่ทราบรูปแบบ จึงไม่คาดการณ์เชิงตัวเลข", None)


def _meets(value, target) -> bool | None:
    return None if value is None or target is None else value >= target


def _clean(value: Decimal) -> Decimal:
    """Whole numbers stay whole; fractions are rounded half-up to 2 decimals."""
    value = Decimal(value)
    return value.to_integral_value() if value == value.to_integral_value() else round_half_up(value, 2)
