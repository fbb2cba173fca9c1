"""One KPI's page of the annual report, as seed 002 lays it out.

Heading, description and formula, the three-level criteria, the result (recomputed from
its numerator and denominator), previous years, the per-unit table, the data-quality
remarks on this KPI (numbered as in the data-quality section) and the narrative parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalog import Kpi
from ..display import Bullets, Heading, Section, para, strong
from ..thainum import format_number, percent
from . import tables
from .text import format_ratio, format_value, kpi_anchor, narrative_list, short_unit, source_th

if TYPE_CHECKING:  # pragma: no cover
    from .report import AnnualReport

NARRATIVE_PARTS = (
    ("actions_th", "คำชี้แจงการปฏิบัติงาน/มาตรการที่ได้ดำเนินการ"),
    ("support_factors_th", "ปัจจัยสนับสนุนต่อการดำเนินงาน"),
    ("obstacles_th", "อุปสรรคต่อการดำเนินงาน"),
    ("evidence_th", "หลักฐานอ้างอิง"),
)
NO_RESULT = "ยังไม่มีผลการดำเนินงานของตัวชี้วัดนี้"


def heading(rep: "AnnualReport", kpi: Kpi) -> Section:
    out = Section().add(Heading(f"ตัวชี้วัดที่ {kpi.id} {kpi.name_th}", 3, kpi_anchor(kpi.id)))
    if kpi.parent:
        p = rep.catalog.kpi(kpi.parent)
        out.add(para(f"ตัวชี้วัดที่ {p.id} {p.name_th} (น้ำหนัก {format_number(p.weight, 0)})"))
    comp = rep.catalog.component(kpi.component)
    facts = [comp.name_th, f"น้ำหนักร้อยละ {format_number(kpi.weight, 0)}", kpi.tag, rep.fy.round_label(rep.round)]
    return out.add(para(" · ".join(f for f in facts if f)))


def description(kpi: Kpi) -> Section:
    n = kpi.narrative
    out = Section().add(Heading("คำอธิบาย", 4))
    if n.scope_th:
        out.add(para(f"ขอบเขตการประเมิน: {n.scope_th}"))
    if n.description_th:
        out.add(narrative_list(n.description_th, ordered=False))
    if kpi.formula is not None:
        f = kpi.formula
        out.add(Heading("สูตรการคำนวณ", 4),
                Bullets([f"ตัวตั้ง: {f.numerator_th}", f"ตัวหาร: {f.denominator_th}"]),
                para("ผลการดำเนินงาน = ", strong(f"ตัวตั้ง ÷ ตัวหาร × {f.multiplier}")))
        if f.note_th:
            from ..display import note

            out.add(note(f.note_th))
    return out


def result(rep: "AnnualReport", kpi: Kpi) -> Section:
    """The result as reported, recomputed where it can be, with the level, score and weighted score."""
    out = Section().add(Heading("ผลการดำเนินงาน", 4))
    r = kpi.result
    if r is None:
        return out.add(para(NO_RESULT))
    row = rep.scorecard.row(kpi.id)
    if kpi.kind == "milestone":
        out.add(Bullets(list(r.items_th)), tables.criteria_table(rep, kpi))
    else:
        as_of = f" (ข้อมูล ณ วันที่ {r.as_of})" if r.as_of else ""
        ratio = format_ratio(r.numerator, r.denominator)
        out.add(para(strong(format_value(kpi, r.value)), f" {ratio}" if ratio else "", as_of))
        if r.numerator is not None and r.denominator:
            out.add(para(f"คำนวณซ้ำจากตัวตั้งและตัวหาร: {format_number(r.numerator, 0)} ÷ {format_number(r.denominator, 0)} × 100 = "
                         f"{format_number(percent(r.numerator, r.denominator), 2)}"))
    score = "-" if row.score is None else format_number(row.score, 2)
    weighted = "-" if row.weighted is None else format_number(row.weighted, 4)
    out.add(para("ระดับที่บรรลุ: ", strong(row.level_label_th), f" · คะแนน {score} · คะแนนถ่วงน้ำหนัก {weighted}"))
    where = source_th(rep.catalog, r.source)
    if where:
        out.add(para(f"ที่มา: {where}", css="dsw-source"))
    return out


def result_chart(rep: "AnnualReport", kpi: Kpi):
    from ..charts import result_vs_targets

    if not kpi.is_numeric or kpi.result_value is None:
        return None
    return result_vs_targets(f"ตัวชี้วัดที่ {kpi.id}: ผลการดำเนินงานเทียบเป้าหมาย 3 ระดับ", kpi.result_value, kpi.targets, kpi.unit,
                             terms=rep.catalog.terms)


def trend_chart(rep: "AnnualReport", kpi: Kpi):
    from ..charts import trend

    points = [p for p in kpi.history if p.value is not None]
    if len(points) < 2:
        return None
    return trend([p.fiscal_year for p in points], [p.value for p in points],
                 f"ตัวชี้วัดที่ {kpi.id}: ผลการดำเนินงานย้อนหลัง", kpi.targets if kpi.is_numeric else None, kpi.unit,
                 terms=rep.catalog.terms)


def units_chart(rep: "AnnualReport", kpi: Kpi):
    from ..charts import unit_bars
    from ..units import awaiting_figures, load_units_table, with_percent

    if kpi.units_table is None or kpi.units_table.kind != "ratio" or awaiting_figures(rep.params_dir, rep.fiscal_year, kpi):
        return None
    table = load_units_table(rep.params_dir, rep.fiscal_year, kpi)
    rows = with_percent(table)
    ref = None
    if table.total is not None:
        ref = float(percent(table.total[table.spec.numerator], table.total[table.spec.denominator]))
    labels = [short_unit(u) for u in rows[table.spec.unit]]
    return unit_bars(labels, rows["computed_percent"].tolist(), f"ตัวชี้วัดที่ {kpi.id}: ร้อยละราย{table.spec.unit_label_th}",
                     reference=ref, reference_label=f"ภาพรวม {ref:,.2f}" if ref is not None else "", targets=kpi.targets,
                     terms=rep.catalog.terms)


def history(rep: "AnnualReport", kpi: Kpi) -> Section:
    table = tables.history_table(rep, kpi)
    if table is None:
        return Section()
    return Section().add(Heading("ข้อมูลผลการดำเนินงานย้อนหลัง", 4), table, trend_chart(rep, kpi))


def units(rep: "AnnualReport", kpi: Kpi) -> Section:
    table = tables.units_table(rep, kpi)
    if table is None:
        return Section()
    spec = kpi.units_table
    out = Section().add(Heading(tables.units_title(kpi), 4))
    if spec.as_of_th:
        out.add(para(f"({spec.as_of_th})"))
    return out.add(table, units_chart(rep, kpi))


def findings(rep: "AnnualReport", kpi: Kpi) -> Section:
    """The data-quality remarks on this KPI, numbered as in the data-quality section."""
    from .quality import kpi_findings

    found = kpi_findings(rep, kpi)
    if not found:
        return Section()
    items = [f"{f.where_th + ': ' if f.where_th else ''}{f.message} (รายการที่ {n} ในส่วนคุณภาพข้อมูล)" for n, f in found]
    return Section().add(Heading("ข้อสังเกตด้านคุณภาพข้อมูลของตัวชี้วัดนี้", 4), Bullets(items))


def narrative(kpi: Kpi) -> Section:
    out = Section()
    for name, title in NARRATIVE_PARTS:
        out.add(Heading(title, 4), narrative_list(getattr(kpi.narrative, name)))
    return out


def kpi_page(rep: "AnnualReport", kpi: Kpi) -> Section:
    """The whole page of one KPI."""
    return Section().add(
        heading(rep, kpi),
        description(kpi),
        Heading("เกณฑ์การประเมินผล", 4),
        tables.targets_table(rep, kpi),
        result(rep, kpi),
        result_chart(rep, kpi),
        history(rep, kpi),
        units(rep, kpi),
        findings(rep, kpi),
        narrative(kpi),
    )
