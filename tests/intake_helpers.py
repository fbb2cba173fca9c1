"""Helpers for the intake and new-year tests: clear a year's results, edit workbook cells by label."""

import csv
import hashlib
import io
import re
import shutil
import zipfile
from pathlib import Path

from dswlib.catalog import load_catalog
from dswlib.intake import layout as L
from dswlib.yamlrt import dump_rt, load_rt


def clear_results(params, year) -> None:
    """Remove every result and round narrative of a year, and empty its per-unit figures (units stay)."""
    ydir = Path(params) / str(year)
    catalog = load_catalog(params, year)
    data = load_rt(ydir / "kpis.yaml")
    for kpi in data["kpis"]:
        kpi.pop("result", None)
        narrative = kpi.get("narrative")
        if narrative is not None:
            for field in L.NARRATIVE_FIELDS:
                narrative.pop(field.key, None)
    (ydir / "kpis.yaml").write_text(dump_rt(data), encoding="utf-8")
    for kpi in catalog.kpis:
        roster = L.load_roster(params, year, kpi)
        if roster is None:
            continue
        rows = [list(r) for r in roster.rows]
        for row in rows:
            for col in roster.inputs:
                row[roster.header.index(col)] = ""
        buf = io.StringIO()
        csv.writer(buf, lineterminator=roster.newline).writerows([roster.header, *rows])
        roster.path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def tree_digest(directory) -> dict:
    """sha256 of every file under ``directory`` (to show nothing was written)."""
    root = Path(directory)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def label_row(ws, label: str) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == label:
            return row
    raise KeyError(label)


def input_ref(ws, label: str) -> str:
    """The input cell (column B) of the row labelled ``label``."""
    return f"B{label_row(ws, label)}"


def table_first_row(ws) -> int:
    return label_row(ws, L.TABLE_ANCHOR) + 2


def set_cached_value(path, sheet_index: int, ref: str, value) -> None:
    """Give an openpyxl-written formula cell the saved result Excel would store (openpyxl writes none)."""
    path = Path(path)
    tmp = path.with_suffix(".rewrite.xlsx")
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == name:
                text = data.decode("utf-8")
                text, n = re.subn(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>', rf"\g<1><v>{value}</v>", text)
                assert n == 1, f"no formula cell {ref} in {name}"
                data = text.encode("utf-8")
            dst.writestr(item, data)
    shutil.move(tmp, path)
