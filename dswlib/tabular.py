"""Read a data table (CSV or Excel) the way Thai offices export them.

One place for what every reader of user-supplied tables needs
(``dsw standards score``, ``dsw community score``):

* **Encodings.** CSV files from Thai Excel come as UTF-8 (with or without a
  BOM), UTF-16 (Excel's "Unicode Text", with a BOM, usually tab-separated) or
  TIS-620 / Windows code page 874 ("CSV (Comma delimited)" on a Thai Windows).
  :func:`decode_text` tries them in that order and names the encoding it used;
  bytes that are none of them are refused with a :class:`ParamsError` naming the
  file and the first bad byte.  The delimiter (comma, tab or semicolon) is the
  one the header row uses most.
* **Sheets.** In a workbook the form is the first sheet whose rows contain the
  required header (instruction or cover sheets before it are skipped); the
  header may sit below title rows.  Every error names the sheet.
* **Percent cells.** A number in a cell formatted as percent (shown "85 %",
  stored 0.85) is read as what the reader sees: 85.
* **Not applicable.** "n/a", "na", "not applicable" and "ไม่เกี่ยวข้อง" give
  :data:`NOT_APPLICABLE`, which is different from a blank cell (``None``: not
  reported).
* **Parentheses.** "(5)" is accounting notation for −5, never +5
  (:func:`parse_cell_number`); callers that need counts refuse it by name.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Sequence

from .errors import ParamsError
from .thainum import is_missing, parse_number, to_arabic_digits

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SCAN_ROWS = 30  # rows of a file/sheet searched for the header


class _NotApplicable:
    """The explicit "not applicable" of a cell (a singleton)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_APPLICABLE"

    def __bool__(self) -> bool:
        return False


NOT_APPLICABLE = _NotApplicable()
NA_TOKENS = frozenset({"n/a", "na", "n.a.", "not applicable", "ไม่เกี่ยวข้อง"})
ENCODING_LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "cp874": "TIS-620 (cp874)",
}


def is_not_applicable(value) -> bool:
    return value is NOT_APPLICABLE or (
        isinstance(value, str) and " ".join(value.split()).lower() in NA_TOKENS
    )


def is_blank(value) -> bool:
    """A cell with nothing in it (not "n/a", which says something)."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value.strip() == ""


# ---------------------------------------------------------------- decoding


def decode_text(data: bytes, source) -> tuple[str, str]:
    """(text, encoding) of a CSV file's bytes; ParamsError when no candidate fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig", source), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", source), "utf-16"
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: ASCII characters leave a NUL in every other byte
        head = data[:4096]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        encoding = "utf-16-le" if odd >= even else "utf-16-be"
        return _decode(data, encoding, source), encoding
    for encoding in ("utf-8", "cp874"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    raise ParamsError(
        source, None,
        "a CSV file encoded as UTF-8, UTF-16 or TIS-620/cp874 (Thai Windows); save it from Excel as "
        "'CSV UTF-8' or as .xlsx",
        f"bytes that fit none of these (byte 0x{data[bad]:02x} at offset {bad})",
    )


def _decode(data: bytes, encoding: str, source) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParamsError(source, None, f"valid {ENCODING_LABELS.get(encoding, encoding)} text",
                          f"a bad byte sequence at offset {exc.start}") from None


def _delimiter(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            counts = {d: line.count(d) for d in (",", "\t", ";")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class Table:
    """The rows under the header of a CSV file or of a workbook's form sheet."""

    source: str  # the file, plus ", sheet 'name'" for a workbook: use it in every error
    columns: tuple[str, ...]
    header_row: int  # 1-based row of the header in the file / sheet
    rows: tuple[tuple[int, tuple], ...]  # (1-based row number, cells) of every non-empty row below the header
    encoding: str | None = None  # CSV only
    sheet: str | None = None  # workbook only

    def index(self, name: str) -> int | None:
        return self.columns.index(name) if name in self.columns else None

    def cell(self, cells: tuple, name: str):
        i = self.index(name)
        return cells[i] if i is not None and i < len(cells) else None

    def records(self) -> list[tuple[int, dict]]:
        """(row number, {column: cell}) for every row (cells beyond the header are dropped)."""
        return [(n, {c: (cells[i] if i < len(cells) else None) for i, c in enumerate(self.columns) if c})
                for n, cells in self.rows]


def read_table(path, required: Sequence[str], *, what: str = "a data table") -> Table:
    """Read ``path`` (.csv/.txt/.tsv or .xlsx/.xlsm) and find the header that has every ``required`` column."""
    path = Path(path)
    if not path.is_file():
        raise ParamsError(path, None, f"{what} (.csv or .xlsx)", "missing file")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _read_csv(path, tuple(required), what)
    if suffix in EXCEL_SUFFIXES:
        return _read_workbook(path, tuple(required), what)
    raise ParamsError(path, None, f"{what} as a .csv or .xlsx file", path.suffix or "no extension")


def _clean_header(cells) -> tuple[str, ...]:
    return tuple("" if c is None else str(c).strip().lstrip("\ufeff") for c in cells)


def _find_header(rows, required) -> int | None:
    for k, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        header = set(_clean_header(cells))
        if all(r in header for r in required):
            return k
    return None


def _non_empty(rows):
    return [(n, cells) for n, cells in rows if any(not is_blank(c) for c in cells)]


def _table(source, rows, required, what, **extra) -> Table | None:
    rows = _non_empty(rows)
    k = _find_header(rows, required)
    if k is None:
        return None
    n, header = rows[k]
    return Table(str(source), _clean_header(header), n, tuple((m, tuple(c)) for m, c in rows[k + 1:]), **extra)


def _header_error(source, rows, required, what, note=""):
    rows = _non_empty(rows)
    if not rows:
        return ParamsError(source, None, f"{what}: a header row with the columns {', '.join(required)}", "an empty file")
    # the row that looks most like the header: name what it lacks
    best_n, best = max(((n, _clean_header(c)) for n, c in rows[:HEADER_SCAN_ROWS]),
                       key=lambda nc: sum(r in nc[1] for r in required))
    missing = [r for r in required if r not in best]
    if len(missing) < len(required):
        cols = "column" if len(missing) == 1 else "columns"
        expected = f"{what}: a header with the {cols} {', '.join(repr(m) for m in missing)}{note}"
    else:
        expected = f"{what}: a header row with the columns {', '.join(required)}{note}"
        best_n, best = rows[0][0], _clean_header(rows[0][1])
    return ParamsError(source, f"row {best_n}", expected, [c for c in best if c])


def _read_csv(path: Path, required, what) -> Table:
    text, encoding = decode_text(path.read_bytes(), path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = [(n, tuple(r)) for n, r in enumerate(reader, 1)]
    table = _table(path, rows, required, what, encoding=encoding)
    if table is None:
        note = f" (the file was read as {ENCODING_LABELS[encoding]})" if encoding not in ("utf-8", "utf-8-sig") else ""
        raise _header_error(path, rows, required, what, note)
    return table


def sheet_source(path, sheet: str) -> str:
    return f"{path}, sheet '{sheet}'"


def _read_workbook(path: Path, required, what) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for non-workbooks
        raise ParamsError(path, None, "an Excel .xlsx workbook", f"{type(exc).__name__}: {exc}") from None
    try:
        names = []
        for ws in wb.worksheets:
            names.append(ws.title)
            rows = [(n, tuple(excel_cell_value(c) for c in row)) for n, row in enumerate(ws.iter_rows(), 1)]
            table = _table(sheet_source(path, ws.title), rows, required, what, sheet=ws.title)
            if table is not None:
                return table
    finally:
        wb.close()
    raise ParamsError(path, None, f"{what}: a sheet with a header row with the columns {', '.join(required)}",
                      "sheets " + ", ".join(repr(n) for n in names) + " (none has that header)")


def excel_cell_value(cell):
    """The value a reader sees in ``cell``: a percent-formatted number is ×100 (0.85 shown as 85 % → 85)."""
    value = getattr(cell, "value", None)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    fmt = getattr(cell, "number_format", None) or ""
    if "%" in _format_code(fmt):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return (number * 100).normalize() if number else Decimal(0)
    return value


def _format_code(fmt: str) -> str:
    """A number format without its quoted literals and escaped characters ("0\\%" is not a percent)."""
    out, quoted, skip = [], False, False
    for ch in fmt:
        if skip:
            skip = False
            continue
        if ch == '"':
            quoted = not quoted
            continue
        if ch == "\\" and not quoted:
            skip = True
            continue
        if not quoted:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- cells


def parse_cell_number(raw, *, source, where, negative: str = "error"):
    """A number cell: Decimal, ``None`` for a blank cell, :data:`NOT_APPLICABLE` for "n/a".

    "(5)" is accounting notation for −5 (never +5).  ``negative="error"`` (the
    default, for counts and percentages) refuses any negative value by name;
    ``negative="allow"`` returns it.  Thai digits, "1,424", "ร้อยละ 85" and
    "85 %" are read as :func:`dswlib.thainum.parse_number` does.
    """
    if is_blank(raw):
        return None
    if is_not_applicable(raw):
        return NOT_APPLICABLE
    if isinstance(raw, (_dt.date, _dt.datetime)):
        raise ParamsError(source, where, "a number", f"a date ({raw.isoformat()}): check the cell's format")
    accounting = False
    if isinstance(raw, str):
        text = to_arabic_digits(raw).strip()
        if text.startswith("(") and text.endswith(")"):
            accounting = True
            raw = text[1:-1]
    if is_missing(raw):  # "-" and the like: not reported
        if accounting:
            raise ParamsError(source, where, "a number", f"({raw})")
        return None
    number = parse_number(raw, source=source, where=where)
    if accounting:
        number = -number
    if number < 0 and negative == "error":
        shown = f"({raw})" if accounting else raw
        hint = " (parentheses are accounting notation for a negative number)" if accounting else ""
        raise ParamsError(source, where, f"a number that is not negative{hint}", shown)
    return number
