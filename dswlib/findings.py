"""Data-quality findings: what the checker (or a report) found wrong or odd in the data."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")

    def to_dict(self) -> dict:
        return asdict(self)


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
