"""Which report kinds a batch run collects jobs from.

Each entry is a module with

* ``jobs(fiscal_year, params_dir) -> list[ReportJob]``: the reports of a year;
* ``NOTEBOOKS``: the notebooks its jobs run;
* ``inputs(job, params_dir) -> list[str]``: the params files (paths or globs relative
  to the params dir) a job's notebook reads with the job's parameters.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from pathlib import Path

from .jobs import ReportJob

PROVIDERS = (
    "dswlib.annual.jobs",
    "dswlib.covid.jobs",
    "dswlib.roadmap.jobs",
    "dswlib.community.jobs",
    "dswlib.standards.jobs",
)


def portable_params_dir(params_dir: Path, root: Path) -> str:
    """``params_dir`` as recorded in a job's parameters: relative to the repo root.

    Kernels run in the repo root, so a relative path resolves there, and no
    absolute local path is written into the executed notebooks.
    """
    return os.path.relpath(Path(params_dir).resolve(), Path(root).resolve()).replace(os.sep, "/")


def collect_jobs(fiscal_year: int, params_dir: Path, providers=PROVIDERS, root: Path | None = None) -> list[ReportJob]:
    """Every job of ``fiscal_year``, with ``params_dir`` relative to ``root`` and inputs declared."""
    from .paths import repo_root

    root = Path(root) if root is not None else repo_root()
    params_dir = Path(params_dir).resolve()
    portable = portable_params_dir(params_dir, root)
    jobs: list[ReportJob] = []
    for name in providers:
        module = importlib.import_module(name)
        for job in module.jobs(fiscal_year, params_dir):
            if job.parameters.get("params_dir") == str(params_dir):
                job = dataclasses.replace(job, parameters={**job.parameters, "params_dir": portable})
            jobs.append(declare_inputs(job, params_dir, providers))
    names = [j.name for j in jobs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"duplicate job names {dupes}")
    return jobs


def provider_for(notebook: str, providers=PROVIDERS):
    for name in providers:
        module = importlib.import_module(name)
        if notebook in getattr(module, "NOTEBOOKS", ()):
            return module
    return None


def declare_inputs(job: ReportJob, params_dir: Path, providers=PROVIDERS) -> ReportJob:
    """``job`` with ``inputs`` set by its provider for its current parameters (unchanged if none knows it)."""
    module = provider_for(job.notebook, providers)
    if module is None:
        return job
    return dataclasses.replace(job, inputs=tuple(module.inputs(job, Path(params_dir))))
