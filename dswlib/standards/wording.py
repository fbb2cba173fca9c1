"""The Thai the standards pages speak: numbering as seed 004 prints it, status words, year titles.

The body never shows the rubric's ids ("D2.I4", "D4.A8"): an indicator is "ตัวชี้วัดที่ 2.4"
(dimension 2, indicator 4 -- the seed numbers indicators within each dimension, 004 L1166),
an area "มิติที่ 4 ด้านที่ 8". The ids appear only in the technical appendix.
"""

from __future__ import annotations

STATUS_TH = {"incomplete": "คำนวณไม่ได้ (ข้อมูลไม่ครบ)", "all_na": "ไม่มีตัวชี้วัดที่เกี่ยวข้อง",
             "no_file": "ไม่มีแบบประเมิน", "invalid": "แบบประเมินใช้ไม่ได้"}
CHECK_TH = {"meets": "ผ่านเกณฑ์", "not_met": "ไม่ผ่านเกณฑ์", "no_target": "ไม่มีเกณฑ์ที่พิมพ์ (บันทึกเท่านั้น)",
            "na": "ไม่เกี่ยวข้อง (ตามที่หน่วยงานระบุ)", "missing": "ไม่มีข้อมูล"}
RESULT_STATUS_TH = {"na": "ไม่เกี่ยวข้อง", "missing": "ไม่มีข้อมูล"}
SYNTHETIC_TH = ("ตัวเลขของปีนี้สร้างขึ้นเพื่อสาธิตวิธีคำนวณและการนำเสนอเท่านั้น "
                "ไม่ใช่ผลการประเมินจริงของ สนง.พมจ. ใด")
DOCUMENT_TH = ("มาตรฐานการปฏิบัติหน้าที่ของสำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด (ฉบับทบทวน ครั้งที่ 4) "
               "บทที่ 4 เกณฑ์การประเมินผล และแบบฟอร์มการประเมินผลในภาคผนวก")


def indicator_no(key: str) -> str:
    """"D2.I4" -> "2.4" (an indicator id); "D4.A8" -> "4.8" (an area key)."""
    dim, num = key.split(".")
    return f"{dim[1:]}.{num[1:]}"


def indicator_label(ind_id: str) -> str:
    """"D2.I4" -> "ตัวชี้วัดที่ 2.4"."""
    return f"ตัวชี้วัดที่ {indicator_no(ind_id)}"


area_no = indicator_no  # "D4.A8" -> "4.8"


def area_label(key: str) -> str:
    """"D4.A8" -> "มิติที่ 4 ด้านที่ 8"."""
    dim, area = key.split(".")
    return f"มิติที่ {dim[1:]} ด้านที่ {area[1:]}"


def dimension_label(key: str, name_th: str = "") -> str:
    """"D2" -> "มิติที่ 2 <name>"; "overall" -> "ภาพรวมมิติที่ 2+3+4"."""
    if key == "overall":
        return "ภาพรวมมิติที่ 2+3+4"
    return f"มิติที่ {key[1:]} {name_th}".strip()


def column_label(rubric, key: str) -> str:
    """The Thai label of a summary column ("overall", "D2", "D4.A8")."""
    if key == "overall" or "." not in key:
        name = next((d.name_th for d in rubric.dimensions if f"D{d.number}" == key), "")
        return dimension_label(key, name)
    name = next(a.name_th for d, a in rubric.scored_areas() if f"D{d.number}.A{a.number}" == key)
    return f"{area_label(key)} {name}"


def indicator_list_th(ids) -> str:
    return ", ".join(indicator_no(i) for i in ids)


def year_title(fiscal_year: int) -> str:
    """"ปีงบประมาณ พ.ศ. 2564"."""
    return f"ปีงบประมาณ พ.ศ. {int(fiscal_year)}"


def year_period(fiscal_year: int) -> str:
    from ..fiscal import FiscalYear

    return FiscalYear(fiscal_year).period_label()
