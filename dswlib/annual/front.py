"""Front matter of the annual report: cover, foreword, the strategy map and the KPI list with weights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..display import Bullets, Markup, Section, note, para, strong
from ..htmlparts import esc
from ..thainum import format_number
from . import tables
from .text import name_with_tag

if TYPE_CHECKING:  # pragma: no cover
    from .report import AnnualReport

TOC_MARKER = "<!-- dsw:toc -->"  # the report template puts the table of contents after the cover


def cover(rep: "AnnualReport") -> Section:
    c = rep.catalog
    lines = [f'<p style="font-size:1.2em">{esc(c.agency_th)}</p>', f"<h1>{esc(c.title_th)}</h1>"]
    if c.draft:
        lines.append("<p><strong>(ร่าง)</strong></p>")
    lines += [f"<p>{esc(rep.fy.round_label(rep.round))}</p>", f"<p>{esc(rep.fy.period_label())}</p>"]
    if c.issuer_th:
        lines.append(f"<p>{esc(c.issuer_th)} {esc(c.agency_th)}</p>")
    return Section().add(Markup('<div class="dsw-cover">' + "".join(lines) + "</div>" + TOC_MARKER))


def round_note(rep: "AnnualReport") -> str:
    """What a reader must know when the report's round and the data's round differ ("" when they agree)."""
    rounds = {k.result.round or 12 for k in rep.catalog.kpis if k.result is not None}  # seed results are 12-month
    if rep.round == 6 and 12 in rounds:
        return "ผลการดำเนินงานที่บันทึกไว้ของปีนี้เป็นผลรอบ 12 เดือน รายงานรอบ 6 เดือนจึงแสดงผลเดียวกัน"
    if rep.round == 12 and 6 in rounds:
        return ("ผลการดำเนินงาน" + ("ของบางตัวชี้วัด" if 12 in rounds else "")
                + "ที่บันทึกไว้ของปีนี้เป็นผลรอบ 6 เดือน (ยังไม่มีผลรอบ 12 เดือน)")
    return ""


def foreword(rep: "AnnualReport") -> Section:
    c = rep.catalog
    weights = " และ ".join(f"{comp.name_th} น้ำหนักร้อยละ {format_number(comp.weight, 0)}" for comp in c.components)
    out = Section().add(para(f"รายงานฉบับนี้แสดงผลการดำเนินงานตามตัวชี้วัดของ{c.agency_th} ประจำ{rep.fy.title()} "
                             f"ตามกรอบการประเมิน {len(c.components)} องค์ประกอบ ได้แก่ {weights}"))
    if c.scoring_note_th:
        out.add(note(c.scoring_note_th))
    out.add(para(f"เกณฑ์การคำนวณคะแนนที่ใช้: {rep.scorecard.rule.describe_th(c.terms)} "
                 "(เอกสารต้นฉบับไม่ได้กำหนดวิธีคำนวณคะแนนระหว่างระดับเป้าหมาย จึงระบุไว้ที่นี่)"))
    chapter = rep.covid_chapter_title()
    if chapter:
        out.add(para(f"รายงานฉบับนี้มีส่วน{chapter} ต่อจากผลการดำเนินงานรายตัวชี้วัด "
                     "โดยสรุปสาระสำคัญไว้ในรายงานนี้ และมีฉบับเต็มแยกเป็นอีกหน้าหนึ่ง"))
    text = round_note(rep)
    if text:
        out.add(note(text))
    return out


def strategy_map(rep: "AnnualReport") -> Section:
    """The linkage of national strategy, plans and the department's KPIs, band by band."""
    s = rep.strategy
    if not s:
        return Section().add(para("เอกสารของปีนี้ไม่มีแผนผังความเชื่อมโยงยุทธศาสตร์ชาติกับตัวชี้วัด"))
    out = Section()
    for band in s.get("bands", []):
        out.add(para(strong(band["label_th"])), Bullets(list(band["items_th"])))
    groups = []
    for comp in rep.catalog.components:
        kpis = [f"{k.id} {name_with_tag(k)} (น้ำหนัก {format_number(k.weight, 0)})"
                for k in rep.catalog.kpis if k.component == comp.id]
        groups.append(Markup(esc(f"{comp.name_th} ร้อยละ {format_number(comp.weight, 0)}") + Bullets(kpis).to_html()))
    out.add(para(strong("ตัวชี้วัดระดับกรม")), Bullets(groups))
    if s.get("note_th"):
        out.add(note(s["note_th"]))
    return out


def kpi_weights(rep: "AnnualReport") -> Section:
    return Section().add(tables.kpi_weights_table(rep))
