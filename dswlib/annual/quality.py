"""The data-quality section: what the recomputation found and what the document itself gets wrong.

The body table is Thai only (:func:`dswlib.findings.findings_table`); the same numbers
lead to the technical provenance in the appendix (:func:`dswlib.findings.findings_appendix_table`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..catalog import Kpi
from ..display import Section, para
from ..findings import Finding, findings_table

if TYPE_CHECKING:  # pragma: no cover
    from .report import AnnualReport

INTRO = ("รายการที่ตรวจพบจากการคำนวณซ้ำ (ร้อยละ ผลรวม การเปลี่ยนแปลง เป้าหมายที่คำนวณจากกฎ) "
         "และข้อสังเกตที่บันทึกไว้จากเอกสารต้นฉบับ ข้อมูลคงไว้ตามที่พิมพ์ ไม่ได้แก้ไข "
         "ตำแหน่งในไฟล์ข้อมูลและเลขบรรทัดในเอกสารต้นฉบับของแต่ละรายการอยู่ในภาคผนวก (ลำดับเดียวกัน)")


def numbered(rep: "AnnualReport") -> list[tuple[int, Finding]]:
    """The year's findings with the number the data-quality table and the appendix give them."""
    return list(enumerate(rep.scorecard.findings, start=1))


def _kpi_ids(where: str) -> set[str]:
    """KPI ids a technical place names: "KPI 3.1 result" -> {"3.1"}; "KPI 1, 2, 5.1" -> {"1", "2", "5.1"}."""
    match = re.match(r"KPI ((?:\d+(?:\.\d+)?(?:, | และ )?)+)", where)
    return set(re.findall(r"\d+(?:\.\d+)?", match.group(1))) if match else set()


def concerns(finding: Finding, kpi: Kpi) -> bool:
    """Does a finding concern this KPI (its result, history, targets or per-unit table)?"""
    if kpi.id in _kpi_ids(finding.where):
        return True
    return kpi.units_table is not None and finding.where.startswith(kpi.units_table.file)


def kpi_findings(rep: "AnnualReport", kpi: Kpi) -> list[tuple[int, Finding]]:
    return [(n, f) for n, f in numbered(rep) if concerns(f, kpi)]


def data_quality(rep: "AnnualReport") -> Section:
    return Section().add(para(INTRO), findings_table(rep.scorecard.findings))
