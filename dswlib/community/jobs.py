"""Batch jobs of the community-strengthening report (collected by ``dsw run <year>``)."""

from __future__ import annotations

from pathlib import Path

from ..jobs import ReportJob
from .criteria import load_criteria
from .demo import DEFAULT_SEED

NOTEBOOK = "community_strengthening.ipynb"
OUTPUT = "community/strengthening"
GROUP_TH = "การประเมินความเข้มแข็งของชุมชน"
NOTEBOOKS = (NOTEBOOK,)


def inputs(job: ReportJob, params_dir: Path) -> list[str]:
    """The criteria and the province-office table; with ``data_dir`` its three data files."""
    import os

    from ..paths import resolve_params_dir
    from .criteria import CRITERIA_FILE
    from .dataset import COMMUNITIES_FILE, HOUSEHOLDS_FILE, MILESTONES_FILE
    from .offices import OFFICES_FILE

    out = [f"community/{CRITERIA_FILE}", f"community/{OFFICES_FILE}"]
    data_dir = job.parameters.get("data_dir")
    if data_dir:
        rel = os.path.relpath(resolve_params_dir(data_dir), Path(params_dir)).replace(os.sep, "/")
        out += [f"{rel}/{name}" for name in (COMMUNITIES_FILE, HOUSEHOLDS_FILE, MILESTONES_FILE)]
    return out


def jobs(fiscal_year: int, params_dir: Path) -> list[ReportJob]:
    """One report for the fiscal year the criteria are written for (FY2564); none for other years."""
    from ..fiscal import normalize_be_year

    year = normalize_be_year(fiscal_year)
    criteria = load_criteria(params_dir)
    if year != criteria.fiscal_year_be:
        return []
    return [
        ReportJob(
            name=OUTPUT,
            notebook=NOTEBOOK,
            parameters={"fiscal_year": year, "params_dir": str(params_dir), "demo_seed": DEFAULT_SEED, "data_dir": ""},
            output=OUTPUT,
            title=f"การประเมินผลการสร้างเสริมชุมชนเข้มแข็ง ปีงบประมาณ พ.ศ. {year} (ข้อมูลสาธิต)",
            group=GROUP_TH,
        )
    ]
