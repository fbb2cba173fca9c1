"""PDF documents: their text, page by page, with poppler-utils' ``pdftotext``.

The reviewer PDFs (``dsw run --pdf``, ``dsw pdf``) are printed by Chromium from
the HTML pages: their text is real text in an embedded font, charts included,
so ``pdftotext -layout`` gives it back with table rows on one line. Pictures
inside a PDF are counted (``pdfimages -list``) and not OCR'd, as in a page.
Without poppler-utils, or for a damaged or encrypted PDF, the file is reported
as not scanned, never passed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from .pieces import Image, Skipped, Text

TIMEOUT = 300  # seconds for one document


def pdf_pieces(data: bytes):
    """One :class:`Text` per page (``page N``), an :class:`Image` per picture; a :class:`Skipped` if unreadable."""
    if shutil.which("pdftotext") is None:
        yield Skipped("", "a PDF document: not read (pdftotext not found: install Debian's poppler-utils)")
        return
    fd, tmp = tempfile.mkstemp(prefix="dsw-scan-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            proc = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", tmp, "-"], capture_output=True,
                                  timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            yield Skipped("", f"a PDF document: pdftotext did not finish within {TIMEOUT} s")
            return
        if proc.returncode != 0:
            reason = " ".join(proc.stderr.decode("utf-8", "replace").split())[:200]
            yield Skipped("", f"a damaged or protected PDF document: not read ({reason or f'exit {proc.returncode}'})")
            return
        pages = proc.stdout.decode("utf-8", "replace").split("\f")
        if pages and not pages[-1].strip():
            pages.pop()  # pdftotext ends every page with a form feed
        for number, text in enumerate(pages, 1):
            if text.strip():
                yield Text(f"page {number}", text, 1)
        for number in _picture_pages(tmp):
            yield Image(f"page {number}")
    finally:
        os.unlink(tmp)


def _picture_pages(path: str) -> list[int]:
    """The page of every picture drawn in the PDF (``pdfimages -list``; none when it is not installed)."""
    if shutil.which("pdfimages") is None:
        return []
    try:
        listing = subprocess.run(["pdfimages", "-list", path], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return []
    pages = []
    for line in listing.stdout.splitlines()[2:]:
        cols = line.split()
        if len(cols) > 2 and cols[0].isdigit() and cols[2] == "image":
            pages.append(int(cols[0]))
    return pages
