"""A kernel kept warm across notebooks in one batch worker.

Starting a kernel and importing pandas, matplotlib and dswlib costs more than
running most report notebooks. A batch worker therefore starts one kernel,
pre-imports the libraries, and runs its notebooks in it one after another,
clearing the user namespace (``%reset -f``), closing figures and returning to
the repo root between them. Modules stay imported; nothing a notebook defines
survives into the next. ``dsw run --fresh-kernels`` turns this off (one new
kernel per notebook, as papermill does by default).
"""

from __future__ import annotations

import os
from pathlib import Path

PRELOAD = """
import pandas, numpy, matplotlib
import matplotlib.pyplot
import dswlib.notebook as _dsw_nb
_dsw_nb.setup()
for _m in ("dswlib.annual", "dswlib.covid.report", "dswlib.standards.report",
           "dswlib.community.report", "dswlib.roadmap.report", "dswlib.charts"):
    try:
        __import__(_m)
    except ImportError:
        pass
_f = matplotlib.pyplot.figure(); _f.canvas.draw(); matplotlib.pyplot.close(_f)
"""

RESET = """
%reset -f
import os as _os, matplotlib.pyplot as _plt
_plt.close("all")
_os.chdir({root!r})
del _os, _plt
"""


class WarmKernel:
    """One kernel process (and client) reused for several notebooks."""

    def __init__(self, root: Path, kernel_name: str = "python3", startup_timeout: int = 120):
        self.root = Path(root)
        self.kernel_name = kernel_name
        self.startup_timeout = startup_timeout
        self.km = None
        self.kc = None
        self.runs = 0

    def _start(self) -> None:
        import nbformat
        from nbclient import NotebookClient

        boot = NotebookClient(nbformat.v4.new_notebook(), kernel_name=self.kernel_name,
                              startup_timeout=self.startup_timeout,
                              resources={"metadata": {"path": str(self.root)}})
        boot.km = boot.create_kernel_manager()
        env = dict(os.environ, DSW_ROOT=str(self.root), MPLBACKEND="module://matplotlib_inline.backend_inline")
        boot.start_new_kernel(cwd=str(self.root), env=env)
        boot.start_new_kernel_client()
        self.km, self.kc = boot.km, boot.kc
        self._run_code(PRELOAD)

    def _run_code(self, code: str, timeout: int = 120) -> None:
        from nbclient.util import run_sync

        reply = run_sync(self.kc.execute_interactive)(code, timeout=timeout, store_history=False,
                                                     output_hook=lambda msg: None)
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"warm kernel set-up failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")

    def alive(self) -> bool:
        from nbclient.util import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    def ensure(self) -> None:
        if not self.alive():
            self.shutdown()
            self._start()

    def execute(self, nb, timeout: int | None = None):
        """Execute a (parameterised) notebook node in the warm kernel; raises on a failing cell."""
        from nbclient import NotebookClient

        self.ensure()
        if self.runs:
            self._run_code(RESET.format(root=str(self.root)))
        self.runs += 1
        client = NotebookClient(nb, km=self.km, kernel_name=self.kernel_name, timeout=timeout,
                                resources={"metadata": {"path": str(self.root)}})
        client.kc = self.kc
        return client.execute(cleanup_kc=False)

    def shutdown(self) -> None:
        from nbclient.util import run_sync

        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # already gone
                pass
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:
                pass
        self.km = self.kc = None
        self.runs = 0
