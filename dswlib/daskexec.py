"""Batch jobs on a Dask distributed cluster (``dsw run --scheduler ADDRESS`` or ``DSW_SCHEDULER``).

:class:`DaskExecutor` implements :class:`dswlib.executor.Executor` on a
``distributed.Client``: each job is a task running :func:`run_remote` on a Dask
worker. There the job goes to a one-slot :class:`~dswlib.executor.ProcessExecutor`
kept by the Dask worker process for the whole run, i.e. the same batch worker
process as in the local pool, with its warm kernel reused from one report to the
next (one slot per Dask worker thread that runs a report). So a job behaves as in
the local pool, wherever it runs:

* outputs are written by the worker to the run's output directory, which must be
  the same path on every machine (a shared file system), as must the repository
  and the params directory;
* a failing report is a failed :class:`~dswlib.runjob.JobResult` with the real
  error; a Dask worker that dies mid-report fails that report (``KilledWorker``
  after Dask's own retries);
* on an interrupt (:meth:`DaskExecutor.cancel`) every Dask worker is told that the
  run stops: reports not yet started return at once without running, running
  ones are stopped as in the local pool (SIGTERM to the batch worker: its kernel
  is killed, its temporary files removed, a report already replacing its files
  finishes and is recorded);
* at the end of the run the batch workers (and their kernels) are shut down.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import re
import threading
import time
import uuid
from dataclasses import dataclass

from .executor import Executor, ProcessExecutor, failed_outside
from .jobs import ReportJob
from .runjob import JobResult, RunConfig

log = logging.getLogger("dswlib.batch")

CANCEL_SECONDS = 30


class SchedulerError(RuntimeError):
    """The cluster cannot be used: ``distributed`` missing, or no scheduler answers at the address."""


@dataclass
class NotRun:
    """What a task returns for a job it did not run (the run was stopped)."""

    job: ReportJob


# ---------------------------------------------------------------- on the Dask worker (per process)
_lock = threading.Lock()
_idle: dict[str, list[ProcessExecutor]] = {}  # run id -> batch workers waiting for the next job
_stopped: set[str] = set()


class _children_allowed:
    """Dask starts its worker processes as daemons, which ``multiprocessing`` forbids to have children.

    A batch worker is bound to its parent by itself (``PR_SET_PDEATHSIG`` and a
    watchdog, :mod:`dswlib.worker`), which is what the daemon flag is for.
    """

    def __enter__(self):
        self.config = multiprocessing.current_process()._config
        self.was = self.config.get("daemon")
        self.config["daemon"] = False

    def __exit__(self, *exc):
        if self.was is not None:
            self.config["daemon"] = self.was


def _take(run_id: str, config: RunConfig, log_level: int) -> ProcessExecutor:
    with _lock:
        pool = _idle.setdefault(run_id, [])
        if pool:
            return pool.pop()
    return ProcessExecutor(1, config, log_level=log_level, should_stop=lambda: run_id in _stopped)


def _give_back(run_id: str, local: ProcessExecutor) -> None:
    with _lock:
        if run_id not in _stopped:
            _idle.setdefault(run_id, []).append(local)
            return
    local.close()


def run_remote(job: ReportJob, config: RunConfig, run_id: str, log_level: int = logging.INFO):
    """A Dask task: run ``job`` in this Dask worker's batch worker; a JobResult, or NotRun if the run stopped."""
    if run_id in _stopped:
        return NotRun(job)
    local = _take(run_id, config, log_level)
    try:
        with _lock, _children_allowed():
            local.submit(job)  # starts the batch worker process (and so its kernel) on first use
        while True:
            got = local.poll(0.25)
            if got:
                _give_back(run_id, local)
                local = None
                return got[0]
            if run_id in _stopped:
                late, _ = local.cancel()
                local.close()
                local = None
                return late[0] if late else NotRun(job)
    finally:
        if local is not None:  # an unexpected error here: leave nothing running
            try:
                local.cancel()
            finally:
                local.close()


def end_run(run_id: str) -> int:
    """Run on every Dask worker when a run is interrupted (:meth:`DaskExecutor.cancel`) or over
    (:meth:`DaskExecutor.close`): no job of ``run_id`` starts, running ones stop, and its idle batch
    workers and kernels are shut down. The run stays marked as ended (run ids are never reused), so
    a task that finishes afterwards closes its batch worker instead of parking it."""
    with _lock:
        _stopped.add(run_id)
        idle = _idle.pop(run_id, [])
    for local in idle:
        local.close()
    return len(idle)


def _close_everything() -> None:
    with _lock:
        runs = list(_idle)
    for run_id in runs:
        end_run(run_id)


def _worker_plugin():
    from distributed import WorkerPlugin

    class DswWorkerPlugin(WorkerPlugin):
        """Shuts this Dask worker's batch workers (and kernels) down when the Dask worker closes."""

        name = "dswlib-batch"

        def teardown(self, worker):
            _close_everything()

    return DswWorkerPlugin()


# ---------------------------------------------------------------- on the client
def _key(name: str, run_id: str) -> str:
    return f"dsw-{run_id[:12]}-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def connect(address: str, timeout: str = "20s"):
    """A Dask client of the scheduler at ``address``; SchedulerError when ``distributed`` is missing or
    no scheduler answers."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs the Dask package 'distributed': "
                             "pip install 'dswlib[distributed]'") from None
    try:
        return Client(address, set_as_default=False, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(f"no Dask scheduler answered at {address}: {exc}") from None


@contextlib.contextmanager
def scheduler_client(address: str | None):
    """``connect(address)`` for the length of a run (None without an address)."""
    if not address:
        yield None
        return
    client = connect(address)
    try:
        yield client
    finally:
        client.close()


class DaskExecutor(Executor):
    """Jobs as tasks on the Dask cluster at ``address`` (or on the given ``client``)."""

    def __init__(self, address: str | None, config: RunConfig, log_level: int = logging.INFO, client=None,
                 connect_timeout: str = "20s"):
        self.config = config
        self.log_level = log_level
        self.own_client = client is None
        self.client = connect(address, connect_timeout) if client is None else client
        self.run_id = uuid.uuid4().hex
        self.futures: dict = {}  # Future -> ReportJob
        register = getattr(self.client, "register_plugin", None) or self.client.register_worker_plugin
        register(_worker_plugin(), name="dswlib-batch")
        workers = self.client.scheduler_info().get("workers", {})
        log.info("Dask scheduler %s: %d worker(s), %d thread(s)", self.client.scheduler.address, len(workers),
                 sum(w.get("nthreads", 1) for w in workers.values()))

    def submit(self, job: ReportJob) -> None:
        future = self.client.submit(run_remote, job, self.config, self.run_id, self.log_level,
                                    key=_key(job.name, self.run_id), pure=False, retries=0)
        self.futures[future] = job
        log.info("%s: submitted to the cluster", job.name)

    @property
    def outstanding(self) -> int:
        return len(self.futures)

    def _done(self, timeout: float) -> list:
        from distributed import wait

        if not self.futures:
            return []
        try:
            wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except Exception:  # nothing finished within the timeout
            pass
        return [f for f in list(self.futures) if f.done()]

    def _outcome(self, future) -> JobResult | NotRun:
        job = self.futures.pop(future)
        if future.status == "finished":
            try:
                return future.result()
            except Exception as exc:  # the result could not be fetched
                return _failed(job, exc)
        if future.status == "cancelled":
            return NotRun(job)
        return _failed(job, future.exception())

    def poll(self, timeout: float) -> list[JobResult]:
        results = []
        for future in self._done(timeout):
            outcome = self._outcome(future)
            if isinstance(outcome, NotRun):  # only after a stop; not expected here
                outcome = _failed(outcome.job, RuntimeError("the cluster stopped this report"))
            results.append(outcome)
        return results

    def cancel(self) -> tuple[list[JobResult], list[ReportJob]]:
        try:
            self.client.run(end_run, self.run_id)
        except Exception as exc:
            log.warning("could not tell every Dask worker to stop: %s", exc)
        results: list[JobResult] = []
        stopped: list[ReportJob] = []
        deadline = time.monotonic() + CANCEL_SECONDS
        while self.futures and time.monotonic() < deadline:
            for future in self._done(0.25):
                outcome = self._outcome(future)
                if isinstance(outcome, NotRun):
                    stopped.append(outcome.job)
                elif outcome.error_detail and outcome.error_detail.get("type") == "KilledWorker":
                    stopped.append(outcome.job)
                else:
                    results.append(outcome)
        if self.futures:
            log.warning("%d report(s) did not stop in time on the cluster; their results are dropped",
                        len(self.futures))
            self.client.cancel(list(self.futures))
            stopped += list(self.futures.values())
            self.futures.clear()
        return results, stopped

    def close(self) -> None:
        try:
            if self.futures:
                self.client.cancel(list(self.futures))
                self.futures.clear()
            self.client.run(end_run, self.run_id)
        except Exception as exc:
            log.warning("could not shut the batch workers on the cluster down: %s", exc)
        finally:
            if self.own_client:
                self.client.close()


def _failed(job: ReportJob, exc: BaseException | None) -> JobResult:
    kind = type(exc).__name__ if exc is not None else "DaskError"
    message = str(exc) if exc is not None else "the task failed on the cluster"
    if kind == "KilledWorker":
        message = f"the Dask worker running this report died ({message})"
    return failed_outside(job, kind, message)
