"""Words of an action-plan report: statuses, KPI kinds and month references.

Statuses follow the ticked boxes and step phrases of the FY2569 6-month report
(seed 001): "ดำเนินการเสร็จตามแผน" (done), "ดำเนินการตามแผน" (on track),
"อยู่ระหว่างดำเนินการตามแผน" (in progress), "ยังไม่ดำเนินการตามแผน" (not
started).  "late" is not printed in the seed; it is what the computations call
an activity that is due by the round and not done.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from enum import Enum

from ..fiscal import FISCAL_MONTH_ORDER, THAI_MONTH_ABBR, THAI_MONTHS, be_to_ce, month_abbr
from ..thainum import to_arabic_digits


class Status(str, Enum):
    DONE = "done"
    ON_TRACK = "on_track"
    IN_PROGRESS = "in_progress"
    LATE = "late"
    NOT_STARTED = "not_started"
    UNKNOWN = "unknown"
    NOT_REPORTED = "not_reported"  # no progress report covers the round (a plan-only year)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.DONE: "ดำเนินการแล้วเสร็จ",
    Status.ON_TRACK: "เป็นไปตามแผน",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.LATE: "ล่าช้ากว่าแผน",
    Status.NOT_STARTED: "ยังไม่ดำเนินการ",
    Status.UNKNOWN: "ไม่ทราบ",
    Status.NOT_REPORTED: "ยังไม่มีรายงานผล",
}

# Thai phrases as the seeds print them (longest first when matching).
_THAI_STATUS = {
    "ดำเนินการเสร็จตามแผน": Status.DONE,
    "ดำเนินการตามแผนเรียบร้อยแล้ว": Status.DONE,
    "ดำเนินการแล้วเสร็จ": Status.DONE,
    "แล้วเสร็จ": Status.DONE,
    "อยู่ระหว่างดำเนินการตามแผน": Status.IN_PROGRESS,
    "อยู่ระหว่างดำเนินการ": Status.IN_PROGRESS,
    "ยังไม่ดำเนินการตามแผน": Status.NOT_STARTED,
    "ยังไม่ดำเนินการ": Status.NOT_STARTED,
    "ดำเนินการตามแผน": Status.ON_TRACK,
    "เป็นไปตามแผน": Status.ON_TRACK,
    "ล่าช้ากว่าแผน": Status.LATE,
    "ล่าช้า": Status.LATE,
}

#: Statuses a params file may report (``unknown`` and ``not_reported`` are only ever computed).
REPORTABLE = tuple(s for s in Status if s not in (Status.UNKNOWN, Status.NOT_REPORTED))


def parse_status(value) -> Status:
    """A status code (``done`` ...) or a Thai phrase from the seeds; ValueError otherwise."""
    if isinstance(value, Status):
        return value
    if isinstance(value, str):
        text = " ".join(value.split())
        for status in REPORTABLE:
            if text == status.value:
                return status
        if text in _THAI_STATUS:
            return _THAI_STATUS[text]
    allowed = ", ".join(s.value for s in REPORTABLE)
    raise ValueError(f"one of {allowed} (or the Thai phrase, e.g. อยู่ระหว่างดำเนินการตามแผน)")


class KpiKind(str, Enum):
    """How a KPI result is read; decides the checks and the forecast.

    completion  share of planned steps/activities done (achieved <= base)
    coverage    share of a fixed target population reached (achieved <= base)
    rate        share of incoming cases that met the criterion (achieved <= base)
    count       a count against a count target (may exceed it)
    level       a success level (no ratio)
    unknown     the KPI text was lost in the source
    """

    COMPLETION = "completion"
    COVERAGE = "coverage"
    RATE = "rate"
    COUNT = "count"
    LEVEL = "level"
    UNKNOWN = "unknown"

    @property
    def capped_by_base(self) -> bool:
        return self in (KpiKind.COMPLETION, KpiKind.COVERAGE, KpiKind.RATE)


#: Ways a target or result unit says "percent".
PERCENT_UNITS = ("ร้อยละ", "%", "percent")


def is_percent_text(text) -> bool:
    return isinstance(text, str) and any(u in text for u in PERCENT_UNITS)


# ---------------------------------------------------------------- months

_ABBR_NORMAL = {a.replace(" ", ""): i + 1 for i, a in enumerate(THAI_MONTH_ABBR)}
_FULL_NORMAL = {n: i + 1 for i, n in enumerate(THAI_MONTHS)}
_MONTH_RE = re.compile(r"^(?P<month>[^\d]+?)\s*(?P<year>\d{2}|\d{4})?$")


@dataclass(frozen=True, order=True)
class MonthRef:
    """A calendar month as a plan names it: "ต.ค." or, with a B.E. year, "ก.ย. 65"."""

    month: int
    year_be: int | None = None

    def fiscal_index(self, fiscal_year_be: int) -> int:
        """1 = ต.ค. ... 12 = ก.ย. of ``fiscal_year_be``; 0 / 13 for the months just outside."""
        if self.year_be is None:
            return FISCAL_MONTH_ORDER.index(self.month) + 1
        fy_start = (be_to_ce(fiscal_year_be) - 1) * 12 + 10
        return (be_to_ce(self.year_be) * 12 + self.month) - fy_start + 1

    def label(self) -> str:
        return month_abbr(self.month, self.year_be)

    def __str__(self) -> str:
        return self.label()


MONTH_EXPECTED = "a Thai month such as ต.ค., มี.ค. or ก.ย. 65"


def parse_month(value) -> MonthRef:
    """"ต.ค.", "ตุลาคม", "ก.ย. 65", "ก.ย. 2565", "ก.ย. ๖๕"; ValueError otherwise."""
    if isinstance(value, MonthRef):
        return value
    if not isinstance(value, str):
        raise ValueError(MONTH_EXPECTED)
    text = to_arabic_digits(" ".join(value.split()))
    m = _MONTH_RE.match(text)
    if not m:
        raise ValueError(MONTH_EXPECTED)
    name = m.group("month").strip().replace(" ", "")
    month = _ABBR_NORMAL.get(name) or _FULL_NORMAL.get(name)
    if month is None:
        raise ValueError(MONTH_EXPECTED)
    year = m.group("year")
    year_be = None
    if year is not None:
        year_be = int(year) + 2500 if len(year) == 2 else int(year)
        if not 2400 <= year_be < 2700:
            raise ValueError(MONTH_EXPECTED)
    return MonthRef(month, year_be)


def fiscal_index_of_date(day: _dt.date, fiscal_year_be: int) -> int:
    """Fiscal month index of a (C.E.) date, 0/13... outside the year."""
    return MonthRef(day.month, day.year + 543).fiscal_index(fiscal_year_be)


def parse_be_date(value) -> _dt.date:
    """"2569-09-30" (B.E.) or a C.E. ISO date / ``date``; ValueError otherwise."""
    if isinstance(value, _dt.date):
        return value
    text = to_arabic_digits(str(value)).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not m:
        raise ValueError("a date YYYY-MM-DD with a B.E. year, e.g. 2569-09-30")
    year, month, day = (int(g) for g in m.groups())
    if year >= 2400:
        year -= 543
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise ValueError("a real calendar date YYYY-MM-DD, e.g. 2569-09-30") from None
