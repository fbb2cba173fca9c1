"""Data-quality findings: what the checker (or a report) found wrong or odd in the data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem in the data, kept as printed and surfaced, never fixed silently.

    ``code`` is a stable identifier (``percent_mismatch``, ``numerator_above_denominator``,
    ``total_mismatch`` ...); ``where`` names the file and row or field; ``message`` is Thai
    text for the report; ``source`` the seed line(s) concerned.
    """

    code: str
    severity: str
    where: str
    message: str
    source: str = ""
    expected: str = ""
    printed: str = ""
    where_th: str = ""  # the place in the reader's terms ("ตัวชี้วัดที่ 3.2 แถวที่ 3"); ``where`` is technical

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")

    def to_dict(self) -> dict:
        return asdict(self)


SEVERITY_TH = {"error": "ข้อผิดพลาด", "warning": "ข้อสังเกต", "info": "หมายเหตุ"}


def findings_table(findings, *, caption: str = "", empty: str = "ไม่พบข้อสังเกตด้านคุณภาพข้อมูล"):
    """The report body's table of findings: Thai only (no codes, no file names).

    Each row carries a number (ลำดับ) that the technical appendix repeats, so a
    reviewer can find the file, row and seed line of a finding there.
    """
    import pandas as pd

    from .display import Col, ReportTable

    rows = [{"ลำดับ": i, "ระดับ": SEVERITY_TH[f.severity], "ตำแหน่ง": f.where_th or "-", "รายละเอียด": f.message,
             "ค่าที่พิมพ์": _value(f.printed), "ค่าที่คำนวณได้": _value(f.expected)}
            for i, f in enumerate(findings, start=1)]
    frame = pd.DataFrame(rows, columns=["ลำดับ", "ระดับ", "ตำแหน่ง", "รายละเอียด", "ค่าที่พิมพ์", "ค่าที่คำนวณได้"])
    as_printed = Col(fmt=_as_printed, align="right")
    return ReportTable(frame, cols={"ค่าที่พิมพ์": as_printed, "ค่าที่คำนวณได้": as_printed}, caption=caption, empty=empty)


class PrintedNumber(Decimal):
    """A figure as a finding quotes it: computes as a ``Decimal``, shows the text as printed
    ("+2.87", "2.9", "100.00", "ร้อยละ 13.90")."""

    def __new__(cls, text):
        from .thainum import parse_number

        obj = super().__new__(cls, parse_number(text))
        obj.text = str(text)
        return obj

    def __reduce__(self):
        return (PrintedNumber, (self.text,))


def _value(text):
    """A printed/recomputed value as data: a :class:`PrintedNumber` when it is one number, ``None``
    when empty or "-", else the text ("2,837.35 / 2,734.71 / 2,000.00")."""
    from .thainum import is_missing

    if text is None or is_missing(text):
        return None
    try:
        return PrintedNumber(text)
    except ValueError:  # ParamsError: not one number
        return text


def _as_printed(value) -> str:
    return value.text if isinstance(value, PrintedNumber) else str(value)


def findings_appendix_table(findings):
    """Technical provenance of the findings (for the appendix): code, file/row, seed line."""
    import pandas as pd

    from .display import ReportTable

    rows = [{"ลำดับ": i, "รหัสรายการ": f.code, "ตำแหน่งในข้อมูล": f.where, "แหล่งที่มาในเอกสารต้นฉบับ": f.source or None}
            for i, f in enumerate(findings, start=1)]
    frame = pd.DataFrame(rows, columns=["ลำดับ", "รหัสรายการ", "ตำแหน่งในข้อมูล", "แหล่งที่มาในเอกสารต้นฉบับ"])
    return ReportTable(frame, empty="ไม่มีรายการ")


def findings_frame(findings):
    """Findings as a DataFrame with Thai column headers, for report tables."""
    import pandas as pd

    rows = [
        {
            "ระดับ": {"error": "ข้อผิดพลาด", "warning": "ข้อสังเกต", "info": "หมายเหตุ"}[f.severity],
            "รหัส": f.code,
            "ตำแหน่ง": f.where,
            "รายละเอียด": f.message,
            "ค่าที่พิมพ์": f.printed,
            "ค่าที่คำนวณได้": f.expected,
            "แหล่งที่มา": f.source,
        }
        for f in findings
    ]
    return pd.DataFrame(rows, columns=["ระดับ", "รหัส", "ตำแหน่ง", "รายละเอียด", "ค่าที่พิมพ์", "ค่าที่คำนวณได้", "แหล่งที่มา"])
