"""Technical provenance of the community report: what goes into its appendix only.

The report body speaks the document's Thai; file names, params keys, seed lines,
milestone codes and the demo seed are listed here, in tables the appendix shows
(``ภาคผนวก ข้อมูลทางเทคนิค``).
"""

from __future__ import annotations

from ..display import ReportTable
from .criteria import CRITERIA_FILE
from .dataset import COMMUNITIES_FILE, HOUSEHOLDS_FILE, META_FILE, MILESTONES_FILE
from .offices import OFFICES_FILE
from .tables import overview_rows

DECISIONS_FILE = "DECISIONS.md"


def params_file(name: str) -> str:
    """A params file as the appendix names it (relative to the params folder, never an absolute path)."""
    return f"params/community/{name}"


def inputs_table(ev, *, data_dir: str = "") -> ReportTable:
    """The files the report read (the synthetic data's generator and seed: :func:`synthetic_origin`)."""
    import pandas as pd

    crit = ev.criteria
    rows = [
        ("เอกสารต้นฉบับ (ข้อความที่ใช้อ้างอิงบรรทัด)", crit.source_file),
        ("เกณฑ์การประเมินและข้อสังเกตที่บันทึกไว้", params_file(CRITERIA_FILE)),
        ("ตารางจังหวัดกับ สสว. (สมมติฐาน)", params_file(OFFICES_FILE)),
        ("ข้อตัดสินในส่วนที่เอกสารไม่ได้กำหนด (ฉบับเต็ม)", params_file(DECISIONS_FILE)),
    ]
    if data_dir:
        from ..paths import resolve_params_dir
        from .dataset import data_file

        folder = resolve_params_dir(data_dir)
        folder = folder.parent if folder.is_file() else folder
        for name in (COMMUNITIES_FILE, HOUSEHOLDS_FILE, MILESTONES_FILE):
            rows.append(("ข้อมูลผลการดำเนินงาน", f"{folder.name}/{data_file(folder, name).name}"))
        if (folder / META_FILE).is_file():
            rows.append(("ข้อมูลผลการดำเนินงาน (คำอธิบายชุดข้อมูล)", f"{folder.name}/{META_FILE}"))
    return ReportTable(pd.DataFrame(rows, columns=["รายการ", "ไฟล์"]))


def synthetic_origin(ev, demo_seed=None) -> tuple[str, str] | None:
    """(generator, seed) of synthetic data, None for real data."""
    if not ev.synthetic:
        return None
    meta = ev.dataset.meta or {}
    return str(meta.get("generator", "-")), str(meta.get("seed", demo_seed if demo_seed is not None else "-"))


def decisions_table(criteria) -> ReportTable:
    import pandas as pd

    rows = [(n, d.id, d.text_th) for n, d in enumerate(criteria.decisions, start=1)]
    frame = pd.DataFrame(rows, columns=["ข้อตัดสินที่", "รหัสใน " + DECISIONS_FILE, "สาระสำคัญ"])
    return ReportTable(frame, empty="ไม่มีข้อตัดสิน")


def source_lines(ev) -> list[tuple[str, str, str]]:
    """(part of the report, item, seed lines) for every criterion the report uses."""
    crit = ev.criteria
    out: list[tuple[str, str, str]] = []

    def add(part, item, source):
        if source:
            out.append((part, item, source))

    part = "ภาพรวม"
    for item, _, source in overview_rows(ev):
        add(part, item, source)

    integ = crit.integration
    part = f"เกณฑ์ข้อ {integ.code}"
    add(part, integ.name_th, integ.source)
    for c in integ.components:
        add(part, f"{c.code} {c.name_th} ({c.owner_th})", c.source)
    add(part, "ขอบเขตการประเมิน", integ.scope_source)
    add(part, "สูตรคำนวณ", integ.formula.source)
    for lv in integ.levels:
        add(part, f"คะแนนที่ {lv.score} ร้อยละ {lv.min_percent}", lv.source)

    k = crit.ops_kpi_2_1
    part = "ตัวชี้วัด 2.1 ในภาคผนวก"
    add(part, k.name_th, k.source)
    add(part, "น้ำหนัก", k.weight_source)
    add(part, "ตัวชี้วัดย่อยที่นับ", k.components_source)
    add(part, "สูตรคำนวณ", k.formula.source)
    for t in k.tiers:
        add(part, f"{t.label_th}: ร้อยละ {t.min_percent} ขึ้นไป", t.source)

    for t in crit.success_templates:
        part = f"แม่แบบตัวชี้วัด: {t.name_th}"
        add(part, "ชื่อหน่วยงาน", t.agency_source)
        add(part, "ชื่อตัวชี้วัด", t.name_source)
        add(part, f"น้ำหนักร้อยละ {t.weight_percent}", t.weight_source)
        for rnd in t.rounds:
            add(part, rnd.window_th, rnd.window_source)

    scale = crit.household_colour
    part = "การจำแนกสีครัวเรือน"
    add(part, scale.printed_th, scale.source)
    add(part, "การจำแนกสีครัวเรือน (กล่าวซ้ำ)", scale.repeated_source)
    add(part, f"ครัวเรือนเป้าหมายไม่น้อยกว่า {scale.min_target_households} ครัวเรือน", scale.min_target_households_source)

    bp = crit.best_practice
    part = "การคัดเลือก Best Practice"
    add(part, bp.name_th, bp.source)
    add(part, bp.household_criteria.heading_th, bp.household_criteria.heading_source)
    for item in bp.household_criteria.items:
        add(part, item.text_th, item.source)
    add(part, bp.tpmap_record.text_th, bp.tpmap_record.source)
    add(part, bp.community_criteria.heading_th, bp.community_criteria.heading_source)
    for item in bp.community_criteria.items:
        add(part, item.text_th, item.source)
    return out


def source_lines_table(ev) -> ReportTable:
    import pandas as pd

    frame = pd.DataFrame(source_lines(ev), columns=["ส่วนของรายงาน", "รายการ", "บรรทัดในเอกสารต้นฉบับ"])
    return ReportTable(frame)


def milestones_table(criteria) -> ReportTable:
    """Each template level: its milestone codes (the ``criterion`` column of the milestones file) and seed line."""
    import pandas as pd

    rows = [
        (t.name_th, t.id, rnd.months, lv.level, ", ".join(lv.criteria), lv.source)
        for t in criteria.success_templates
        for rnd in t.rounds
        for lv in rnd.levels
    ]
    frame = pd.DataFrame(rows, columns=["แม่แบบตัวชี้วัด", "รหัสแม่แบบ", "รอบ (เดือน)", "ระดับ",
                                        "รหัสเหตุการณ์สำคัญ", "บรรทัดในเอกสารต้นฉบับ"])
    return ReportTable(frame)


def checks_table(criteria) -> ReportTable:
    """The data columns behind the report: results, TP MAP dimensions, Best Practice checks."""
    import pandas as pd

    from .dataset import bp_column, fail_column, result_column

    bp = criteria.best_practice
    rows = [(f"ผลการดำเนินงาน (ร้อยละ) เกณฑ์ข้อ {criteria.integration.code}", f"{c.code} {c.name_th}",
             result_column(c.code), COMMUNITIES_FILE) for c in criteria.integration.components]
    rows += [("ด้านที่ตกเกณฑ์ TP MAP", d.name_th, fail_column(d.key), HOUSEHOLDS_FILE)
            for d in criteria.household_colour.dimensions]
    rows += [("เกณฑ์ครัวเรือนพ้นความยากจน", i.text_th, bp_column(i.key), HOUSEHOLDS_FILE) for i in bp.household_criteria.items]
    rows.append(("บันทึกใน TP MAP", bp.tpmap_record.text_th, bp.tpmap_record.key, HOUSEHOLDS_FILE))
    rows += [("เกณฑ์พื้นที่ชุมชนเข้มแข็ง", i.text_th, i.key, COMMUNITIES_FILE) for i in bp.community_criteria.items]
    frame = pd.DataFrame(rows, columns=["กลุ่ม", "รายการ", "คอลัมน์ในไฟล์ข้อมูล", "ไฟล์"])
    return ReportTable(frame)
