"""The COVID-19 lessons-learned chapter as part of the annual report (issue 12.7).

Seed 002 lists its lessons-learned section in its own table of contents, after the KPI
results. The chapter is its own notebook and page (``covid_lessons.html``, from
``params/<year>/covid.yaml``); the annual report of a year that has one carries a section
that summarises it (the affected KPIs with this year's and last year's results, the four
parts of the chapter) and links to the full page in the same output folder. The section's
h2 heading puts it in the report's table of contents; the foreword and the summary point to
it. A year without ``covid.yaml`` has no such section and no link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..display import Bullets, Heading, Markup, Section, para, strong
from ..htmlparts import esc
from .tables import _num

if TYPE_CHECKING:  # pragma: no cover
    from .report import AnnualReport

ANCHOR = "covid-lessons"
PARTS_TH = (
    "ผลกระทบที่เกิดขึ้นจากการระบาดของโรคติดเชื้อไวรัสโคโรนา 2019 (COVID-19) ต่อส่วนราชการ",
    "มาตรการการตอบสนองของส่วนราชการ",
    "การบริหารจัดการที่ดีของหน่วยงานในสภาวะวิกฤตโควิดฯ และควรขยายผล",
    "ข้อเสนอแนะ",
)


def chapter_page(rep: "AnnualReport") -> str | None:
    """The file name of the year's COVID page in the same output folder, or None when the year has none."""
    from ..covid.jobs import jobs

    found = jobs(rep.fiscal_year, rep.params_dir)
    return f"{found[0].output}.html" if found else None


def link(text: str, href: str) -> Markup:
    """An escaped link to a page or an anchor the library names (never to params text)."""
    return Markup(f'<a href="{esc(href)}">{esc(text)}</a>')


def affected_table(rep: "AnnualReport", section):
    """The KPIs the chapter lists as affected: this year's result, last year's, the change and the level reached.

    When every numeric KPI in the list has the same unit (FY2564: ร้อยละ) the headers carry it;
    otherwise a unit column does.
    """
    import pandas as pd

    from ..display import Col, ReportTable
    from ..thainum import round_half_up

    kpis = []
    for kpi_id in section.listed_kpi_ids():
        try:
            kpi = rep.catalog.kpi(kpi_id)
        except KeyError:
            continue
        if kpi.kind != "composite":
            kpis.append(kpi)
    units = {k.unit for k in kpis if k.is_numeric}
    one_unit = units.pop() if len(units) == 1 else None
    now_col, prev_col = f"ผลปี {rep.fiscal_year}", f"ผลปี {rep.fiscal_year - 1}"
    change_col = "การเปลี่ยนแปลง"
    if one_unit:
        now_col, prev_col = f"{now_col} ({one_unit})", f"{prev_col} ({one_unit})"
        change_col += " (จุดร้อยละ)" if one_unit == "ร้อยละ" else f" ({one_unit})"
    rows = []
    for kpi in kpis:
        row = rep.scorecard.row(kpi.id)
        prev = next((p.value for p in kpi.history if p.fiscal_year == rep.fiscal_year - 1), None) if kpi.is_numeric else None
        now = row.result if kpi.is_numeric else None
        change = None if now is None or prev is None else round_half_up(now - prev)
        entry = {"ตัวชี้วัด": f"{kpi.id} {kpi.name_th}"}
        if not one_unit:
            entry["หน่วย"] = kpi.unit if kpi.is_numeric else None
        entry.update({now_col: _num(now), prev_col: _num(prev), change_col: _num(change), "ระดับที่บรรลุ": row.level_label_th})
        rows.append(entry)
    columns = ["ตัวชี้วัด", *([] if one_unit else ["หน่วย"]), now_col, prev_col, change_col, "ระดับที่บรรลุ"]
    return ReportTable(pd.DataFrame(rows, columns=columns),
                       cols={now_col: Col(decimals=2), prev_col: Col(decimals=2), change_col: Col(decimals=2, signed=True)},
                       caption="ตัวชี้วัดที่ส่วนถอดบทเรียนระบุว่าได้รับผลกระทบจากการระบาด")


def _grouped(pairs) -> Section:
    """``(dimension label, text)`` pairs as one bold label and a list per dimension, in order."""
    out, groups = Section(), {}
    for label, text in pairs:
        groups.setdefault(label, []).append(text)
    for label, items in groups.items():
        out.add(para(strong(label)), Bullets(items))
    return out


def _points(block, dimensions) -> list[tuple[str, str]]:
    """(dimension label, point) for every point of a dimension block that has content, in the document's order."""
    return [(dimensions[key].label_th, p.text) for key, text in block.items() if text.status == "content"
            for p in text.points]


def covid_chapter(rep: "AnnualReport") -> Section:
    """The chapter's summary, part by part, and the link to the full page; empty for a year without one.

    Part 1: the affected KPIs with this year's and last year's results. Part 2: every response
    of the department in one line each, and the relief payments' totals. Part 3: the good
    practices. Part 4: the policy and practical recommendations. The full page has the
    outcomes, factors, obstacles and the recomputed supporting tables.
    """
    from ..covid.model import load_covid
    from ..thainum import format_number

    page = chapter_page(rep)
    if page is None:
        return Section()
    section = load_covid(rep.params_dir, rep.fiscal_year)
    dims = section.dimensions
    responses = [(dims[key].label_th, r.response) for key, items in section.responses.by_dimension.items() for r in items]
    relief = section.tables.relief_payments
    rec = section.recommendations
    out = Section().add(
        Heading(section.title_th, 2, ANCHOR),
        para("ส่วนนี้สรุปผลการถอดบทเรียนของกรมในการบริหารจัดการผลกระทบจากการระบาดของโควิด 19 "
             "ตามหัวข้อทั้ง 4 ของเอกสารต้นฉบับ ฉบับเต็มพร้อมผลลัพธ์ ปัจจัยแห่งความสำเร็จ อุปสรรค "
             "และตารางประกอบตัวเลข อยู่ที่ ", link(section.title_th, page)),
        Heading(f"1. {PARTS_TH[0]}", 3),
        affected_table(rep, section),
        Heading(f"2. {PARTS_TH[1]}", 3),
        _grouped(responses),
    )
    if relief is not None and relief.total_cases is not None:
        out.add(para(f"{relief.title_th}: รวม {format_number(relief.total_cases, 0)} ราย "
                     f"เป็นเงิน {format_number(relief.total_amount_baht, 0)} บาท"))
    out.add(Heading(f"3. {PARTS_TH[2]}", 3), _grouped(_points(section.good_practices.by_dimension, dims)),
            Heading(f"4. {PARTS_TH[3]}", 3),
            para(strong("4.1 ข้อเสนอแนะในเชิงนโยบาย")), _grouped(_points(rec.policy.by_dimension, dims)),
            para(strong("4.2 ข้อเสนอแนะในเชิงปฏิบัติ")), _grouped(_points(rec.practical.by_dimension, dims)))
    return out


def summary_pointer(rep: "AnnualReport") -> Section:
    """The summary's sentence pointing to the chapter (empty for a year without one)."""
    page = chapter_page(rep)
    if page is None:
        return Section()
    title = rep.covid_chapter_title()
    return Section().add(para("ผลกระทบของการระบาดของโควิด 19 ต่อผลการดำเนินงานและบทเรียนที่ได้ สรุปไว้ในส่วน ",
                              link(title, f"#{ANCHOR}"), " (", link("อ่านฉบับเต็ม", page), ")"))
