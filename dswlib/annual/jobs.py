"""Batch jobs of the annual report: one per fiscal year that has a KPI catalog."""

from __future__ import annotations

from pathlib import Path

from ..jobs import ReportJob


def jobs(fiscal_year: int, params_dir: Path) -> list[ReportJob]:
    if not (Path(params_dir) / str(fiscal_year) / "kpis.yaml").exists():
        return []
    return [
        ReportJob(
            name="annual_report",
            notebook="annual_report.ipynb",
            parameters={"fiscal_year": int(fiscal_year), "round": 12, "params_dir": str(params_dir)},
            output="annual_report",
            title=f"รายงานผลการดำเนินงานตามตัวชี้วัด ปีงบประมาณ พ.ศ. {fiscal_year}",
            group="รายงานผลการดำเนินงาน",
        )
    ]
