"""The standards pages' tables: numeric frames (scores as numbers, NaN when there is none),
formatted at display by :class:`~dswlib.display.ReportTable`. Thai labels only; the rubric's
ids stay in the technical appendix."""

from __future__ import annotations

import math
from decimal import Decimal

from ..display import Col, ReportTable
from .advice import NextBand, next_score, points_lost
from .aggregate import COMPLETE, Aggregate, Scores
from .rubric import Rubric
from .summary import OVERALL, YearSummary
from .wording import (CHECK_TH, RESULT_STATUS_TH, STATUS_TH, area_label, column_label, dimension_label,
                      indicator_list_th, indicator_no)

SCORE2 = Col(decimals=2)
SCORE = Col()  # 7.5 / 10 / 467.5 as the form prints them
COUNT = Col(decimals=0)


def _f(value) -> float:
    return float(value) if value is not None else math.nan


def band_label(agg: Aggregate) -> str:
    return agg.band.label_th if agg.status == COMPLETE else STATUS_TH[agg.status]


def _note(agg: Aggregate) -> str:
    note = []
    if agg.na_ids:
        note.append("ไม่เกี่ยวข้อง: ตัวชี้วัดที่ " + indicator_list_th(agg.na_ids))
    if agg.missing_ids:
        note.append("ไม่มีข้อมูล: ตัวชี้วัดที่ " + indicator_list_th(agg.missing_ids))
    return "; ".join(note)


def _agg_row(label: str, agg: Aggregate, nat=None, reg=None) -> dict:
    row = {
        "ระดับ": label,
        "คะแนนรวม": _f(agg.total),
        "คะแนนเต็ม": _f(agg.max_total),
        "ตัวชี้วัดที่คิดคะแนน": agg.n_scored,
        "ตัวชี้วัดทั้งหมด": agg.n_indicators,
        "คะแนนเฉลี่ย": _f(agg.mean_2dp),
        "ผลการปฏิบัติ": band_label(agg),
    }
    if nat is not None:
        row["ค่าเฉลี่ยทั้งประเทศ"] = _f(nat)
        row["ค่าเฉลี่ยของ สสว. เดียวกัน"] = _f(reg)
    row["หมายเหตุ"] = _note(agg)
    return row


COLS = {"คะแนนรวม": SCORE, "คะแนนเต็ม": SCORE, "คะแนนเฉลี่ย": SCORE2, "ค่าเฉลี่ยทั้งประเทศ": SCORE2,
        "ค่าเฉลี่ยของ สสว. เดียวกัน": SCORE2, "ผลต่างจากค่าเฉลี่ยทั้งประเทศ": Col(decimals=2, signed=True)}


# ---- province page -------------------------------------------------------------------------------

def summary_table(rubric: Rubric, scores: Scores, national: dict | None = None, regional: dict | None = None,
                  source: str = "") -> ReportTable:
    import pandas as pd

    nat = (lambda k: national[k][0]) if national else (lambda k: None)
    reg = (lambda k: regional[k][0]) if regional else (lambda k: None)
    rows = [_agg_row(dimension_label(d.key, d.name_th), d, nat(d.key), reg(d.key)) if national else
            _agg_row(dimension_label(d.key, d.name_th), d) for d in scores.dimensions]
    rows.append(_agg_row(dimension_label(OVERALL), scores.overall, nat(OVERALL), reg(OVERALL)) if national else
                _agg_row(dimension_label(OVERALL), scores.overall))
    frame = pd.DataFrame(rows)
    return ReportTable(frame, COLS, emphasis=[False] * (len(rows) - 1) + [True], source=source)


def area_table(rubric: Rubric, scores: Scores, national: dict | None = None, regional: dict | None = None,
               source: str = "") -> ReportTable:
    import pandas as pd

    rows = []
    for agg in scores.areas:
        row = _agg_row(area_label(agg.key), agg, national[agg.key][0] if national else None,
                       regional[agg.key][0] if regional else None) if national else _agg_row(area_label(agg.key), agg)
        row["ด้าน"] = agg.name_th
        rows.append(row)
    cols = ["ระดับ", "ด้าน", "ตัวชี้วัดที่คิดคะแนน", "คะแนนรวม", "คะแนนเฉลี่ย", "ผลการปฏิบัติ"]
    if national:
        cols += ["ค่าเฉลี่ยทั้งประเทศ", "ค่าเฉลี่ยของ สสว. เดียวกัน"]
    return ReportTable(pd.DataFrame(rows)[cols + ["หมายเหตุ"]], COLS, source=source)


def standing_table(rubric: Rubric, summary: YearSummary, code: str, region: int | None) -> ReportTable:
    """The office's overall and dimension scores beside the national and regional means."""
    import pandas as pd

    national, regional = summary.means(), summary.means(region) if region is not None else {}
    own = summary.offices.loc[code]
    rows = []
    for key in summary.score_columns:
        if "." in key:
            continue
        nat = national[key][0]
        rows.append({"คะแนน": column_label(rubric, key), "ของสำนักงาน": own[key],
                     "ค่าเฉลี่ยทั้งประเทศ": _f(nat), "ค่าเฉลี่ยของ สสว. เดียวกัน": _f(regional.get(key, (None,))[0]),
                     "ผลต่างจากค่าเฉลี่ยทั้งประเทศ": (float(Decimal(str(own[key])) - nat)
                                                       if nat is not None and not math.isnan(own[key]) else math.nan)})
    frame = pd.DataFrame(rows)
    n_nat = national[OVERALL][1]
    n_reg = regional.get(OVERALL, (None, 0))[1]
    return ReportTable(frame, {**COLS, "ของสำนักงาน": SCORE2},
                       notes=(f"ค่าเฉลี่ยทั้งประเทศคำนวณจาก {n_nat} สำนักงานที่คำนวณคะแนนภาพรวมได้ "
                              f"และค่าเฉลี่ยของ สสว. เดียวกันจาก {n_reg} สำนักงาน: ค่าเฉลี่ยของคะแนนเฉลี่ย "
                              "(ทศนิยม 2 ตำแหน่งตามที่แต่ละสำนักงานได้) ปัดเศษแบบครึ่งขึ้นเป็นทศนิยม 2 ตำแหน่ง",),
                       emphasis=[True] + [False] * (len(rows) - 1))


def _indicator_cells(ind, result) -> dict:
    """The first columns of every per-indicator table: number, name, target, result as printed."""
    return {"ตัวชี้วัดที่": indicator_no(ind.id), "ชื่อตัวชี้วัด": ind.name_th, "เกณฑ์": ind.target_th or "-",
            "ผลการดำเนินงาน": result.result_th}


def priorities_table(rubric: Rubric, scores: Scores, assessment=None) -> ReportTable:
    """Indicators below 10, the most points lost first, with the next score and what it takes."""
    import pandas as pd

    rows = []
    for ind, score, lost in points_lost(rubric, scores):
        nxt = next_score(ind, score)
        r = scores.indicators[ind.id]
        rows.append({
            **_indicator_cells(ind, r),
            "คะแนน": float(score),
            "คะแนนที่เสีย": float(lost),
            "คะแนนเมื่อทำได้ตามเกณฑ์": float(ind.target_score),
            "คะแนนขั้นถัดไป": float(nxt[0]) if nxt else math.nan,
            "สิ่งที่ต้องทำได้เพื่อคะแนนขั้นถัดไป": nxt[1] if nxt else "-",
            "หลักฐานประกอบที่ต้องมี": "; ".join(e.lstrip("- ") for e in ind.evidence_th),
            "ปัญหา/อุปสรรค": (assessment.problems.get(ind.id, "") if assessment else "") or "-",
        })
    columns = ["ตัวชี้วัดที่", "ชื่อตัวชี้วัด", "เกณฑ์", "ผลการดำเนินงาน", "คะแนน", "คะแนนที่เสีย",
               "คะแนนเมื่อทำได้ตามเกณฑ์", "คะแนนขั้นถัดไป", "สิ่งที่ต้องทำได้เพื่อคะแนนขั้นถัดไป",
               "หลักฐานประกอบที่ต้องมี", "ปัญหา/อุปสรรค"]
    return ReportTable(pd.DataFrame(rows, columns=columns),
                       {"คะแนน": SCORE, "คะแนนที่เสีย": SCORE, "คะแนนเมื่อทำได้ตามเกณฑ์": SCORE, "คะแนนขั้นถัดไป": SCORE},
                       empty="ทุกตัวชี้วัดได้ 10 คะแนน")


def next_band_table(rubric: Rubric, plan: NextBand) -> ReportTable:
    import pandas as pd

    rows = [{"ลำดับ": k, "ตัวชี้วัดที่": indicator_no(s.indicator), "ชื่อตัวชี้วัด": rubric.indicator(s.indicator).name_th,
             "คะแนนปัจจุบัน": float(s.score), "คะแนนที่ต้องได้": float(s.target), "คะแนนที่เพิ่มขึ้น": float(s.gain),
             "ผลการดำเนินงานที่ต้องทำได้": s.printed_th} for k, s in enumerate(plan.steps, 1)]
    return ReportTable(pd.DataFrame(rows, columns=["ลำดับ", "ตัวชี้วัดที่", "ชื่อตัวชี้วัด", "คะแนนปัจจุบัน",
                                                   "คะแนนที่ต้องได้", "คะแนนที่เพิ่มขึ้น", "ผลการดำเนินงานที่ต้องทำได้"]),
                       {"คะแนนปัจจุบัน": SCORE, "คะแนนที่ต้องได้": SCORE, "คะแนนที่เพิ่มขึ้น": SCORE})


def indicator_table(rubric: Rubric, scores: Scores, dimension: int) -> ReportTable:
    import pandas as pd

    rows = []
    for ind in rubric.scored_indicators():
        if ind.dimension != dimension:
            continue
        r = scores.indicators[ind.id]
        rows.append({
            **_indicator_cells(ind, r),
            "คะแนน": float(r.score) if r.status == "scored" else math.nan,
            "ระดับคะแนน": rubric.score_level_label(r.score) if r.score is not None else RESULT_STATUS_TH[r.status],
        })
    return ReportTable(pd.DataFrame(rows), {"คะแนน": SCORE})


def not_scored_table(rubric: Rubric, scores: Scores) -> ReportTable:
    import pandas as pd

    rows = [{"ตัวชี้วัดที่": indicator_no(r.id), "ชื่อตัวชี้วัด": rubric.indicator(r.id).name_th,
             "สถานะ": r.result_th, "หมายเหตุ": r.note_th}
            for r in scores.indicators.values() if r.status != "scored"]
    return ReportTable(pd.DataFrame(rows, columns=["ตัวชี้วัดที่", "ชื่อตัวชี้วัด", "สถานะ", "หมายเหตุ"]),
                       empty="ไม่มี — คิดคะแนนครบทุกตัวชี้วัด")


def input_check_table(rubric: Rubric, checks: dict) -> ReportTable:
    import pandas as pd

    rows = []
    for ind in rubric.input_indicators():
        c = checks[ind.id]
        _, area, _ = rubric.context(ind.id)
        rows.append({"ตัวชี้วัดที่": indicator_no(ind.id), "ด้าน": area.name_th, "ชื่อตัวชี้วัด": ind.name_th,
                     "เกณฑ์": ind.target_th or "-", "ผลการดำเนินงาน": c.result_th, "ผลการตรวจ": CHECK_TH[c.status]})
    return ReportTable(pd.DataFrame(rows))


# ---- overview ----------------------------------------------------------------------------------

def office_status_th(rubric: Rubric, office) -> str:
    """An office's result in the year summary in words: its grade band, or why it has none."""
    if office["status"] != "scored":
        return STATUS_TH[office["status"]]  # no file / file not usable
    if math.isnan(office[OVERALL]):
        return STATUS_TH["incomplete"]
    return list(rubric.grade_bands)[int(office["band"])].label_th


def ranking_table(rubric: Rubric, provinces, summary: YearSummary, link=None) -> ReportTable:
    """Every office, ranked by overall score (ties share a rank); ``link(province)`` gives its page."""
    import pandas as pd

    ranks = summary.ranks()
    rows, hrefs = [], []
    for p in provinces:
        o = summary.offices.loc[p.code]
        band = office_status_th(rubric, o)
        rows.append({"อันดับ": ranks.get(p.code, math.nan), "จังหวัด": p.name_th, "สสว.": o["region"],
                     "มิติที่ 2": o["D2"], "มิติที่ 3": o["D3"], "มิติที่ 4": o["D4"], "ภาพรวม": o[OVERALL],
                     "ผลการปฏิบัติ": band})
        hrefs.append(link(p) if link else None)
    frame = pd.DataFrame(rows)
    frame["_href"] = hrefs
    frame = frame.sort_values(["ภาพรวม", "จังหวัด"], ascending=[False, True], na_position="last", kind="stable")
    frame["อันดับ"] = frame["อันดับ"].astype("Int64")
    frame["สสว."] = frame["สสว."].astype("Int64")
    hrefs = list(frame.pop("_href"))
    frame = frame.reset_index(drop=True)
    return ReportTable(frame, {"อันดับ": COUNT, "สสว.": COUNT, "มิติที่ 2": SCORE2, "มิติที่ 3": SCORE2,
                               "มิติที่ 4": SCORE2, "ภาพรวม": SCORE2},
                       links={"จังหวัด": hrefs} if link else {})


def band_distribution_frame(rubric: Rubric, summary: YearSummary):
    import pandas as pd

    from .aggregate import grade_band

    labels = [b.label_th for b in rubric.grade_bands]

    table = {}
    for col, key in (("มิติที่ 2", "D2"), ("มิติที่ 3", "D3"), ("มิติที่ 4", "D4"), ("ภาพรวม", OVERALL)):
        counts = {lab: 0 for lab in labels}
        incomplete = 0
        for code, o in summary.offices[summary.offices["status"] == "scored"].iterrows():
            if math.isnan(o[key]):
                incomplete += 1
            else:
                counts[grade_band(rubric, Decimal(str(o[key])).quantize(Decimal("0.01"))).label_th] += 1
        counts[STATUS_TH["incomplete"]] = incomplete
        table[col] = counts
    df = pd.DataFrame(table)
    df = df[(df.sum(axis=1) > 0) | df.index.isin(labels)]
    df.index.name = "ผลการปฏิบัติ"
    return df.reset_index()


def band_distribution_table(rubric: Rubric, summary: YearSummary) -> ReportTable:
    return ReportTable(band_distribution_frame(rubric, summary), {c: COUNT for c in ("มิติที่ 2", "มิติที่ 3", "มิติที่ 4", "ภาพรวม")})


def means_table(rubric: Rubric, summary: YearSummary) -> ReportTable:
    """National and per-สสว. means of the overall and dimension scores."""
    import pandas as pd

    keys = [k for k in summary.score_columns if "." not in k]
    regions = sorted(int(r) for r in summary.offices["region"].dropna().unique())
    rows = []
    for label, region in [("ทั้งประเทศ", None)] + [(f"สสว.{r}", r) for r in regions]:
        m = summary.means(region)
        row = {"กลุ่ม": label, "จำนวนสำนักงาน": m[OVERALL][1]}
        row.update({("ภาพรวม" if k == OVERALL else f"มิติที่ {k[1:]}"): _f(m[k][0]) for k in keys})
        rows.append(row)
    frame = pd.DataFrame(rows)
    cols = {c: SCORE2 for c in frame.columns if c not in ("กลุ่ม", "จำนวนสำนักงาน")}
    return ReportTable(frame, {**cols, "จำนวนสำนักงาน": COUNT}, emphasis=[True] + [False] * (len(rows) - 1),
                       notes=("ค่าเฉลี่ย = ค่าเฉลี่ยของคะแนนเฉลี่ยของสำนักงานที่คำนวณคะแนนได้ (ทศนิยม 2 ตำแหน่ง) "
                              "ปัดเศษแบบครึ่งขึ้นเป็นทศนิยม 2 ตำแหน่ง; จำนวนสำนักงานนับจากคะแนนภาพรวม",))


def area_means_table(rubric: Rubric, summary: YearSummary) -> ReportTable:
    import pandas as pd

    national = summary.means()
    rows = []
    for d, a in rubric.scored_areas():
        key = f"D{d.number}.A{a.number}"
        rows.append({"ด้าน": area_label(key), "ชื่อด้าน": a.name_th, "ค่าเฉลี่ยทั้งประเทศ": _f(national[key][0]),
                     "จำนวนสำนักงาน": national[key][1]})
    return ReportTable(pd.DataFrame(rows), {"ค่าเฉลี่ยทั้งประเทศ": SCORE2, "จำนวนสำนักงาน": COUNT})


def most_failed_table(rubric: Rubric, summary: YearSummary, top: int = 10) -> ReportTable:
    """The indicators most offices score below what meeting the target gives (ties: rubric order)."""
    import pandas as pd

    scored = summary.indicators[summary.offices["status"] == "scored"]
    rows = []
    for k, ind in enumerate(rubric.scored_indicators()):
        col = scored[ind.id].dropna()
        below = int((col < float(ind.target_score)).sum())
        rows.append({"_order": k, "ตัวชี้วัดที่": indicator_no(ind.id), "ชื่อตัวชี้วัด": ind.name_th,
                     "สำนักงานที่ไม่ผ่านเกณฑ์": below, "สำนักงานที่ประเมินได้": len(col),
                     "ร้อยละของสำนักงาน": (100.0 * below / len(col)) if len(col) else math.nan,
                     "คะแนนเฉลี่ย": (float(sum(Decimal(str(v)) for v in col) / len(col))) if len(col) else math.nan})
    frame = pd.DataFrame(rows).sort_values(["สำนักงานที่ไม่ผ่านเกณฑ์", "_order"], ascending=[False, True])
    frame = frame.head(top).drop(columns="_order").reset_index(drop=True)
    return ReportTable(frame, {"สำนักงานที่ไม่ผ่านเกณฑ์": COUNT, "สำนักงานที่ประเมินได้": COUNT,
                               "ร้อยละของสำนักงาน": Col(decimals=2), "คะแนนเฉลี่ย": SCORE2},
                       notes=("ไม่ผ่านเกณฑ์ = ได้คะแนนต่ำกว่าคะแนนเมื่อทำได้ตามเกณฑ์ (10 คะแนน ยกเว้นตัวชี้วัดที่ 3.1, 4.24 "
                              "และ 4.28 ที่ทำได้ตามเกณฑ์ได้ 7.5 คะแนน)",))


def area_key_table(rubric: Rubric) -> ReportTable:
    """Area numbers used as chart labels, and their names."""
    import pandas as pd

    rows = [{"เลขด้าน": f"{d.number}.{a.number}", "ด้าน": a.name_th} for d, a in rubric.scored_areas()]
    return ReportTable(pd.DataFrame(rows))

