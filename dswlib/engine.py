"""The papermill engine ``dsw-warm``: papermill's notebook client on this process's warm kernel.

Registered through the ``papermill.engine`` entry point (``pyproject.toml``) and,
for checkouts that are not installed, by :func:`register` when this module is
imported. ``papermill.execute_notebook(..., engine_name="dsw-warm")`` then behaves
as plain papermill does: per-cell start/end/duration/status/exception metadata,
the failing cell marked, :class:`papermill.exceptions.PapermillExecutionError`
raised with the exception's type and message. The differences:

* the kernel is the process's :class:`~dswlib.warmkernel.WarmKernel` (started once,
  reset between notebooks) rather than a new one;
* a cell that runs longer than ``execution_timeout`` seconds, or kills the kernel,
  is marked failed like a cell that raised (error ``CellTimeoutError`` /
  ``DeadKernelError``), and the kernel is replaced before the next notebook;
* a kernel that cannot start fails the notebook at once
  (:class:`~dswlib.warmkernel.KernelStartError`); later notebooks in the same
  process fail with the same error without trying again.
"""

from __future__ import annotations

import logging
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines

from .warmkernel import KernelStartError, WarmKernel

ENGINE_NAME = "dsw-warm"
log = logging.getLogger(__name__)

_kernels: dict[tuple[str, str], WarmKernel] = {}
_start_failures: dict[tuple[str, str], str] = {}
#: files opened by the last notebook run with this engine (absolute paths; None if unknown)
last_reads: list[str] | None = None


def warm_kernel(root, kernel_name: str, startup_timeout: int = 60) -> WarmKernel:
    """This process's warm kernel for ``(root, kernel_name)``, started if needed."""
    key = (str(Path(root).resolve()), kernel_name)
    if key in _start_failures:
        raise KernelStartError(_start_failures[key] + " (not retried in this worker)")
    kernel = _kernels.get(key)
    if kernel is None:
        kernel = _kernels[key] = WarmKernel(Path(key[0]), kernel_name, startup_timeout)
    try:
        kernel.begin()
    except KernelStartError as exc:
        _start_failures[key] = str(exc)
        _kernels.pop(key, None)
        raise
    return kernel


def shutdown_all() -> None:
    for kernel in list(_kernels.values()):
        kernel.shutdown()
    _kernels.clear()


def kill_all() -> None:
    """Hard stop of every warm kernel of this process (used on SIGTERM)."""
    for kernel in list(_kernels.values()):
        kernel.kill()
    _kernels.clear()


class DswNotebookClient(PapermillNotebookClient):
    """Papermill's client, on a kernel it does not own; time-outs and kernel deaths mark the cell."""

    def __init__(self, nb_man, warm: WarmKernel, **kw):
        super().__init__(nb_man, km=warm.km, **kw)
        self.kc = warm.kc
        self.warm = warm
        self.broken: Exception | None = None

    def execute(self, **kwargs):
        self.reset_execution_trackers()
        with self.setup_kernel(cleanup_kc=False, **kwargs):
            self.log.info(f"Executing notebook with kernel: {self.kernel_name}")
            self.papermill_execute_cells()
            if self.broken is None:
                info_msg = self.wait_for_reply(self.kc.kernel_info())
                self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
                self.set_widgets_metadata()
        return self.nb

    def papermill_execute_cells(self):
        for index, cell in enumerate(self.nb.cells):
            try:
                self.nb_man.cell_start(cell, index)
                self.execute_cell(cell, index)
            except CellExecutionError as ex:
                self.nb_man.cell_exception(self.nb.cells[index], cell_index=index, exception=ex)
                break
            except (CellTimeoutError, DeadKernelError) as ex:
                self.broken = ex
                self.warm.kill()  # a timed-out kernel is still busy: replace it for the next notebook
                if isinstance(ex, CellTimeoutError):
                    message = f"the cell ran longer than the cell time-out of {self.timeout} s"
                else:
                    message = "the kernel died while running the cell"
                cell = self.nb.cells[index]
                cell.setdefault("outputs", []).append(nbformat.v4.new_output(
                    "error", ename=type(ex).__name__, evalue=message, traceback=[f"{type(ex).__name__}: {message}"]))
                self.nb_man.cell_exception(cell, cell_index=index, exception=ex)
                break
            finally:
                self.nb_man.cell_complete(self.nb.cells[index], cell_index=index)


class WarmEngine(Engine):
    """papermill engine running notebooks in the process's warm kernel (see the module docstring)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, **kwargs):
        global last_reads
        last_reads = None
        root = Path.cwd()  # papermill has changed into its `cwd` argument
        warm = warm_kernel(root, kernel_name, start_timeout)
        client = DswNotebookClient(
            nb_man, warm, kernel_name=kernel_name, timeout=execution_timeout or None,
            startup_timeout=start_timeout, log=logging.getLogger("papermill"), log_output=log_output,
            stdout_file=stdout_file, stderr_file=stderr_file,
        )
        try:
            return client.execute()
        finally:
            if client.broken is None:
                last_reads = warm.end()


def register() -> None:
    """Make ``engine_name="dsw-warm"`` known to papermill in this process (idempotent)."""
    papermill_engines.register(ENGINE_NAME, WarmEngine)


register()
