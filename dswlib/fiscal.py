"""The Thai fiscal calendar.

A fiscal year is named by the Buddhist-Era year in which it ends and runs
1 October to 30 September: FY2564 = 1 ต.ค. 2563 - 30 ก.ย. 2564
(1 Oct 2020 - 30 Sep 2021). Reports are made for the 6-month round
(ต.ค.-มี.ค.) and the 12-month round (ต.ค.-ก.ย.).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

BE_OFFSET = 543

# Calendar order (index 0 = January), from pythainlp's tables.
from pythainlp.util.date import thai_abbr_months as _ABBR  # noqa: E402
from pythainlp.util.date import thai_full_months as _FULL  # noqa: E402

THAI_MONTHS = tuple(_FULL)
THAI_MONTH_ABBR = tuple(_ABBR)
#: Calendar month numbers in fiscal order: ต.ค. (10) ... ก.ย. (9).
FISCAL_MONTH_ORDER = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
ROUNDS = (6, 12)


def be_to_ce(year_be: int) -> int:
    return int(year_be) - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    return int(year_ce) + BE_OFFSET


def normalize_be_year(year) -> int:
    """Accept 2564, "2564", "๒๕๖๔", "พ.ศ. 2564", "64" (2-digit B.E.) or a C.E. year 2021."""
    from .errors import ParamsError
    from .thainum import to_arabic_digits

    text = to_arabic_digits(str(year)).replace("พ.ศ.", "").replace("FY", "").replace("fy", "").strip()
    if not text.isdigit():
        raise ParamsError(None, "fiscal year", "a B.E. year such as 2564", year)
    value = int(text)
    if value < 100:
        return 2500 + value
    if 1900 <= value < 2200:
        return ce_to_be(value)
    if 2400 <= value < 2700:
        return value
    raise ParamsError(None, "fiscal year", "a B.E. year such as 2564", year)


def month_abbr(month: int, year_be: int | None = None, *, sep: str = " ") -> str:
    """"ต.ค." or with a 2-digit B.E. year "ต.ค. 63"."""
    text = THAI_MONTH_ABBR[month - 1]
    if year_be is not None:
        text += f"{sep}{int(year_be) % 100:02d}"
    return text


def month_name(month: int) -> str:
    return THAI_MONTHS[month - 1]


def format_thai_date(day: _dt.date, *, abbreviated: bool = False, short_year: bool = False) -> str:
    """"14 มิถุนายน 2564" or "14 มิ.ย. 64"."""
    from pythainlp.util import thai_strftime

    fmt = "%-d " + ("%b" if abbreviated else "%B") + (" %y" if short_year else " %Y")
    return thai_strftime(_dt.datetime(day.year, day.month, day.day), fmt)


def fiscal_year_of(day: _dt.date) -> int:
    """B.E. fiscal year that contains ``day``."""
    return ce_to_be(day.year + 1 if day.month >= 10 else day.year)


@dataclass(frozen=True)
class FiscalYear:
    """One fiscal year, named by its B.E. year."""

    be: int

    def __post_init__(self):
        object.__setattr__(self, "be", normalize_be_year(self.be))

    @property
    def ce(self) -> int:
        """C.E. year in which the fiscal year ends."""
        return be_to_ce(self.be)

    @property
    def start(self) -> _dt.date:
        return _dt.date(self.ce - 1, 10, 1)

    @property
    def end(self) -> _dt.date:
        return _dt.date(self.ce, 9, 30)

    def months(self) -> list[tuple[int, int]]:
        """(C.E. year, month) pairs in fiscal order."""
        return [(self.ce - 1 if m >= 10 else self.ce, m) for m in FISCAL_MONTH_ORDER]

    def month_labels(self, *, with_year: bool = False) -> list[str]:
        """Gantt headers: "ต.ค." ... "ก.ย." or "ต.ค. 63" ... "ก.ย. 64"."""
        return [month_abbr(m, ce_to_be(y) if with_year else None) for y, m in self.months()]

    def fiscal_month_index(self, day: _dt.date) -> int:
        """1 for October ... 12 for September; raises if ``day`` is outside the year."""
        if not self.contains(day):
            raise ValueError(f"{day} is outside fiscal year {self.be}")
        return FISCAL_MONTH_ORDER.index(day.month) + 1

    def contains(self, day: _dt.date) -> bool:
        return self.start <= day <= self.end

    def round_end(self, round_months: int) -> _dt.date:
        """Last day of the 6-month (31 Mar) or 12-month (30 Sep) round."""
        if round_months == 6:
            return _dt.date(self.ce, 3, 31)
        if round_months == 12:
            return self.end
        raise ValueError(f"round must be 6 or 12 months, got {round_months}")

    def quarter(self, day: _dt.date) -> int:
        """Fiscal quarter 1-4 (Q1 = ต.ค.-ธ.ค.)."""
        return (self.fiscal_month_index(day) - 1) // 3 + 1

    def quarter_range(self, quarter: int) -> tuple[_dt.date, _dt.date]:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1-4, got {quarter}")
        first_y, first_m = self.months()[(quarter - 1) * 3]
        last_y, last_m = self.months()[quarter * 3 - 1]
        import calendar

        return _dt.date(first_y, first_m, 1), _dt.date(last_y, last_m, calendar.monthrange(last_y, last_m)[1])

    def period_label(self) -> str:
        """"1 ตุลาคม 2563 – 30 กันยายน 2564" as the seeds' page header prints it."""
        return f"{format_thai_date(self.start)} – {format_thai_date(self.end)}"

    def round_label(self, round_months: int) -> str:
        """"รอบ 12 เดือน (ต.ค. 63 - ก.ย. 64)"."""
        end = self.round_end(round_months)
        return (
            f"รอบ {round_months} เดือน ({month_abbr(10, self.be - 1)} - "
            f"{month_abbr(end.month, ce_to_be(end.year))})"
        )

    def title(self) -> str:
        """"ปีงบประมาณ พ.ศ. 2564"."""
        return f"ปีงบประมาณ พ.ศ. {self.be}"
