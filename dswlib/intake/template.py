"""``dsw intake template``: the Excel workbook a round's results are collected in.

Structure cells are locked (sheet protection without a password: it guards against slips,
not against a determined user; the import checks the structure anyway), input cells are
unlocked, yellow, and carry Excel data validation (number ranges, ใช่/ไม่ใช่ lists).
With ``filled=True`` the current params values are written in, so a year can be corrected
through the same form and the round trip can be tested.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path

from ..catalog import KIND_LABELS_TH, Catalog, Kpi, load_catalog
from ..fiscal import FiscalYear, normalize_be_year
from ..thainum import parse_number
from . import layout as L

log = logging.getLogger("dswlib.intake.template")

FONT = "TH Sarabun New"
INPUT_FILL = "FFF2CC"
HEAD_FILL = "DDEBF7"
LAST_COLUMN = 8  # A..H


def _number_out(value):
    """A params number as an Excel number (int when whole)."""
    if value is None:
        return None
    number = parse_number(value, allow_missing=True)
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


class _SheetWriter:
    """Writes a sheet top to bottom; tracks styles, validations and the input cells."""

    def __init__(self, ws):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
        from openpyxl.worksheet.datavalidation import DataValidation

        self.ws = ws
        self.row = 1
        self._font = Font(name=FONT, size=14)
        self._bold = Font(name=FONT, size=14, bold=True)
        self._title = Font(name=FONT, size=16, bold=True)
        self._input_fill = PatternFill("solid", fgColor=INPUT_FILL)
        self._head_fill = PatternFill("solid", fgColor=HEAD_FILL)
        self._unlocked = Protection(locked=False)
        thin = Side(style="thin", color="999999")
        self._border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._validations: dict[tuple, DataValidation] = {}
        self._DataValidation = DataValidation

    # ---- cells
    def put(self, col: int, value, *, bold=False, head=False, wrap=True, fmt=None):
        cell = self.ws.cell(row=self.row, column=col, value=value)
        cell.font = self._bold if bold or head else self._font
        if head:
            cell.fill = self._head_fill
            cell.border = self._border
        if wrap:
            cell.alignment = self._wrap
        if fmt:
            cell.number_format = fmt
        return cell

    def put_input(self, col: int, value=None, *, fmt=None, validation=None):
        cell = self.put(col, value, fmt=fmt or "@")
        cell.fill = self._input_fill
        cell.protection = self._unlocked
        cell.border = self._border
        if validation is not None:
            self.validation(*validation).add(cell.coordinate)
        return cell

    def merge(self, first: int, last: int = LAST_COLUMN):
        if last > first:
            self.ws.merge_cells(start_row=self.row, start_column=first, end_row=self.row, end_column=last)

    def validation(self, kind: str, low=None, high=None, low_exclusive=False):
        key = (kind, low, high, low_exclusive)
        if key not in self._validations:
            DV = self._DataValidation
            if kind == "yes_no":
                dv = DV(type="list", formula1=f'"{L.YES_TH},{L.NO_TH}"', allow_blank=True)
                dv.error = f"เลือก {L.YES_TH} หรือ {L.NO_TH}"
            elif high is None:
                dv = DV(type="decimal", operator="greaterThan" if low_exclusive else "greaterThanOrEqual",
                        formula1=f"{low:g}", allow_blank=True)
                dv.error = f"ใส่ตัวเลข{'มากกว่า' if low_exclusive else 'ตั้งแต่'} {low:g}{'' if low_exclusive else ' ขึ้นไป'}"
            else:
                dv = DV(type="decimal", operator="between", formula1=f"{low:g}", formula2=f"{high:g}", allow_blank=True)
                dv.error = f"ใส่ตัวเลขตั้งแต่ {low:g} ถึง {high:g}"
            dv.errorTitle = "ค่าไม่ถูกต้อง"
            dv.showErrorMessage = True
            self.ws.add_data_validation(dv)
            self._validations[key] = dv
        return self._validations[key]

    def next(self, n: int = 1):
        self.row += n

    # ---- blocks
    def title(self, text: str):
        self.put(1, text, bold=True).font = self._title
        self.merge(1)
        self.next()

    def heading(self, text: str):
        self.put(1, text, head=True)
        for col in range(2, LAST_COLUMN + 1):
            self.put(col, None, head=True)
        self.merge(1)
        self.next()

    def pair(self, label: str, value, *, merge_value=True):
        self.put(1, label, bold=True)
        self.put(2, value)
        if merge_value:
            self.merge(2)
        self.next()

    def protect(self):
        ws = self.ws
        ws.protection.sheet = True
        # allowed while protected: resize rows/columns and format cells (e.g. as percent)
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.formatCells = False
        ws.column_dimensions["A"].width = 40
        ws.column_dimensions["B"].width = 26
        for letter in "CDEFGH":
            ws.column_dimensions[letter].width = 20


def _write_info(wb, catalog: Catalog, round_: int, filled: bool, now: _dt.datetime):
    ws = wb.active
    ws.title = L.INFO_SHEET
    w = _SheetWriter(ws)
    w.title(L.INFO_LABELS["title"])
    w.next()
    fy = FiscalYear(catalog.fiscal_year)
    w.pair(L.INFO_LABELS["fiscal_year"], catalog.fiscal_year, merge_value=False)
    w.pair(L.INFO_LABELS["round"], round_, merge_value=False)
    w.pair("ช่วงเวลาของรอบ", fy.round_label(round_))
    w.pair(L.INFO_LABELS["agency"], catalog.agency_th)
    w.pair(L.INFO_LABELS["document"], catalog.title_th)
    w.pair(L.INFO_LABELS["version"], L.FORMAT_VERSION)
    w.pair(L.INFO_LABELS["created"], now.strftime("%Y-%m-%d %H:%M"))
    w.pair(L.INFO_LABELS["filled"], "ข้อมูลปัจจุบันของระบบ (แก้ไขได้)" if filled else "แบบว่าง")
    w.next()
    w.heading("คำชี้แจงการกรอก")
    for i, text in enumerate(L.INSTRUCTIONS_TH, 1):
        w.put(1, f"{i}. {text}")
        w.merge(1)
        w.ws.row_dimensions[w.row].height = 40
        w.next()
    w.next()
    w.heading("แผ่นงานตัวชี้วัด")
    for kpi in L.sheet_kpis(catalog):
        w.pair(L.sheet_name(kpi.id), kpi.name_th)
    w.protect()


def _definition(w: _SheetWriter, catalog: Catalog, kpi: Kpi, round_: int):
    fy = FiscalYear(catalog.fiscal_year)
    w.title(f"ตัวชี้วัดที่ {kpi.id} {kpi.name_th}")
    w.put(1, f"{fy.title()} · ผลการดำเนินงาน{fy.round_label(round_)}")
    w.merge(1)
    w.next(2)
    D = L.DEFINITION_LABELS
    w.pair(D["id"], kpi.id)
    if kpi.parent:
        parent = catalog.kpi(kpi.parent)
        w.pair("ตัวชี้วัดหลัก", f"{parent.id} {parent.name_th}")
    w.pair(D["name"], kpi.name_th)
    w.pair(D["weight"], _number_out(kpi.weight), merge_value=False)
    w.pair(D["kind"], KIND_LABELS_TH[kpi.kind])
    if kpi.unit:
        w.pair(D["unit"], kpi.unit)
    if kpi.formula is not None:
        w.pair(D["numerator_th"], kpi.formula.numerator_th)
        w.pair(D["denominator_th"], f"{kpi.formula.denominator_th} (× {kpi.formula.multiplier})")
    if kpi.kind != "milestone":
        w.put(1, D["targets"], bold=True)
        headers = kpi.target_labels_th or L.TARGET_HEADERS
        for col, head in enumerate(headers, 2):
            w.put(col, head, head=True)
        w.next()
        w.put(1, "")
        if kpi.targets is None:
            w.put(2, L.TARGET_UNSET_TH)
        else:
            for col, target in enumerate(kpi.targets, 2):
                w.put(col, _number_out(target), fmt="0.00")
        w.next()
    w.next()


def _result(w: _SheetWriter, kpi: Kpi, filled: bool):
    res = kpi.result if filled else None
    labels = L.result_labels(kpi)
    w.heading(L.RESULT_HEADING)
    if kpi.kind == "milestone":
        w.put(1, L.CRITERIA_HEADING, bold=True)
        w.merge(1)
        w.next()
        for level in (50, 75, 100):
            flags = (res.criteria_met.get(level, []) if res else [])
            for i, text in enumerate(kpi.criteria_th[level]):
                w.put(1, L.criterion_label(level, i), bold=True)
                value = None if i >= len(flags) else (L.YES_TH if flags[i] else L.NO_TH)
                w.put_input(2, value, validation=("yes_no",))
                w.put(3, text)
                w.merge(3)
                w.next()
        w.next()
        _list(w, L.ITEMS_FIELD, res.items_th if res else [], filled)
    hints = dict(L.RESULT_HINTS)
    if kpi.formula is not None:
        hints["numerator"] = kpi.formula.numerator_th
        hints["denominator"] = kpi.formula.denominator_th
    for key, label in labels.items():
        w.put(1, label, bold=True)
        current = getattr(res, key) if res is not None else None
        if key in ("numerator", "denominator", "value"):
            low, high, excl = L.result_range(kpi, key)
            fmt = "0.00" if key == "value" else "#,##0.##########"
            w.put_input(2, _number_out(current), fmt=fmt, validation=("decimal", low, high, excl))
        else:
            w.put_input(2, current or None)
        if key in hints:
            w.put(3, hints[key])
            w.merge(3)
        w.next()
    w.next()


def _list(w: _SheetWriter, field_: L.ListField, values: list[str], filled: bool):
    w.put(1, field_.heading_th, bold=True)
    w.merge(1)
    w.next()
    values = list(values) if filled else []
    lines = max(L.DEFAULT_LINES, len(values) + 2)
    for i in range(lines):
        w.put(1, L.line_label(field_, i))
        w.put_input(2, values[i] if i < len(values) else None)
        w.merge(2)
        w.next()
    w.next()


def _table(w: _SheetWriter, roster: L.Roster, filled: bool):
    spec = roster.spec
    w.put(1, L.TABLE_ANCHOR, head=True)
    w.put(2, spec.title_th or f"ข้อมูลราย{spec.unit_label_th}", head=True)
    for col in range(3, LAST_COLUMN + 1):
        w.put(col, None, head=True)
    w.merge(2)
    w.next()
    columns = roster.columns
    for col, name in enumerate(columns, 1):
        w.put(col, roster.label(name), head=True)
    w.next()
    for i, row in enumerate(roster.rows):
        is_total = i == roster.total_index
        for col, name in enumerate(columns, 1):
            raw = roster.cell(row, name)
            if name in roster.structure:
                if is_total:
                    value = L.TOTAL_LABEL if col == 1 else None
                else:
                    value = _number_out(raw) if name == L.ID_COLUMN and raw.strip().isdigit() else raw
                w.put(col, value, bold=is_total)
            elif name in roster.numeric:
                low, high = roster.value_range(name)
                fmt = "0.00" if (name == spec.percent or spec.kind == "pmqa") else "#,##0.##########"
                w.put_input(col, _number_out(raw) if filled else None, fmt=fmt, validation=("decimal", low, high, False))
            else:
                w.put_input(col, (raw or None) if filled else None)
        w.next()
    w.put(1, L.TABLE_END)
    w.next(2)


def build_workbook(catalog: Catalog, params_dir, round_: int = 12, filled: bool = False, now=None):
    """The intake workbook of ``catalog`` as an openpyxl Workbook."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    if int(round_) not in (6, 12):
        raise ValueError(f"round must be 6 or 12, got {round_}")
    now = now or _dt.datetime.now()
    wb = Workbook()
    _write_info(wb, catalog, int(round_), filled, now)
    for kpi in L.sheet_kpis(catalog):
        ws = wb.create_sheet(L.sheet_name(kpi.id))
        w = _SheetWriter(ws)
        _definition(w, catalog, kpi, int(round_))
        _result(w, kpi, filled)
        roster = L.load_roster(params_dir, catalog.fiscal_year, kpi)
        if roster is not None:
            _table(w, roster, filled)
        for field_ in L.NARRATIVE_FIELDS:
            _list(w, field_, [L.item_cell_text(i) for i in getattr(kpi.narrative, field_.key, []) or []], filled)
        w.protect()
    wb.security = WorkbookProtection(lockStructure=True)  # no renaming, adding or deleting sheets
    return wb


def write_template(params_dir, fiscal_year, out, round_: int = 12, filled: bool = False, now=None) -> Path:
    """Write the intake workbook of ``fiscal_year`` to ``out`` (.xlsx), atomically."""
    from ..atomic import atomic_path
    from ..errors import ParamsError
    from ..paths import resolve_params_dir

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ParamsError(out, None, "an output file ending in .xlsx", out.suffix or "no extension")
    params = resolve_params_dir(params_dir)
    catalog = load_catalog(params, normalize_be_year(fiscal_year))
    wb = build_workbook(catalog, params, round_, filled, now)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    log.info("wrote intake template %s (FY%s, round %s, filled=%s)", out, catalog.fiscal_year, round_, filled)
    return out
