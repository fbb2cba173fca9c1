"""The printed per-unit tables (FY2564 KPI 3.1, 3.2, 4) and comparison with recomputed ones.

The CSVs (``params/2564/facilities_kpi3_1.csv``, ``facilities_kpi3_2.csv``,
``provinces_kpi4.csv`` or the notes' ``fy2564_kpi3_1_facilities.csv`` ...) have a
``row_no`` column (``รวม`` on the total row), a unit name column and the count
columns named as in :mod:`.irp` / :mod:`.returns`; numbers may be printed "1,424".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ParamsError
from ..thainum import parse_number
from .irp import KPI3_1_COLUMNS, KPI3_2_COLUMNS
from .returns import KPI4_COLUMNS

TOTAL_LABELS = ("รวม", "total")


@dataclass
class PrintedTable:
    """Per-unit rows (``unit_no``, ``unit_name``, counts, maybe ``percent``) and the printed total row."""

    source: str
    units: object  # pandas.DataFrame
    total: dict
    count_columns: list
    lines: dict  # unit_no -> seed reference such as "002 L463" (when the CSV cites it)


def _read(path, name_columns, count_columns, percent_columns=()) -> PrintedTable:
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise ParamsError(path, None, "an existing CSV file", "file not found")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    name_col = next((c for c in name_columns if c in df.columns), None)
    needed = ["row_no"] + count_columns
    missing = [c for c in needed if c not in df.columns] + ([] if name_col else [" or ".join(name_columns)])
    if missing:
        raise ParamsError(path, "columns", "columns " + ", ".join(needed + [name_columns[0]]),
                          f"missing {', '.join(missing)}")
    line_col = next((c for c in ("source", "seed_line", "source_line") if c in df.columns), None)
    seed_no = None
    if "seed_file" in df.columns and len(df):
        seed_no = str(df["seed_file"].iloc[0])[:3]
    percent_column = next((c for c in percent_columns if c in df.columns), None)
    if percent_columns and percent_column is None:
        raise ParamsError(path, "columns", "a column " + " or ".join(percent_columns), list(df.columns))
    rows, total, lines = [], None, {}
    for i, rec in enumerate(df.to_dict("records")):
        where = f"row {i + 2}"
        values = {c: int(parse_number(rec[c], source=path, where=f"{where}, column {c}")) for c in count_columns}
        if percent_column:
            pct = parse_number(rec[percent_column], source=path, where=f"{where}, column {percent_column}",
                               allow_missing=True)
            values["percent"] = pct
        label = rec["row_no"].strip()
        if label.lower() in TOTAL_LABELS:
            total = values
            continue
        try:
            unit_no = int(parse_number(label, source=path, where=f"{where}, column row_no"))
        except ParamsError:
            raise ParamsError(path, f"{where}, column row_no", "a row number or รวม", label) from None
        rows.append({"unit_no": unit_no, "unit_name": rec[name_col].strip(), **values})
        if line_col and rec[line_col].strip():
            ref = rec[line_col].strip()  # "002 L569" (params) or "569" with a seed_file column (notes)
            lines[unit_no] = f"{seed_no} L{ref}" if ref.isdigit() and seed_no else ref
    if total is None:
        raise ParamsError(path, "row_no", "a total row labelled รวม", "none")
    units = pd.DataFrame(rows)
    return PrintedTable(str(path), units, total, list(count_columns), lines)


def read_kpi3_1_table(path) -> PrintedTable:
    return _read(path, ["facility_th", "facility_name", "facility"], KPI3_1_COLUMNS)


def read_kpi3_2_table(path) -> PrintedTable:
    return _read(path, ["facility_th", "facility_name", "facility"], KPI3_2_COLUMNS)


def read_kpi4_table(path) -> PrintedTable:
    return _read(path, ["province_th", "province_name", "province"], KPI4_COLUMNS,
                 percent_columns=("percent_printed", "percent"))


def compare_with_printed(recomputed, printed: PrintedTable, *, unit_column: str | None = None):
    """Cells where a recomputed :class:`RecordKpi` differs from the printed table.

    Units are matched on ``facility_no`` = printed ``row_no`` (facility tables)
    or on the province name (KPI 4). Returns a DataFrame ``unit, column, printed,
    recomputed`` (empty when everything matches); the total row is unit ``รวม``;
    percentages are compared as numbers (printed "0" equals 0.00).
    """
    import pandas as pd

    unit_column = unit_column or recomputed.unit_columns[0]
    rec = recomputed.units.set_index(unit_column)
    key = "unit_no" if unit_column == "facility_no" else "unit_name"
    columns = list(printed.count_columns) + (["percent"] if "percent" in printed.units.columns else [])
    diffs = []
    for row in printed.units.to_dict("records"):
        unit = row[key]
        for col in columns:
            got = rec.at[unit, col] if unit in rec.index else (0 if col != "percent" else None)
            want = row[col]
            if col == "percent":
                same = (got is None and (want is None or want == 0) and row.get(printed.count_columns[0], 0) == 0) or (
                    got is not None and want is not None and got == want)
            else:
                same = int(got) == int(want)
            if not same:
                diffs.append({"unit": unit, "column": col, "printed": want, "recomputed": got})
    totals = recomputed.totals()
    for col in columns:
        want, got = printed.total.get(col), totals.get(col)
        if want is None and col == "percent":
            continue
        if (got is None) or (col == "percent" and got != want) or (col != "percent" and int(got) != int(want)):
            diffs.append({"unit": "รวม", "column": col, "printed": want, "recomputed": got})
    return pd.DataFrame(diffs, columns=["unit", "column", "printed", "recomputed"])
