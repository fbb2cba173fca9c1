"""The annual report's tables: each builder returns a :class:`dswlib.display.ReportTable` whose
``data`` holds numbers as numbers (NaN for missing). How a cell reads ("ร้อยละ 13.16", "(10)",
"ระดับ 75", "ยังไม่กำหนด") is a display format of the table, never the data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalog import Kpi
from ..display import Col, ReportTable
from ..thainum import parse_number, percent, round_half_up
from ..units import column_label_th
from .text import format_value, name_with_tag, source_th

if TYPE_CHECKING:  # pragma: no cover
    from .report import AnnualReport

LEVELS = (50, 75, 100)
LINKAGE = "ความเชื่อมโยงกับยุทธศาสตร์ชาติ / แผนแม่บท / แผน 12 / นโยบายรัฐบาล"
NOT_SET = "ยังไม่กำหนด"
BY_CRITERIA = "(ตามเกณฑ์)"


def _num(value):
    """A float for the data (Decimal and int included); NaN for missing."""
    return float("nan") if value is None else float(value)


def sub_weight(value) -> str:
    """A sub-KPI's weight as the documents print it: "(10)"."""
    from ..thainum import format_number

    return f"({format_number(value, 0)})"


def kpi_weights_table(rep: "AnnualReport") -> ReportTable:
    """The KPIs with their strategic linkage and weights (sub-KPI weights shown in parentheses)."""
    import pandas as pd

    catalog = rep.catalog
    linkage = (rep.strategy or {}).get("kpi_linkage", {})
    rows, sub, bold = [], [], []
    for comp in catalog.components:
        rows.append({"ตัวชี้วัด": comp.name_th, LINKAGE: None, "น้ำหนัก (ร้อยละ)": _num(comp.weight)})
        sub.append(False)
        bold.append(True)
        for k in catalog.kpis:
            if k.component != comp.id:
                continue
            rows.append({"ตัวชี้วัด": f"{k.id} {name_with_tag(k)}",
                         LINKAGE: "; ".join(linkage.get(k.id, {}).get("items_th", [])) or None,
                         "น้ำหนัก (ร้อยละ)": _num(k.weight)})
            sub.append(k.parent is not None)
            bold.append(False)
    rows.append({"ตัวชี้วัด": "รวม", LINKAGE: None, "น้ำหนัก (ร้อยละ)": float(sum(c.weight for c in catalog.components))})
    sub.append(False)
    bold.append(True)
    frame = pd.DataFrame(rows, columns=["ตัวชี้วัด", LINKAGE, "น้ำหนัก (ร้อยละ)"])
    return ReportTable(frame, cols={LINKAGE: Col(missing=""), "น้ำหนัก (ร้อยละ)": Col(decimals=0, unit="ร้อยละ")},
                       row_cols={"น้ำหนัก (ร้อยละ)": [(sub, Col(fmt=sub_weight, unit="ร้อยละ"))]},
                       emphasis=bold, notes=("น้ำหนักของตัวชี้วัดย่อยแสดงในวงเล็บ และรวมเป็นน้ำหนักของตัวชี้วัดหลัก",),
                       source=source_th(catalog, *(c.source for c in catalog.components)))


def target_headers(rep: "AnnualReport", kpi: Kpi) -> list[str]:
    """The three target column headers as the year's document prints them for this KPI."""
    return list(kpi.target_labels_th or rep.catalog.level_headers_th())


def targets_table(rep: "AnnualReport", kpi: Kpi) -> ReportTable:
    """The KPI's three targets (numbers; a milestone KPI's are its criteria, as text)."""
    import pandas as pd

    headers = target_headers(rep, kpi)
    if kpi.kind == "milestone":
        cells = ["; ".join(kpi.criteria_th[level]) for level in LEVELS]
        cols = {}
    else:
        targets = kpi.targets or [None] * 3
        cells = [_num(t) for t in targets]
        shown = Col(decimals=2, unit=kpi.unit, fmt=lambda v, _k=kpi: format_value(_k, v), missing=NOT_SET)
        cols = {h: shown for h in headers}
    frame = pd.DataFrame([[f"{kpi.id} {kpi.name_th}", *cells]], columns=["ตัวชี้วัด", *headers])
    return ReportTable(frame, cols=cols, source=source_th(rep.catalog, kpi.source))


def criteria_table(rep: "AnnualReport", kpi: Kpi) -> ReportTable:
    """A milestone KPI's criteria, level by level, and whether each was met (bool; missing when not reported)."""
    import pandas as pd

    met = kpi.result.criteria_met if kpi.result is not None else {}
    rows = []
    for level in LEVELS:
        flags = met.get(level, [])
        for i, text in enumerate(kpi.criteria_th[level]):
            rows.append({"ระดับ": level, "เกณฑ์": text, "ผล": bool(flags[i]) if i < len(flags) else None})
    frame = pd.DataFrame(rows, columns=["ระดับ", "เกณฑ์", "ผล"])
    return ReportTable(frame, cols={"ระดับ": Col(decimals=0, align="center"),
                                    "ผล": Col(fmt=lambda v: "บรรลุ" if v else "ยังไม่บรรลุ", missing="ไม่มีข้อมูล")},
)


def history_table(rep: "AnnualReport", kpi: Kpi) -> ReportTable | None:
    """Results of previous years with the change computed from them and the change the document prints."""
    import pandas as pd

    if not kpi.history:
        return None
    unit = kpi.unit or ""
    value_col = f"ผลการดำเนินงาน ({unit})" if unit else "ผลการดำเนินงาน"
    step = "จุดร้อยละ" if kpi.is_percentage else (unit or "หน่วย")
    change_col, printed_col = f"การเปลี่ยนแปลง ({step})", "การเปลี่ยนแปลงที่พิมพ์ในต้นฉบับ"
    with_ratio = any(p.numerator is not None for p in kpi.history)
    rows, prev = [], None
    for p in kpi.history:
        change = None if prev is None or p.value is None or prev.value is None else round_half_up(p.value - prev.value)
        row = {"ปีงบประมาณ": p.fiscal_year, value_col: _num(p.value)}
        if with_ratio:
            row["ตัวตั้ง (คน)"] = _num(p.numerator)
            row["ตัวหาร (คน)"] = _num(p.denominator)
        row[change_col] = _num(change)
        row[printed_col] = _num(parse_number(p.change_printed)) if p.change_printed else float("nan")
        rows.append(row)
        prev = p
    frame = pd.DataFrame(rows)
    cols = {"ปีงบประมาณ": Col(fmt=lambda y: f"พ.ศ. {int(y)}", align="left"), value_col: Col(decimals=2, unit=unit),
            "ตัวตั้ง (คน)": Col(decimals=0, unit="คน"), "ตัวหาร (คน)": Col(decimals=0, unit="คน"),
            change_col: Col(decimals=2, signed=True, unit=step), printed_col: Col(decimals=2, signed=True, unit=step)}
    return ReportTable(frame, cols=cols, source=source_th(rep.catalog, *(p.source for p in kpi.history)))


def units_table(rep: "AnnualReport", kpi: Kpi) -> ReportTable | None:
    """The per-unit table as printed (numbers), with the percentage recomputed next to the printed one."""
    import pandas as pd

    from ..units import awaiting_figures, load_units_table, with_percent

    if kpi.units_table is None or awaiting_figures(rep.params_dir, rep.fiscal_year, kpi):
        return None
    table = load_units_table(rep.params_dir, rep.fiscal_year, kpi)
    spec = table.spec
    sources = [s for s in table.printed.get("source", []) if isinstance(s, str)]
    source = source_th(rep.catalog, *sources)
    title = spec.title_th or "ข้อมูลรายหน่วยงาน"
    if spec.kind == "pmqa":
        frame = table.rows.drop(columns=[c for c in ("source",) if c in table.rows.columns])
        frame = frame.rename(columns={c: column_label_th(c) for c in frame.columns})
        numeric = {column_label_th(c): Col(unit="คะแนน") for c in table.numeric_columns()}
        return ReportTable(frame.reset_index(drop=True), cols=numeric, source=source)
    rows = with_percent(table)
    counts = [spec.denominator, spec.numerator, *spec.parts]
    frame = pd.DataFrame({"ที่": pd.to_numeric(rows.get("row_no", pd.Series(range(1, len(rows) + 1))), errors="coerce"),
                          spec.unit_label_th: rows[spec.unit].astype(str)})
    for c in counts:
        frame[column_label_th(c)] = rows[c].astype(float)
    frame["ร้อยละ (คำนวณ)"] = [_num(v) for v in rows["computed_percent"]]
    if spec.percent:
        frame["ร้อยละ (ที่พิมพ์)"] = rows[spec.percent].astype(float)
    emphasis = [False] * len(frame)
    if table.total is not None:
        t = table.total
        total = {"ที่": float("nan"), spec.unit_label_th: "รวม", **{column_label_th(c): _num(t[c]) for c in counts},
                 "ร้อยละ (คำนวณ)": _num(percent(t[spec.numerator], t[spec.denominator]))}
        if spec.percent:
            total["ร้อยละ (ที่พิมพ์)"] = _num(t[spec.percent])
        frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
        emphasis.append(True)
    frame["ที่"] = frame["ที่"].astype("Int64")  # row numbers; the total row has none
    cols = {"ที่": Col(decimals=0, missing="", align="center"),
            **{column_label_th(c): Col(decimals=0, unit="คน") for c in counts},
            "ร้อยละ (คำนวณ)": Col(decimals=2, unit="ร้อยละ"), "ร้อยละ (ที่พิมพ์)": Col(decimals=2, unit="ร้อยละ")}
    return ReportTable(frame, cols=cols, emphasis=emphasis, source=source, caption="")


def units_title(kpi: Kpi) -> str:
    spec = kpi.units_table
    return (spec.title_th if spec is not None and spec.title_th else "ข้อมูลรายหน่วยงาน")


def score_table(rep: "AnnualReport") -> ReportTable:
    """Every KPI's weight, targets, result, level reached, score and weighted score (numbers)."""
    import pandas as pd

    catalog, card = rep.catalog, rep.scorecard
    level_cols = [f"{t} ({lvl})" for t, lvl in zip(catalog.terms, LEVELS)]
    rows, sub, milestone, unset = [], [], [], []
    for r in card.rows:
        k = r.kpi
        targets = [None] * 3
        if k.kind not in ("composite", "milestone") and k.targets is not None:
            targets = list(k.targets)
        result = None if k.kind == "composite" else (r.level if k.kind == "milestone" else r.result)
        rows.append({
            "ตัวชี้วัด": f"{k.id} {k.name_th}",
            "น้ำหนัก": _num(k.weight),
            **{col: _num(t) for col, t in zip(level_cols, targets)},
            "ผลการดำเนินงาน": _num(result),
            "ระดับที่บรรลุ": None if k.kind == "composite" else r.level_label_th,
            "คะแนน": _num(r.score),
            "คะแนนถ่วงน้ำหนัก": _num(r.weighted),
        })
        sub.append(k.parent is not None)
        milestone.append(k.kind == "milestone")
        unset.append(k.is_numeric and k.targets is None)
    frame = pd.DataFrame(rows, columns=["ตัวชี้วัด", "น้ำหนัก", *level_cols, "ผลการดำเนินงาน", "ระดับที่บรรลุ", "คะแนน",
                                        "คะแนนถ่วงน้ำหนัก"])
    target_col = Col(decimals=2)
    row_cols = {"น้ำหนัก": [(sub, Col(fmt=sub_weight))],
                "ผลการดำเนินงาน": [(milestone, Col(fmt=lambda v: f"ระดับ {int(v)}"))]}
    for col in level_cols:
        row_cols[col] = [(milestone, Col(decimals=2, missing=BY_CRITERIA)), (unset, Col(decimals=2, missing=NOT_SET))]
    return ReportTable(frame, cols={"น้ำหนัก": Col(decimals=0), **{c: target_col for c in level_cols},
                                    "ผลการดำเนินงาน": Col(decimals=2), "คะแนน": Col(decimals=2),
                                    "คะแนนถ่วงน้ำหนัก": Col(decimals=4)},
                       row_cols=row_cols)


def components_table(rep: "AnnualReport") -> ReportTable:
    """Weighted score per component and the total (numbers; the total row in bold)."""
    import pandas as pd

    card = rep.scorecard
    rows = [{"องค์ประกอบ": c["name"], "น้ำหนัก": _num(c["weight"]), "คะแนนถ่วงน้ำหนัก": _num(c["weighted_score"])}
            for c in card.components.values()]
    rows.append({"องค์ประกอบ": "รวม", "น้ำหนัก": float(sum(c["weight"] for c in card.components.values())),
                 "คะแนนถ่วงน้ำหนัก": _num(card.total)})
    frame = pd.DataFrame(rows, columns=["องค์ประกอบ", "น้ำหนัก", "คะแนนถ่วงน้ำหนัก"])
    return ReportTable(frame, cols={"น้ำหนัก": Col(decimals=0), "คะแนนถ่วงน้ำหนัก": Col(decimals=2)},
                       emphasis=[False] * (len(rows) - 1) + [True])
