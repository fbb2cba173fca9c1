"""Body parts of the COVID section built as displayable pieces (every params text escaped by the display layer).

No seed line, file name or params key appears here: the body names the source
document in Thai; :mod:`.appendix` holds the technical provenance.
"""

from __future__ import annotations

from ..display import Bullets, Heading, Section, note, para, strong
from ..fiscal import FiscalYear
from .model import CovidSection, DimensionBlock, Fact
from .places import PAREN, TABLE_LETTERS

STATUS_TEXT = {
    "stated_none": "ไม่มี (เอกสารต้นฉบับระบุว่า \"ไม่มี\")",
    "missing_in_source": "ไม่มีข้อความในเอกสารต้นฉบับ (มีเพียงหัวข้อ)",
}


def dimension_block(section: CovidSection, block: DimensionBlock, numbering: str = "paren", part: str = "") -> Section:
    """The four dimensions with their points; ``numbering`` "paren" gives (1)-(4), "part" gives 3.1-3.4."""
    out = Section()
    for index, (key, text) in enumerate(block.items(), start=1):
        prefix = PAREN[key] if numbering == "paren" else f"{part}.{index}"
        out.add(para(strong(f"{prefix} {section.dimensions[key].label_th}")))
        if text.status != "content":
            out.add(note(STATUS_TEXT[text.status]))
        else:
            out.add(Bullets([p.text for p in text.points]))
    return out


def fact_text(fact: Fact) -> str:
    """"label: value unit" with the printed qualifier (ประมาณ / กว่า ... เศษ) where the document puts it;
    a percentage reads as Thai official documents write it, the word first ("ร้อยละ 28.71")."""
    value = fact.value
    qualifier = fact.qualifier_th or ""
    unit = fact.unit_th or ""
    if unit in ("ร้อยละ", "%"):
        value, unit = f"ร้อยละ {value}", ""
    if qualifier and "..." in qualifier:
        before, after = (part.strip() for part in qualifier.split("...", 1))
        text = f"{before} {value} {unit} {after}"
    elif qualifier == "เศษ":
        text = f"{value} {unit}เศษ"
    elif qualifier and str(value).startswith("ร้อยละ"):
        text = f"{qualifier}{value}"  # "มากกว่าร้อยละ 90"
    else:
        text = f"{qualifier} {value} {unit}"
    return f"{fact.label_th}: {' '.join(text.split())}"


def responses_block(section: CovidSection) -> Section:
    """Table 2 (responses, outcomes, success factors and obstacles) per dimension.

    The document prints it as a three-column table whose cells are lists; here each
    response is a numbered item with its lists, and its figures are in the
    supporting tables (ก-จ) that follow.
    """
    out = Section().add(para(strong("ตารางที่ 2 การตอบสนองของส่วนราชการ")))
    for index, (key, responses) in enumerate(section.responses.by_dimension.items(), start=1):
        out.add(Heading(f"2.{index} {section.dimensions[key].label_th}", 4))
        for r in responses:
            out.add(para(strong(f"{r.item})"), " ", r.response))
            outcomes = Section().add(para(strong("ผลลัพธ์ที่เกิดขึ้น")), Bullets(list(r.outcomes), empty=""))
            if r.facts:
                outcomes.add(para("ตัวเลขที่รายงาน"), Bullets([fact_text(section.fact(i)) for i in r.facts]))
            if r.tables:
                outcomes.add(para(", ".join(f"ดู{TABLE_LETTERS[t]}" for t in r.tables)))
            out.add(outcomes)
            out.add(para(strong("ปัจจัยแห่งความสำเร็จ")), Bullets(list(r.success_factors)),
                    para(strong("อุปสรรค")), Bullets(list(r.obstacles)))
    return out


def _periods(years) -> str:
    return " และ ".join(f"ปีงบประมาณ {y} ({FiscalYear(y).period_label()})" for y in years)


def baseline_block(section: CovidSection, baseline_years, first_wave_years, notes=()) -> Section:
    """Which years are the pre-COVID baseline, which are first-wave years and why."""
    out = Section().add(para(strong("ค่าฐานก่อนโควิด"), f": {_periods(baseline_years)}"))
    if first_wave_years:
        out.add(para(strong("ปีระบาดระลอกแรก"), f": {_periods(first_wave_years)} แสดงแยกไว้ "
                     "ไม่นำมาคิดเป็นค่าฐาน เพราะการระบาดและการตอบสนองของกรมเริ่มขึ้นแล้วในปีนั้น"))
        out.add(Bullets([p.text for p in section.first_wave_evidence]))
    out.add(*(note(n) for n in notes))
    return out


def conclusions_block(impacts, baseline_years, listed_ids) -> Section:
    """What the figures can and cannot tell, said plainly (the evidence is the number of pre-COVID years)."""
    from .impact import STATISTICAL_POINTS, can_conclude

    if not impacts:
        return Section().add(para("ไม่มีตัวชี้วัดที่มีอนุกรมข้อมูลเชิงปริมาณ จึงสรุปผลกระทบจากข้อมูลไม่ได้"))
    listed = {str(k) for k in listed_ids}
    n = min(i.evidence_points for i in impacts)
    can = [f"ตัวชี้วัดที่ {i.kpi_id}: {can_conclude(i, i.kpi_id in listed)}" for i in impacts]
    years = ", ".join(str(y) for y in baseline_years)
    if n >= STATISTICAL_POINTS:
        cannot = [f"ข้อมูลก่อนโควิด {n} ปีพอประมาณแนวโน้มและช่วงพยากรณ์ 95% ได้ แต่ตัวเลขไม่บอกสาเหตุของการเปลี่ยนแปลง"]
    else:
        cannot = [
            f"ข้อมูลก่อนโควิดมีเพียง {n} ปี ({years}) จึงไม่ทราบว่าในปีปกติตัวชี้วัดแต่ละตัวผันแปรได้มากเพียงใด "
            "และไม่ทราบแนวโน้มก่อนการระบาด" if n else "ไม่มีข้อมูลก่อนโควิด",
            "จึงบอกไม่ได้ว่าการลดลงเกินความผันแปรตามปกติหรือไม่ และการที่ผลไม่ลดลงก็ไม่ได้แสดงว่าไม่ได้รับผลกระทบ",
            "การเทียบกับตารางที่ 1 จึงไม่ตัดสินว่าข้อมูลขัดกับคำบรรยายของกรม "
            "และตัวเลขไม่บอกสาเหตุ จึงไม่อาจระบุได้ว่าการเปลี่ยนแปลงเกิดจากโควิดเพียงอย่างเดียว",
            f"การทดสอบว่าผลลดลงเกินแนวโน้มต้องใช้ผลการดำเนินงานก่อนโควิดอย่างน้อย {STATISTICAL_POINTS} ปี "
            "(เช่น ปีงบประมาณ 2560-2562) ในอนุกรมข้อมูล",
        ]
    return Section().add(para(strong("สิ่งที่ข้อมูลบอกได้")), Bullets(can),
                         para(strong("สิ่งที่ข้อมูลยังบอกไม่ได้")), Bullets(cannot))


def source_note(text: str):
    """"ที่มา: ..." under a chart or a block (tables carry their own)."""
    return para(f"ที่มา: {text}", css="dsw-source")
