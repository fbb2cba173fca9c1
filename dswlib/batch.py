"""Run report notebooks in parallel: papermill per job, HTML per job, an index page.

Papermill has no parallel batch of its own; each job runs in its own worker
process (its own kernel). A failing job never stops the others: its error is
recorded, nothing half-written is left behind (outputs are written to a
temporary file and renamed), and :func:`run_batch` reports every failure.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_path
from .jobs import ReportJob


@dataclass
class JobResult:
    job: ReportJob
    ok: bool
    seconds: float
    ipynb: str = ""
    html: str = ""
    error: str = ""


@dataclass
class BatchResult:
    fiscal_year: int
    out_dir: Path
    results: list[JobResult] = field(default_factory=list)
    index: Path | None = None

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed


@contextmanager
def _kernel_env(root: Path):
    """Environment for kernels this job starts; the caller's environment is restored after."""
    values = {"DSW_ROOT": str(root), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


_WARM = None  # this worker process's WarmKernel


def _warm_kernel(root: Path, kernel_name: str):
    global _WARM
    if _WARM is not None and (_WARM.root != Path(root) or _WARM.kernel_name != kernel_name):
        _WARM.shutdown()
        _WARM = None
    if _WARM is None:
        from multiprocessing import util

        from .warmkernel import WarmKernel

        _WARM = WarmKernel(root, kernel_name)
        # multiprocessing children skip atexit; Finalize with a priority runs at worker exit
        util.Finalize(None, _WARM.shutdown, exitpriority=10)
    return _WARM


def _shutdown_warm() -> None:
    global _WARM
    if _WARM is not None:
        _WARM.shutdown()
        _WARM = None


def _execute_fresh(src: Path, dst: Path, job: ReportJob, root: str, kernel_name: str) -> None:
    """papermill as usual: a new kernel for this notebook."""
    import papermill as pm

    pm.execute_notebook(
        str(src), str(dst), parameters=dict(job.parameters), kernel_name=kernel_name,
        cwd=str(root), progress_bar=False, log_output=False, request_save_on_cell_execute=False,
    )


def _execute_warm(src: Path, dst: Path, job: ReportJob, root: str, kernel_name: str) -> None:
    """papermill's parameterisation, executed in this worker's warm kernel."""
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = parameterize_notebook(load_notebook_node(str(src)), dict(job.parameters), kernel_name=kernel_name, language="python")
    warm = _warm_kernel(Path(root), kernel_name)
    try:
        warm.execute(nb)
    finally:
        nbformat.write(nb, str(dst))  # with the error output when a cell failed


def run_job(job: ReportJob, notebooks_dir: str, out_dir: str, root: str, kernel_name: str = "python3",
            reuse_kernel: bool = True) -> JobResult:
    """Execute one job and render its HTML (runs in a worker process)."""
    import nbformat

    from .render import notebook_to_html

    started = time.perf_counter()
    src = Path(notebooks_dir) / job.notebook
    ipynb = Path(out_dir) / f"{job.output}.ipynb"
    html = Path(out_dir) / f"{job.output}.html"
    execute = _execute_warm if reuse_kernel else _execute_fresh
    try:
        with atomic_path(ipynb) as tmp_nb:
            tmp_nb.unlink()  # the executor writes it; mkstemp left an empty file
            try:
                with _kernel_env(Path(root)):
                    execute(src, tmp_nb, job, root, kernel_name)
            except Exception:
                # keep the executed-with-error notebook beside the target for diagnosis
                if tmp_nb.exists():
                    os.replace(tmp_nb, ipynb.with_suffix(".failed.ipynb"))
                raise
            nb = nbformat.read(str(tmp_nb), as_version=4)
            markup = notebook_to_html(nb, job.title or job.name)
        with atomic_path(html) as tmp_html:
            tmp_html.write_text(markup, encoding="utf-8")
        ipynb.with_suffix(".failed.ipynb").unlink(missing_ok=True)
        return JobResult(job, True, time.perf_counter() - started, str(ipynb), str(html))
    except Exception as exc:  # one job's failure is reported, never raised
        msg = f"{type(exc).__name__}: {exc}".strip()
        if len(msg) > 4000:
            msg = msg[:4000] + " …"
        return JobResult(job, False, time.perf_counter() - started, error=msg)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def run_batch(
    fiscal_year: int,
    jobs: list[ReportJob],
    root: Path,
    out_root: Path,
    workers: int | None = None,
    progress: bool = True,
    kernel_name: str = "python3",
    reuse_kernels: bool = True,
) -> BatchResult:
    """Run ``jobs`` with ``workers`` processes; write ``<out_root>/<year>/index.html``."""
    from .index_page import write_index

    out_dir = Path(out_root) / str(fiscal_year)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult(fiscal_year, out_dir)
    workers = workers or default_workers()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(jobs), desc=f"FY{fiscal_year}", unit="report")
    args = (str(Path(root) / "notebooks"), str(out_dir), str(root), kernel_name, reuse_kernels)
    if workers == 1:
        for job in jobs:
            result.results.append(run_job(job, *args))
            bar and bar.update(1)
        _shutdown_warm()
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(run_job, job, *args): job for job in jobs}
            for fut in as_completed(futures):
                try:
                    res = fut.result()
                except Exception as exc:  # worker died
                    res = JobResult(futures[fut], False, 0.0, error=f"worker failed: {exc}")
                result.results.append(res)
                if bar:
                    bar.update(1)
                    if not res.ok:
                        bar.write(f"FAILED {res.job.name}: {res.error.splitlines()[0] if res.error else ''}")
    if bar:
        bar.close()
    order = {j.name: i for i, j in enumerate(jobs)}
    result.results.sort(key=lambda r: order[r.job.name])
    result.index = write_index(result)
    return result
