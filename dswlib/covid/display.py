"""Notebook display calls of the COVID section: one function per block of the report."""

from __future__ import annotations

from .. import notebook as nb
from . import charts, render
from .impact import impact_frame
from .report import CovidReport


def title(rep: CovidReport) -> None:
    nb.heading(f"{rep.section.title_th} ปีงบประมาณ พ.ศ. {rep.fiscal_year}", 1)
    nb.show_html(render.intro_html(
        "เรียบเรียงจากส่วนถอดบทเรียนของรายงานผลการดำเนินงานตามตัวชี้วัด ตัวเลขทุกตัวคงไว้ตามที่พิมพ์ "
        "พร้อมเลขบรรทัดอ้างอิง [ไฟล์ต้นฉบับ บรรทัด] และเพิ่มการคำนวณผลกระทบจากข้อมูลผลการดำเนินงานย้อนหลัง",
        rep.section.source))


def impacts_intro(rep: CovidReport) -> None:
    nb.show_html(render.intro_html(rep.section.impacts.intro_th, rep.section.impacts.source))


def ways_of_working(rep: CovidReport) -> None:
    sec = rep.section
    nb.show_html(render.dimension_block_html(sec, sec.impacts.ways_of_working) + render.staff_ratio_html(sec))


def affected_kpis(rep: CovidReport) -> None:
    nb.show_html(render.table1_html(rep.section))


def computed_impact(rep: CovidReport) -> None:
    nb.show_html(
        render.baseline_html(rep.section, rep.baseline_years, rep.first_wave_years, rep.notes)
        + "<p><strong>ตารางผลกระทบที่คำนวณ</strong> (ค่าก่อนโควิดเป็นค่าเฉลี่ยของปีฐานเมื่อมีหลายปี "
        "ปัดครึ่งขึ้นทศนิยม 2 ตำแหน่ง; การเปลี่ยนแปลงเป็นจุดร้อยละหรือจุดคะแนน)</p>"
        + render.frame_html(impact_frame(rep.impacts, rep.terms)))


def comparison(rep: CovidReport) -> None:
    nb.show_html("<p><strong>ตัวชี้วัดที่ข้อมูลชี้ว่าลดลงผิดปกติ เทียบกับตัวชี้วัดที่ตารางที่ 1 ระบุว่าได้รับผลกระทบ</strong></p>"
                 + render.frame_html(rep.comparison))


def conclusions(rep: CovidReport) -> None:
    nb.show_html(render.conclusions_html(rep.impacts, rep.baseline_years, rep.section.listed_kpi_ids()))


def before_during(rep: CovidReport) -> None:
    if rep.impacts:
        nb.show_figure(charts.before_during_chart(rep.series, rep.impacts, rep.baseline_years, rep.first_wave_years,
                                                  rep.terms))


def provinces(rep: CovidReport, kpi_id: str = "4") -> None:
    if rep.provinces is None:
        nb.show_html("<p>ไม่มีตารางรายจังหวัดของตัวชี้วัดที่ 4 ของปีนี้</p>")
        return
    impact = next((i for i in rep.impacts if i.kpi_id == kpi_id), None)
    total = rep.provinces.total or {}
    national = total.get("percent") or (impact.value if impact else None)
    previous = impact.previous if impact else None
    target = impact.targets[0] if impact and impact.targets else None
    label = f"{rep.provinces.title_th} ({rep.provinces.as_of_th})" if rep.provinces.as_of_th else rep.provinces.title_th
    nb.show_figure(charts.province_chart(rep.provinces.rows, national=national, previous=previous, target=target,
                                         title=label, terms=rep.terms))
    below = int((rep.provinces.rows["percent"].astype(float) < float(national)).sum()) if national is not None else 0
    nb.show_html(f"<p>จังหวัดทั้งหมด {len(rep.provinces.rows)} จังหวัด มี {below} จังหวัดที่ผลต่ำกว่าค่าทั้งประเทศ "
                 f"(ร้อยละ {float(national):.2f})</p>" if national is not None else "")


def responses(rep: CovidReport) -> None:
    sec = rep.section
    nb.show_html(render.intro_html(sec.responses.intro_th, sec.responses.source) + render.table2_html(sec))


def supporting_tables(rep: CovidReport) -> None:
    nb.show_html(render.supporting_tables_html(rep.section))


def good_practices(rep: CovidReport) -> None:
    sec = rep.section
    nb.show_html(render.intro_html(sec.good_practices.intro_th, sec.good_practices.source)
                 + render.dimension_block_html(sec, sec.good_practices.by_dimension, numbering="part", part="3"))


def recommendations(rep: CovidReport, kind: str) -> None:
    part = getattr(rep.section.recommendations, kind)
    nb.show_html(render.intro_html(part.intro_th, part.source) + render.dimension_block_html(rep.section, part.by_dimension))


def data_quality(rep: CovidReport) -> None:
    nb.show_html(render.check_summary_html(rep.checks) + render.checks_html(rep.checks))
