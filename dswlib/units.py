"""Per-unit tables behind a KPI (facilities, provinces, PMQA categories)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import Kpi, UnitsTable, year_dir
from .errors import ParamsError
from .thainum import parse_number, percent

TOTAL_LABELS = ("รวม", "total")

# Thai headers of the per-unit tables' columns, as the reports and the intake workbook show them
COLUMN_LABELS_TH = {
    "assessed_irp_2plus_persons": "กลุ่มเป้าหมายที่ประเมิน IRP 2 ครั้งขึ้นไป (คน)",
    "improved_persons": "มีสมรรถภาพดีขึ้น (คน)",
    "upgraded_b_to_a_persons": "เลื่อนจาก B เป็น A (คน)",
    "maintained_a_persons": "คงอยู่กลุ่ม A (คน)",
    "group_a_assessed_persons": "กลุ่มเป้าหมายกลุ่ม A (คน)",
    "returned_to_society_persons": "กลับคืนสู่สังคม (คน)",
    "returned_to_family_persons": "คืนสู่ครอบครัว (คน)",
    "employed_in_establishment_persons": "ทำงานในสถานประกอบการ (คน)",
    "service_users_persons": "ผู้ใช้บริการ (คน)",
    "returned_family_community_persons": "ส่งกลับครอบครัว/ชุมชน (คน)",
    "total_returned_persons": "รวมส่งกลับคืนสู่สังคม (คน)",
    "category_th": "หมวด",
    "self_assessment_score": "ผลการประเมินตนเองจากหน่วยงาน",
    "assessor_score": "ผลการประเมินจากผู้ตรวจ",
    "all_agency_average_score": "ค่าเฉลี่ยของหน่วยงานที่ประเมินทั้งหมด",
}


def column_label_th(column: str) -> str:
    """The Thai header of a per-unit table column (the column name itself when it has none)."""
    return COLUMN_LABELS_TH.get(column, column)


@dataclass
class LoadedTable:
    """A per-unit table split into unit rows and the printed total row (if any)."""

    spec: UnitsTable
    path: Path
    rows: "object"  # pandas.DataFrame of unit rows, numeric columns parsed to float
    total: "dict | None"  # printed total row, numeric columns parsed
    printed: "object"  # the raw string frame as read
    total_mask: list  # per printed row: is it the total row?

    def numeric_columns(self) -> list[str]:
        return numeric_columns(self.spec, self.printed.columns)


def numeric_columns(spec: UnitsTable, columns) -> list[str]:
    if spec.kind == "pmqa":
        return [c for c in columns if c.endswith("_score")]
    cols = [spec.denominator, spec.numerator, *spec.parts]
    if spec.percent:
        cols.append(spec.percent)
    return [c for c in cols if c]


def _is_total(row, spec: UnitsTable) -> bool:
    first = str(row.iloc[0]).strip().lower()
    unit = str(row.get(spec.unit, "")).strip().lower()
    return first in TOTAL_LABELS or unit in TOTAL_LABELS


def load_units_table(params_dir, fiscal_year, kpi: Kpi) -> LoadedTable:
    """Read the KPI's per-unit CSV; every numeric cell is parsed with a row-naming error."""
    from .yamlio import read_csv

    spec = kpi.units_table
    if spec is None:
        raise ValueError(f"KPI {kpi.id} has no per-unit table")
    path = year_dir(params_dir, fiscal_year) / spec.file
    raw = read_csv(path, required=[c for c in [spec.unit, *numeric_columns(spec, [])] if c])
    if raw.empty:
        raise ParamsError(path, "rows", f"at least one unit row ({spec.unit_label_th}) under the header", "a header line only")
    cols = numeric_columns(spec, raw.columns)
    parsed = raw.copy()
    for col in cols:
        values = []
        for i, cell in enumerate(raw[col]):
            where = f"row {i + 2}, column {col}"  # +2: header line, 1-based
            values.append(parse_number(cell, source=path, where=where, allow_missing=True))
        parsed[col] = [None if v is None else float(v) for v in values]
    total_mask = [_is_total(r, spec) for _, r in raw.iterrows()]
    if sum(total_mask) > 1:
        raise ParamsError(path, "rows", "at most one total row (รวม)", f"{sum(total_mask)} total rows")
    total = None
    if any(total_mask):
        total = parsed[total_mask].iloc[0].to_dict()
    rows = parsed[[not m for m in total_mask]].reset_index(drop=True)
    if rows.empty:
        raise ParamsError(path, "rows", f"at least one unit row ({spec.unit_label_th}) besides the total row (รวม)", "only a total row")
    if spec.kind == "ratio":
        for i, (num, den) in enumerate(zip(rows[spec.numerator], rows[spec.denominator])):
            if num is None or den is None:
                raise ParamsError(path, f"row {i + 2}", f"numbers in {spec.numerator} and {spec.denominator}", "empty cell")
    return LoadedTable(spec=spec, path=path, rows=rows, total=total, printed=raw, total_mask=total_mask)


def with_percent(table: LoadedTable):
    """Unit rows with a recomputed ``ร้อยละ`` column (half-up, 2 decimals; None when the denominator is 0)."""
    frame = table.rows.copy()
    spec = table.spec
    frame["computed_percent"] = [
        None if not den else float(percent(num, den)) for num, den in zip(frame[spec.numerator], frame[spec.denominator])
    ]
    return frame


def awaiting_figures(params_dir, fiscal_year, kpi: Kpi) -> bool:
    """True for a per-unit table that lists its units but has no figures yet (a planning year, before intake).

    A table without unit rows is not awaiting figures: the loader names that problem.
    """
    from .yamlio import read_csv

    spec = kpi.units_table
    if spec is None:
        return False
    raw = read_csv(year_dir(params_dir, fiscal_year) / spec.file)
    cols = [c for c in numeric_columns(spec, raw.columns) if c in raw.columns]
    return len(raw) > 0 and bool(cols) and not any(str(v).strip() for c in cols for v in raw[c])
