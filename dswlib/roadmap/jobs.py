"""Batch jobs of the action-plan report: one per round with data.

Years with data (``params/<year>/``):

* 2569  ``roadmap.yaml``       progress, round 6 -> ``roadmap/progress_r6``
* 2566  ``action_plans.yaml``  monthly plans only -> ``roadmap/plan_r6``
  (what each KPI planned to finish by the 6-month round)

Any other year (e.g. 2564) has no action-plan file and gets no job.
"""

from __future__ import annotations

from pathlib import Path

from ..jobs import ReportJob
from .loader import load_plan, plan_path

NOTEBOOK = "roadmap_progress.ipynb"
GROUP = "ความก้าวหน้าแผนปฏิบัติการ"
NOTEBOOKS = (NOTEBOOK,)


def inputs(job: ReportJob, params_dir: Path) -> list[str]:
    """The year's action-plan file (either name)."""
    from .loader import FILE_NAMES

    return [f"{job.parameters['fiscal_year']}/{name}" for name in FILE_NAMES]


def jobs(fiscal_year: int, params_dir: Path) -> list[ReportJob]:
    fiscal_year = int(fiscal_year)
    if plan_path(fiscal_year, params_dir) is None:
        return []
    plan = load_plan(fiscal_year, params_dir)
    out = []
    params = {"fiscal_year": fiscal_year, "params_dir": str(params_dir)}
    if plan.kind == "progress" and plan.rounds_reported:
        for rnd in sorted(plan.rounds_reported):
            out.append(ReportJob(
                name=f"roadmap/progress_r{rnd}",
                notebook=NOTEBOOK,
                parameters={**params, "round": rnd},
                title=f"ความก้าวหน้าแผนปฏิบัติการ ปีงบประมาณ พ.ศ. {fiscal_year} รอบ {rnd} เดือน",
                group=GROUP,
            ))
    else:
        out.append(ReportJob(
            name="roadmap/plan_r6",
            notebook=NOTEBOOK,
            parameters={**params, "round": 6},
            title=f"แผนการดำเนินการตามตัวชี้วัด ปีงบประมาณ พ.ศ. {fiscal_year} (เป้าหมายรอบ 6 เดือน)",
            group=GROUP,
        ))
    return out
