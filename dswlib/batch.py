"""A batch run: checked parameters, incremental, interruptible, recorded.

:func:`run_batch` for one fiscal year:

1. checks every job's parameters against its notebook (:mod:`dswlib.jobparams`);
   a refused job stops the run before anything is written;
2. fingerprints every job (notebook, declared params files, dswlib code,
   parameters, environment; :mod:`dswlib.fingerprint`) and skips those whose
   fingerprint and output files match the manifest (``force`` re-runs all);
3. runs the others on an :class:`~dswlib.executor.Executor` (worker processes with
   warm kernels by default, or a Dask cluster: :mod:`dswlib.daskexec`); one failing
   job never stops the others;
4. on SIGINT/SIGTERM starts no new job, stops the running ones and goes on to 5;
5. merges the results into ``outputs/<year>/manifest.json``, writes the year's
   ``scorecard.json`` and the year's dashboard (``index.html`` and ``dashboard.json``,
   :mod:`dswlib.dashboard`), all atomically; ``run.log`` has the details.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .jobs import ReportJob
from .runjob import DEFAULT_CELL_TIMEOUT, DEFAULT_START_TIMEOUT, JobResult, RunConfig, now_iso

log = logging.getLogger("dswlib.batch")


@dataclass
class BatchResult:
    fiscal_year: int
    out_dir: Path
    results: list[JobResult] = field(default_factory=list)  # jobs run in this run
    skipped: list[ReportJob] = field(default_factory=list)  # up to date: not run
    not_run: list[ReportJob] = field(default_factory=list)  # stopped or never started (interrupt)
    interrupted: bool = False
    index: Path | None = None
    index_pdf_error: str = ""  # with --pdf: why the index could not be printed ("" when it was)
    manifest: Path | None = None
    log: Path | None = None

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted and not self.index_pdf_error


@dataclass
class _Plan:
    job: ReportJob
    params_dir: Path | None
    notebook_sha256: str
    inputs: dict  # relative path -> sha256
    declared: set  # relative paths matched by the declared inputs
    fingerprint: str
    previous: dict | None
    reason: str | None  # why it must run; None = up to date

    @property
    def skip(self) -> bool:
        return self.reason is None


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _params_dir_of(job: ReportJob, root: Path) -> Path | None:
    value = job.parameters.get("params_dir")
    if not isinstance(value, str) or not value:
        return None
    path = Path(value)
    return (path if path.is_absolute() else root / path).resolve()


def _env_sha(env: dict) -> str:
    return hashlib.sha256(json.dumps(env, sort_keys=True).encode()).hexdigest()


def _plan(job, root, notebooks_dir, out_dir, manifest, hashes, code, env, kernel_name, force, pdf=False,
          notebook_kind=None) -> _Plan:
    from .fingerprint import expand_inputs, job_fingerprint

    pdir = _params_dir_of(job, root)
    files = expand_inputs(job.inputs, pdir) if pdir else {}
    declared = set(files)
    previous = manifest["jobs"].get(job.name)
    for rel in (previous or {}).get("undeclared_reads") or []:  # read last time though not declared
        if pdir and (pdir / rel).is_file():
            files.setdefault(rel, pdir / rel)
    inputs = {rel: hashes(path) for rel, path in sorted(files.items())}
    nb_sha = hashes(Path(notebooks_dir) / job.notebook)
    fp = job_fingerprint(notebook_sha256=nb_sha, parameters=job.parameters, input_patterns=job.inputs,
                         inputs=inputs, code_sha256=code, env=env, kernel_name=kernel_name)
    plan = _Plan(job, pdir, nb_sha, inputs, declared, fp, previous, None)
    plan.reason = _why_run(plan, force, out_dir, hashes, code, env, pdf, notebook_kind)
    return plan


#: why a report is re-run when its ``.ipynb`` was written the other way (:mod:`dswlib.recordnb`)
NOTEBOOK_KIND_REASONS = {"full": "full notebooks asked for", "record": "record notebook asked for"}


def _why_run(plan: _Plan, force, out_dir, hashes, code, env, pdf=False, notebook_kind=None) -> str | None:
    """Why the job must run, or None when it is up to date.

    ``notebook_kind`` (``"record"``/``"full"``, None: either will do) is the kind of
    ``.ipynb`` asked for; a report written the other way is re-run. Records of
    earlier versions have no ``notebook_kind`` key: their notebooks were full.
    """
    from .manifest import outputs_intact

    prev = plan.previous
    if force:
        return "--force"
    if not prev:
        return "no earlier run"
    if prev.get("status") != "ok":
        return "the earlier run failed"
    if prev.get("fingerprint") != plan.fingerprint:
        changes = []
        if prev.get("notebook_sha256") != plan.notebook_sha256:
            changes.append("notebook")
        if prev.get("parameters") != plan.job.parameters:
            changes.append("parameters")
        old = prev.get("inputs") or {}
        changed = sorted(k for k in set(old) | set(plan.inputs) if old.get(k) != plan.inputs.get(k))
        if changed:
            changes.append("params files " + ", ".join(changed[:5]) + (" …" if len(changed) > 5 else ""))
        if prev.get("code_sha256") != code:
            changes.append("dswlib code")
        if prev.get("env_sha256") != _env_sha(env):
            changes.append("Python or package versions")
        return "changed: " + (", ".join(changes) or "declared inputs")
    if not outputs_intact(prev, out_dir, hashes):
        return "output files missing or modified"
    if pdf and not any(rel.endswith(".pdf") for rel in prev.get("outputs") or {}):
        return "PDF asked for and not yet printed"
    if notebook_kind and prev.get("notebook_kind", "full") != notebook_kind:
        return NOTEBOOK_KIND_REASONS[notebook_kind]
    return None


def _print_index(index: Path, pdf: bool) -> str:
    """With ``pdf``, print the year's index (rewritten by every run) to ``index.pdf``; otherwise remove
    an older ``index.pdf``, which would no longer match the page. Returns the error, "" when none."""
    from .runjob import PdfFailed, print_pdf

    target = index.with_suffix(".pdf")
    if not pdf:
        target.unlink(missing_ok=True)
        return ""
    try:
        print_pdf(index, target)
        return ""
    except PdfFailed as exc:
        target.unlink(missing_ok=True)
        log.error("index: %s", exc)
        return str(exc)


def _record(plan: _Plan, res: JobResult, code: str, env: dict, git, kernel_name: str,
            notebook_kind: str = "record") -> dict:
    from .fingerprint import job_fingerprint

    inputs, fp = plan.inputs, plan.fingerprint
    undeclared = sorted(set(res.reads or []) - plan.declared)
    if undeclared:
        log.warning("%s read params files it does not declare: %s (added to its inputs)", plan.job.name,
                    ", ".join(undeclared))
        from .fingerprint import sha256_file

        inputs = dict(inputs)
        for rel in undeclared:
            inputs.setdefault(rel, sha256_file(plan.params_dir / rel))
        inputs = dict(sorted(inputs.items()))
        fp = job_fingerprint(notebook_sha256=plan.notebook_sha256, parameters=plan.job.parameters,
                             input_patterns=plan.job.inputs, inputs=inputs, code_sha256=code, env=env,
                             kernel_name=kernel_name)
    job = plan.job
    return {
        "title": job.title, "label": job.label, "group": job.group, "notebook": f"notebooks/{job.notebook}",
        "notebook_sha256": plan.notebook_sha256, "parameters": job.parameters,
        "declared_inputs": list(job.inputs), "inputs": inputs,
        "reads": res.reads, "undeclared_reads": undeclared,
        "code_sha256": code, "git": git, "env_sha256": _env_sha(env), "kernel": kernel_name,
        "fingerprint": fp, "status": res.status, "started": res.started, "ended": res.ended,
        "seconds": round(res.seconds, 3), "error": res.error_detail, "outputs": res.outputs,
        # what the report's .ipynb is: "record" (rich outputs omitted, dswlib.recordnb) or "full"
        "notebook_kind": notebook_kind if res.ok else None,
        "last_run": "ran", "stale": False,
    }


def _sweep_temp_files(out_dir: Path) -> None:
    """Remove temporary files an earlier run left when it was killed (``.<name>.<random>.tmp<suffix>``)."""
    for path in out_dir.rglob(".*.tmp*"):
        if path.is_file():
            path.unlink(missing_ok=True)
            log.debug("removed leftover temporary file %s", path.relative_to(out_dir))


class _StopFlag:
    """SIGINT/SIGTERM set the flag (the run stops starting jobs); restored on exit."""

    def __init__(self, enabled: bool):
        self.event = threading.Event()
        self.enabled = enabled and threading.current_thread() is threading.main_thread()
        self.saved = {}
        self.signal_name = ""

    def _handler(self, signum, frame):
        if not self.event.is_set():
            self.signal_name = signal.Signals(signum).name
            log.warning("%s received: no new report starts; running reports are stopped", self.signal_name)
        self.event.set()

    def __enter__(self):
        if self.enabled:
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.saved[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc):
        for sig, old in self.saved.items():
            signal.signal(sig, old)

    def __bool__(self):
        return self.event.is_set()


def _default_factory(stop: _StopFlag, client):
    """Local worker processes, or tasks on the Dask cluster of ``client``."""
    if client is not None:
        from .daskexec import DaskExecutor

        return lambda n, cfg: DaskExecutor(None, cfg, log_level=logging.DEBUG, client=client)
    from .executor import ProcessExecutor

    return lambda n, cfg: ProcessExecutor(n, cfg, log_level=logging.DEBUG, should_stop=lambda: bool(stop))


def _execute(plans, config, workers, progress, stop: _StopFlag, executor_factory, fiscal_year, client=None):
    """Run ``plans``; (results, jobs not run)."""
    results: list[JobResult] = []
    if not plans or stop:
        return results, [p.job for p in plans]
    n = max(1, min(workers or default_workers(), len(plans)))
    factory = executor_factory or _default_factory(stop, client)
    executor = factory(n, config)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(plans), desc=f"FY{fiscal_year}", unit="report")
    not_run: list[ReportJob] = []

    def take(batch):
        for res in batch:
            results.append(res)
            if res.ok:
                log.info("%s: done in %.1f s", res.job.name, res.seconds)
            else:
                log.error("FAILED %s: %s", res.job.name, res.error)
            if bar:
                bar.update(1)

    try:
        for plan in plans:
            executor.submit(plan.job)
        while executor.outstanding and not stop:
            take(executor.poll(0.25))
        if stop:
            late, not_run = executor.cancel()
            take(late)  # jobs that were already writing their outputs finished and are recorded
            done = {r.job.name for r in results}
            not_run = [j for j in not_run if j.name not in done]
    finally:
        executor.close()
        if bar:
            bar.close()
    return results, not_run


def _scorecard(out_dir: Path, fiscal_year: int, params_dir: Path, manifest: dict, hashes, code, env, force):
    """Write ``scorecard.json`` (``dsw score --json``) beside the manifest when its inputs changed."""
    from .atomic import write_text
    from .fingerprint import expand_inputs, job_fingerprint

    if not (params_dir / str(fiscal_year) / "kpis.yaml").is_file():
        return None
    patterns = [f"{fiscal_year}/kpis.yaml", f"{fiscal_year}/*.csv", f"{fiscal_year}/known_issues.yaml",
                "series/kpi_results.csv"]
    inputs = {rel: hashes(p) for rel, p in expand_inputs(patterns, params_dir).items()}
    fp = job_fingerprint(notebook_sha256="", parameters={"fiscal_year": fiscal_year}, input_patterns=patterns,
                         inputs=inputs, code_sha256=code, env=env, kernel_name="")
    prev = manifest.get("scorecard") or {}
    path = out_dir / "scorecard.json"
    if (not force and prev.get("fingerprint") == fp and path.is_file() and prev.get("sha256")
            and hashes(path) == prev["sha256"]):
        return prev
    from .errors import ParamsError
    from .scorecard import load_scorecard, scorecard_dict

    try:
        doc = scorecard_dict(load_scorecard(params_dir, fiscal_year))
    except (ParamsError, FileNotFoundError) as exc:
        log.error("scorecard of FY%s not written: %s", fiscal_year, exc)
        path.unlink(missing_ok=True)
        return {"file": None, "error": f"{type(exc).__name__}: {exc}", "fingerprint": None}
    write_text(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    hashes.forget(path)
    return {"file": path.name, "sha256": hashes(path), "fingerprint": fp, "inputs": inputs}


def run_batch(
    fiscal_year: int,
    jobs: list[ReportJob],
    root: Path,
    out_root: Path,
    workers: int | None = None,
    progress: bool = True,
    kernel_name: str = "python3",
    reuse_kernels: bool = True,
    *,
    force: bool = False,
    cell_timeout: int | None = DEFAULT_CELL_TIMEOUT,
    start_timeout: int = DEFAULT_START_TIMEOUT,
    params_dir: Path | None = None,
    all_jobs: list[ReportJob] | None = None,
    verbosity: int = 0,
    handle_signals: bool = True,
    executor_factory=None,
    pdf: bool = False,
    full_notebooks: bool = False,
    scheduler: str | None = None,
) -> BatchResult:
    """Run ``jobs`` of ``fiscal_year``; write ``<out_root>/<year>/{index.html,dashboard.json,manifest.json,run.log}``.

    ``all_jobs`` (default ``jobs``) are every job of the year: reports of jobs not
    selected stay in the index and manifest, marked stale if their inputs changed.
    Raises :class:`dswlib.jobparams.JobsRefused` (nothing written) for bad parameters.
    ``full_notebooks``: keep the executed notebooks whole instead of as records of the
    run (:mod:`dswlib.recordnb`); a report written the other way is re-run.
    ``scheduler``: the address of a Dask distributed scheduler to run the jobs on
    (:mod:`dswlib.daskexec`) instead of local worker processes.
    """
    from .fingerprint import HashCache, code_sha256, environment, git_info
    from .dashboard import write_dashboard
    from .jobparams import check_jobs
    from .manifest import load_manifest, manifest_path, prune, write_manifest
    from .redact import relative_display
    from .runlog import FILE_NAME as LOG_NAME, run_logging

    root = Path(root).resolve()
    notebooks_dir = root / "notebooks"
    check_jobs(jobs, notebooks_dir, root, fiscal_year)
    all_jobs = list(all_jobs) if all_jobs is not None else list(jobs)
    selected = {j.name for j in jobs}
    all_jobs += [j for j in jobs if j.name not in {a.name for a in all_jobs}]
    if params_dir is None:
        params_dir = next((p for p in (_params_dir_of(j, root) for j in jobs) if p), root / "params")
    params_dir = Path(params_dir).resolve()
    params_display = relative_display(params_dir, root)
    out_dir = (Path(out_root) / str(fiscal_year)).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult(fiscal_year, out_dir)

    from .daskexec import scheduler_client

    # the cluster is reached first: a wrong address is an error before anything is logged, swept or hashed
    with scheduler_client(scheduler if executor_factory is None else None) as client, \
            run_logging(out_dir, verbosity, progress) as _, _StopFlag(handle_signals) as stop:
        t0, started = time.perf_counter(), now_iso()
        _sweep_temp_files(out_dir)
        manifest = load_manifest(out_dir)
        hashes, code, env, git = HashCache(), code_sha256(), environment(), git_info(root)
        log.info("FY%s: %d report(s) selected of %d; params %s; dswlib code %s", fiscal_year, len(jobs),
                 len(all_jobs), params_display, code[:12])
        kind = "full" if full_notebooks else "record"
        plans = {j.name: _plan(j, root, notebooks_dir, out_dir, manifest, hashes, code, env, kernel_name,
                               force and j.name in selected, pdf and j.name in selected,
                               kind if j.name in selected else None) for j in all_jobs}
        to_run = [plans[j.name] for j in jobs if not plans[j.name].skip]
        for j in jobs:
            p = plans[j.name]
            log.debug("%s: %s", j.name, "up to date, skipped" if p.skip else f"to run ({p.reason})")
        result.skipped = [p.job for p in plans.values() if p.job.name in selected and p.skip]
        config = RunConfig(root=str(root), out_dir=str(out_dir), notebooks_dir=str(notebooks_dir),
                           kernel_name=kernel_name, reuse_kernels=reuse_kernels, cell_timeout=cell_timeout,
                           start_timeout=start_timeout, params_dir=str(params_dir), params_display=params_display,
                           pdf=pdf, full_notebooks=full_notebooks)
        result.results, result.not_run = _execute(to_run, config, workers, progress, stop, executor_factory,
                                                  fiscal_year, client)
        result.interrupted = bool(stop)
        order = {j.name: i for i, j in enumerate(jobs)}
        result.results.sort(key=lambda r: order.get(r.job.name, len(order)))

        # ---- merge into the manifest ------------------------------------------------
        records = manifest["jobs"]
        for res in result.results:
            records[res.job.name] = _record(plans[res.job.name], res, code, env, git, kernel_name, kind)
        ran = {r.job.name for r in result.results}
        for name, plan in plans.items():
            rec = records.get(name)
            if name in ran or rec is None:
                continue
            if plan.skip and name in selected:
                rec["last_run"] = "skipped"
            elif name in selected:
                rec["last_run"] = "not run (interrupted)"
            else:
                rec["last_run"] = "not selected"
            rec["stale"] = rec.get("status") == "ok" and plan.reason not in (None, "--force")
        for name in prune(manifest, out_dir):
            log.warning("%s: its report files are gone; removed from the manifest and the index", name)
        manifest["scorecard"] = _scorecard(out_dir, fiscal_year, params_dir, manifest, hashes, code, env, force)
        from . import __version__ as version

        manifest.update({
            "fiscal_year": fiscal_year,
            "dswlib": {"version": env["packages"].get("dswlib") or version, "code_sha256": code, "git": git},
            "environment": env,
            "params_dir": params_display,
            "run": {
                "started": started, "ended": now_iso(), "seconds": round(time.perf_counter() - t0, 3),
                "status": f"interrupted ({stop.signal_name})" if result.interrupted else "complete",
                "engine": "dsw-warm" if reuse_kernels else "nbclient", "kernel": kernel_name,
                "executor": "dask distributed" if scheduler else "local processes",
                "cell_timeout": cell_timeout, "notebooks": kind, "force": force, "selected": len(jobs),
                "ran": len(result.results), "failed": len(result.failed), "skipped": len(result.skipped),
                "not_run": [j.name for j in result.not_run],
            },
        })
        order_all = {j.name: i for i, j in enumerate(all_jobs)}
        manifest["jobs"] = dict(sorted(records.items(), key=lambda kv: (order_all.get(kv[0], len(order_all)), kv[0])))
        manifest = {key: manifest[key] for key in ("fiscal_year", "run", "dswlib", "environment", "params_dir",
                                                   "scorecard", "jobs")}
        _sweep_temp_files(out_dir)
        result.manifest = write_manifest(out_dir, manifest)
        result.index = write_dashboard(fiscal_year, out_dir, manifest, params_dir)
        result.index_pdf_error = _print_index(result.index, pdf)
        log.info("FY%s: %d run (%d failed), %d up to date, %d not run%s; %.1f s", fiscal_year, len(result.results),
                 len(result.failed), len(result.skipped), len(result.not_run),
                 " (interrupted)" if result.interrupted else "", time.perf_counter() - t0)
    result.log = out_dir / LOG_NAME
    assert result.manifest == manifest_path(out_dir)
    return result
