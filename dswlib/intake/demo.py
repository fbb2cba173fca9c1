"""A workbook filled with SYNTHETIC results, to try the cycle and to test it end to end.

Every text it writes says ข้อมูลสมมติ (SYNTHETIC); the figures are random but consistent
(numerator ≤ denominator, parts add up, results placed around the targets). The per-unit
total rows and the ratio KPIs' results that have a per-unit table are left empty on purpose:
the import adds the table up and takes the result from it.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..catalog import Kpi, load_catalog
from ..fiscal import FiscalYear, format_thai_date, normalize_be_year
from . import layout as L

SYNTHETIC_TH = "ข้อมูลสมมติ (SYNTHETIC)"


def _labels(ws) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row=row, column=1).value
        if isinstance(value, str) and value not in out:
            out[value] = row
    return out


def _target_value(kpi: Kpi, rng: random.Random) -> float:
    t = [float(x) for x in kpi.targets]
    low, high = min(t) - (t[1] - t[0]), max(t) + (t[2] - t[1])
    value = rng.uniform(low, high)
    if kpi.kind == "pmqa":
        return round(min(max(value, 0), 500), 2)
    return min(max(value, 0.5), 99.5)


def _fill_table(ws, roster: L.Roster, rng: random.Random) -> None:
    labels = _labels(ws)
    first = labels[L.TABLE_ANCHOR] + 2
    spec = roster.spec
    columns = roster.columns
    for i in range(len(roster.rows)):
        if i == roster.total_index:
            continue  # left empty: the import adds the units up
        row = first + i
        values: dict[str, float] = {}
        if spec.kind == "pmqa":
            for name in roster.numeric:
                values[name] = round(rng.uniform(300, 500), 2)
        else:
            den = rng.randint(5, 300)
            num = rng.randint(0, den)
            values = {spec.denominator: den, spec.numerator: num}
            if spec.parts:  # split the numerator into its parts
                cuts = sorted(rng.randint(0, num) for _ in range(len(spec.parts) - 1))
                for part, a, b in zip(spec.parts, [0, *cuts], [*cuts, num]):
                    values[part] = b - a
            if spec.percent:
                values[spec.percent] = round(num * 100 / den, 2)
        for col, name in enumerate(columns, 1):
            if name in values:
                ws.cell(row=row, column=col, value=values[name])
            elif name == L.SOURCE_COLUMN:
                ws.cell(row=row, column=col, value=SYNTHETIC_TH)


def fill_synthetic(wb, catalog, params_dir, round_: int, seed: int = 0) -> None:
    """Fill the input cells of an intake workbook (openpyxl) with SYNTHETIC results."""
    rng = random.Random(seed)
    fy = FiscalYear(catalog.fiscal_year)
    as_of = format_thai_date(fy.round_end(round_))
    info = wb[L.INFO_SHEET]
    info.cell(row=_labels(info)[L.INFO_LABELS["filled"]], column=2, value=SYNTHETIC_TH)
    for kpi in L.sheet_kpis(catalog):
        ws = wb[L.sheet_name(kpi.id)]
        labels = _labels(ws)
        result = L.result_labels(kpi)
        roster = L.load_roster(params_dir, catalog.fiscal_year, kpi)
        if kpi.is_numeric and kpi.targets is None:
            continue  # no result before the targets are decided
        if kpi.kind == "milestone":
            reached = rng.choice((50, 75, 100))
            for level in (50, 75, 100):
                for i, _ in enumerate(kpi.criteria_th[level]):
                    ws.cell(row=labels[L.criterion_label(level, i)], column=2, value=L.YES_TH if level <= reached else L.NO_TH)
            ws.cell(row=labels[L.line_label(L.ITEMS_FIELD, 0)], column=2, value=f"{SYNTHETIC_TH}: ผลตามเกณฑ์ถึงระดับ {reached}")
        elif kpi.kind == "pmqa":
            ws.cell(row=labels[result["value"]], column=2, value=_target_value(kpi, rng))
        elif roster is None or roster.spec.kind != "ratio":
            den = rng.randint(50, 5000)
            num = int(round(den * _target_value(kpi, rng) / 100))
            ws.cell(row=labels[result["numerator"]], column=2, value=num)
            ws.cell(row=labels[result["denominator"]], column=2, value=den)
        if "printed_th" in result:
            ws.cell(row=labels[result["printed_th"]], column=2, value=SYNTHETIC_TH)
        ws.cell(row=labels[result["as_of"]], column=2, value=as_of)
        ws.cell(row=labels[result["source"]], column=2, value=f"{SYNTHETIC_TH} สร้างเพื่อทดสอบระบบ ไม่ใช่ผลการดำเนินงานจริง")
        if roster is not None:
            _fill_table(ws, roster, rng)
        for field_ in L.NARRATIVE_FIELDS:
            for i in range(rng.randint(1, 2)):
                ws.cell(row=labels[L.line_label(field_, i)], column=2, value=f"{SYNTHETIC_TH}: {field_.heading_th} ข้อ {i + 1}")


def write_synthetic_workbook(params_dir, fiscal_year, out, round_: int = 6, seed: int = 0) -> Path:
    """Write an intake workbook of ``fiscal_year`` filled with SYNTHETIC results."""
    from ..atomic import atomic_path
    from ..paths import resolve_params_dir
    from .template import build_workbook

    params = resolve_params_dir(params_dir)
    catalog = load_catalog(params, normalize_be_year(fiscal_year))
    wb = build_workbook(catalog, params, round_)
    fill_synthetic(wb, catalog, params, round_, seed)
    out = Path(out)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out
