"""CSV and TSV files, row by row (an ID or a name split over adjacent cells is found too).

The delimiter of a .csv is guessed among ``, ; | tab``; row numbers are file
lines (header = row 1). A file the csv module cannot parse is read as text.
"""

from __future__ import annotations

import csv
import io
import sys

from ..masking import mask_text
from .pieces import Row
from .text import text_pieces

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _dialect(text: str, default: str):
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        return None if default == "," else csv.excel_tab


def delimited_pieces(text: str, *, tab: bool = False):
    dialect = csv.excel_tab if tab else (_dialect(text, ",") or csv.excel)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header: list[str] = []
    rows = []
    try:
        for record in reader:
            line = reader.line_num
            if not header:
                header = [mask_text(h) for h in record]
            labels = [f"column {header[k]!r}" if k < len(header) and header[k].strip() else f"column {k + 1}"
                      for k in range(len(record))]
            rows.append(Row(f"row {line}", list(zip(labels, record))))
    except csv.Error:
        yield from text_pieces("", text)
        return
    yield from rows
