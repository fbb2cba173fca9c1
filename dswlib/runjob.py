"""One report job: papermill execution, reviewer HTML, atomic writes, the real error.

Runs in a batch worker process (:mod:`dswlib.worker`). Everything a job writes goes
to a temporary file first and is renamed into place, so a reader (or an
interrupted run) never sees half a report. The page is rendered from the full executed
notebook; the ``.ipynb`` kept is then a record of the run, its rich display outputs
omitted (:mod:`dswlib.recordnb`), unless ``RunConfig.full_notebooks``. When a job fails:

* its executed-with-error notebook is kept as ``<output>.failed.ipynb`` (papermill's
  error marker on the failing cell, per-cell metadata);
* the report of an earlier successful run (``<output>.html``/``.ipynb``) is removed,
  so no outdated report is left looking current;
* the error is the notebook exception's own type and message and the failing
  cell's first line (not nbclient's wrapper text).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_path
from .jobs import ReportJob

log = logging.getLogger(__name__)

#: True from the moment a job starts replacing its output files until its result is returned:
#: a worker told to stop (SIGTERM) then finishes the job and reports it instead of abandoning
#: files on disk that no record describes (see :mod:`dswlib.worker`).
committing = False

DEFAULT_CELL_TIMEOUT = 600  # seconds per cell; generous: the slowest report cell takes a few seconds
DEFAULT_START_TIMEOUT = 60


@dataclass(frozen=True)
class RunConfig:
    """What every job of a run shares (picklable: sent to the worker processes)."""

    root: str
    out_dir: str
    notebooks_dir: str = ""
    kernel_name: str = "python3"
    reuse_kernels: bool = True
    cell_timeout: int | None = DEFAULT_CELL_TIMEOUT
    start_timeout: int = DEFAULT_START_TIMEOUT
    params_dir: str | None = None  # absolute; reads under it are recorded
    params_display: str | None = None  # how params_dir appears in outputs
    pdf: bool = False  # also print the HTML to an A4 PDF beside it (``dsw run --pdf``)
    full_notebooks: bool = False  # keep the executed notebooks whole (``dsw run --full-notebooks``), not as records

    def __post_init__(self):
        if not self.notebooks_dir:
            object.__setattr__(self, "notebooks_dir", str(Path(self.root) / "notebooks"))


@dataclass
class JobResult:
    job: ReportJob
    ok: bool
    seconds: float
    ipynb: str = ""
    html: str = ""
    error: str = ""  # one line: "ParamsError: … (cell 2: data = …)"
    error_detail: dict | None = None  # {"type", "message", "cell", "source"}
    started: str = ""
    ended: str = ""
    outputs: dict = field(default_factory=dict)  # path relative to the year's output dir -> sha256
    reads: list | None = None  # params files opened (relative to the params dir); None if not traced

    @property
    def status(self) -> str:
        return "ok" if self.ok else "failed"


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def error_detail(exc: BaseException, redact=lambda s: s) -> dict:
    """``{"type", "message", "cell", "source"}`` of a job failure.

    For a notebook cell that raised, papermill's :class:`PapermillExecutionError`
    carries the exception's own name and value, the cell's execution count and source.
    """
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        first = next((line.strip() for line in (exc.source or "").splitlines() if line.strip()), "")
        return {"type": exc.ename, "message": redact(str(exc.evalue)), "cell": exc.exec_count, "source": redact(first)}
    return {"type": type(exc).__name__, "message": redact(str(exc)), "cell": None, "source": ""}


def error_line(detail: dict | None) -> str:
    """One line for the terminal and the index page."""
    if not detail:
        return ""
    message = (detail.get("message") or "").strip().splitlines()
    text = f"{detail['type']}: {message[0] if message else ''}".strip()
    if len(message) > 1:
        text += f" (+{len(message) - 1} more lines)"
    if detail.get("source"):
        cell = f"cell {detail['cell']}" if detail.get("cell") is not None else "cell"
        text += f" [{cell}: {detail['source']}]"
    return text


def _redactor(config: RunConfig):
    from .redact import Redactor

    return Redactor(config.root, config.params_dir, config.params_display)


def _out_rel(path: Path, config: RunConfig) -> str:
    return os.path.relpath(path, config.out_dir).replace(os.sep, "/")


def _reads(config: RunConfig) -> list | None:
    from . import engine

    if engine.last_reads is None or not config.params_dir:
        return None
    base = os.path.realpath(config.params_dir)
    out = set()
    for path in engine.last_reads:
        real = os.path.realpath(path)
        if real.startswith(base + os.sep) and os.path.isfile(real):
            out.add(os.path.relpath(real, base).replace(os.sep, "/"))
    return sorted(out)


def _finish_notebook(tmp: Path, src_rel: str, out_rel: str, redactor):
    """Read papermill's output and drop absolute paths; the node is returned (the caller writes it)."""
    import nbformat

    nb = nbformat.read(str(tmp), as_version=4)
    redactor.notebook(nb)
    meta = nb.metadata.setdefault("papermill", {})
    meta["input_path"], meta["output_path"] = src_rel, out_rel
    return nb


def _write_notebook(nb, path: Path) -> None:
    import nbformat

    nbformat.write(nb, str(path), split_lines=False)  # multi-line texts as one JSON string: 10 % smaller, same notebook


class PdfFailed(RuntimeError):
    """The page was rendered but could not be printed to PDF."""


def print_pdf(html: Path, pdf: Path) -> None:
    """Print a finished page to ``pdf``; any failure (no browser, Chromium's error) is one :class:`PdfFailed`."""
    from .browser import BrowserMissing
    from .pdf import PdfError, html_to_pdf

    try:
        html_to_pdf(html, pdf)
    except (PdfError, BrowserMissing, OSError) as exc:
        raise PdfFailed(f"PDF: {exc}") from None


def run_job(job: ReportJob, config: RunConfig) -> JobResult:
    """Execute one job and render its HTML; failures are returned, never raised."""
    import papermill as pm

    from . import engine
    from .fingerprint import sha256_file
    from .render import notebook_to_html

    global committing
    committing = False
    engine.register()
    started_wall, started = now_iso(), time.perf_counter()
    out_dir = Path(config.out_dir)
    src = Path(config.notebooks_dir) / job.notebook
    ipynb, html = out_dir / f"{job.output}.ipynb", out_dir / f"{job.output}.html"
    pdf = html.with_suffix(".pdf")
    failed_nb = out_dir / f"{job.output}.failed.ipynb"
    src_rel = os.path.relpath(src, config.root).replace(os.sep, "/")
    redactor = _redactor(config)
    engine.last_reads = None
    wrote_failed = False
    log.debug("%s: executing %s", job.name, src_rel)
    try:
        with atomic_path(ipynb) as tmp_nb:
            tmp_nb.unlink()  # papermill writes it; mkstemp left an empty file
            try:
                pm.execute_notebook(
                    str(src), str(tmp_nb), parameters=dict(job.parameters),
                    engine_name=engine.ENGINE_NAME if config.reuse_kernels else None,
                    kernel_name=config.kernel_name, cwd=str(config.root), progress_bar=False, log_output=False,
                    request_save_on_cell_execute=False, start_timeout=config.start_timeout,
                    execution_timeout=config.cell_timeout or None,
                )
            except Exception:
                committing = True
                if tmp_nb.exists():  # the executed-with-error notebook, for diagnosis
                    _write_notebook(_finish_notebook(tmp_nb, src_rel, _out_rel(failed_nb, config), redactor), tmp_nb)
                    os.replace(tmp_nb, failed_nb)
                    wrote_failed = True
                raise
            nb = _finish_notebook(tmp_nb, src_rel, _out_rel(ipynb, config), redactor)
            markup = notebook_to_html(nb, job.title or job.name)  # the page is rendered from the full notebook
            if not config.full_notebooks:  # the kept notebook records the run; the page shows its outputs
                from .recordnb import make_record

                make_record(nb, html.name)
            _write_notebook(nb, tmp_nb)
            if config.pdf:  # printed from the finished page before anything is put in place
                with atomic_path(html) as tmp_html:
                    tmp_html.write_text(markup, encoding="utf-8")
                    print_pdf(tmp_html, pdf)  # the page still at its temporary path: a failure fails the report
                committing = True
            else:
                committing = True
                with atomic_path(html) as tmp_html:
                    tmp_html.write_text(markup, encoding="utf-8")
        failed_nb.unlink(missing_ok=True)
        if not config.pdf:
            pdf.unlink(missing_ok=True)  # an older PDF would no longer match the page
        written = (ipynb, html, pdf) if config.pdf else (ipynb, html)
        outputs = {_out_rel(p, config): sha256_file(p) for p in written}
        return JobResult(job, True, time.perf_counter() - started, str(ipynb), str(html), started=started_wall,
                         ended=now_iso(), outputs=outputs, reads=_reads(config))
    except Exception as exc:  # one job's failure is reported, never raised
        committing = True
        detail = error_detail(exc, redactor.text)
        if len(detail["message"]) > 4000:
            detail["message"] = detail["message"][:4000] + " …"
        # the previous run's report must not stay beside a failure looking current
        for old in (html, ipynb, pdf) + (() if wrote_failed else (failed_nb,)):
            old.unlink(missing_ok=True)
        outputs = {_out_rel(failed_nb, config): sha256_file(failed_nb)} if wrote_failed else {}
        return JobResult(job, False, time.perf_counter() - started, error=error_line(detail), error_detail=detail,
                         started=started_wall, ended=now_iso(), outputs=outputs, reads=_reads(config))
