"""A kernel kept warm across notebooks in one batch worker.

Starting a kernel and importing pandas, matplotlib and dswlib costs more than
running most report notebooks. A batch worker therefore starts one kernel,
pre-imports the libraries, and runs its notebooks in it one after another
(through the papermill engine ``dsw-warm``, :mod:`dswlib.engine`), clearing the
user namespace (``%reset -f``, without its two full garbage collections:
:func:`reset_namespace`), closing figures and returning to the repo root
between them. Modules stay imported; nothing a notebook defines survives into
the next. ``dsw run --fresh-kernels`` turns this off (papermill's own engine,
one new kernel per notebook).

Between notebooks the kernel also traces which files the notebook opens
(:mod:`dswlib.readtrace`), so the batch can record what a report read.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path

log = logging.getLogger(__name__)

PRELOAD = """
import pandas, numpy, matplotlib
import matplotlib.pyplot
import dswlib.readtrace
import dswlib.notebook as _dsw_nb
_dsw_nb.setup()
for _m in ("dswlib.annual", "dswlib.covid.report", "dswlib.standards.report",
           "dswlib.community.report", "dswlib.roadmap.report", "dswlib.charts"):
    try:
        __import__(_m)
    except ImportError:
        pass
_f = matplotlib.pyplot.figure(); _f.canvas.draw(); matplotlib.pyplot.close(_f)
del _f, _m, _dsw_nb
import gc as _gc
_gc.collect(); _gc.freeze()  # what is loaded now lives as long as the kernel: no collection walks it again
del _gc
"""

RESET = "__import__('dswlib.warmkernel').warmkernel.reset_namespace({root!r})"

TRACE_START = "import dswlib.readtrace as _t; _t.start(); del _t"
TRACE_STOP = "__import__('dswlib.readtrace').readtrace.stop_json()"


def reset_namespace(root: str) -> None:
    """Run in the kernel between notebooks: IPython's ``%reset -f`` without its garbage collections.

    ``%reset -f`` empties the user namespace, the input and output caches and the
    history, then runs a full garbage collection twice (some 0.2-0.35 s with
    pandas and matplotlib loaded). Nothing the last notebook defined is reachable
    after the reset; cyclic garbage it left is collected by the interpreter's own
    collections, which :func:`gc.freeze` after the preload keeps short. Figures are
    closed and the working directory is the repository root again.
    """
    import gc

    import matplotlib.pyplot as plt
    from IPython import get_ipython

    plt.close("all")
    collect = gc.collect
    gc.collect = lambda generation=2: 0
    try:
        get_ipython().run_line_magic("reset", "-f")
    finally:
        gc.collect = collect
    os.chdir(root)


class KernelStartError(RuntimeError):
    """The kernel could not be started (unknown kernel name, kernel process exited, start-up timed out)."""


#: ipykernel's own log (not the notebook's output) below ERROR kept off the terminal of a batch (over
#: TCP it is "Kernel is running over TCP without encryption" on every start). Every message is signed
#: with the key of the kernel's connection file (readable by this user only)
QUIET_IPYKERNEL = ("--IPKernelApp.log_level=ERROR",)


#: the longest path a Unix socket can have (sun_path, less its terminating NUL)
_SOCKET_PATH_MAX = 107


def _new_kernel_files() -> tuple[str, str | None]:
    """(connection file, socket path prefix or None) for a new kernel, in the Jupyter runtime directory.

    The kernel and its client talk over Unix sockets (ZeroMQ's ``ipc`` transport) named after the
    prefix: unlike TCP ports, which jupyter_client picks by binding port 0 and releasing it before the
    kernel binds it again, a socket path cannot be taken by another process in between (a kernel of the
    other worker, or any outgoing connection), so a kernel never dies at start on "address in use".
    TCP on 127.0.0.1 (None) where Unix sockets are not available or the path would be too long.
    """
    import uuid

    import zmq
    from jupyter_core.paths import jupyter_runtime_dir

    runtime = jupyter_runtime_dir()
    os.makedirs(runtime, exist_ok=True)
    base = os.path.join(runtime, f"kernel-dsw-{uuid.uuid4().hex[:12]}")
    usable = zmq.has("ipc") and len(os.fsencode(base)) + len("-65535") <= _SOCKET_PATH_MAX
    return base + ".json", (base if usable else None)


class WarmKernel:
    """One kernel process (and client) reused for several notebooks."""

    def __init__(self, root: Path, kernel_name: str = "python3", startup_timeout: int = 60):
        self.root = Path(root)
        self.kernel_name = kernel_name
        self.startup_timeout = startup_timeout
        self.km = None
        self.kc = None
        self.runs = 0

    # ---- life cycle ------------------------------------------------------------
    def _start(self) -> None:
        import nbformat
        from nbclient import NotebookClient

        boot = NotebookClient(nbformat.v4.new_notebook(), kernel_name=self.kernel_name,
                              startup_timeout=self.startup_timeout,
                              resources={"metadata": {"path": str(self.root)}})
        env = dict(os.environ, DSW_ROOT=str(self.root), MPLBACKEND="module://matplotlib_inline.backend_inline")
        try:
            boot.km = boot.create_kernel_manager()
            if not boot.km.connection_file:
                # named before the kernel starts (jupyter_client would otherwise make a tmp*.json in TMPDIR
                # and name it only afterwards): a stop at any moment of the start knows the files to remove,
                # and in a batch worker they lie in the worker's own runtime directory, removed at its exit
                boot.km.connection_file, sockets = _new_kernel_files()
                if sockets:
                    boot.km.transport, boot.km.ip = "ipc", sockets
            self.km = boot.km
            if getattr(boot.km, "ipykernel", False):
                boot.extra_arguments = list(QUIET_IPYKERNEL)
            boot.start_new_kernel(cwd=str(self.root), env=env)
            boot.start_new_kernel_client()
        except Exception as exc:
            self.kill()
            raise KernelStartError(f"kernel {self.kernel_name!r} could not start: {type(exc).__name__}: {exc}") from exc
        self.kc = boot.kc
        log.debug("warm kernel %r started (pid %s)", self.kernel_name, self.pid)
        try:
            self._run_code(PRELOAD)
        except Exception as exc:
            self.kill()
            raise KernelStartError(f"kernel {self.kernel_name!r} started but its set-up failed: {exc}") from exc

    @property
    def pid(self) -> int | None:
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None)
        return getattr(process, "pid", None)

    def _run_code(self, code: str, timeout: int = 120, user_expressions: dict | None = None) -> dict:
        from nbclient.util import run_sync

        reply = run_sync(self.kc.execute_interactive)(code, timeout=timeout, store_history=False,
                                                     user_expressions=user_expressions or {},
                                                     output_hook=lambda msg: None)
        content = reply["content"]
        if content.get("status") != "ok":
            raise RuntimeError(f"warm kernel code failed: {content.get('ename')}: {content.get('evalue')}")
        return content

    def alive(self) -> bool:
        from nbclient.util import run_sync

        if self.km is None or self.kc is None:
            return False
        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:
            return False

    def ensure(self) -> None:
        if not self.alive():
            self.shutdown()
            self._start()

    # ---- one notebook ------------------------------------------------------------
    def begin(self) -> None:
        """Ready for the next notebook: fresh namespace and cwd, file-open trace started."""
        self.ensure()
        code = (RESET.format(root=str(self.root)) if self.runs else "") + "\n" + TRACE_START
        self._run_code(code)
        self.runs += 1

    def end(self) -> list[str] | None:
        """The files the notebook opened (absolute paths), or None if the kernel cannot tell."""
        if not self.alive():
            return None
        try:
            content = self._run_code("", timeout=30, user_expressions={"reads": TRACE_STOP})
            value = content["user_expressions"]["reads"]
            if value.get("status") != "ok":
                return None
            import ast

            return json.loads(ast.literal_eval(value["data"]["text/plain"]))
        except Exception as exc:  # the trace is a record, never a reason to fail a report
            log.debug("could not read the file trace: %s", exc)
            return None

    # ---- stopping ----------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the kernel and remove its connection file."""
        from nbclient.util import run_sync

        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # already gone
                pass
        if self.km is not None:
            try:
                if run_sync(self.km.is_alive)():
                    run_sync(self.km.shutdown_kernel)(now=True)
                else:
                    run_sync(self.km.cleanup_resources)()
            except Exception:
                self.kill()
        self.km = self.kc = None
        self.runs = 0

    def kill(self) -> None:
        """Hard stop (safe in a signal handler): SIGKILL the kernel's process group, remove the connection file."""
        pid = self.pid
        if pid:
            for send in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
                try:
                    send()
                    break
                except (OSError, AttributeError):
                    continue
            try:
                self.km.provisioner.process.wait(timeout=5)
            except Exception:
                pass
        if self.km is not None:
            path = getattr(self.km, "connection_file", "")
            if path:
                try:
                    os.unlink(path)
                except OSError:
                    pass
            if getattr(self.km, "transport", "tcp") == "ipc":
                try:
                    self.km.cleanup_ipc_files()
                except Exception:
                    pass
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:
                pass
        self.km = self.kc = None
        self.runs = 0
