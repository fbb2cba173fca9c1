"""Which report kinds a batch run collects jobs from.

Each entry is a module with ``jobs(fiscal_year, params_dir) -> list[ReportJob]``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .jobs import ReportJob

PROVIDERS = (
    "dswlib.annual.jobs",
    "dswlib.covid.jobs",
    "dswlib.roadmap.jobs",
    "dswlib.community.jobs",
    "dswlib.standards.jobs",
)


def collect_jobs(fiscal_year: int, params_dir: Path, providers=PROVIDERS) -> list[ReportJob]:
    jobs: list[ReportJob] = []
    for name in providers:
        module = importlib.import_module(name)
        jobs.extend(module.jobs(fiscal_year, Path(params_dir)))
    names = [j.name for j in jobs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"duplicate job names {dupes}")
    return jobs
