"""The COVID section's tables as data: numeric frames wrapped in :class:`dswlib.display.ReportTable`.

Counts are integers, amounts and percentages floats (``NaN`` where a row has no
value), checks booleans; every figure is formatted only at display (two decimals
half-up for percentages and averages, thousands separators). ``source`` is the
Thai name of the document a table comes from; its seed lines are in the appendix.
"""

from __future__ import annotations

import pandas as pd

from ..display import Col, ReportTable
from ..fiscal import month_name
from ..thainum import format_number, percent, round_half_up
from .model import CovidSection
from .places import TABLE_LETTERS

PCT = Col(decimals=2, unit="ร้อยละ")
MONEY2 = Col(decimals=2, unit="บาท")
COUNT = Col(decimals=None)
CHANGE = Col(decimals=2, signed=True)


def _f(value):
    return None if value is None else float(value)


def staff_ratio_table(section: CovidSection, source: str) -> ReportTable:
    """Staff to service users today (1 : 70 ...), as printed; the ratio text and its numbers."""
    rows = []
    for r in section.impacts.staff_ratio:
        if r.service_users is not None:
            ratio = f"{format_number(r.staff)} : {format_number(r.service_users)}"
        elif r.facilities is not None:
            ratio = f"{format_number(r.staff)} คน ต่อ {format_number(r.facilities)} แห่ง"
        else:
            ratio = f"{format_number(r.staff)} คน"
        rows.append({"บุคลากร": r.role_th, "บุคลากร : ผู้ใช้บริการ (คน)": ratio, "บุคลากร (คน)": _f(r.staff),
                     "ผู้ใช้บริการ (คน)": _f(r.service_users), "สถานคุ้มครอง (แห่ง)": _f(r.facilities),
                     "หมายเหตุ": r.note_th or None})
    frame = pd.DataFrame(rows)
    return ReportTable(frame, cols={name: COUNT for name in ("บุคลากร (คน)", "ผู้ใช้บริการ (คน)", "สถานคุ้มครอง (แห่ง)")},
                       caption="อัตราส่วนบุคลากรต่อผู้ใช้บริการในปัจจุบัน", source=source)


def affected_kpis_table(section: CovidSection, source: str) -> ReportTable:
    """Table 1: the KPIs the department lists as affected, and why (causes in printed order)."""
    rows = []
    for row in section.impacts.affected_kpis:
        causes = row.causes
        text = causes[0] if len(causes) == 1 else " ".join(f"({i}) {c}" for i, c in enumerate(causes, start=1))
        rows.append({"ตัวชี้วัดที่ได้รับผลกระทบ": f"{', '.join(row.kpi_ids)} {row.name_th}", "สาเหตุ": text})
    return ReportTable(pd.DataFrame(rows, columns=["ตัวชี้วัดที่ได้รับผลกระทบ", "สาเหตุ"]),
                       caption="ตารางที่ 1 ตัวชี้วัดของส่วนราชการที่ได้รับผลกระทบ", source=source)


def impact_table(frame, source: str) -> ReportTable:
    """The computed impact table (:func:`dswlib.covid.impact.impact_frame`) with its display rules."""
    cols = {}
    for name in frame.columns:
        if name.startswith(("เปลี่ยน", "ห่างจาก")):
            cols[name] = CHANGE
        elif pd.api.types.is_float_dtype(frame[name]):
            cols[name] = Col(decimals=2)
    return ReportTable(
        frame, cols=cols, caption="ตารางผลกระทบที่คำนวณ", source=source,
        notes=("ค่าก่อนโควิดเป็นค่าเฉลี่ยของปีฐานเมื่อมีหลายปี ปัดครึ่งขึ้นทศนิยม 2 ตำแหน่ง; "
               "การเปลี่ยนแปลงและระยะห่างจากเป้าหมายเป็นจุดร้อยละหรือจุดคะแนน",),
        empty="ไม่มีตัวชี้วัดที่มีอนุกรมข้อมูลเชิงปริมาณ")


def comparison_table(frame) -> ReportTable:
    return ReportTable(frame, caption="ตัวชี้วัดที่ข้อมูลชี้ว่าลดลงผิดปกติ เทียบกับตัวชี้วัดที่ตารางที่ 1 ระบุว่าได้รับผลกระทบ")


def _caption(section: CovidSection, table_id: str, extra: str = "") -> str:
    return f"{TABLE_LETTERS[table_id]} {getattr(section.tables, table_id).title_th}{extra}"


def relief_table(section: CovidSection, source: str) -> ReportTable:
    """ตารางประกอบ ก: relief payments per month, the printed total and the recomputed monthly sum."""
    t = section.tables.relief_payments
    rows = []
    for m in t.months:
        rows.append({"เดือน": f"{month_name(m.month_number)} {m.year_be}", "จำนวน (ราย)": int(m.cases),
                     "จำนวนเงิน (บาท)": int(m.amount_baht),
                     "เฉลี่ยต่อราย (บาท)": _f(round_half_up(m.amount_baht / m.cases, 2)) if m.cases else None,
                     "ตรงกับยอดที่พิมพ์": None})
    rows.append({"เดือน": "รวมทั้งสิ้น (ที่พิมพ์)", "จำนวน (ราย)": int(t.total_cases),
                 "จำนวนเงิน (บาท)": int(t.total_amount_baht),
                 "เฉลี่ยต่อราย (บาท)": _f(round_half_up(t.total_amount_baht / t.total_cases, 2)),
                 "ตรงกับยอดที่พิมพ์": None})
    cases = sum(m.cases for m in t.months)
    amount = sum(m.amount_baht for m in t.months)
    rows.append({"เดือน": "ผลรวมรายเดือน (คำนวณ)", "จำนวน (ราย)": int(cases), "จำนวนเงิน (บาท)": int(amount),
                 "เฉลี่ยต่อราย (บาท)": None,
                 "ตรงกับยอดที่พิมพ์": bool(cases == t.total_cases and amount == t.total_amount_baht)})
    frame = pd.DataFrame(rows)
    return ReportTable(frame, cols={"เฉลี่ยต่อราย (บาท)": MONEY2}, caption=_caption(section, "relief_payments"),
                       source=source, emphasis=[False] * len(t.months) + [True, False])


def outcome_table(section: CovidSection, table_id: str, source: str) -> ReportTable:
    """ตารางประกอบ ข / ง: destinations with persons, the printed and the recomputed percentage.

    A group with a printed subtotal comes first as its own (bold) row "รวม..." and its
    items follow; the last rows are the printed total and the recomputed sum of persons.
    """
    table = getattr(section.tables, table_id)
    rows, bold = [], []
    for group in table.groups:
        group_persons = sum(i.persons for i in group.items)
        if group.percent_printed is not None:
            direct = percent(group_persons, table.total)
            rows.append(_outcome_row(f"รวม{group.label_th}", group_persons, group.percent_printed, direct))
            bold.append(True)
        for item in group.items:
            rows.append(_outcome_row(item.label_th, item.persons, item.percent_printed, percent(item.persons, table.total)))
            bold.append(False)
    persons = sum(i.persons for g in table.groups for i in g.items)
    rows.append({"ปลายทาง": "รวม (ที่พิมพ์)", "จำนวน": int(table.total),
                 "ร้อยละ (ที่พิมพ์)": None, "ร้อยละ (คำนวณใหม่)": None, "ตรงกัน": None})
    rows.append({"ปลายทาง": "ผลรวมรายการ (คำนวณ)", "จำนวน": int(persons),
                 "ร้อยละ (ที่พิมพ์)": None, "ร้อยละ (คำนวณใหม่)": None, "ตรงกัน": bool(persons == table.total)})
    bold += [True, False]
    frame = pd.DataFrame(rows).rename(columns={"จำนวน": f"จำนวน ({table.unit_th})"})
    return ReportTable(frame, cols={"ร้อยละ (ที่พิมพ์)": PCT, "ร้อยละ (คำนวณใหม่)": PCT},
                       caption=_caption(section, table_id), source=source, emphasis=bold)


def _outcome_row(label, persons, printed, recomputed) -> dict:
    return {"ปลายทาง": label, "จำนวน": int(persons), "ร้อยละ (ที่พิมพ์)": _f(printed),
            "ร้อยละ (คำนวณใหม่)": _f(recomputed), "ตรงกัน": bool(printed == recomputed)}


def protection_users_table(section: CovidSection, source: str) -> ReportTable:
    """ตารางประกอบ ค: the printed total broken down two ways, each breakdown re-added."""
    t = section.tables.protection_centre_users
    rows, bold = [], []
    for b in t.breakdowns:
        for i in b.items:
            rows.append({"จำแนก": b.label_th, "รายการ": i.label_th, "จำนวน": int(i.count), "หน่วย": i.unit_th,
                         "ตรงกับยอดรวมที่พิมพ์": None})
            bold.append(False)
        total = sum(i.count for i in b.items)
        rows.append({"จำแนก": b.label_th, "รายการ": "ผลรวม (คำนวณ)", "จำนวน": int(total), "หน่วย": t.unit_th,
                     "ตรงกับยอดรวมที่พิมพ์": bool(total == t.total)})
        bold.append(True)
    caption = _caption(section, "protection_centre_users", f": รวม {format_number(t.total)} {t.unit_th}")
    return ReportTable(pd.DataFrame(rows), caption=caption, source=source, emphasis=bold)


def online_training_table(section: CovidSection, source: str) -> ReportTable:
    """ตารางประกอบ จ: the online training projects and their participants (total not printed: computed)."""
    t = section.tables.online_training
    rows = [{"ที่": i, "โครงการ": p.project_th, "ผู้เข้าอบรม (คน)": int(p.participants)}
            for i, p in enumerate(t.projects, start=1)]
    rows.append({"ที่": None, "โครงการ": "รวม (คำนวณ ไม่ได้พิมพ์ในเอกสาร)",
                 "ผู้เข้าอบรม (คน)": int(sum(p.participants for p in t.projects))})
    frame = pd.DataFrame(rows)
    frame["ที่"] = frame["ที่"].astype("Int64")
    caption = _caption(section, "online_training", f" ({format_number(t.projects_printed)} โครงการ)")
    return ReportTable(frame, caption=caption, source=source, emphasis=[False] * len(t.projects) + [True])
