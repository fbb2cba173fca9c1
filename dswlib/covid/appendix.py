"""The technical appendix of the COVID section: inputs, decisions, findings' provenance, seed lines.

Everything the body leaves out on purpose lives here: the params files the report
read, the document codes and the seed line of every text and figure, the
findings' codes and fields (numbered as in the body's data-quality table), and
where the report's choices (the pre-COVID baseline) are written down.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..display import Bullets, Heading, ReportTable, Section, para
from ..findings import findings_appendix_table
from ..fiscal import month_name
from .model import FILE_NAME
from .places import fact_place, narrative_blocks, response_place, table_label
from .sections import STATUS_TEXT

TITLE = "ภาคผนวก ข้อมูลทางเทคนิค"
ANCHOR = "appendix"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _display_path(params_dir: Path, path) -> str:
    """A params path as the team writes it (``params/2564/covid.yaml``), whatever the folder's absolute place."""
    path = Path(path)
    try:
        return (Path(params_dir.name) / path.resolve().relative_to(params_dir.resolve())).as_posix()
    except ValueError:
        return path.as_posix()


def provenance_rows(rep) -> list[dict]:
    """``ส่วนของรายงาน / รายการ / บรรทัดในเอกสารต้นฉบับ`` of every text and figure of the body, in report order."""
    sec = rep.section
    rows: list[tuple[str, str, str]] = [("ส่วนผลการถอดบทเรียน", sec.title_th, sec.source),
                                        ("ส่วนที่ 1", "คำอธิบาย", sec.impacts.source)]
    blocks = list(narrative_blocks(sec))

    def block_rows(prefix):
        for place, _, block in blocks:
            if not place.startswith(prefix):
                continue
            if block.status != "content":
                rows.append((place, STATUS_TEXT[block.status], block.source))
            for k, p in enumerate(block.points, start=1):
                rows.append((place, f"ข้อที่ {k}: {_short(p.text)}", p.source))

    block_rows("ข้อ 1.1")
    rows += [("ข้อ 1.1 อัตราส่วนบุคลากรต่อผู้ใช้บริการ", r.role_th, r.source) for r in sec.impacts.staff_ratio]
    rows += [("ข้อ 1.2 ตารางที่ 1", f"ตัวชี้วัดที่ {', '.join(r.kpi_ids)}", r.source) for r in sec.impacts.affected_kpis]
    rows += [("ข้อ 1.3 ปีระบาดระลอกแรก", _short(p.text), p.source) for p in sec.first_wave_evidence]
    series = rep.series
    for impact in rep.impacts:
        points = series[(series["series_id"] == impact.series_id) & (series["fiscal_year"] <= impact.fiscal_year)]
        for rec in points.sort_values("fiscal_year").to_dict("records"):
            rows.append(("ข้อ 1.3 ตารางผลกระทบที่คำนวณ", f"ตัวชี้วัดที่ {impact.kpi_id} ปี {int(rec['fiscal_year'])}",
                         str(rec["source"])))
    if rep.province_data is not None and rep.province_data.sources:
        rows.append(("ข้อ 1.3 ผลตัวชี้วัดที่ 4 รายจังหวัด", rep.province_data.title_th, rep.province_data.sources))
    rows.append(("ส่วนที่ 2", "คำอธิบาย", sec.responses.source))
    for key, responses in sec.responses.by_dimension.items():
        for r in responses:
            place = response_place(key, r.item)
            rows.append((place, _short(r.response), r.source))
            rows += [(place, sec.fact(i).label_th, sec.fact(i).source) for i in r.facts]
    in_responses = {i for _, responses in sec.responses.by_dimension.items() for r in responses for i in r.facts}
    rows += [(fact_place(sec, f.id).split(":")[0], f.label_th, f.source) for f in sec.facts if f.id not in in_responses]
    t = sec.tables
    rows.append((table_label("relief_payments"), "ทั้งตาราง", t.relief_payments.source))
    rows += [(table_label("relief_payments"), f"{month_name(m.month_number)} {m.year_be}", m.source)
             for m in t.relief_payments.months]
    for table_id in ("screening_point", "protection_centre_users", "shelter_outcomes", "online_training"):
        table = getattr(t, table_id)
        rows.append((table_label(table_id), "ทั้งตาราง", table.source))
        for group in getattr(table, "groups", []):
            if group.percent_printed is not None:
                rows.append((table_label(table_id), f"รวม{group.label_th}", group.source))
            rows += [(table_label(table_id), item.label_th, item.source) for item in group.items]
    rows.append(("ส่วนที่ 3", "คำอธิบาย", sec.good_practices.source))
    block_rows("ส่วนที่ 3")
    rows.append(("ข้อ 4.1", "คำอธิบาย", sec.recommendations.policy.source))
    block_rows("ข้อ 4.1")
    rows.append(("ข้อ 4.2", "คำอธิบาย", sec.recommendations.practical.source))
    block_rows("ข้อ 4.2")
    return [{"ส่วนของรายงาน": a, "รายการ": b, "บรรทัดในเอกสารต้นฉบับ": c} for a, b, c in rows]


def input_files(rep) -> list[tuple[str, str]]:
    """``(path, what the report took from it)`` of every params file the report read."""
    from ..series import series_path

    params = Path(rep.params_dir)
    year = rep.fiscal_year
    files = [
        (params / str(year) / FILE_NAME, "ส่วนผลการถอดบทเรียน: ข้อความ ตัวเลขที่รายงาน ตารางประกอบ "
                                         "การตรวจที่ประกาศไว้ และข้อผิดพลาดในการพิมพ์ที่บันทึกไว้"),
        (series_path(params), "ผลการดำเนินงานย้อนหลังรายปีของตัวชี้วัด (ตารางผลกระทบที่คำนวณและกราฟ)"),
        (params / str(year) / "kpis.yaml", "ค่าเป้าหมายสามระดับ ชื่อระดับ และรายการตัวชี้วัดของปี"),
    ]
    if rep.province_data is not None:
        files.append((rep.province_data.source, "ผลตัวชี้วัดที่ 4 รายจังหวัด (กราฟ)"))
    return [(_display_path(params, path), what) for path, what in files]


def appendix_section(rep) -> Section:
    params = Path(rep.params_dir)
    year = rep.fiscal_year
    covid_file = _display_path(params, params / str(year) / FILE_NAME)
    out = Section().add(Heading(TITLE, 2, ANCHOR))
    out.add(para("ภาคผนวกนี้บันทึกที่มาทางเทคนิคของรายงาน: แฟ้มข้อมูลที่ใช้ รหัสและเลขบรรทัดของเอกสารต้นฉบับ "
                 "และรายละเอียดของข้อสังเกตด้านคุณภาพข้อมูล เพื่อให้ผู้ตรวจสอบย้อนกลับไปยังต้นฉบับได้"))

    out.add(Heading("แฟ้มข้อมูลและเอกสารต้นฉบับ", 3))
    files = pd.DataFrame(input_files(rep), columns=["แฟ้มข้อมูล", "ข้อมูลที่ใช้"])
    out.add(ReportTable(files, caption="แฟ้มข้อมูลที่รายงานนี้อ่าน"))
    codes = sorted({code for code in rep.document_codes()})
    out.add(para("รหัสเอกสารต้นฉบับที่อ้างถึง (เลขบรรทัดนับจากแฟ้มข้อความของเอกสาร เช่น \"002 L929\" คือเอกสาร 002 บรรทัดที่ 929):"),
            Bullets([f"{code}: {rep.titles.get(code, 'ไม่พบชื่อเอกสารในแฟ้มตัวชี้วัด')}" for code in codes]))

    out.add(Heading("การกำหนดและสมมติฐานของรายงาน", 3))
    decisions = [
        f"ปีฐานก่อนโควิด (pre_covid_years) และปีระบาดระลอกแรก (first_wave_years) กำหนดไว้ใน {covid_file} "
        f"พร้อมเหตุผลและเลขบรรทัดอ้างอิง (first_wave_evidence); รายงานฉบับนี้ใช้ปีฐาน "
        f"{', '.join(map(str, rep.baseline_years)) or '-'}"
        + (" ตามพารามิเตอร์ baseline_years ที่ส่งเข้ามา" if rep.baseline_given else " ตามค่าที่กำหนดไว้ในแฟ้ม"),
        f"การตรวจความสอดคล้องที่ประกาศไว้ (checks) และข้อผิดพลาดในการพิมพ์ (printed_issues) บันทึกไว้ใน {covid_file}; "
        "ผลรวม ร้อยละ และผลต่างของตารางประกอบคำนวณใหม่ทุกรายการ (dswlib.covid.consistency)",
        "ร้อยละที่คำนวณใหม่ปัดครึ่งขึ้นทศนิยม 2 ตำแหน่งตามที่เอกสารพิมพ์ (dswlib.thainum.percent); "
        "การตรวจการลดลงใช้ dswlib.covid.impact.drop_flag (3 ปีขึ้นไป: scipy.stats.linregress และช่วงพยากรณ์ 95%)",
    ]
    out.add(Bullets(decisions))

    out.add(Heading("รายละเอียดทางเทคนิคของข้อสังเกตด้านคุณภาพข้อมูล", 3))
    out.add(para("ลำดับตรงกับตารางข้อสังเกตด้านคุณภาพข้อมูลในเนื้อหารายงาน"))
    out.add(findings_appendix_table(rep.findings))

    out.add(Heading("แหล่งที่มาของข้อความและตัวเลขในเอกสารต้นฉบับ", 3))
    out.add(ReportTable(pd.DataFrame(provenance_rows(rep)), caption="บรรทัดในเอกสารต้นฉบับของแต่ละรายการในรายงาน"))
    return out
