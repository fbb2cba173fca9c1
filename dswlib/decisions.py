"""Targets still to be decided in a planning year: one finding per numeric KPI without targets.

``dsw new-year`` leaves a KPI's targets empty when its rule cannot derive them (no rule, a
fixed rule, a rule that needs a result that does not exist yet, or a derivation that gives
levels out of order or above 100 %). ``dsw check <year>`` lists each with what is known and
what is missing, from the rule's inputs in ``kpis.yaml``.
"""

from __future__ import annotations

from .catalog import Catalog, Kpi
from .findings import Finding
from .thainum import format_number

CODE = "target_decision"
RULE_TH = {"interval": "กฎช่วงรอบค่าฐาน", "growth": "กฎการเพิ่มขึ้นจากคะแนนปีก่อน", "midpoint": "กฎค่ากึ่งกลาง"}


def _fmt(value) -> str:
    return format_number(value, 2)


def _levels(values) -> str:
    return " / ".join(_fmt(v) for v in values)


def derived_levels(kpi: Kpi):
    """The three levels the KPI's rule gives from its stored inputs, or None when an input is missing."""
    from .targets import derive_targets

    rule = kpi.target_rule
    if rule is None or rule.rule == "fixed":
        return None
    kwargs = rule.kwargs()
    if any(v is None for v in kwargs.values()):
        return None
    return derive_targets(rule.rule, **kwargs)


def levels_problem(kpi: Kpi, levels) -> str:
    """Why derived levels cannot be used as targets ('' when they can)."""
    a, b, c = levels
    ordered = (a < b < c) if kpi.direction == "higher" else (a > b > c)
    if not ordered:
        return "ซึ่งไม่เรียงลำดับตามทิศทางของตัวชี้วัด"
    if (kpi.unit or "").startswith("ร้อยละ") and (max(levels) > 100 or min(levels) < 0):
        return "ซึ่งอยู่นอกช่วงร้อยละ 0-100"
    return ""


def _previous_targets(params_dir, catalog: Catalog, kpi: Kpi) -> str:
    if not catalog.derived_from or params_dir is None:
        return ""
    from .catalog import load_catalog

    try:
        prev = load_catalog(params_dir, catalog.derived_from)
        old = prev.kpi(kpi.id)
    except (KeyError, ValueError, FileNotFoundError):
        return ""
    return f" (ปี {prev.fiscal_year} กำหนดไว้ {_levels(old.targets)})" if old.targets else ""


def _message(catalog: Catalog, kpi: Kpi, params_dir) -> tuple[str, str]:
    """``(message, expected)`` of a KPI without targets."""
    prev = catalog.derived_from or catalog.fiscal_year - 1
    year = catalog.fiscal_year
    rule = kpi.target_rule
    decide = "ต้องตัดสินใจกำหนดค่าเป้าหมาย 3 ระดับ"
    if rule is None:
        return f"ยังไม่ได้กำหนดค่าเป้าหมาย และตัวชี้วัดนี้ไม่มีกฎการคำนวณค่าเป้าหมาย{_previous_targets(params_dir, catalog, kpi)}: {decide}", ""
    if rule.rule == "fixed":
        return (f"ค่าเป้าหมายของตัวชี้วัดนี้เป็นค่าที่เอกสารกำหนดเป็นรายปี ไม่มีกฎคำนวณจากผลปีก่อน"
                f"{_previous_targets(params_dir, catalog, kpi)}: {decide}"), ""
    levels = derived_levels(kpi)
    if levels is not None:
        problem = levels_problem(kpi, levels)
        if problem:
            return f"{RULE_TH[rule.rule]} ให้ค่าเป้าหมาย {_levels(levels)} {problem}: {decide}", _levels(levels)
        return f"{RULE_TH[rule.rule]} คำนวณได้ {_levels(levels)} แต่ยังไม่ได้บันทึกเป็นค่าเป้าหมาย: ยืนยันหรือกำหนดค่าเป้าหมาย", _levels(levels)
    if rule.rule == "interval":
        if rule.base_from == "last_result":
            return (f"กฎช่วง ±{_fmt(rule.interval)} จุดรอบผลการดำเนินงานปี {prev}: ยังไม่มีผลรอบ 12 เดือนของปี {prev} "
                    f"เมื่อมีผลแล้วค่าเป้าหมายคือ ผล - {_fmt(rule.interval)} / ผล / ผล + {_fmt(rule.interval)}"), ""
        return (f"กฎช่วง ±{_fmt(rule.interval)} จุดรอบค่าเป้าหมายของปี: ต้องกำหนดค่าเป้าหมายปี {year} (ขั้นมาตรฐาน) ก่อน "
                "แล้วขั้นต้นและขั้นสูงตามมาจากกฎ"), ""
    if rule.rule == "growth":
        return (f"กฎเพิ่มขึ้นร้อยละ {_fmt(rule.pct)} จากคะแนนปี {prev} (ขั้นต้น {_fmt(rule.floor)}): ยังไม่มีคะแนนรอบ 12 เดือนของปี {prev}"), ""
    if rule.rule == "midpoint":
        known = []
        if rule.this_year_target is not None:
            known.append(f"ขั้นมาตรฐาน {_fmt(rule.this_year_target)}")
        if rule.next_year_target is not None:
            known.append(f"ขั้นสูง {_fmt(rule.next_year_target)}")
        missing = []
        if rule.last is None:
            missing.append(f"ขั้นต้นต้องใช้ผลรอบ 12 เดือนของปี {prev} ซึ่งยังไม่มี")
        if rule.this_year_target is None or rule.next_year_target is None:
            missing.append("เส้นทางเป้าหมายไม่มีค่าของปีนี้หรือปีถัดไป")
        known_text = (" และ".join(known) + " ตามเส้นทางเป้าหมาย; ") if known else ""
        return f"กฎค่ากึ่งกลาง: {known_text}{'; '.join(missing)}", ""
    return f"ยังไม่ได้กำหนดค่าเป้าหมาย: {decide}", ""


def target_decisions(catalog: Catalog, params_dir=None) -> list[Finding]:
    """One ``target_decision`` finding per numeric KPI whose targets are not set."""
    out = []
    for kpi in catalog.targets_unset:
        message, expected = _message(catalog, kpi, params_dir)
        source = kpi.target_rule.source if kpi.target_rule is not None and kpi.target_rule.source else kpi.source
        out.append(Finding(CODE, "warning", f"KPI {kpi.id} ค่าเป้าหมาย", message, source, expected=expected,
                           where_th=f"ตัวชี้วัดที่ {kpi.id} ค่าเป้าหมาย"))
    return out
