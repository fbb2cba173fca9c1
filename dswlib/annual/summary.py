"""The summary: total weighted score and level, every KPI's score, the components, the chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..display import Section, para, strong
from ..thainum import format_number
from . import tables
from .covid_link import summary_pointer

if TYPE_CHECKING:  # pragma: no cover
    from .report import AnnualReport

NOT_COMPLETE = "ปีนี้ยังไม่มีผลการดำเนินงานครบทุกตัวชี้วัด จึงแสดงเฉพาะเป้าหมาย"
MONITORING_ONLY = " (คำนวณเพื่อการติดตามผล ไม่ใช่ผลการประเมินอย่างเป็นทางการ)"


def headline(rep: "AnnualReport") -> Section:
    total = rep.scorecard.total
    if total is None:
        return Section().add(para(NOT_COMPLETE))
    note = "" if rep.catalog.scored else MONITORING_ONLY
    return Section().add(para("คะแนนรวมถ่วงน้ำหนัก ", strong(format_number(total, 2)), " จาก 100 คะแนน ระดับ ",
                              strong(rep.scorecard.level), note))


def weighted_chart(rep: "AnnualReport"):
    from ..charts import weighted_scores

    leaves = [r for r in rep.scorecard.rows if r.kpi.kind != "composite"]
    if any(r.weighted is None for r in leaves):
        return None
    return weighted_scores([r.kpi.id for r in leaves], [r.kpi.weight for r in leaves], [float(r.weighted) for r in leaves],
                           f"คะแนนถ่วงน้ำหนักรายตัวชี้วัด ปีงบประมาณ พ.ศ. {rep.fiscal_year}")


def summary(rep: "AnnualReport") -> Section:
    return Section().add(headline(rep), tables.score_table(rep), tables.components_table(rep), weighted_chart(rep),
                         summary_pointer(rep))
