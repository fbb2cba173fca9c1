"""A batch worker process: runs the jobs its parent sends, one at a time, in one warm kernel.

The worker never outlives its parent:

* on Linux it asks the kernel for SIGTERM when the parent dies (``PR_SET_PDEATHSIG``),
  and a watchdog thread checks ``os.getppid()`` twice a second on any platform;
* on SIGTERM it stops the job it is running (temporary files are removed as the
  stack unwinds), kills its kernels and their process groups, removes its kernel
  connection files and exits; a job already replacing its output files is finished
  and reported first, so no report is left on disk without its record.

Kernel connection files go to a private runtime directory (``JUPYTER_RUNTIME_DIR``)
inside the run's temporary directory, removed when the worker ends. SIGINT is
ignored: the parent decides what an interrupt means. Log records go to the
parent through the same pipe as the results.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger("dswlib.batch.worker")


class Terminated(BaseException):
    """Raised in a worker's main thread by SIGTERM while it runs a job (not an ``Exception``)."""


class _State:
    busy = False
    stop_after_job = False  # SIGTERM came while the job was writing its outputs
    runtime_dir: Path | None = None
    tmp_base: Path | None = None
    exiting = False


class _PipeHandler(logging.Handler):
    """Sends log records to the parent over the worker's connection."""

    def __init__(self, conn, lock):
        super().__init__(logging.DEBUG)
        self.conn, self.send_lock = conn, lock

    def emit(self, record):
        try:
            msg = self.format(record)
            data = {"name": record.name, "levelno": record.levelno, "levelname": record.levelname,
                    "msg": msg, "created": record.created, "process": record.process}
            with self.send_lock:
                self.conn.send(("log", data))
        except Exception:  # the parent is gone or the pipe is closed: nothing to report to
            pass


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        _exit_now(1)

    def watch():
        while True:
            if os.getppid() != parent_pid:
                os.kill(os.getpid(), signal.SIGTERM)
                return
            time.sleep(0.5)

    threading.Thread(target=watch, name="dsw-parent-watchdog", daemon=True).start()


def _kill_children() -> None:
    """SIGKILL every process this worker started (kernels and anything they started)."""
    try:
        import psutil

        me = psutil.Process()
        procs = me.children(recursive=True)
    except Exception:
        return
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # kernels lead their own process group
        except OSError:
            pass
        try:
            proc.kill()
        except Exception:
            pass
    try:
        import psutil

        psutil.wait_procs(procs, timeout=3)
    except Exception:
        pass


def _cleanup() -> None:
    if _State.runtime_dir is not None:
        shutil.rmtree(_State.runtime_dir, ignore_errors=True)
    if _State.tmp_base is not None:
        try:
            _State.tmp_base.rmdir()  # the last worker out removes the run's temporary directory
        except OSError:
            pass


def _exit_now(code: int) -> None:
    """Kill kernels, remove connection files, exit without running anything else."""
    _State.exiting = True
    try:
        from . import engine

        engine.kill_all()
    except Exception:
        pass
    _kill_children()
    _cleanup()
    os._exit(code)


def _on_sigterm(signum, frame):
    if _State.exiting:  # already cleaning up
        return
    if _State.busy:
        from . import runjob

        if runjob.committing:  # the outputs are being put in place: finish, report, then stop
            _State.stop_after_job = True
            return
        _State.busy = False
        raise Terminated()
    _exit_now(128 + signum)


def worker_main(conn, config, parent_pid: int, tmp_base: str, log_level: int) -> None:
    """Entry point of a worker process (``multiprocessing`` spawn context)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    _die_with_parent(parent_pid)
    _State.tmp_base = Path(tmp_base)
    _State.runtime_dir = _State.tmp_base / f"worker-{os.getpid()}"
    _State.runtime_dir.mkdir(parents=True, exist_ok=True)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(_State.runtime_dir)
    os.environ["DSW_ROOT"] = str(config.root)
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"

    lock = threading.Lock()
    root_logger = logging.getLogger()
    root_logger.handlers[:] = [_PipeHandler(conn, lock)]
    root_logger.setLevel(logging.WARNING)
    logging.getLogger("dswlib").setLevel(log_level)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    logging.getLogger("traitlets").setLevel(logging.ERROR)

    from . import engine
    from .runjob import run_job

    engine.register()
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                break
            if job is None:
                break
            _State.busy = True
            result = run_job(job, config)
            _State.busy = False
            try:
                with lock:
                    conn.send(("result", result))
            except OSError:  # the parent is gone
                break
            if _State.stop_after_job:
                _exit_now(128 + signal.SIGTERM)
    except Terminated:
        _exit_now(128 + signal.SIGTERM)
    finally:
        _State.exiting = True
        try:
            engine.shutdown_all()
        except Exception:
            engine.kill_all()
        _kill_children()
        _cleanup()
