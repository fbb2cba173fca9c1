"""PDF documents: their text, page by page, with poppler-utils' ``pdftotext``.

The reviewer PDFs (``dsw run --pdf``, ``dsw pdf``) are printed by Chromium from
the HTML pages: their text is real text in an embedded font, charts included,
so ``pdftotext -layout`` gives it back with table rows on one line. Pictures
inside a PDF are counted (``pdfimages -list``) and not OCR'd, as in a page.
Without poppler-utils, or for a damaged or encrypted PDF, the file is reported
as not scanned, never passed.
"""

from __future__ import annotations

import shutil
import subprocess

from .pieces import Image, Skipped, Text, file_on_disk

TIMEOUT = 300  # seconds for one document


def pdf_pieces(data: bytes, path=None):
    """One :class:`Text` per page (``page N``), an :class:`Image` per picture; a :class:`Skipped` if unreadable.

    ``path``: the file ``data`` was read from (read again by the tools), None for content that
    was inside another file (written to a temporary file for them).
    """
    if shutil.which("pdftotext") is None:
        yield Skipped("", "a PDF document: not read (pdftotext not found: install Debian's poppler-utils)")
        return
    with file_on_disk(data, path, ".pdf") as on_disk:
        try:
            proc = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", on_disk, "-"], capture_output=True,
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
        for number in _picture_pages(on_disk):
            yield Image(f"page {number}")


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
