"""Batch jobs of the annual report: one per fiscal year that has a KPI catalog."""

from __future__ import annotations

from pathlib import Path

from ..jobs import ReportJob

NOTEBOOKS = ("annual_report.ipynb",)


def inputs(job: ReportJob, params_dir: Path) -> list[str]:
    """The catalog, its per-unit tables, strategy map, known issues, the cross-year series and the
    COVID section (summarised in the report's COVID chapter)."""
    y = job.parameters["fiscal_year"]
    return [f"{y}/kpis.yaml", f"{y}/*.csv", f"{y}/strategy.yaml", f"{y}/known_issues.yaml", "series/kpi_results.csv",
            f"{y}/covid.yaml"]


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
