"""Excel workbooks (.xlsx, .xlsm) through openpyxl: every sheet, every cell, row by row.

Cells are read as Excel shows them (cached formula results) and as written
(formula text, comments); sheet names and the document properties (author,
title ...) are read too. Numbers are read as numbers: an ID stored as a number
is found. Old .xls workbooks are not read (reported as not scanned).
"""

from __future__ import annotations

import io
from itertools import zip_longest

from ..masking import mask_text
from .pieces import Row, Skipped, Text, number_text

_PROPERTIES = ("creator", "lastModifiedBy", "title", "subject", "description", "keywords", "category")


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    text = number_text(value)
    return text if text is not None else str(value)


def xlsx_pieces(data: bytes):
    import openpyxl

    try:
        values_wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        written_wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or encrypted file
        yield Skipped("", f"unreadable workbook ({type(exc).__name__})")
        return
    try:
        for prop in _PROPERTIES:
            value = getattr(written_wb.properties, prop, None)
            if value:
                yield Text(f"document property {prop}", str(value))
        for ws_values, ws_written in zip(values_wb.worksheets, written_wb.worksheets):
            sheet = f"sheet {mask_text(ws_written.title)!r}"
            yield Text(f"{sheet} (name)", ws_written.title)
            rows_values = ws_values.iter_rows(min_row=1, min_col=1, values_only=True)
            rows_written = ws_written.iter_rows(min_row=1, min_col=1)
            for r, (vals, cells) in enumerate(zip_longest(rows_values, rows_written, fillvalue=()), 1):
                row_cells = []
                for c, (value, cell) in enumerate(zip_longest(vals, cells)):
                    coord = getattr(cell, "coordinate", None) or f"R{r}C{c + 1}"
                    written = getattr(cell, "value", None)
                    shown = _cell_text(value if value is not None else written)
                    if shown:
                        row_cells.append((f"cell {coord}", shown))
                    if isinstance(written, str) and written.startswith("=") and written != shown:
                        yield Text(f"{sheet}, cell {coord} (formula)", written)
                    comment = getattr(cell, "comment", None)
                    if comment is not None and comment.text:
                        yield Text(f"{sheet}, cell {coord} (comment)", comment.text)
                if row_cells:
                    yield Row(f"{sheet}, row {r}", row_cells)
    except Exception as exc:
        yield Skipped("", f"workbook could not be read to the end ({type(exc).__name__})")
    finally:
        values_wb.close()
        written_wb.close()
