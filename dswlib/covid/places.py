"""Where things are in the COVID section, named in the report's Thai terms.

The report body and the data-quality findings point at parts of the section the
way a reader finds them ("ตารางที่ 2 ข้อ 2.3 รายการที่ 2", "ตารางประกอบ ข (จุดคัดกรอง)");
the technical place (file and field of ``covid.yaml``) is kept for the appendix.
"""

from __future__ import annotations

from .model import DIMENSIONS, CovidSection

# the supporting tables as the report letters them, and a short name for findings
TABLE_LETTERS = {
    "relief_payments": "ตารางประกอบ ก",
    "screening_point": "ตารางประกอบ ข",
    "protection_centre_users": "ตารางประกอบ ค",
    "shelter_outcomes": "ตารางประกอบ ง",
    "online_training": "ตารางประกอบ จ",
}
TABLE_SHORT = {
    "relief_payments": "เงินสงเคราะห์",
    "screening_point": "จุดคัดกรอง",
    "protection_centre_users": "ผู้ได้รับการคุ้มครอง",
    "shelter_outcomes": "ศูนย์พักพิงชั่วคราว",
    "online_training": "อบรมออนไลน์",
}
# part 1.1 and part 4 number the dimensions (1)-(4); parts 2 and 3 number them 2.1-2.4 / 3.1-3.4
PAREN = {key: f"({i})" for i, key in enumerate(DIMENSIONS, start=1)}


def table_label(table_id: str) -> str:
    """"ตารางประกอบ ข (จุดคัดกรอง)"."""
    return f"{TABLE_LETTERS[table_id]} ({TABLE_SHORT[table_id]})"


def table_row(table_id: str, row_th: str) -> str:
    return f"{table_label(table_id)} แถว {row_th}"


def dimension_number(key: str) -> int:
    return DIMENSIONS.index(key) + 1


def response_place(key: str, item: int) -> str:
    """"ตารางที่ 2 ข้อ 2.3 รายการที่ 2"."""
    return f"ตารางที่ 2 ข้อ 2.{dimension_number(key)} รายการที่ {item}"


def narrative_blocks(section: CovidSection):
    """``(place_th, field, block)`` of every per-dimension narrative block, in report order."""
    parts = [
        ("ข้อ 1.1", "impacts.ways_of_working", section.impacts.ways_of_working, "paren"),
        ("ส่วนที่ 3 ข้อ", "good_practices.by_dimension", section.good_practices.by_dimension, "3"),
        ("ข้อ 4.1", "recommendations.policy.by_dimension", section.recommendations.policy.by_dimension, "paren"),
        ("ข้อ 4.2", "recommendations.practical.by_dimension", section.recommendations.practical.by_dimension, "paren"),
    ]
    for prefix, field, block, numbering in parts:
        for key, text in block.items():
            if numbering == "paren":
                place = f"{prefix} {PAREN[key]} {section.dimensions[key].label_th}"
            else:
                place = f"{prefix} {numbering}.{dimension_number(key)} {section.dimensions[key].label_th}"
            yield place, f"{field}.{key}", text


def fact_place(section: CovidSection, fact_id: str) -> str:
    """Where a reported figure appears: its response in Table 2, else the narrative point citing the same line."""
    fact = section.fact(fact_id)
    for key, responses in section.responses.by_dimension.items():
        for r in responses:
            if fact_id in r.facts:
                return f"{response_place(key, r.item)}: {fact.label_th}"
    for place, _, block in narrative_blocks(section):
        if any(p.source == fact.source for p in block.points):
            return f"{place}: {fact.label_th}"
    return f"ตัวเลขที่รายงาน: {fact.label_th}"
