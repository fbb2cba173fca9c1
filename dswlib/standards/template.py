"""Write the evaluation form as a CSV/Excel table: blank (a template) or filled (demo data)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from ..atomic import atomic_path, write_text
from ..tabular import NOT_APPLICABLE
from .assessment import META, Assessment
from .rubric import Rubric

COLUMNS = ("indicator_id", "input", "value", "problems", "remedies",
           "dimension", "area", "standard", "indicator_th", "target_th", "label_th", "allowed")
ALLOWED_TH = {
    "count": "จำนวนเต็ม 0 ขึ้นไป",
    "number": "ตัวเลข 0 ขึ้นไป",
    "percent": "ร้อยละ 0-100",
    "months": "จำนวนเดือน 0-12",
    "yes_no": "มี / ไม่มี",
}


def _cell(value) -> str:
    if value is None:
        return ""
    if value is NOT_APPLICABLE:
        return "ไม่เกี่ยวข้อง"
    if isinstance(value, bool):
        return "มี" if value else "ไม่มี"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def form_rows(rubric: Rubric, assessment: Assessment | None = None, *, province=None, fiscal_year=None) -> list[list[str]]:
    """Header + meta rows + one row per indicator input, in document order."""
    rows = [list(COLUMNS)]
    meta = {
        "province_code": assessment.province_code if assessment else (province.code if province else ""),
        "province_th": province.name_th if province else "",
        "fiscal_year": assessment.fiscal_year if assessment else (fiscal_year or ""),
        "as_of": assessment.as_of.isoformat() if assessment and assessment.as_of else "",
        "synthetic": ("yes" if assessment.synthetic else "no") if assessment else "no",
        "note": assessment.note if assessment else "",
    }
    labels = {
        "province_code": "รหัสจังหวัด (2 หลัก ตาม params/standards/provinces.csv)",
        "province_th": "ชื่อจังหวัด (ของหน่วยงาน.....)",
        "fiscal_year": "ปีงบประมาณ พ.ศ.",
        "as_of": "ณ วันที่ (YYYY-MM-DD ค.ศ.)",
        "synthetic": "ข้อมูลสมมติหรือไม่ (yes/no)",
        "note": "หมายเหตุ",
    }
    for name, value in meta.items():
        rows.append([META, name, _cell(value), "", "", "", "", "", "", "", labels[name], ""])
    for d in rubric.dimensions:
        for a in d.areas:
            for s in a.standards:
                for ind in s.indicators:
                    vals = assessment.values.get(ind.id, {}) if assessment else {}
                    for k, spec in enumerate(ind.inputs):
                        allowed = " / ".join(spec.choices.values()) if spec.choices else ALLOWED_TH[spec.type]
                        if ind.may_be_not_applicable:
                            allowed += " หรือ ไม่เกี่ยวข้อง (n/a)"
                        first = k == 0
                        rows.append([
                            ind.id, spec.name,
                            spec.choices[vals[spec.name]] if spec.choices and vals.get(spec.name) else _cell(vals.get(spec.name)),
                            (assessment.problems.get(ind.id, "") if assessment and first else ""),
                            (assessment.remedies.get(ind.id, "") if assessment and first else ""),
                            f"{d.number}. {d.name_th}" + ("" if d.scored else " (ไม่คิดคะแนน)"),
                            f"{a.number}. {a.name_th}", f"{s.number}. {s.name_th}",
                            f"{ind.number}. {ind.name_th}", ind.target_th or "(ไม่มีเกณฑ์ที่พิมพ์)",
                            spec.label_th, allowed,
                        ])
    return rows


def write_form(path, rows: list[list[str]]) -> Path:
    """Write rows as CSV (UTF-8 with BOM so Excel opens Thai correctly) or .xlsx, atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        return write_text(path, "\ufeff" + buf.getvalue())
    if suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "assessment"
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "D2"
        for letter, width in zip("ABCDEFGHIJKL", (10, 16, 14, 30, 30, 24, 30, 30, 50, 30, 50, 18)):
            ws.column_dimensions[letter].width = width
        with atomic_path(path) as tmp:
            wb.save(tmp)
        return path
    from ..errors import ParamsError

    raise ParamsError(path, None, "an output file ending in .csv or .xlsx", path.suffix or "no extension")


def write_template(path, rubric: Rubric, *, province=None, fiscal_year=None) -> Path:
    return write_form(path, form_rows(rubric, province=province, fiscal_year=fiscal_year))


def write_assessment(path, rubric: Rubric, assessment: Assessment, province=None) -> Path:
    return write_form(path, form_rows(rubric, assessment, province=province))
