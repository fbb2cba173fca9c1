"""File readers for the personal-data scanner: one module per kind of file.

:func:`read_file` turns a file into :mod:`.pieces` (texts, table rows, parts
not read, embedded pictures). The kind comes from the content first (gzip by
its magic bytes, whatever the name; a PDF is read by its content; pictures, zip
and old Office files are recognised and not read) and then from the suffix:

======================  ===================================================
kind                    read
======================  ===================================================
.html .htm .xhtml       text per block with entities decoded, table rows,
                        attributes, ``data:`` URIs
.ipynb                  sources, attachments, outputs of every MIME type,
                        metadata (:mod:`.notebook`)
.json .jsonl .geojson   parsed and walked (:mod:`.jsonfile`)
.csv .tsv               row by row (:mod:`.delimited`)
.xlsx .xlsm             every sheet and cell with openpyxl (:mod:`.xlsx`)
.parquet                row by row with DuckDB
.pdf (by content)       text page by page with poppler's ``pdftotext``;
                        pictures counted, not OCR'd (:mod:`.pdf`)
.md .markdown           text, tables as rows
.txt .log and others    text (:data:`TEXT_SUFFIXES`); a file with another
                        suffix is read as text when it is UTF-8 or
                        Windows-874 text
.gz (any name)          decompressed, then read as what it holds
======================  ===================================================

Not read, reported as "not scanned": pictures (.png .jpg ...: their text
chunks are read, their pixels are not), a PDF without poppler-utils or
damaged or encrypted, .xls, .doc/.docx, .zip and any other binary file,
damaged files of the kinds above.
"""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

from .images import image_pieces, is_image
from .pieces import Image, Row, Skipped, Text, decode_text

SKIP_DIRS = frozenset((".git", ".hg", ".svn"))
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".geojson")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".log", ".yaml", ".yml", ".xml", ".svg", ".tex", ".rst", ".ini", ".cfg", ".toml",
                 ".py", ".sql", ".out", ".err")
#: Content that is recognised and not read: (magic bytes, what it is).
BINARY_MAGICS = (
    (b"\xd0\xcf\x11\xe0", "an old Office file (.xls/.doc)"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PAR1", "a Parquet file"),
    (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ\x00", "an xz file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
GZIP_MAGIC = b"\x1f\x8b"
MAX_GUNZIP = 2 * 1024**3


def iter_files(paths):
    """Every file under ``paths`` (files or folders, recursively; VCS folders skipped), sorted."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
                for name in sorted(files):
                    yield Path(root) / name
        elif p.is_file():
            yield p
        else:
            raise FileNotFoundError(f"nothing to scan at {p}")


def _inner_name(name: str) -> str:
    lower = name.lower()
    for suffix, repl in ((".tgz", ".tar"), (".gz", ""), (".gzip", "")):
        if lower.endswith(suffix):
            return name[: len(name) - len(suffix)] + repl
    return name


def _gunzip(data: bytes) -> bytes:
    out = bytearray()
    d = zlib.decompressobj(wbits=31)
    chunk = data
    while chunk:
        out += d.decompress(chunk, MAX_GUNZIP - len(out) + 1)
        if len(out) > MAX_GUNZIP:
            raise OverflowError("larger than 2 GiB uncompressed")
        chunk = d.unconsumed_tail
        if d.eof and d.unused_data.startswith(GZIP_MAGIC):  # concatenated members
            d, chunk = zlib.decompressobj(wbits=31), d.unused_data
    if not d.eof:
        raise EOFError("the file ends before the compressed data does")
    return bytes(out)


def read_bytes(data: bytes, name: str, path=None, depth: int = 0):
    """Pieces of a file's content; ``name`` (its file name) tells the kind when the content does not."""
    from .delimited import delimited_pieces
    from .html import html_pieces
    from .jsonfile import json_pieces
    from .notebook import notebook_pieces
    from .parquet import parquet_pieces
    from .pdf import pdf_pieces
    from .text import markdown_pieces, text_pieces
    from .xlsx import xlsx_pieces

    suffix = Path(name).suffix.lower()
    if data.startswith(GZIP_MAGIC):
        if depth >= 3:
            yield Skipped("", "gzip nested too deep")
            return
        try:
            inner = _gunzip(data)
        except (zlib.error, OverflowError, gzip.BadGzipFile, EOFError) as exc:
            yield Skipped("", f"damaged or too large gzip file ({exc})")
            return
        inner_name = _inner_name(name)
        for piece in read_bytes(inner, inner_name, None, depth + 1):
            yield _prefixed(piece, "gzip")
        return
    if suffix in XLSX_SUFFIXES:
        yield from xlsx_pieces(data)
        return
    if suffix == ".parquet" or data.startswith(b"PAR1"):
        yield from parquet_pieces(data, path)
        return
    if is_image(data):
        yield from (p for p in image_pieces("", data) if not isinstance(p, Image))
        yield Skipped("", "a picture: pixels are not read (no OCR); its text chunks were")
        return
    if data.startswith(b"%PDF"):
        yield from pdf_pieces(data, path)
        return
    for magic, what in BINARY_MAGICS:
        if data.startswith(magic):
            yield Skipped("", f"{what}: not read")
            return
    text = decode_text(data)
    if text is None:
        yield Skipped("", "binary content (not UTF-8 or Windows-874 text): not read")
        return
    if suffix in HTML_SUFFIXES or (suffix == ".xls" and text.lstrip()[:1] == "<"):  # web "Excel" exports
        yield from html_pieces("", text)
    elif suffix == ".ipynb":
        yield from notebook_pieces(text)
    elif suffix in JSON_SUFFIXES:
        yield from json_pieces(text)
    elif suffix == ".csv":
        yield from delimited_pieces(text)
    elif suffix == ".tsv":
        yield from delimited_pieces(text, tab=True)
    elif suffix in MARKDOWN_SUFFIXES:
        yield from markdown_pieces("", text)
    else:
        yield from text_pieces("", text)


def _prefixed(piece, prefix: str):
    if isinstance(piece, Text):
        return Text(f"({prefix}) {piece.where}".strip(), piece.text, piece.first_line)
    if isinstance(piece, Row):
        return Row(f"({prefix}) {piece.where}".strip(), piece.cells)
    if isinstance(piece, Skipped):
        return Skipped(f"({prefix}) {piece.where}".strip(), piece.reason)
    return Image(f"({prefix}) {piece.where}".strip())


def read_file(path):
    """Pieces of one file (a file that cannot be opened is one :class:`Skipped`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped("", f"cannot be opened ({exc.strerror or type(exc).__name__})")
        return
    yield from read_bytes(data, path.name, path)
