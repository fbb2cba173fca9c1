"""Read one workbook cell as what the form asks for, or say what is wrong with it.

Every problem is a :class:`~dswlib.errors.ParamsError` whose ``where`` is ``"<sheet>!<cell>"``.
A workbook is opened twice (:class:`Book`): with formulas, to know which cells hold one, and with
the values Excel or LibreOffice saved for them. A formula cell without a saved value is an error
(openpyxl and other writers that do not calculate leave none).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import ParamsError
from ..thainum import is_missing, parse_number
from .layout import NO_WORDS, YES_WORDS, describe_range

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003) and other OLE files


def open_workbooks(path):
    """``(formulas, values)`` workbooks of ``path``; a file that is not an .xlsx workbook is a named error."""
    import zipfile

    from openpyxl import load_workbook

    path = Path(path)
    if not path.exists():
        raise ParamsError(path, None, "an existing .xlsx workbook", "file not found")
    head = path.read_bytes()[:8]
    if head == OLE_MAGIC or path.suffix.lower() == ".xls":
        raise ParamsError(path, None, "an .xlsx workbook (Excel 2007 or later): save the file as .xlsx",
                          "an .xls (Excel 97-2003) file")
    if not zipfile.is_zipfile(path):
        raise ParamsError(path, None, "an .xlsx workbook", "a file that is not a workbook")
    try:
        formulas = load_workbook(path, data_only=False)
        values = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises several types for broken packages
        raise ParamsError(path, None, "a readable .xlsx workbook", f"{type(exc).__name__}: {exc}") from None
    return formulas, values


@dataclass
class Book:
    """An open workbook: read cells by sheet and address, collecting errors."""

    path: Path
    formulas: object
    values: object

    @classmethod
    def open(cls, path) -> "Book":
        formulas, values = open_workbooks(path)
        return cls(Path(path), formulas, values)

    @property
    def sheetnames(self) -> list[str]:
        return list(self.values.sheetnames)

    def error(self, sheet: str, ref: str, expected: str, got=None) -> ParamsError:
        return ParamsError(self.path.name, f"{sheet}!{ref}", expected, got)

    def raw(self, sheet: str, ref: str):
        """The cell's value (the saved result for a formula); raises for a formula without one."""
        formula_cell = self.formulas[sheet][ref]
        cell = self.values[sheet][ref]
        if formula_cell.data_type == "f" or (isinstance(formula_cell.value, str) and formula_cell.value.startswith("=")):
            if cell.value is None:
                raise self.error(sheet, ref, "a formula with a saved result (open and save the workbook in Excel or "
                                 "LibreOffice so its formulas are calculated)", str(formula_cell.value))
        return cell.value

    def number_format(self, sheet: str, ref: str) -> str:
        return self.values[sheet][ref].number_format or "General"

    def text(self, sheet: str, ref: str) -> str:
        """Text of a cell ('' when empty); a date cell becomes a Thai date."""
        value = self.raw(sheet, ref)
        if value is None:
            return ""
        if isinstance(value, (_dt.datetime, _dt.date)):
            from ..fiscal import format_thai_date

            return format_thai_date(value if isinstance(value, _dt.date) else value.date())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def number(self, sheet: str, ref: str, low=0.0, high=None, low_exclusive=False) -> Decimal | None:
        """A number in range, ``None`` for an empty cell.

        Thai digits, "1,424" and "ร้อยละ 13.90" are read; a cell formatted as percent holds a
        fraction (0.139 shown as 13.90 %) and is read as 13.9.
        """
        value = self.raw(sheet, ref)
        if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
            raise self.error(sheet, ref, describe_range(low, high, low_exclusive), str(value))
        if is_missing(value):
            return None
        where = f"{sheet}!{ref}"
        number = parse_number(value, source=self.path.name, where=where)
        if isinstance(value, (int, float)) and "%" in self.number_format(sheet, ref):
            number = number * 100
        number = Decimal(int(number)) if number == number.to_integral_value() else number
        if number < Decimal(str(low)) or (low_exclusive and number == Decimal(str(low))) or (
            high is not None and number > Decimal(str(high))
        ):
            raise self.error(sheet, ref, describe_range(low, high, low_exclusive), _shown(number))
        return number

    def yes_no(self, sheet: str, ref: str) -> bool | None:
        value = self.raw(sheet, ref)
        if isinstance(value, bool):
            return value
        if is_missing(value):
            return None
        text = str(value).strip().lower()
        if text in YES_WORDS:
            return True
        if text in NO_WORDS:
            return False
        raise self.error(sheet, ref, "ใช่ or ไม่ใช่", value)


def _shown(number: Decimal) -> str:
    return str(int(number)) if number == number.to_integral_value() else format(number, "f")
