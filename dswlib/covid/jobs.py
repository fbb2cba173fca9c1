"""Batch jobs of the COVID lessons-learned section: one per fiscal year that has ``covid.yaml``."""

from __future__ import annotations

from pathlib import Path

from ..jobs import ReportJob
from .model import covid_path

NOTEBOOK = "covid_lessons.ipynb"
GROUP = "รายงานผลการดำเนินงาน"


def jobs(fiscal_year: int, params_dir: Path) -> list[ReportJob]:
    if not covid_path(params_dir, fiscal_year).is_file():
        return []
    return [ReportJob(
        name="covid_lessons",
        notebook=NOTEBOOK,
        parameters={"fiscal_year": int(fiscal_year), "params_dir": str(params_dir)},
        output="covid_lessons",
        title=f"ผลการถอดบทเรียนการบริหารจัดการผลกระทบจากโควิด 19 ปีงบประมาณ พ.ศ. {int(fiscal_year)}",
        group=GROUP,
    )]
