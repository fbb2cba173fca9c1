"""The tables of the community report as :class:`~dswlib.display.ReportTable` (numbers stay numbers).

Every builder takes an :class:`~.evaluate.Evaluation` and returns a table whose
``data`` holds counts as ``int``, percentages as ``float`` (already rounded
half-up to 2 decimals by the evaluation), ``NaN``/``<NA>`` where a value does
not exist, booleans as ``bool`` and text only in textual columns. Formatting
("84.13", "3,563", "-", "✓") happens in ``to_html``.

Seed lines are not shown here: the rows that come from the source document
carry them in :mod:`.provenance` (the report's technical appendix).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from ..display import Col, ReportTable
from ..fiscal import FiscalYear
from .household_colour import colour_names
from .offices import office_label

PCT = Col(decimals=2, unit="ร้อยละ")
COUNT = Col(unit="จำนวน")
TICK = Col(fmt=lambda v: "✓" if v else "-", align="center")

RANKING_TH = {
    "escaped_share": "ร้อยละครัวเรือนเป้าหมายที่พ้นความยากจนและบันทึกใน TP MAP",
    "escaped_households": "จำนวนครัวเรือนที่พ้นความยากจนและบันทึกใน TP MAP",
    "pmj_level_12": "ระดับความสำเร็จของ พมจ. รอบ 12 เดือน",
    "integration_percent": "ร้อยละความสำเร็จตามเกณฑ์ 5.1",
    "community_id": "รหัสชุมชน (เรียงตามตัวอักษร)",
}


# ------------------------------------------------------------------ wording shared by the sections


def document_th(criteria) -> str:
    """The source document in Thai: title, issuer and fiscal year (what a ``ที่มา`` note names)."""
    issuer = f" ({criteria.issuer_th})" if criteria.issuer_th else ""
    return f"เอกสาร{criteria.title_th}{issuer} {FiscalYear(criteria.fiscal_year_be).title()}"


def results_source(ev) -> str:
    """``ที่มา`` of a results table: says when the figures are synthetic."""
    basis = "ข้อมูลสังเคราะห์ (ข้อมูลสาธิต)" if ev.synthetic else "ข้อมูลผลการดำเนินงานของชุมชนเป้าหมาย"
    return f"{basis} คำนวณตามเกณฑ์ของ{document_th(ev.criteria)}"


def decision_ref(criteria, decision_id: str) -> str:
    """" (ข้อตัดสินที่ 1 ในภาคผนวก)" for a decision listed in the criteria, else ""."""
    try:
        return f" (ข้อตัดสินที่ {criteria.decision_number(decision_id)} ในภาคผนวก)"
    except KeyError:
        return ""


def finding_ref(criteria, text: str | None) -> str:
    """"ดูข้อสังเกตลำดับที่ 5" for the first ``F<n>`` a params note mentions, else ""."""
    match = re.search(r"\bF\d+\b", text or "")
    if not match:
        return ""
    try:
        return f"ดูข้อสังเกตลำดับที่ {criteria.finding_number(match.group(0))}"
    except KeyError:
        return ""


def _num(value) -> float:
    """Decimal/int/None -> float (NaN for a missing value)."""
    if value is None:
        return math.nan
    return float(value) if isinstance(value, Decimal) else value


def _frame(rows, columns):
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------------ overview


def overview_rows(ev) -> list[tuple[str, int, str]]:
    """(item, count, seed lines) of the overview table; the seed lines go to the appendix."""
    df = ev.communities
    crit = ev.criteria
    first = crit.integration.levels[0]
    scale = crit.household_colour
    bp = crit.best_practice
    chosen = sum(1 for s in ev.selections if s.community_id)
    return [
        ("ชุมชนเป้าหมาย", len(df), "003 L93"),
        ("จังหวัด", int(df["province_id"].nunique()), "003 L93"),
        ("สสว.", int(df["office_no"].nunique()), "003 L209"),
        (f"ชุมชนที่ได้คะแนนเกณฑ์ {crit.integration.code} ตั้งแต่ {first.score} ขึ้นไป (ร้อยละ {first.min_percent} ขึ้นไป)",
         int((df["score_5_1"] >= first.score).sum()), first.source),
        ("ครัวเรือนที่ศึกษา", int(df["surveyed"].sum()), ""),
        ("ครัวเรือนเป้าหมาย", int(df["target_households"].sum()), ""),
        (f"ชุมชนที่มีครัวเรือนเป้าหมายน้อยกว่า {scale.min_target_households} ครัวเรือน",
         int((~df["meets_min_targets"]).sum()), scale.min_target_households_source),
        (f"พื้นที่ Best Practice ที่คัดเลือกได้ (จากทั้งหมด {bp.offices} พื้นที่)", chosen, bp.source),
    ]


def overview_table(ev) -> ReportTable:
    rows = [(item, count) for item, count, _ in overview_rows(ev)]
    return ReportTable(_frame(rows, ["รายการ", "จำนวน"]), cols={"จำนวน": COUNT}, source=results_source(ev))


# ------------------------------------------------------------------ criterion 5.1


def components_table(ev) -> ReportTable:
    crit = ev.criteria
    kpi21 = set(crit.ops_kpi_2_1.components)
    rows = [(c.code, c.name_th, c.owner_th, c.code in kpi21) for c in crit.integration.components]
    column = "อยู่ในตัวชี้วัด 2.1 (ภาคผนวก)"
    frame = _frame(rows, ["ข้อ", "ตัวชี้วัด", "หน่วยงาน", column])
    return ReportTable(frame, cols={column: TICK}, source=f"{document_th(crit)} เกณฑ์ข้อ {crit.integration.code}")


def criteria_5_1_table(ev) -> ReportTable:
    """The 5-level scale: score, percent range [from, below), the criterion text as printed."""
    crit = ev.criteria
    integ = crit.integration
    levels = integ.levels
    rows = [(integ.below_lowest_score, 0.0, _num(levels[0].min_percent),
             "ไม่ได้กำหนดในเอกสาร" + decision_ref(crit, "D1"))]
    for i, lv in enumerate(levels):
        upper = _num(levels[i + 1].min_percent) if i + 1 < len(levels) else math.nan
        rows.append((lv.score, _num(lv.min_percent), upper, lv.text_th))
    frame = _frame(rows, ["คะแนน", "ร้อยละความสำเร็จตั้งแต่", "และต่ำกว่าร้อยละ", "ข้อความในเกณฑ์"])
    return ReportTable(frame, source=f"{document_th(crit)} เกณฑ์ข้อ {integ.code}")


def _score_values(crit) -> list[int]:
    return [crit.integration.below_lowest_score] + [lv.score for lv in crit.integration.levels]


def office_integration_table(ev) -> ReportTable:
    """Per office: communities, mean 5.1 percent, communities at each score; a total row."""
    crit = ev.criteria
    df = ev.communities
    scores = _score_values(crit)
    mean_col = f"ร้อยละเฉลี่ย ({crit.integration.code})"
    rows = []
    for o in ev.offices.to_dict("records"):
        part = df[df["office_no"] == o["office_no"]]
        row = {"สสว.": o["office_th"], "จำนวนชุมชน": len(part), mean_col: _num(o["mean_integration_percent"])}
        row.update({f"คะแนน {s}": int((part["score_5_1"] == s).sum()) for s in scores})
        rows.append(row)
    total = {"สสว.": "รวม", "จำนวนชุมชน": len(df), mean_col: math.nan}
    total.update({f"คะแนน {s}": int((df["score_5_1"] == s).sum()) for s in scores})
    rows.append(total)
    frame = _frame(rows, ["สสว.", "จำนวนชุมชน", mean_col] + [f"คะแนน {s}" for s in scores])
    return ReportTable(frame, cols={mean_col: PCT}, emphasis=[False] * (len(rows) - 1) + [True],
                       source=results_source(ev))


def kpi_2_1_table(ev) -> ReportTable:
    """KPI 2.1 of the appendix: its three tiers and the communities in each."""
    k = ev.criteria.ops_kpi_2_1
    df = ev.communities
    tiers = k.tiers
    rows = [("ไม่ถึงเป้าหมาย" + decision_ref(ev.criteria, "D1"), 0.0, _num(tiers[0].min_percent), k.below_lowest_points,
             int((df["kpi_2_1_points"] == k.below_lowest_points).sum()))]
    for i, t in enumerate(tiers):
        upper = _num(tiers[i + 1].min_percent) if i + 1 < len(tiers) else math.nan
        rows.append((t.label_th, _num(t.min_percent), upper, t.points, int((df["kpi_2_1_points"] == t.points).sum())))
    frame = _frame(rows, ["เป้าหมาย", "ร้อยละตั้งแต่", "และต่ำกว่าร้อยละ", "คะแนน", "จำนวนชุมชน"])
    return ReportTable(frame, source=results_source(ev))


# ------------------------------------------------------------------ success levels (KPI templates)


def template_table(ev, template_id: str) -> ReportTable:
    """Level texts of one template, both rounds (milestone keys and seed lines: appendix)."""
    t = ev.criteria.template(template_id)
    rows = [(rnd.window_th, lv.level, lv.text_th) for rnd in t.rounds for lv in rnd.levels]
    frame = _frame(rows, ["รอบ", "ระดับ", "คำอธิบายเกณฑ์การให้คะแนน"])
    return ReportTable(frame, source=f"{document_th(ev.criteria)} ภาคผนวก รายละเอียดตัวชี้วัด (KPI Template)")


def ssw_levels_table(ev) -> ReportTable:
    rows = []
    for o in ev.offices.to_dict("records"):
        gap = bool(o["ssw_gap_6"] or o["ssw_gap_12"])
        rows.append((o["office_th"], int(o["ssw_level_6"]), int(o["ssw_level_12"]),
                     "มีเหตุการณ์ระดับสูงกว่าที่ทำแล้ว แต่ระดับก่อนหน้ายังไม่ครบ" if gap else ""))
    frame = _frame(rows, ["สสว.", "ระดับ รอบ 6 เดือน", "ระดับ รอบ 12 เดือน", "หมายเหตุ"])
    return ReportTable(frame, source=results_source(ev))


def pmj_gap_count(ev) -> int:
    """Provinces where a higher milestone is done while a lower level is incomplete (either round)."""
    df = ev.communities
    return int((df["pmj_gap_6"] | df["pmj_gap_12"]).sum())


# ------------------------------------------------------------------ household colours


def colour_scale_table(ev) -> ReportTable:
    crit = ev.criteria
    scale = crit.household_colour
    rows = [(c.name_th, c.min_failed, c.max_failed, "") for c in scale.colours]
    rows.append((scale.zero_failed.name_th, 0, 0, "ไม่ได้กำหนดในเอกสาร" + decision_ref(crit, "D5")))
    frame = _frame(rows, ["ระดับ", "ตกเกณฑ์ตั้งแต่ (ด้าน)", "ถึง (ด้าน)", "หมายเหตุ"])
    return ReportTable(frame, source=f"{document_th(crit)} กระบวนการที่ 2 การวิเคราะห์ข้อมูลเพื่อจัดทำแผน")


def office_colour_table(ev) -> ReportTable:
    """Studied households by colour per office, with studied and target households; a total row."""
    scale = ev.criteria.household_colour
    names = colour_names(scale)
    keys = [c.key for c in scale.colours] + [scale.zero_failed.key]
    columns = keys + ["surveyed", "target_households"]
    grouped = ev.communities.groupby("office_no")[columns].sum().sort_index()
    rows = [{"สสว.": office_label(int(o)), **{k: int(grouped.at[o, k]) for k in columns}} for o in grouped.index]
    rows.append({"สสว.": "รวม", **{k: int(grouped[k].sum()) for k in columns}})
    frame = _frame(rows, ["สสว."] + columns).rename(
        columns={**names, "surveyed": "ครัวเรือนที่ศึกษา", "target_households": "ครัวเรือนเป้าหมาย"})
    return ReportTable(frame, emphasis=[False] * (len(rows) - 1) + [True], source=results_source(ev))


def below_min_targets_table(ev) -> ReportTable:
    df = ev.communities
    part = df.loc[~df["meets_min_targets"], ["province_th", "community_name_th", "target_households"]]
    frame = part.rename(columns={"province_th": "จังหวัด", "community_name_th": "ชุมชน",
                                 "target_households": "ครัวเรือนเป้าหมาย"}).reset_index(drop=True)
    frame["ครัวเรือนเป้าหมาย"] = frame["ครัวเรือนเป้าหมาย"].astype("int64")
    return ReportTable(frame, source=results_source(ev), empty="ไม่มีชุมชนที่มีครัวเรือนเป้าหมายน้อยกว่าเกณฑ์")


# ------------------------------------------------------------------ Best Practice


def best_practice_table(ev) -> ReportTable:
    """One row per office: the chosen community (or none) and the figures that ranked it."""
    import pandas as pd

    df = ev.communities.set_index("community_id")
    rows = []
    for sel in ev.selections:
        cid = sel.community_id
        if not cid:
            rows.append((office_label(sel.office_no), None, "ไม่มีชุมชนที่ผ่านเกณฑ์", 0, math.nan, pd.NA, math.nan, None))
            continue
        r = df.loc[cid]
        decided = RANKING_TH[sel.decided_by] if sel.decided_by else "ผ่านเกณฑ์เพียงชุมชนเดียว"
        rows.append((office_label(sel.office_no), r["province_th"], r["community_name_th"], sel.eligible_count,
                     _num(r["escaped_share"]), int(r["pmj_level_12"]), _num(r["integration_percent"]), decided))
    share, level, pct = "ร้อยละครัวเรือนพ้นความยากจน", "ระดับ พมจ. 12 เดือน", "ร้อยละ 5.1"
    frame = _frame(rows, ["สสว.", "จังหวัด", "ชุมชน", "ชุมชนที่ผ่านเกณฑ์", share, level, pct, "ตัดสินด้วย"])
    frame[level] = frame[level].astype("Int64")
    frame[share] = frame[share].astype("float64")
    frame[pct] = frame[pct].astype("float64")
    return ReportTable(frame, cols={share: PCT, pct: PCT}, source=results_source(ev))


# ------------------------------------------------------------------ per community


def community_table(ev) -> ReportTable:
    df = ev.communities.sort_values(["office_no", "community_id"])
    out = df[["office_no", "province_th", "community_name_th", "integration_percent", "score_5_1", "pmj_level_6",
              "pmj_level_12", "target_households", "escaped_households", "bp_eligible", "best_practice"]].copy()
    out["office_no"] = out["office_no"].map(office_label)
    out["integration_percent"] = out["integration_percent"].map(_num).astype("float64")
    for col in ("score_5_1", "pmj_level_6", "pmj_level_12", "target_households", "escaped_households"):
        out[col] = out[col].astype("int64")
    for col in ("bp_eligible", "best_practice"):
        out[col] = out[col].astype(bool)
    frame = out.rename(columns={
        "office_no": "สสว.",
        "province_th": "จังหวัด",
        "community_name_th": "ชุมชน",
        "integration_percent": "ร้อยละ 5.1",
        "score_5_1": "คะแนน 5.1",
        "pmj_level_6": "ระดับ พมจ. 6 เดือน",
        "pmj_level_12": "ระดับ พมจ. 12 เดือน",
        "target_households": "ครัวเรือนเป้าหมาย",
        "escaped_households": "พ้นความยากจน",
        "bp_eligible": "ผ่านเกณฑ์ Best Practice",
        "best_practice": "Best Practice",
    }).reset_index(drop=True)
    cols = {
        "ร้อยละ 5.1": PCT,
        "ผ่านเกณฑ์ Best Practice": Col(fmt=lambda v: "ผ่าน" if v else "-", align="center"),
        "Best Practice": Col(fmt=lambda v: "★" if v else "", align="center"),
    }
    return ReportTable(frame, cols=cols, source=results_source(ev))
