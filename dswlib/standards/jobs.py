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
NOTEBOOKS = (PROVINCE_NOTEBOOK, OVERVIEW_NOTEBOOK)
SHARED_INPUTS = ["standards/rubric.yaml", "standards/provinces.csv"]


def inputs(job: ReportJob, params_dir: Path) -> list[str]:
    """Rubric and province list, plus the assessment files this report reads.

    The overview reads every file of the year's assessment directory. A province
    report reads only its own file (``…_<code>-<slug>.csv|xlsx``) when the directory
    holds real assessments, plus the year summary (every office's scores, for its rank
    and the national and regional means; :mod:`dswlib.standards.summary`). The summary
    holds scores only, so a change in another province's file that moves no score does
    not re-run this page, and a change of any score re-runs every province page.
    In the synthetic demo year the whole directory is declared, since a file
    appearing there replaces the demo data.
    """
    import os

    from .loading import assessments_dir, province_file_glob
    from .provinces import find_province
    from .summary import summary_input

    p = job.parameters
    year, adir = int(p["fiscal_year"]), p.get("assessment_dir") or ""
    if adir:
        path = Path(adir) if Path(adir).is_absolute() else Path(params_dir).parent / adir
        rel = os.path.relpath(path, params_dir).replace(os.sep, "/")
    else:
        rel = f"standards/assessments/{year}"
    if job.notebook == OVERVIEW_NOTEBOOK:
        return SHARED_INPUTS + [f"{rel}/*"]
    summary = summary_input(year, params_dir, adir)
    if assessments_dir(year, params_dir, adir) is None:
        return SHARED_INPUTS + [f"{rel}/*", summary]
    return SHARED_INPUTS + [f"{rel}/{province_file_glob(find_province(p['province'], params_dir))}", summary]


def refresh_summary(fiscal_year: int, params_dir: Path) -> None:
    """Bring the year summary up to date before the jobs are fingerprinted (reads every file once).

    A failure here (e.g. a broken rubric) is left to the reports, which fail with the
    error named; the other report kinds of the batch are not affected.
    """
    import logging

    from .summary import ensure_year_summary

    try:
        ensure_year_summary(fiscal_year, params_dir, "")
    except Exception as exc:  # noqa: BLE001 - reported by the jobs themselves
        logging.getLogger("dswlib.standards").warning("standards year summary not refreshed: %s", exc)


def jobs(fiscal_year: int, params_dir: Path) -> list[ReportJob]:
    year = int(fiscal_year)
    params = str(params_dir)
    real = Path(params_dir) / "standards" / "assessments" / str(year)
    if year != DEMO_YEAR and not real.is_dir():
        return []  # no assessments for this year: no reports (the demo is rendered for DEMO_YEAR only)
    refresh_summary(year, params_dir)
    out = [
        ReportJob(
            name="standards/overview",
            notebook=OVERVIEW_NOTEBOOK,
            parameters={"fiscal_year": year, "params_dir": params, "assessment_dir": ""},
            output="standards/overview",
            title=f"ภาพรวมผลการปฏิบัติตามมาตรฐาน สนง.พมจ. ปีงบประมาณ พ.ศ. {year}",
            group=GROUP_TH,
        )
    ]
    for p in load_provinces(params_dir):
        out.append(ReportJob(
            name=f"standards/{p.output_id}",
            notebook=PROVINCE_NOTEBOOK,
            parameters={"fiscal_year": year, "province": p.code, "params_dir": params, "assessment_dir": ""},
            output=f"standards/{p.output_id}",
            title=f"ผลการปฏิบัติตามมาตรฐาน {p.office_th} ปีงบประมาณ พ.ศ. {year}",
            label=p.office_th,
            group=GROUP_TH,
        ))
    return out
