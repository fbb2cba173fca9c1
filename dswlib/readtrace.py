"""Which files a piece of code opens: an audit hook (PEP 578) that records ``open`` events.

The batch's warm kernel starts a trace before each notebook and collects it after,
so the manifest can say which params files a report actually read and the batch
can check them against what the job declared (:attr:`dswlib.jobs.ReportJob.inputs`)::

    readtrace.start()
    ...                      # code that reads files
    paths = readtrace.stop() # absolute paths, sorted, each once

An audit hook cannot be removed once added; while no trace is running it returns
at once. Only file opens are recorded (``open`` events with a path), not imports
of modules already loaded or ``stat`` calls.
"""

from __future__ import annotations

import json
import os
import sys

_installed = False
_active: set[str] | None = None


def _hook(event: str, args) -> None:
    if _active is None or event != "open":
        return
    path = args[0] if args else None
    if isinstance(path, (str, bytes, os.PathLike)):
        try:
            _active.add(os.path.abspath(os.fsdecode(path)))
        except (TypeError, ValueError):  # an unusual path object: not a file we track
            pass


def start() -> None:
    """Begin recording file opens (replaces a trace already running)."""
    global _installed, _active
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    _active = set()


def stop() -> list[str]:
    """Stop recording; the absolute paths opened since :func:`start`, sorted."""
    global _active
    paths, _active = sorted(_active or ()), None
    return paths


def stop_json() -> str:
    """:func:`stop` as a JSON string (read back through a kernel's ``user_expressions``)."""
    return json.dumps(stop())
