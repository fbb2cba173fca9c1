"""Reviewer HTML → A4 PDF for filing, printed by Debian's Chromium in headless mode.

The page's own print CSS (``dswlib/templates/dsw_report/static/report.css``)
sets A4, the margins and the page number ("หน้า N / M", a CSS ``@page``
margin box), repeats table headers on every page and keeps charts whole.
Chromium's own header and footer (date, file URL) are switched off. Text stays
text: Thai can be selected and searched in the PDF.

A PDF is written beside its HTML (``report.html`` → ``report.pdf``),
atomically: a failed print leaves no half file.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_path
from .browser import find_chromium, headless_args

log = logging.getLogger("dswlib.pdf")


class PdfError(RuntimeError):
    """Chromium did not produce a PDF for a page."""


@dataclass
class PdfResult:
    html: Path
    pdf: Path | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.pdf is not None


def pdf_path_for(html_path) -> Path:
    return Path(html_path).with_suffix(".pdf")


def html_to_pdf(html_path, pdf_path=None, *, chromium: str | None = None, timeout: float = 300) -> Path:
    """Print ``html_path`` to ``pdf_path`` (default: beside it, ``.pdf``); returns the PDF path."""
    html_path = Path(html_path).resolve()
    if not html_path.is_file():
        raise PdfError(f"{html_path}: no such HTML file")
    pdf_path = Path(pdf_path) if pdf_path else pdf_path_for(html_path)
    chromium = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="dsw-chromium-") as profile, atomic_path(pdf_path) as tmp:
        cmd = [chromium, *headless_args(profile), "--no-pdf-header-footer", f"--print-to-pdf={tmp}", html_path.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{html_path}: Chromium did not finish printing within {timeout:.0f} s") from None
        with open(tmp, "rb") as f:
            head = f.read(5)
        if head != b"%PDF-":
            tail = " ".join((proc.stderr or "").strip().splitlines()[-3:])
            raise PdfError(f"{html_path}: Chromium wrote no PDF (exit {proc.returncode}) {tail}".strip())
    log.info("wrote %s", pdf_path)
    return pdf_path


def convert_many(html_paths, *, workers: int | None = None, timeout: float = 300) -> list[PdfResult]:
    """Print every page; one page's failure is recorded in its result and does not stop the others.

    Raises :class:`dswlib.browser.BrowserMissing` before starting when Chromium is not installed.
    """
    import os

    chromium = find_chromium()
    paths = [Path(p) for p in html_paths]
    workers = max(1, min(workers or os.cpu_count() or 1, len(paths) or 1))

    def one(path: Path) -> PdfResult:
        try:
            return PdfResult(path, html_to_pdf(path, chromium=chromium, timeout=timeout))
        except (PdfError, OSError) as exc:
            return PdfResult(path, None, str(exc))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, paths))
