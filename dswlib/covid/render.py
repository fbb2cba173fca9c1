"""HTML for the COVID lessons-learned section (every params text escaped)."""

from __future__ import annotations

from ..fiscal import month_name
from ..htmlparts import esc, html_list, table_html
from ..thainum import format_number, percent, round_half_up
from .consistency import OK, CheckResult
from .model import CovidSection, DimensionBlock, Fact, OutcomeTable, Response

TABLE = '<table class="dsw-table">'
NUMBERED = {"process": "(1)", "budget": "(2)", "human_resources": "(3)", "service_users": "(4)"}
STATUS_TEXT = {
    "stated_none": "ไม่มี (เอกสารต้นฉบับระบุว่า \"ไม่มี\")",
    "missing_in_source": "ไม่มีข้อความในเอกสารต้นฉบับ (มีเพียงหัวข้อ)",
}
TABLE_TITLES = {
    "relief_payments": "ตารางประกอบ ก",
    "screening_point": "ตารางประกอบ ข",
    "protection_centre_users": "ตารางประกอบ ค",
    "shelter_outcomes": "ตารางประกอบ ง",
    "online_training": "ตารางประกอบ จ",
}


def _src(source: str) -> str:
    return f' <small style="color:#777">[{esc(source)}]</small>'


def _ul(items) -> str:
    """Items are markup already built from escaped parts."""
    return html_list(items, escape=False)


def _num(value, places=None) -> str:
    return esc(format_number(value, places))


def intro_html(text: str, source: str) -> str:
    return f"<p>{esc(text)}{_src(source)}</p>"


def dimension_label(section: CovidSection, key: str, prefix: str = "") -> str:
    return f"{esc(prefix)} {esc(section.dimensions[key].label_th)}".strip()


def dimension_block_html(section: CovidSection, block: DimensionBlock, numbering: str = "paren", part: str = "") -> str:
    """The four dimensions with their points; ``numbering`` "paren" gives (1)-(4), "part" gives 3.1-3.4."""
    out = []
    for index, (key, text) in enumerate(block.items(), start=1):
        prefix = NUMBERED[key] if numbering == "paren" else f"{part}.{index}"
        out.append(f"<p><strong>{dimension_label(section, key, prefix)}</strong></p>")
        if text.status != "content":
            out.append(f'<p class="dsw-note">{esc(STATUS_TEXT[text.status])}{_src(text.source)}</p>')
        else:
            out.append(_ul(esc(p.text) + _src(p.source) for p in text.points))
    return "\n".join(out)


def staff_ratio_html(section: CovidSection) -> str:
    rows = []
    for r in section.impacts.staff_ratio:
        if r.service_users is not None:
            ratio = f"{_num(r.staff)} : {_num(r.service_users)}"
        else:
            ratio = f"{_num(r.staff)} คน ต่อ {_num(r.facilities)} แห่ง" if r.facilities is not None else _num(r.staff)
        rows.append(f"<tr><td>{esc(r.role_th)}</td><td>{ratio}</td><td>{esc(r.note_th or '')}</td>"
                    f"<td>{esc(r.source)}</td></tr>")
    return (f"<p><strong>อัตราส่วนบุคลากรต่อผู้ใช้บริการในปัจจุบัน</strong></p>{TABLE}<thead><tr>"
            "<th>บุคลากร</th><th>บุคลากร : ผู้ใช้บริการ (คน)</th><th>หมายเหตุ</th><th>แหล่งอ้างอิง</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def table1_html(section: CovidSection) -> str:
    rows = []
    for row in section.impacts.affected_kpis:
        ids = ", ".join(row.kpi_ids)
        rows.append(f"<tr><td>{esc(ids)} {esc(row.name_th)}</td><td>{_ul(esc(c) for c in row.causes)}</td>"
                    f"<td>{esc(row.source)}</td></tr>")
    return (f"<p><strong>ตารางที่ 1 ตัวชี้วัดของส่วนราชการที่ได้รับผลกระทบ</strong></p>"
            f"<p>{esc(section.impacts.affected_kpis_intro_th)}</p>{TABLE}<thead><tr>"
            "<th>ตัวชี้วัดที่ได้รับผลกระทบ</th><th>สาเหตุ</th><th>แหล่งอ้างอิง</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def fact_text(fact: Fact) -> str:
    value = fact.value
    qualifier = fact.qualifier_th or ""
    if qualifier and "..." in qualifier:
        before, after = (part.strip() for part in qualifier.split("...", 1))
        text = f"{before} {value} {fact.unit_th or ''} {after}"
    elif qualifier == "เศษ":
        text = f"{value} {fact.unit_th or ''}เศษ"
    else:
        text = f"{qualifier} {value} {fact.unit_th or ''}"
    return f"{esc(fact.label_th)}: {esc(' '.join(text.split()))}{_src(fact.source)}"


def _outcome_cell(section: CovidSection, r: Response) -> str:
    parts = []
    if r.outcomes:
        parts.append(_ul(esc(o) for o in r.outcomes))
    if r.facts:
        parts.append("<p><em>ตัวเลขที่รายงาน</em></p>" + _ul(fact_text(section.fact(i)) for i in r.facts))
    if r.tables:
        parts.append("<p>" + ", ".join(f"ดู{esc(TABLE_TITLES[t])}" for t in r.tables) + "</p>")
    return "".join(parts)


def table2_html(section: CovidSection) -> str:
    rows = []
    for index, (key, responses) in enumerate(section.responses.by_dimension.items(), start=1):
        rows.append(f'<tr><td colspan="3" style="background:#f6f6f6"><strong>2.{index} '
                    f"{esc(section.dimensions[key].label_th)}</strong></td></tr>")
        for r in responses:
            factors = ("<p><strong>ปัจจัยแห่งความสำเร็จ</strong></p>" + _ul(esc(s) for s in r.success_factors)
                       + "<p><strong>อุปสรรค</strong></p>" + _ul(esc(o) for o in r.obstacles))
            rows.append(f"<tr><td>{r.item}) {esc(r.response)}{_src(r.source)}</td>"
                        f"<td>{_outcome_cell(section, r)}</td><td>{factors}</td></tr>")
    return (f"<p><strong>ตารางที่ 2 การตอบสนองของส่วนราชการ</strong></p>{TABLE}<thead><tr>"
            "<th>การตอบสนองของส่วนราชการ</th><th>ผลลัพธ์ที่เกิดขึ้น</th><th>ปัจจัยแห่งความสำเร็จและอุปสรรค</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _status(ok: bool) -> str:
    return "ตรง" if ok else "<strong>ไม่ตรง</strong>"


def relief_html(section: CovidSection) -> str:
    t = section.tables.relief_payments
    rows = []
    for m in t.months:
        average = round_half_up(m.amount_baht / m.cases, 2) if m.cases else None
        rows.append(f"<tr><td>{esc(month_name(m.month_number))} {m.year_be}</td><td>{_num(m.cases)}</td>"
                    f"<td>{_num(m.amount_baht)}</td><td>{_num(average, 2)}</td><td>{esc(m.source)}</td></tr>")
    sum_cases = sum(m.cases for m in t.months)
    sum_amount = sum(m.amount_baht for m in t.months)
    rows.append(f"<tr><td><strong>รวมทั้งสิ้น (ที่พิมพ์)</strong></td><td><strong>{_num(t.total_cases)}</strong></td>"
                f"<td><strong>{_num(t.total_amount_baht)}</strong></td>"
                f"<td>{_num(round_half_up(t.total_amount_baht / t.total_cases, 2), 2)}</td><td>{esc(t.source)}</td></tr>")
    rows.append(f"<tr><td>ผลรวมรายเดือน (คำนวณ)</td><td>{_num(sum_cases)} {_status(sum_cases == t.total_cases)}</td>"
                f"<td>{_num(sum_amount)} {_status(sum_amount == t.total_amount_baht)}</td><td></td><td></td></tr>")
    return (f"<p><strong>{esc(TABLE_TITLES['relief_payments'])} {esc(t.title_th)}</strong></p>{TABLE}<thead><tr>"
            "<th>เดือน</th><th>จำนวน (ราย)</th><th>จำนวนเงิน (บาท)</th><th>เฉลี่ยต่อราย (บาท)</th>"
            f"<th>แหล่งอ้างอิง</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def outcome_table_html(table: OutcomeTable, table_id: str) -> str:
    rows = []
    for group in table.groups:
        group_persons = sum(i.persons for i in group.items)
        if group.percent_printed is not None:
            direct = percent(group_persons, table.total)
            rows.append(f"<tr><td><strong>{esc(group.label_th)}</strong></td><td>{_num(group_persons)}</td>"
                        f"<td>{_num(group.percent_printed, 2)}</td><td>{_num(direct, 2)}</td>"
                        f"<td>{_status(direct == group.percent_printed)}</td><td>{esc(group.source)}</td></tr>")
        for item in group.items:
            calc = percent(item.persons, table.total)
            indent = "&nbsp;&nbsp;&nbsp;" if group.percent_printed is not None else ""
            rows.append(f"<tr><td>{indent}{esc(item.label_th)}</td><td>{_num(item.persons)}</td>"
                        f"<td>{_num(item.percent_printed, 2)}</td><td>{_num(calc, 2)}</td>"
                        f"<td>{_status(calc == item.percent_printed)}</td><td>{esc(item.source)}</td></tr>")
    persons = sum(i.persons for g in table.groups for i in g.items)
    rows.append(f"<tr><td><strong>รวม (ที่พิมพ์)</strong></td><td><strong>{_num(table.total)}</strong>"
                f" ({_num(persons)} {_status(persons == table.total)})</td>"
                f"<td></td><td></td><td></td><td>{esc(table.source)}</td></tr>")
    return (f"<p><strong>{esc(TABLE_TITLES[table_id])} {esc(table.title_th)}</strong></p>{TABLE}<thead><tr>"
            f"<th>ปลายทาง</th><th>จำนวน ({esc(table.unit_th)})</th><th>ร้อยละ (ที่พิมพ์)</th>"
            "<th>ร้อยละ (คำนวณใหม่)</th><th>ตรวจ</th><th>แหล่งอ้างอิง</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def protection_users_html(section: CovidSection) -> str:
    t = section.tables.protection_centre_users
    rows = []
    for b in t.breakdowns:
        total = sum(i.count for i in b.items)
        cells = ", ".join(f"{esc(i.label_th)} {_num(i.count)} {esc(i.unit_th)}" for i in b.items)
        rows.append(f"<tr><td>{esc(b.label_th)}</td><td>{cells}</td><td>{_num(total)} {_status(total == t.total)}</td></tr>")
    return (f"<p><strong>{esc(TABLE_TITLES['protection_centre_users'])} {esc(t.title_th)}: รวม {_num(t.total)} "
            f"{esc(t.unit_th)}</strong>{_src(t.source)}</p>{TABLE}<thead><tr><th>จำแนก</th><th>จำนวน</th>"
            f"<th>ผลรวม (คำนวณ)</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def online_training_html(section: CovidSection) -> str:
    t = section.tables.online_training
    rows = [f"<tr><td>{i}</td><td>{esc(p.project_th)}</td><td>{_num(p.participants)}</td></tr>"
            for i, p in enumerate(t.projects, start=1)]
    total = sum(p.participants for p in t.projects)
    rows.append(f"<tr><td></td><td>รวม (คำนวณ ไม่ได้พิมพ์ในเอกสาร)</td><td>{_num(total)}</td></tr>")
    return (f"<p><strong>{esc(TABLE_TITLES['online_training'])} {esc(t.title_th)} "
            f"({_num(t.projects_printed)} โครงการ)</strong>{_src(t.source)}</p>{TABLE}<thead><tr><th>ที่</th>"
            f"<th>โครงการ</th><th>ผู้เข้าอบรม (คน)</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def supporting_tables_html(section: CovidSection) -> str:
    t = section.tables
    return "\n".join([
        relief_html(section),
        outcome_table_html(t.screening_point, "screening_point"),
        protection_users_html(section),
        outcome_table_html(t.shelter_outcomes, "shelter_outcomes"),
        online_training_html(section),
    ])


def checks_html(results: list[CheckResult], *, problems_only: bool = True) -> str:
    rows = []
    for r in results:
        if problems_only and r.status == OK:
            continue
        rows.append(f"<tr><td>{esc(r.status)}</td><td>{esc(r.where_th)}</td><td>{esc(r.printed)}</td>"
                    f"<td>{esc(r.recomputed)}</td><td>{esc(r.explanation_th)}</td><td>{esc(r.source)}</td></tr>")
    if not rows:
        return "<p>ไม่พบความไม่สอดคล้องของตัวเลข</p>"
    return (f"{TABLE}<thead><tr><th>สถานะ</th><th>รายการ</th><th>ที่พิมพ์</th><th>คำนวณใหม่</th>"
            f"<th>คำอธิบาย</th><th>แหล่งอ้างอิง</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def check_summary_html(results: list[CheckResult]) -> str:
    passed = sum(1 for r in results if r.status == OK)
    problems = sum(1 for r in results if r.status != OK)
    return (f"<p>ตรวจความสอดคล้องของตัวเลขทั้งหมด {len(results)} รายการ: ตรงกัน {passed} รายการ "
            f"และพบประเด็นที่ต้องบันทึก {problems} รายการ (ตัวเลขคงไว้ตามที่พิมพ์ ไม่แก้ไข)</p>")


frame_html = table_html


def notes_html(notes) -> str:
    return "".join(f'<p class="dsw-note">{esc(n)}</p>' for n in notes)



def _periods(years) -> str:
    from ..fiscal import FiscalYear

    return " และ ".join(f"ปีงบประมาณ {y} ({FiscalYear(y).period_label()})" for y in years)


def baseline_html(section: CovidSection, baseline_years, first_wave_years, notes=()) -> str:
    """Which years are the pre-COVID baseline, which are first-wave years and why (with seed lines)."""
    out = [f"<p><strong>ค่าฐานก่อนโควิด</strong>: {esc(_periods(baseline_years))}</p>"]
    if first_wave_years:
        out.append(f"<p><strong>ปีระบาดระลอกแรก</strong>: {esc(_periods(first_wave_years))} แสดงแยกไว้ "
                   "ไม่นำมาคิดเป็นค่าฐาน เพราะการระบาดและการตอบสนองของกรมเริ่มขึ้นแล้วในปีนั้น</p>")
        out.append(_ul(esc(p.text) + _src(p.source) for p in section.first_wave_evidence))
    out.extend(f'<p class="dsw-note">{esc(n)}</p>' for n in notes)
    return "".join(out)


def conclusions_html(impacts, baseline_years, listed_ids) -> str:
    """What the figures can and cannot tell, said plainly (the evidence is the number of pre-COVID years)."""
    from .impact import STATISTICAL_POINTS, can_conclude

    if not impacts:
        return "<p>ไม่มีตัวชี้วัดที่มีอนุกรมข้อมูลเชิงปริมาณ จึงสรุปผลกระทบจากข้อมูลไม่ได้</p>"
    listed = {str(k) for k in listed_ids}
    n = min(i.evidence_points for i in impacts)
    can = _ul(f"ตัวชี้วัดที่ {esc(i.kpi_id)}: {esc(can_conclude(i, i.kpi_id in listed))}" for i in impacts)
    years = ", ".join(str(y) for y in baseline_years)
    if n >= STATISTICAL_POINTS:
        cannot = [f"ข้อมูลก่อนโควิด {n} ปีพอประมาณแนวโน้มและช่วงพยากรณ์ 95% ได้ แต่ตัวเลขไม่บอกสาเหตุของการเปลี่ยนแปลง"]
    else:
        cannot = [
            f"ข้อมูลก่อนโควิดมีเพียง {n} ปี ({esc(years)}) จึงไม่ทราบว่าในปีปกติตัวชี้วัดแต่ละตัวผันแปรได้มากเพียงใด "
            "และไม่ทราบแนวโน้มก่อนการระบาด" if n else "ไม่มีข้อมูลก่อนโควิด",
            "จึงบอกไม่ได้ว่าการลดลงเกินความผันแปรตามปกติหรือไม่ และการที่ผลไม่ลดลงก็ไม่ได้แสดงว่าไม่ได้รับผลกระทบ",
            "การเทียบกับตารางที่ 1 จึงไม่ตัดสินว่าข้อมูลขัดกับคำบรรยายของกรม "
            "และตัวเลขไม่บอกสาเหตุ จึงไม่อาจระบุได้ว่าการเปลี่ยนแปลงเกิดจากโควิดเพียงอย่างเดียว",
            f"การทดสอบว่าผลลดลงเกินแนวโน้มต้องใช้ผลการดำเนินงานก่อนโควิดอย่างน้อย {STATISTICAL_POINTS} ปี "
            "(เช่น ปีงบประมาณ 2560-2562) ในอนุกรมข้อมูล",
        ]
    return ("<p><strong>สิ่งที่ข้อมูลบอกได้</strong></p>" + can
            + "<p><strong>สิ่งที่ข้อมูลยังบอกไม่ได้</strong></p>" + _ul(esc(c) for c in cannot))
