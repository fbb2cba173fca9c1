"""Read and validate a filled intake workbook, all of it, before anything is written.

:func:`read_workbook` returns what the workbook says per KPI (:class:`KpiRead`) or raises
:class:`~dswlib.errors.ParamsErrors` listing every problem, each naming ``sheet!cell`` and what
was expected: wrong year or round, a missing or renamed sheet, a unit row added or removed,
a changed header or criterion, a number out of range, text in a number cell, a numerator
above its denominator, a formula without a saved value.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..catalog import Catalog, Kpi
from ..errors import ParamsError, ParamsErrors
from . import layout as L
from .cells import Book


@dataclass
class Figure:
    """A value read from the workbook and the cell(s) it came from (``"KPI 3.1!B15"``)."""

    value: object
    cell: str


@dataclass
class TableRead:
    roster: L.Roster
    cells: list[dict[str, Figure]]  # per roster row (total row included): input column -> figure

    @property
    def filled(self) -> bool:
        return any(f.value is not None for row in self.cells for c, f in row.items() if c in self.roster.numeric)


@dataclass
class KpiRead:
    kpi: Kpi
    sheet: str
    result: dict[str, Figure] = field(default_factory=dict)  # non-empty result fields
    lists: dict[str, Figure] = field(default_factory=dict)   # non-empty lists (result items, narrative)
    table: TableRead | None = None

    @property
    def has_result(self) -> bool:
        return any(k in self.result for k in ("value", "numerator", "denominator", "criteria_met"))

    @property
    def is_empty(self) -> bool:
        return not self.result and not self.lists and not (self.table and self.table.filled)


@dataclass
class WorkbookRead:
    path: Path
    sha256: str
    fiscal_year: int
    round: int
    kpis: list[KpiRead]
    as_printed: bool = False


class _Errors(list):
    def run(self, fn, *args, **kwargs):
        """Call ``fn``; a :class:`ParamsError` is collected and ``None`` returned."""
        try:
            return fn(*args, **kwargs)
        except ParamsErrors as exc:
            self.extend(exc.errors)
        except ParamsError as exc:
            self.append(exc)
        return None


def _labels(book: Book, sheet: str, skip: range | None = None) -> dict[str, int]:
    """Column-A text -> row number (first occurrence), rows in ``skip`` left out."""
    ws = book.values[sheet]
    out: dict[str, int] = {}
    for row in range(1, ws.max_row + 1):
        if skip is not None and row in skip:
            continue
        value = ws.cell(row=row, column=1).value
        if isinstance(value, str) and value.strip() and value.strip() not in out:
            out[value.strip()] = row
    return out


def _read_info(book: Book, catalog: Catalog, round_, errors: _Errors) -> int | None:
    """Check year, round and form version on the instructions sheet; returns the workbook's round."""
    from ..fiscal import normalize_be_year

    name = book.path.name
    if L.INFO_SHEET not in book.sheetnames:
        raise ParamsError(name, f"sheet '{L.INFO_SHEET}'",
                          f"the instructions sheet of a dswlib intake workbook (sheets: {book.sheetnames})", "missing")
    labels = _labels(book, L.INFO_SHEET)
    found = {}
    for key in ("fiscal_year", "round", "version"):
        label = L.INFO_LABELS[key]
        if label not in labels:
            raise ParamsError(name, f"{L.INFO_SHEET}!A", f"a row labelled '{label}'", "missing")
        found[key] = f"B{labels[label]}"
    version = book.text(L.INFO_SHEET, found["version"])
    if version != L.FORMAT_VERSION:
        raise book.error(L.INFO_SHEET, found["version"], f"form version {L.FORMAT_VERSION} (write a new template)", version)
    year_text = book.text(L.INFO_SHEET, found["fiscal_year"])
    try:
        year = normalize_be_year(year_text)
    except ParamsError:
        year = None
    if year != catalog.fiscal_year:
        # a workbook of another year: stop here, every other difference would follow from it
        raise book.error(L.INFO_SHEET, found["fiscal_year"],
                         f"fiscal year {catalog.fiscal_year} (the year being imported)", year_text)
    round_text = errors.run(book.text, L.INFO_SHEET, found["round"])
    from ..thainum import to_arabic_digits

    got_round = {"6": 6, "12": 12}.get(to_arabic_digits(round_text or ""))
    if got_round is None:
        errors.append(book.error(L.INFO_SHEET, found["round"], "round 6 or 12", round_text))
        return None
    if round_ is not None and int(round_) != got_round:
        errors.append(book.error(L.INFO_SHEET, found["round"], f"round {round_} (as asked with --round)", got_round))
    return int(got_round)


def _find_table(book: Book, sheet: str, errors: _Errors) -> tuple[int, int] | None:
    ws = book.values[sheet]
    anchor = end = None
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row=row, column=1).value
        if value == L.TABLE_ANCHOR and anchor is None:
            anchor = row
        elif value == L.TABLE_END and anchor is not None:
            end = row
            break
    if anchor is None:
        errors.append(book.error(sheet, "A", f"the per-unit table, headed '{L.TABLE_ANCHOR}'", "missing"))
        return None
    if end is None:
        errors.append(book.error(sheet, f"A{anchor}", f"a row '{L.TABLE_END}' closing the per-unit table", "missing"))
        return None
    return anchor, end


def _same(a, b) -> bool:
    def norm(v):
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip()

    return norm(a) == norm(b)


def _read_table(book: Book, sheet: str, roster: L.Roster, anchor: int, end: int, as_printed: bool,
                errors: _Errors) -> TableRead | None:
    from openpyxl.utils import get_column_letter

    ws = book.values[sheet]
    columns = roster.columns
    n_errors = len(errors)
    header = anchor + 1
    for col, name in enumerate(columns, 1):
        got = ws.cell(row=header, column=col).value
        if not _same(got, roster.label(name)):
            errors.append(book.error(sheet, f"{get_column_letter(col)}{header}", f"column header '{roster.label(name)}'", got))
    first = header + 1
    n_units = len(roster.rows) - (roster.total_index is not None)
    described = f"{n_units} {roster.spec.unit_label_th}" + (f" and the row '{L.TOTAL_LABEL}'" if roster.total_index is not None else "")
    found = end - first
    verdict = ("a row was added" if found > len(roster.rows) else "a row was removed" if found < len(roster.rows)
               else "a unit was renamed or moved")

    def shown(row: int) -> str:
        return " ".join(str(v) for v in (ws.cell(row=row, column=c).value for c in range(1, len(roster.structure) + 1))
                        if v not in (None, ""))

    for i, raw in enumerate(roster.rows):
        row = first + i
        if i == roster.total_index:
            want, ok = f"the row '{L.TOTAL_LABEL}'", row < end and _same(ws.cell(row=row, column=1).value, L.TOTAL_LABEL)
        else:
            want = " ".join(roster.cell(raw, c) for c in roster.structure)
            ok = row < end and all(_same(ws.cell(row=row, column=col).value, roster.cell(raw, c))
                                   for col, c in enumerate(roster.structure, 1))
        if not ok:
            errors.append(book.error(sheet, f"A{row}", f"{want} (row {i + 1} of {len(roster.rows)}: {described}; "
                                     f"units cannot be added, removed or renamed: {verdict}, {found} rows found)",
                                     shown(row) or "an empty row"))
            break
    else:
        if found != len(roster.rows):
            row = first + len(roster.rows)
            errors.append(book.error(sheet, f"A{row}", f"'{L.TABLE_END}' after {len(roster.rows)} rows ({described}): "
                                     f"{verdict}", shown(row) or "an empty row"))
    if len(errors) != n_errors:
        return None
    cells: list[dict[str, Figure]] = []
    for i in range(len(roster.rows)):
        row = first + i
        values: dict[str, Figure] = {}
        for col, name in enumerate(columns, 1):
            if name in roster.structure:
                continue
            ref = f"{get_column_letter(col)}{row}"
            if name in roster.numeric:
                low, high = roster.value_range(name)
                value = errors.run(book.number, sheet, ref, low, high)
            else:
                value = errors.run(book.text, sheet, ref) or None
            values[name] = Figure(value, f"{sheet}!{ref}")
        cells.append(values)
    table = TableRead(roster, cells)
    if len(errors) != n_errors or not table.filled:
        return table
    spec = roster.spec
    for i, values in enumerate(cells):
        is_total = i == roster.total_index
        if is_total and all(values[c].value is None for c in roster.numeric):
            continue  # an empty total row is added up on import
        for name in roster.numeric:
            if roster.is_required(name) and values[name].value is None:
                what = "the total row" if is_total else f"every {spec.unit_label_th}"
                errors.append(ParamsError(book.path.name, values[name].cell,
                                          f"a number in {what} once the table is filled", "empty"))
        if spec.kind == "ratio" and not as_printed:
            num, den = values[spec.numerator], values[spec.denominator]
            if num.value is not None and den.value is not None and num.value > den.value:
                errors.append(ParamsError(
                    book.path.name, num.cell,
                    f"a number ≤ the denominator {den.value} ({den.cell}); a printed document's figures are kept "
                    "as printed with --as-printed", str(num.value)))
    return table


def _read_kpi(book: Book, kpi: Kpi, roster: L.Roster | None, as_printed: bool, errors: _Errors) -> KpiRead | None:
    sheet = L.sheet_name(kpi.id)
    name = book.path.name
    n_errors = len(errors)
    span = None
    if roster is not None:
        span = _find_table(book, sheet, errors)
    labels = _labels(book, sheet, range(span[0] + 1, span[1]) if span else None)
    out = KpiRead(kpi, sheet)

    def row_of(label: str) -> int | None:
        if label not in labels:
            errors.append(ParamsError(name, f"{sheet}!A", f"a row labelled '{label}'", "missing"))
            return None
        return labels[label]

    id_row = row_of(L.DEFINITION_LABELS["id"])
    if id_row is not None and not _same(book.values[sheet][f"B{id_row}"].value, kpi.id):
        errors.append(book.error(sheet, f"B{id_row}", f"KPI id {kpi.id} (the sheet's KPI)", book.values[sheet][f"B{id_row}"].value))
    if len(errors) != n_errors:
        return None
    # single-value result fields
    for key, label in L.result_labels(kpi).items():
        row = row_of(label)
        if row is None:
            continue
        ref = f"B{row}"
        if key in ("numerator", "denominator", "value"):
            low, high, excl = L.result_range(kpi, key)
            value = errors.run(book.number, sheet, ref, low, high, excl)
        else:
            value = errors.run(book.text, sheet, ref) or None
        if value is not None:
            out.result[key] = Figure(value, f"{sheet}!{ref}")
    # milestone criteria
    if kpi.kind == "milestone":
        flags: dict[int, list] = {}
        refs = []
        for level in (50, 75, 100):
            flags[level] = []
            for i, text in enumerate(kpi.criteria_th[level]):
                row = row_of(L.criterion_label(level, i))
                if row is None:
                    continue
                if not _same(book.values[sheet][f"C{row}"].value, text):
                    errors.append(book.error(sheet, f"C{row}", f"the criterion '{text}' (level {level})",
                                             book.values[sheet][f"C{row}"].value))
                refs.append(f"B{row}")
                flags[level].append(errors.run(book.yes_no, sheet, f"B{row}"))
        answered = [f for fl in flags.values() for f in fl]
        if any(f is not None for f in answered):
            empty = [ref for ref, f in zip(refs, answered) if f is None]
            for ref in empty:
                errors.append(book.error(sheet, ref, f"{L.YES_TH} or {L.NO_TH} (every criterion once any is answered)", "empty"))
            if not empty:
                out.result["criteria_met"] = Figure(flags, f"{sheet}!{refs[0]}:{refs[-1]}")
    # lists
    for field_ in L.list_fields(kpi):
        pattern = L.line_pattern(field_)
        rows = sorted((int(m.group(1)), row) for label, row in labels.items() if (m := pattern.match(label)))
        if not rows:
            errors.append(ParamsError(name, f"{sheet}!A", f"rows labelled '{L.line_label(field_, 0)}', ...", "missing"))
            continue
        texts = [t for _, row in rows if (t := errors.run(book.text, sheet, f"B{row}"))]
        if texts:
            out.lists[field_.key] = Figure(texts, f"{sheet}!B{rows[0][1]}:B{rows[-1][1]}")
    # per-unit table
    if roster is not None and span is not None:
        out.table = _read_table(book, sheet, roster, span[0], span[1], as_printed, errors)
    # consistency of the result
    r = out.result
    if kpi.kind in L.RATIO_KINDS:
        num, den = r.get("numerator"), r.get("denominator")
        if (num is None) != (den is None):
            missing = "numerator" if num is None else "denominator"
            row = labels.get(L.result_labels(kpi)[missing])
            errors.append(book.error(sheet, f"B{row}", f"a number: {L.result_labels(kpi)[missing]} goes with "
                                     f"{L.result_labels(kpi)['denominator' if missing == 'numerator' else 'numerator']}", "empty"))
        elif num is not None and num.value > den.value:
            errors.append(ParamsError(name, num.cell, f"a number ≤ the denominator {den.value} ({den.cell}): "
                                      "a ratio cannot exceed 100 %", str(num.value)))
    if kpi.is_numeric and kpi.targets is None:
        given = [r[k] for k in ("value", "numerator", "denominator") if k in r]
        if not given and out.table is not None and out.table.filled and kpi.kind in L.RATIO_KINDS:
            given = [f for row in out.table.cells for f in row.values() if f.value is not None][:1]
        if given:
            errors.append(ParamsError(name, given[0].cell, f"no result before KPI {kpi.id}'s targets are decided "
                                      "(dsw check lists the decisions)", str(given[0].value)))
    if not out.has_result and any(k in r for k in ("printed_th", "as_of", "source")) and not (out.table and out.table.filled):
        key = next(k for k in ("printed_th", "as_of", "source") if k in r)
        errors.append(ParamsError(name, r[key].cell, "a result figure with it (the sheet has text but no result)",
                                  r[key].value))
    return out


def read_workbook(path, catalog: Catalog, params_dir, round_=None, as_printed: bool = False) -> WorkbookRead:
    """Validate the whole workbook against ``catalog``; every problem is collected and raised together."""
    path = Path(path)
    book = Book.open(path)
    errors = _Errors()
    got_round = _read_info(book, catalog, round_, errors)
    sheets = [L.sheet_name(k.id) for k in L.sheet_kpis(catalog)]
    unexpected = [s for s in book.sheetnames if s not in sheets and s != L.INFO_SHEET]
    kpis: list[KpiRead] = []
    for kpi in L.sheet_kpis(catalog):
        sheet = L.sheet_name(kpi.id)
        if sheet not in book.sheetnames:
            hint = f"; sheets not in the form: {unexpected}" if unexpected else ""
            errors.append(ParamsError(path.name, f"sheet '{sheet}'", f"one sheet per KPI: {sheets}{hint}", "missing"))
            continue
        roster = errors.run(L.load_roster, params_dir, catalog.fiscal_year, kpi)
        read = _read_kpi(book, kpi, roster, as_printed, errors)
        if read is not None:
            kpis.append(read)
    if not errors and all(k.is_empty for k in kpis):
        errors.append(ParamsError(path.name, None, "at least one KPI sheet with results filled in", "an empty form"))
    if errors:
        raise ParamsErrors(list(errors))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return WorkbookRead(path, digest, catalog.fiscal_year, got_round, [k for k in kpis if not k.is_empty], as_printed)


def as_number(value: Decimal | None):
    """A Decimal as the int or float written to params."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
