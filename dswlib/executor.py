"""Where batch jobs run. The batch only submits jobs, polls for results and cancels.

:class:`Executor` is that interface; :class:`ProcessExecutor` runs jobs in local
worker processes (one warm kernel each, :mod:`dswlib.worker`). Another backend (a
cluster scheduler, say) implements the same four methods.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path

from .jobs import ReportJob
from .runjob import JobResult, RunConfig, now_iso

log = logging.getLogger("dswlib.batch")


class Executor(ABC):
    """Runs :class:`ReportJob` s and hands back :class:`JobResult` s."""

    @abstractmethod
    def submit(self, job: ReportJob) -> None:
        """Queue ``job``; it starts when a worker is free."""

    @abstractmethod
    def poll(self, timeout: float) -> list[JobResult]:
        """Results that arrived within ``timeout`` seconds (possibly none)."""

    @property
    @abstractmethod
    def outstanding(self) -> int:
        """Jobs submitted whose result has not been returned by :meth:`poll`."""

    @abstractmethod
    def cancel(self) -> tuple[list[JobResult], list[ReportJob]]:
        """Start no new job, stop the running ones, shut their kernels down.

        Returns the results that still arrived (jobs that were already writing their
        outputs finish) and the jobs that will produce no result.
        """

    @abstractmethod
    def close(self) -> None:
        """Release the workers (after the last result or a cancel)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _Worker:
    def __init__(self, ctx, config: RunConfig, tmp_base: str, log_level: int):
        from .worker import worker_main

        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=worker_main, args=(child, config, os.getpid(), tmp_base, log_level),
                                   name="dsw-worker", daemon=True)
        with _sigint_ignored():  # inherited through exec: a terminal's Ctrl-C reaches the parent only
            self.process.start()
        child.close()
        self.job: ReportJob | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid


class _sigint_ignored:
    def __enter__(self):
        self.old = None
        if threading.current_thread() is threading.main_thread():
            self.old = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *exc):
        if self.old is not None:
            signal.signal(signal.SIGINT, self.old)


def failed_outside(job: ReportJob, kind: str, message: str) -> JobResult:
    """The result of a report that failed outside its notebook (its process or its cluster worker died)."""
    log.error("%s: %s: %s", job.name, kind, message)
    detail = {"type": kind, "message": message, "cell": None, "source": ""}
    return JobResult(job, False, 0.0, error=f"{kind}: {message}", error_detail=detail,
                     started=now_iso(), ended=now_iso())


class ProcessExecutor(Executor):
    """``workers`` local processes (spawned, not forked), each running one job at a time."""

    def __init__(self, workers: int, config: RunConfig, log_level: int = logging.INFO, should_stop=None):
        self.should_stop = should_stop or (lambda: False)  # once true, no queued job is started
        self.config = config
        self.log_level = log_level
        self.size = max(1, int(workers))
        self.ctx = multiprocessing.get_context("spawn")
        self.tmp_base = tempfile.mkdtemp(prefix="dsw-run-")
        self.workers: list[_Worker] = []
        self.pending: deque[ReportJob] = deque()
        self._outstanding = 0
        self.cancelled = False

    # ---- helpers -------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        worker = _Worker(self.ctx, self.config, self.tmp_base, self.log_level)
        self.workers.append(worker)
        log.debug("worker %s started", worker.pid)
        return worker

    def _dispatch(self) -> None:
        if self.cancelled or self.should_stop():
            return
        while self.pending:
            idle = next((w for w in self.workers if w.job is None and w.process.is_alive()), None)
            if idle is None:
                if len(self.workers) >= self.size:
                    return
                idle = self._spawn()
            job = self.pending.popleft()
            try:
                idle.conn.send(job)
                idle.job = job
                log.info("%s: started (worker %s)", job.name, idle.pid)
            except (OSError, EOFError):
                self.pending.appendleft(job)
                self._retire(idle)

    def _retire(self, worker: _Worker) -> None:
        if worker in self.workers:
            self.workers.remove(worker)
        try:
            worker.conn.close()
        except OSError:
            pass

    def _died(self, worker: _Worker) -> JobResult | None:
        """A worker process ended on its own: its job (if any) failed."""
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        self._retire(worker)
        job, worker.job = worker.job, None
        _remove_worker_dir(self.tmp_base, worker.pid)
        if job is None:
            return None
        return failed_outside(job, "WorkerDied",
                              f"the worker process running this report ended unexpectedly (exit code {code})")

    # ---- Executor ------------------------------------------------------------------
    def submit(self, job: ReportJob) -> None:
        self.pending.append(job)
        self._outstanding += 1
        self._dispatch()

    @property
    def outstanding(self) -> int:
        return self._outstanding

    def _drain(self, worker: _Worker) -> tuple[list[JobResult], bool]:
        """Messages waiting from ``worker``: (results, whether its pipe is closed)."""
        results = []
        try:
            while worker.conn.poll():
                kind, payload = worker.conn.recv()
                if kind == "log":
                    logging.getLogger(payload["name"]).handle(logging.makeLogRecord(payload))
                elif kind == "result":
                    worker.job = None
                    results.append(payload)
        except (EOFError, OSError):
            return results, True
        return results, False

    def poll(self, timeout: float) -> list[JobResult]:
        results: list[JobResult] = []
        if not self.workers:
            return results
        conns = {w.conn: w for w in self.workers}
        sentinels = {w.process.sentinel: w for w in self.workers}
        dead: list[_Worker] = []
        for obj in wait(list(conns) + list(sentinels), timeout):
            worker = conns.get(obj) or sentinels[obj]
            got, closed = self._drain(worker)
            results += got
            if closed or obj in sentinels:
                dead.append(worker)
        for worker in dict.fromkeys(dead):
            if worker in self.workers and not worker.process.is_alive():
                results += self._drain(worker)[0]
                res = self._died(worker)
                if res is not None:
                    results.append(res)
        self._outstanding -= len(results)
        self._dispatch()
        return results

    def cancel(self) -> tuple[list[JobResult], list[ReportJob]]:
        self.cancelled = True
        not_started = list(self.pending)
        self.pending.clear()
        for w in self.workers:
            if w.process.is_alive():
                try:
                    os.kill(w.pid, signal.SIGTERM)
                except OSError:
                    pass
        results: list[JobResult] = []
        live = list(self.workers)
        deadline = time.monotonic() + 15
        while live and time.monotonic() < deadline:
            wait([w.conn for w in live] + [w.process.sentinel for w in live], 0.25)
            for w in list(live):
                results += self._drain(w)[0]
                if not w.process.is_alive():
                    results += self._drain(w)[0]
                    live.remove(w)
        for w in live:  # did not stop in time
            log.warning("worker %s did not stop; killing it", w.pid)
            _kill_tree(w.pid)
            w.process.join(timeout=5)
        stopped = not_started + [w.job for w in self.workers if w.job is not None]
        for w in list(self.workers):
            w.process.join(timeout=1)
            self._retire(w)
            _remove_worker_dir(self.tmp_base, w.pid)
        self._outstanding = 0
        return results, stopped

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except (OSError, EOFError):
                pass
        for w in self.workers:
            w.process.join(timeout=30)
            if w.process.is_alive():
                _kill_tree(w.pid)
                w.process.join(timeout=5)
        for w in list(self.workers):
            self._retire(w)
        shutil.rmtree(self.tmp_base, ignore_errors=True)


def _remove_worker_dir(tmp_base: str, pid) -> None:
    shutil.rmtree(Path(tmp_base) / f"worker-{pid}", ignore_errors=True)


def _kill_tree(pid: int) -> None:
    try:
        import psutil

        proc = psutil.Process(pid)
        procs = proc.children(recursive=True) + [proc]
    except Exception:
        procs = []
    for p in procs:
        try:
            p.kill()
        except Exception:
            pass
