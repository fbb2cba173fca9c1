"""Logging of a batch run: ``outputs/<year>/run.log`` (everything) and the terminal (by verbosity).

Terminal levels: warnings and failures by default, ``-v`` each job started/done/skipped,
``-vv`` debug detail (skip reasons, kernels, workers). The log file always has the
debug detail of this run (it is rewritten by every run).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

FILE_NAME = "run.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class _TqdmHandler(logging.StreamHandler):
    """Writes above a progress bar instead of through it."""

    def emit(self, record):
        try:
            from tqdm import tqdm

            tqdm.write(self.format(record), file=self.stream)
        except Exception:
            self.handleError(record)


def terminal_level(verbosity: int) -> int:
    return logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG


@contextmanager
def run_logging(out_dir, verbosity: int = 0, progress: bool = False):
    """Attach the run's file and terminal handlers to the ``dswlib`` logger for the run's duration."""
    import sys

    logger = logging.getLogger("dswlib")
    file_handler = logging.FileHandler(Path(out_dir) / FILE_NAME, mode="w", encoding="utf-8")
    file_handler.setLevel(logging.DEBUG)
    file_handler.setFormatter(logging.Formatter(FORMAT))
    term = (_TqdmHandler if progress else logging.StreamHandler)(sys.stderr)
    term.setLevel(terminal_level(verbosity))
    term.setFormatter(logging.Formatter("%(levelname)s: %(message)s" if verbosity <= 0 else "%(asctime)s %(message)s",
                                        "%H:%M:%S"))
    pm_logger = logging.getLogger("papermill")
    saved = (logger.level, logger.propagate, pm_logger.level)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(file_handler)
    logger.addHandler(term)
    pm_logger.setLevel(logging.WARNING)
    pm_logger.addHandler(file_handler)
    try:
        yield logger
    finally:
        for h in (file_handler, term):
            logger.removeHandler(h)
        pm_logger.removeHandler(file_handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        pm_logger.setLevel(saved[2])
        file_handler.close()
