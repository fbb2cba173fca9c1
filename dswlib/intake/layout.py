"""The shape of an intake workbook, shared by the template writer and the reader.

One instructions sheet (:data:`INFO_SHEET`) holds the fiscal year and the round; one sheet per
scored KPI (``"KPI 3.1"``) holds, top to bottom:

* the definition (id, name, weight, kind, unit, formula, the three targets), locked;
* the result inputs, one labelled row each (label in column A, input in column B, hint in C);
  milestone KPIs have one row per criterion with a ใช่/ไม่ใช่ choice in column B;
* the per-unit table (facilities, provinces, PMQA categories) between the rows labelled
  :data:`TABLE_ANCHOR` and :data:`TABLE_END`, units pre-filled and locked, figures unlocked;
* the narrative lists (actions, supporting factors, obstacles, evidence), numbered lines.

The reader finds every row by its label in column A, so the layout is defined once, here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Kpi, year_dir

FORMAT_VERSION = "dswlib-intake/1"
INFO_SHEET = "คำชี้แจง"
RATIO_KINDS = ("ratio", "cumulative_ratio", "plan_completion")


def sheet_name(kpi_id: str) -> str:
    return f"KPI {kpi_id}"


def sheet_kpis(catalog) -> list[Kpi]:
    """The KPIs that get a sheet: every scored KPI (composites follow from their sub-KPIs)."""
    return catalog.scored_kpis()


# --------------------------------------------------------------------------- info sheet
INFO_LABELS = {
    "title": "แบบรายงานผลการดำเนินงานตามตัวชี้วัด",
    "fiscal_year": "ปีงบประมาณ (พ.ศ.)",
    "round": "รอบการรายงาน (เดือน)",
    "agency": "ส่วนราชการ",
    "document": "ชุดตัวชี้วัด",
    "version": "รุ่นแบบรายงาน",
    "created": "จัดทำแบบเมื่อ",
    "filled": "ข้อมูลที่กรอกไว้ในแบบ",
}

INSTRUCTIONS_TH = (
    "กรอกข้อมูลเฉพาะช่องสีเหลือง ช่องอื่นล็อกไว้ (ป้องกันแผ่นงานโดยไม่ใส่รหัสผ่าน) เพื่อให้ระบบอ่านแบบได้ถูกต้อง",
    "แต่ละแผ่นงานคือตัวชี้วัดหนึ่งตัว ห้ามเปลี่ยนชื่อ ลบ หรือเพิ่มแผ่นงาน และห้ามเพิ่มหรือลบแถวในตารางรายหน่วยงาน",
    "ตัวเลขพิมพ์ได้ทั้งเลขอารบิกและเลขไทย มีจุลภาคคั่นหลักพันได้ (1,424) ช่องร้อยละพิมพ์ 13.90 หรือจัดรูปแบบเป็นเปอร์เซ็นต์ (13.90%) ก็ได้",
    "ใช้สูตรคำนวณในช่องได้ แต่ต้องบันทึกแฟ้มจาก Excel หรือ LibreOffice เพื่อให้มีค่าผลลัพธ์ของสูตรเก็บไว้",
    "ผลการดำเนินงานที่ว่างไว้ ระบบคำนวณจากตัวตั้งและตัวหาร (ปัดเศษทศนิยม 2 ตำแหน่ง) ตัวชี้วัดที่ไม่กรอกเลยจะไม่ถูกนำเข้า",
    "ตัวชี้วัดระดับความสำเร็จ (Milestone) เลือก ใช่ หรือ ไม่ใช่ ทุกเกณฑ์",
    "แถวรวมของตารางรายหน่วยงานที่ว่างไว้ ระบบรวมจากรายหน่วยงานให้",
    "เมื่อกรอกครบแล้ว ส่งแฟ้มให้ผู้ดูแลระบบนำเข้า (dsw intake import) ระบบจะตรวจทุกช่องก่อนบันทึก และแจ้งตำแหน่งช่องที่ผิด",
)

# --------------------------------------------------------------------------- KPI sheets
DEFINITION_LABELS = {
    "id": "รหัสตัวชี้วัด",
    "name": "ชื่อตัวชี้วัด",
    "weight": "น้ำหนัก (ร้อยละ)",
    "kind": "ลักษณะตัวชี้วัด",
    "unit": "หน่วยวัด",
    "numerator_th": "สูตร: ตัวตั้ง",
    "denominator_th": "สูตร: ตัวหาร",
    "targets": "ค่าเป้าหมาย",
}
TARGET_HEADERS = ("ขั้นต้น (50)", "มาตรฐาน (75)", "ขั้นสูง (100)")
TARGET_UNSET_TH = "ยังไม่กำหนด"
RESULT_HEADING = "ผลการดำเนินงาน (กรอกในช่องสีเหลือง)"


def result_labels(kpi: Kpi) -> dict[str, str]:
    """Label (column A) of each single-value result field of the KPI, in sheet order."""
    labels: dict[str, str] = {}
    if kpi.kind in RATIO_KINDS:
        labels["numerator"] = "ตัวตั้ง"
        labels["denominator"] = "ตัวหาร"
    if kpi.kind != "milestone":
        labels["value"] = f"ผลการดำเนินงาน ({kpi.unit or 'ค่า'})"
        labels["printed_th"] = "ผลตามที่รายงาน (ข้อความ)"
    labels["as_of"] = "ข้อมูล ณ วันที่"
    labels["source"] = "ที่มาของข้อมูล"
    return labels


RESULT_HINTS = {
    "value": "ว่างไว้ได้เมื่อกรอกตัวตั้งและตัวหาร",
    "printed_th": "ไม่บังคับ เช่น ร้อยละ 13.90 (198/1,424 คน)",
    "as_of": "เช่น 31 มีนาคม 2566",
    "source": "เอกสาร ระบบ หรือหนังสือที่เป็นที่มาของตัวเลข",
}

YES_TH = "ใช่"
NO_TH = "ไม่ใช่"
YES_WORDS = {"ใช่", "ผ่าน", "มี", "บรรลุ", "yes", "y", "true", "1", "✓"}
NO_WORDS = {"ไม่ใช่", "ไม่ผ่าน", "ไม่มี", "ยังไม่บรรลุ", "ไม่บรรลุ", "no", "n", "false", "0", "✗"}
CRITERIA_HEADING = "เกณฑ์ระดับความสำเร็จ: เลือก ใช่ / ไม่ใช่ ในคอลัมน์ B"


def criterion_label(level: int, index: int) -> str:
    return f"ระดับ {level} เกณฑ์ข้อ {index + 1}"


@dataclass(frozen=True)
class ListField:
    """A list of text lines: result items or a narrative list."""

    key: str           # field name in kpis.yaml (result.items_th or narrative.<key>)
    heading_th: str    # section heading
    line_th: str       # line label prefix: "<line_th> 1", "<line_th> 2", ...
    in_result: bool = False


ITEMS_FIELD = ListField("items_th", "ผลการดำเนินงานตามเกณฑ์ (รายการ)", "ผลข้อ", in_result=True)
NARRATIVE_FIELDS = (
    ListField("actions_th", "คำชี้แจงการปฏิบัติงาน/มาตรการที่ได้ดำเนินการ", "มาตรการ"),
    ListField("support_factors_th", "ปัจจัยสนับสนุนต่อการดำเนินงาน", "ปัจจัยสนับสนุน"),
    ListField("obstacles_th", "อุปสรรคต่อการดำเนินงาน", "อุปสรรค"),
    ListField("evidence_th", "หลักฐานอ้างอิง", "หลักฐาน"),
)
DEFAULT_LINES = 8


def list_fields(kpi: Kpi) -> list[ListField]:
    return ([ITEMS_FIELD] if kpi.kind == "milestone" else []) + list(NARRATIVE_FIELDS)


def line_label(field_: ListField, index: int) -> str:
    return f"{field_.line_th} {index + 1}"


def line_pattern(field_: ListField) -> re.Pattern:
    return re.compile(rf"^{re.escape(field_.line_th)} (\d+)$")


TABLE_ANCHOR = "ตารางข้อมูลรายหน่วยงาน"
TABLE_END = "สิ้นสุดตาราง"
TOTAL_LABEL = "รวม"

# --------------------------------------------------------------------------- per-unit tables
PMQA_COLUMN_LABELS = {
    "category_th": "หมวด",
    "self_assessment_score": "ผลการประเมินตนเองจากหน่วยงาน",
    "assessor_score": "ผลการประเมินจากผู้ตรวจ",
    "all_agency_average_score": "ค่าเฉลี่ยของหน่วยงานที่ประเมินทั้งหมด",
}
ID_COLUMN = "row_no"
SOURCE_COLUMN = "source"


@dataclass
class Roster:
    """A KPI's per-unit CSV: its units (pre-filled, locked) and which columns are figures."""

    kpi: Kpi
    path: Path
    header: list[str]
    rows: list[list[str]]            # raw CSV cells, total row included
    total_index: int | None          # index in ``rows`` of the printed total row
    numeric: list[str] = field(default_factory=list)
    newline: str = "\r\n"

    @property
    def spec(self):
        return self.kpi.units_table

    @property
    def structure(self) -> list[str]:
        """Columns that identify a row (written, locked, verified on import)."""
        return [c for c in (ID_COLUMN, self.spec.unit) if c in self.header]

    @property
    def inputs(self) -> list[str]:
        """Columns filled in by the units, in CSV order."""
        return [c for c in self.header if c not in self.structure]

    @property
    def columns(self) -> list[str]:
        return self.structure + self.inputs

    def cell(self, row: list[str], column: str) -> str:
        return row[self.header.index(column)]

    def label(self, column: str) -> str:
        from ..units import column_label_th as _label  # Thai column names of the per-unit tables

        spec = self.spec
        if column == ID_COLUMN:
            return "ที่"
        if column == spec.unit:
            return spec.unit_label_th
        if column == SOURCE_COLUMN:
            return "ที่มาของข้อมูล"
        if column == spec.percent:
            return "ร้อยละ (ตามที่รายงาน ไม่บังคับ)"
        if spec.kind == "pmqa":
            return PMQA_COLUMN_LABELS.get(column, column)
        return _label(column)

    def value_range(self, column: str) -> tuple[float, float | None]:
        if self.spec.kind == "pmqa":
            return (0.0, 500.0)
        if column == self.spec.percent:
            return (0.0, 100.0)
        return (0.0, None)

    def is_required(self, column: str) -> bool:
        """Figures every unit row must have once the table is filled."""
        return column in self.numeric and column != self.spec.percent


def load_roster(params_dir, fiscal_year, kpi: Kpi) -> Roster | None:
    """The KPI's per-unit CSV as a roster (``None`` when the KPI has no per-unit table)."""
    from ..errors import ParamsError
    from ..units import TOTAL_LABELS, numeric_columns

    spec = kpi.units_table
    if spec is None:
        return None
    path = year_dir(params_dir, fiscal_year) / spec.file
    if not path.exists():
        raise ParamsError(path, None, f"the per-unit table of KPI {kpi.id} (its units are pre-filled in the workbook)", "file not found")
    raw = path.read_bytes().decode("utf-8")  # not read_text: keep the file's line endings
    newline = "\r\n" if "\r\n" in raw else "\n"
    table = list(csv.reader(io.StringIO(raw, newline="")))
    if not table or not table[0]:
        raise ParamsError(path, "header", "a header row and one row per unit", "an empty file")
    header, rows = table[0], [r for r in table[1:] if r]
    if spec.unit not in header:
        raise ParamsError(path, "header", f"a column {spec.unit!r} naming the units", header)
    for i, row in enumerate(rows):
        if len(row) != len(header):
            raise ParamsError(path, f"row {i + 2}", f"{len(header)} cells like the header", f"{len(row)} cells")
    totals = [i for i, r in enumerate(rows)
              if r[0].strip().lower() in TOTAL_LABELS or r[header.index(spec.unit)].strip().lower() in TOTAL_LABELS]
    if len(totals) > 1:
        raise ParamsError(path, "rows", "at most one total row (รวม)", f"{len(totals)} total rows")
    if not [i for i in range(len(rows)) if i not in totals]:
        raise ParamsError(path, "rows", "one row per unit", "no unit rows")
    roster = Roster(kpi, path, header, rows, totals[0] if totals else None, newline=newline)
    roster.numeric = numeric_columns(spec, header)
    missing = [c for c in roster.numeric if c not in header]
    if missing:
        raise ParamsError(path, "header", f"the columns named in kpis.yaml units_table of KPI {kpi.id}", f"missing {missing}")
    return roster


# --------------------------------------------------------------------------- value ranges
def result_range(kpi: Kpi, key: str) -> tuple[float, float | None, bool]:
    """``(low, high, low_exclusive)`` of a numeric result field."""
    if key == "denominator":
        return (0.0, None, True)
    if key == "numerator":
        return (0.0, None, False)
    if kpi.kind == "pmqa":
        return (0.0, 500.0, False)
    if kpi.kind in RATIO_KINDS or (kpi.unit or "").startswith("ร้อยละ"):
        return (0.0, 100.0, False)
    return (0.0, None, False)


def describe_range(low, high, low_exclusive=False) -> str:
    if high is None:
        return f"a number {'>' if low_exclusive else '≥'} {low:g}"
    return f"a number from {low:g} to {high:g}"


# A narrative item is one cell: its text on the first line, its sub-points on the
# following lines, each starting with "- " (the way a user types a list in one Excel cell).
SUB_POINT = "- "


def item_cell_text(item) -> str:
    """The cell text of a narrative item (``NarrativeItem`` or plain text)."""
    th = getattr(item, "th", item)
    subs = list(getattr(item, "items_th", []) or [])
    return "\n".join([th, *(SUB_POINT + s for s in subs)])


def item_from_cell(text: str) -> dict:
    """``{"th": ..., "items_th": [...]}`` from a cell written by :func:`item_cell_text` (or typed by a user)."""
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    head = [ln for ln in lines if not ln.startswith(SUB_POINT.strip())]
    subs = [ln[1:].strip() for ln in lines if ln.startswith(SUB_POINT.strip())]
    out = {"th": " ".join(head) if head else (subs.pop(0) if subs else "")}
    if subs:
        out["items_th"] = subs
    return out
