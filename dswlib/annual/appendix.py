"""ภาคผนวก ข้อมูลทางเทคนิค: the technical provenance the report body leaves out.

* the findings' codes, places in the data files and seed lines (numbered as the body's
  data-quality table);
* the input files the report read;
* the seed lines every figure and text of the report came from;
* the decisions and assumptions, named by the files that record them.

Only here may file names, params keys, codes and seed line numbers appear.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..display import Bullets, Heading, ReportTable, Section, para
from ..findings import findings_appendix_table

if TYPE_CHECKING:  # pragma: no cover
    from .report import AnnualReport

TITLE = "ภาคผนวก ข้อมูลทางเทคนิค"


def _join(sources) -> str:
    """Seed citations merged per document, consecutive lines as ranges: "002 L569-606, L614-653; 000 L55".

    A citation without a document number ("L362" in "002 L359, L362") belongs to the one before it;
    text that is not a line citation is kept as it is.
    """
    import re

    lines: dict[str, set] = {}
    other: list[str] = []
    for source in sources:
        doc = None
        for part in re.split(r"[;,]", str(source or "")):
            part = part.strip()
            match = re.fullmatch(r"(?:(\d{3})\s+)?L(\d+)(?:-L?(\d+))?", part)
            if match and (match.group(1) or doc):
                doc = match.group(1) or doc
                first, last = int(match.group(2)), int(match.group(3) or match.group(2))
                lines.setdefault(doc, set()).update(range(first, max(first, last) + 1))
            elif part and part not in other:
                other.append(part)
    out = []
    for doc, numbers in lines.items():
        ranges, ordered = [], sorted(numbers)
        start = prev = ordered[0]
        for n in ordered[1:] + [None]:
            if n is not None and n == prev + 1:
                prev = n
                continue
            ranges.append(f"L{start}" if start == prev else f"L{start}-{prev}")
            if n is not None:
                start = prev = n
        out.append(f"{doc} " + ", ".join(ranges))
    return "; ".join(out + other)


def input_files(rep: "AnnualReport") -> list[tuple[Path, str]]:
    """``(path, what it holds)`` of every params file the report read."""
    from ..catalog import year_dir
    from ..series import series_path

    year = year_dir(rep.params_dir, rep.fiscal_year)
    files = [(year / "kpis.yaml", "ตัวชี้วัด น้ำหนัก เป้าหมาย ผลการดำเนินงาน ข้อมูลย้อนหลัง และคำบรรยาย")]
    for name, what in (("strategy.yaml", "แผนผังความเชื่อมโยงยุทธศาสตร์ชาติกับตัวชี้วัด"),
                       ("known_issues.yaml", "ข้อสังเกตจากเอกสารต้นฉบับที่คำนวณซ้ำไม่ได้")):
        if (year / name).is_file():
            files.append((year / name, what))
    for kpi in rep.catalog.kpis:
        if kpi.units_table is not None:
            files.append((year / kpi.units_table.file, f"ตารางรายหน่วยงานของตัวชี้วัดที่ {kpi.id}"))
    if series_path(rep.params_dir).is_file():
        files.append((series_path(rep.params_dir), "ผลการดำเนินงานรายปี (ใช้ตรวจข้อมูลย้อนหลัง)"))
    if rep.covid_chapter_title():
        from ..covid.model import covid_path

        files.append((covid_path(rep.params_dir, rep.fiscal_year), "ส่วนถอดบทเรียนโควิด 19"))
    return files


def input_files_table(rep: "AnnualReport") -> ReportTable:
    import pandas as pd

    root = Path(rep.params_dir)
    rows = [{"ไฟล์": f"{root.name}/{path.relative_to(root).as_posix()}", "เนื้อหา": what} for path, what in input_files(rep)]
    return ReportTable(pd.DataFrame(rows, columns=["ไฟล์", "เนื้อหา"]), caption="ไฟล์ข้อมูลที่รายงานนี้อ่าน")


def seed_lines(rep: "AnnualReport") -> list[dict]:
    """Where each figure and text of the report is printed in the source document (seed file and line)."""
    c = rep.catalog
    rows = []

    def add(kpi: str | None, what: str, *sources):
        joined = _join(sources)
        if joined:
            rows.append({"ส่วนของรายงาน": f"ตัวชี้วัดที่ {kpi}" if kpi else "ทั้งฉบับ", "รายการ": what,
                         "แหล่งที่มาในเอกสารต้นฉบับ": joined})

    add(None, "องค์ประกอบและน้ำหนัก", *(comp.source for comp in c.components))
    add(None, "ชื่อระดับเป้าหมาย", c.level_terms_source)
    add(None, "หมายเหตุการประเมิน (คำนำ)", c.scoring_note_source)
    if rep.strategy:
        add(None, "แผนผังความเชื่อมโยงยุทธศาสตร์", rep.strategy.get("source", ""), rep.strategy.get("note_source", ""))
        for kpi_id, link in (rep.strategy.get("kpi_linkage") or {}).items():
            add(kpi_id, "ความเชื่อมโยงกับยุทธศาสตร์", link.get("source", ""))
    for k in c.kpis:
        add(k.id, "ชื่อ เกณฑ์และค่าเป้าหมาย", k.source)
        if k.target_rule is not None:
            add(k.id, "วิธีกำหนดค่าเป้าหมาย", k.target_rule.source)
        if k.trajectory is not None:
            add(k.id, "เส้นทางค่าเป้าหมาย", k.trajectory.source)
        if k.formula is not None:
            add(k.id, "สูตรการคำนวณ", k.formula.source)
        if k.result is not None:
            add(k.id, "ผลการดำเนินงาน", k.result.source)
        for p in k.history:
            add(k.id, f"ข้อมูลย้อนหลังปี {p.fiscal_year}", p.source)
        if k.units_table is not None:
            table = rep.units_sources(k)
            add(k.id, f"ตารางรายหน่วยงาน ({k.units_table.file})", *table)
        n = k.narrative
        add(k.id, "ขอบเขตการประเมิน", n.scope_source)
        for name, what in (("description_th", "คำอธิบาย"), ("actions_th", "คำชี้แจงการปฏิบัติงาน"),
                           ("support_factors_th", "ปัจจัยสนับสนุน"), ("obstacles_th", "อุปสรรค"), ("evidence_th", "หลักฐานอ้างอิง")):
            add(k.id, what, *(item.source for item in getattr(n, name)))
    return rows


def seed_lines_table(rep: "AnnualReport") -> ReportTable:
    import pandas as pd

    frame = pd.DataFrame(seed_lines(rep), columns=["ส่วนของรายงาน", "รายการ", "แหล่งที่มาในเอกสารต้นฉบับ"])
    doc = rep.catalog.source_document
    caption = f"แหล่งที่มาของตัวเลขและข้อความ (เอกสาร {doc} = {rep.catalog.title_th}; L = เลขบรรทัดในไฟล์ข้อความของเอกสาร)"
    return ReportTable(frame, caption=caption)


def decisions(rep: "AnnualReport") -> Bullets:
    items = [
        "วิธีคำนวณคะแนนระหว่างระดับเป้าหมาย (เอกสารไม่ได้กำหนด): ค่าตั้งต้นและเหตุผลอยู่ใน README.md หัวข้อ "
        "\"Scoring rules and the choices made where the documents are silent\" ปรับได้รายปีที่ scoring_rule ใน kpis.yaml",
        "ระดับที่บรรลุของตัวชี้วัดแบบขั้นความสำเร็จบันทึกเป็นรายเกณฑ์ที่ result.criteria_met ใน kpis.yaml "
        "(เหตุผลรายตัวชี้วัดเป็นหมายเหตุในไฟล์เดียวกัน)",
        "ชื่อระดับเป้าหมายมาจาก level_terms_th ใน kpis.yaml ตามที่เอกสารของปีพิมพ์",
        "ตัวเลขทุกตัวคงไว้ตามที่พิมพ์ รายการข้อสังเกตมาจากการตรวจของ dswlib.checks (คำสั่ง dsw check "
        f"{rep.fiscal_year}) และจาก known_issues.yaml",
        "เนื้อหาของรายงานระบุแหล่งที่มาเป็นชื่อเอกสาร เลขบรรทัดอยู่ในตารางข้างต้น",
    ]
    page = rep.covid_page()
    if page:
        items.append(f"ส่วนถอดบทเรียนโควิด 19 เป็นหน้าแยก ({page} ในโฟลเดอร์เดียวกัน สร้างจาก covid.yaml โดย "
                     "notebooks/covid_lessons.ipynb) รายงานนี้สรุปและลิงก์ไปยังหน้านั้น (README.md หัวข้อ Reports)")
    return Bullets(items)


def appendix(rep: "AnnualReport") -> Section:
    return Section().add(
        para("ตารางข้อสังเกตด้านคุณภาพข้อมูล (ลำดับเดียวกับในเนื้อหา): รหัสรายการ ตำแหน่งในไฟล์ข้อมูล และเลขบรรทัดในเอกสารต้นฉบับ"),
        findings_appendix_table(rep.scorecard.findings),
        input_files_table(rep),
        seed_lines_table(rep),
        Heading("ข้อตัดสินใจและข้อสมมติ", 3),
        decisions(rep),
    )
