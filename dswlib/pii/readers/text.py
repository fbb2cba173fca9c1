"""Plain text files (.txt, .log, .yaml, .xml, .svg ...) and Markdown (tables as rows)."""

from __future__ import annotations

import re

from .images import split_data_uris
from .pieces import Row, Text, at

_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_MD_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")


def strip_ansi(text: str) -> str:
    """Terminal colour codes (in tracebacks and logs) removed."""
    return _ANSI_RE.sub("", text)


def text_pieces(where: str, text: str, first_line: int | None = 1):
    """One text, with embedded data URIs (SVG images, pasted pictures) handled apart."""
    text = strip_ansi(text)
    if "data:" in text:
        text, embedded = split_data_uris(where, text)
        yield from embedded
    yield Text(where, text, first_line)


def markdown_pieces(where: str, text: str, first_line: int | None = 1):
    """Markdown: table lines as rows (IDs split over cells), everything else as text."""
    lines = text.split("\n")
    rows = []
    for k, line in enumerate(lines):
        if _MD_TABLE_LINE.match(line):
            if not _MD_RULE.match(line):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                line_no = (first_line or 1) + k
                rows.append(Row(at(where, f"line {line_no}"), [(f"cell {i + 1}", c) for i, c in enumerate(cells)]))
            lines[k] = ""
    yield from text_pieces(where, "\n".join(lines), first_line)
    yield from rows
