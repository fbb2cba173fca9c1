"""Batch jobs: one report per province (76) and one national overview."""

from __future__ import annotations

from pathlib import Path

from ..jobs import ReportJob
from .provinces import load_provinces

GROUP_TH = "มาตรฐานการปฏิบัติหน้าที่ สนง.พมจ."
PROVINCE_NOTEBOOK = "standards_province.ipynb"
OVERVIEW_NOTEBOOK = "standards_overview.ipynb"
#: The year for which the batch renders the SYNTHETIC demo when no real assessments exist
#: (the default batch year; seed 004 was printed in FY2564).
DEMO_YEAR = 2564


def jobs(fiscal_year: int, params_dir: Path) -> list[ReportJob]:
    year = int(fiscal_year)
    params = str(params_dir)
    real = Path(params_dir) / "standards" / "assessments" / str(year)
    if year != DEMO_YEAR and not real.is_dir():
        return []  # no assessments for this year: no reports (the demo is rendered for DEMO_YEAR only)
    out = [
        ReportJob(
            name="standards/overview",
            notebook=OVERVIEW_NOTEBOOK,
            parameters={"fiscal_year": year, "params_dir": params, "assessment_dir": ""},
            output="standards/overview",
            title=f"ภาพรวมผลการปฏิบัติตามมาตรฐาน สนง.พมจ. 76 จังหวัด ปีงบประมาณ {year}",
            group=GROUP_TH,
        )
    ]
    for p in load_provinces(params_dir):
        out.append(ReportJob(
            name=f"standards/{p.output_id}",
            notebook=PROVINCE_NOTEBOOK,
            parameters={"fiscal_year": year, "province": p.code, "params_dir": params, "assessment_dir": ""},
            output=f"standards/{p.output_id}",
            title=f"ผลการปฏิบัติตามมาตรฐาน {p.office_th} ปีงบประมาณ {year}",
            group=GROUP_TH,
        ))
    return out
