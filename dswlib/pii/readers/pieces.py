"""What a reader hands to the scanner: texts, table rows, parts it could not read."""

from __future__ import annotations

import base64
import binascii
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A stretch of text. ``first_line``: its first line's number in the file, when known."""

    where: str
    text: str
    first_line: int | None = None


@dataclass(frozen=True)
class Row:
    """One table row: (label, text) per cell. IDs and names are also looked for across adjacent cells."""

    where: str
    cells: list = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    """A file or a part of one that was not read: reported as "not scanned"."""

    where: str
    reason: str


@dataclass(frozen=True)
class Image:
    """An embedded picture (a chart): its text chunks are read, its pixels are not (no OCR)."""

    where: str


def decode_text(data: bytes) -> str | None:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, or Thai Windows-874; None if binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


_B64_RE = re.compile(r"^[A-Za-z0-9+/=\s]+$")


def b64decode(value) -> bytes | None:
    """Bytes of a base64 text (a notebook's str or list of lines); None if it is not base64."""
    text = "".join(value) if isinstance(value, list) else value
    if not isinstance(text, str) or not _B64_RE.match(text):
        return None
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def number_text(value) -> str | None:
    """Numbers as they would be written: integral floats without ``.0`` (an ID read as a float)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return None


def at(prefix: str, part: str) -> str:
    """``"cells[3].outputs[0], line 4"``: a place inside a place."""
    return f"{prefix}, {part}" if prefix and part else (prefix or part)


@contextmanager
def file_on_disk(data: bytes, path=None, suffix: str = ""):
    """A path a library or command-line tool can open for ``data``: ``path`` itself when the
    content was read from that file, else a temporary copy (removed afterwards; e.g. a file
    that was inside a gzip)."""
    if path is not None:
        yield str(path)
        return
    fd, tmp = tempfile.mkstemp(prefix="dsw-scan-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        yield tmp
    finally:
        os.unlink(tmp)
