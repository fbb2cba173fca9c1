"""What-if: the result a KPI needs to reach the next target level or a given score."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional, Sequence

from .scoring import DEFAULT_LEVEL_TERMS, LEVEL_SCORES, ScoringRule, check_targets, level_name, level_reached
from .thainum import round_half_up


@dataclass(frozen=True)
class NextLevel:
    kpi_id: str
    result: Optional[float]
    level: Optional[int]
    next_level: Optional[int]  # None when ขั้นสูง is already reached
    target: Optional[float]
    gap: Optional[Decimal]  # how much the result must still move (in the KPI's direction)
    terms: tuple = DEFAULT_LEVEL_TERMS  # the year's names of the levels 50 / 75 / 100

    @property
    def label_th(self) -> str:
        if self.next_level is None:
            return f"บรรลุเป้าหมาย{level_name(100, self.terms)}แล้ว"
        return f"ต้องการอีก {self.gap} เพื่อถึง{level_name(self.next_level, self.terms)} ({self.target:g})"


def next_level(kpi_id: str, result, targets: Sequence[float], direction: str = "higher",
               terms=DEFAULT_LEVEL_TERMS) -> NextLevel:
    """The next level above the one ``result`` reaches, its target and the remaining gap."""
    check_targets(targets, direction)
    if result is None:
        return NextLevel(kpi_id, None, None, 50, float(targets[0]), None, terms)
    level = level_reached(result, targets, direction)
    for lvl, target in zip(LEVEL_SCORES, targets):
        if lvl > level:
            sign = 1 if direction == "higher" else -1
            gap = round_half_up(sign * (Decimal(str(target)) - Decimal(str(result))), 2)
            return NextLevel(kpi_id, float(result), level, lvl, float(target), gap, terms)
    return NextLevel(kpi_id, float(result), level, None, None, None, terms)


def result_for_score(score: float, targets: Sequence[float], direction: str = "higher",
                     rule: ScoringRule = ScoringRule()) -> Decimal:
    """Smallest result (largest when lower is better) that earns ``score`` (50-100) under ``rule``.

    The inverse of :func:`dswlib.scoring.score_three_level` on the interpolated range.
    """
    check_targets(targets, direction)
    score = float(score)
    if not 50 <= score <= 100:
        raise ValueError(f"score must be between 50 and 100 to invert, got {score}")
    t = [float(v) for v in targets]
    if rule.between == "step":
        return Decimal(str(t[0] if score <= 50 else t[1] if score <= 75 else t[2]))
    if score <= 75:
        value = t[0] + (score - 50) / 25 * (t[1] - t[0])
    else:
        value = t[1] + (score - 75) / 25 * (t[2] - t[1])
    return round_half_up(value, 2)


def what_if_frame(scorecard):
    """One row per numeric KPI with targets: result, level, next level, its target and the gap (numbers; NaN when none)."""
    import pandas as pd

    rows = []
    terms = scorecard.catalog.terms
    for row in scorecard.rows:
        k = row.kpi
        if not k.is_numeric or k.targets is None:  # targets not decided yet (planning year)
            continue
        nl = next_level(k.id, row.result, k.targets, k.direction, terms)
        rows.append({
            "ตัวชี้วัด": k.id,
            "ผลการดำเนินงาน": _num(row.result),
            "ระดับปัจจุบัน": None if nl.level is None else level_name(nl.level, terms),
            "ระดับถัดไป": None if nl.next_level is None else level_name(nl.next_level, terms),
            "ค่าเป้าหมาย": _num(nl.target),
            "ส่วนต่างที่ต้องเพิ่ม": _num(nl.gap),
        })
    return pd.DataFrame(rows, columns=["ตัวชี้วัด", "ผลการดำเนินงาน", "ระดับปัจจุบัน", "ระดับถัดไป", "ค่าเป้าหมาย",
                                       "ส่วนต่างที่ต้องเพิ่ม"])


def _num(value) -> float:
    return float("nan") if value is None else float(value)


def results_for_scores(scorecard, scores=(75, 90)):
    """The result each numeric KPI needs for each score in ``scores`` under the year's scoring rule (numbers)."""
    import pandas as pd

    rows = []
    for row in scorecard.rows:
        k = row.kpi
        if not k.is_numeric or k.targets is None:  # a planning year may not have decided them yet
            continue
        rows.append({"ตัวชี้วัด": k.id, **{f"คะแนน {s:g}": float(result_for_score(s, k.targets, k.direction, scorecard.rule))
                                           for s in scores}})
    return pd.DataFrame(rows, columns=["ตัวชี้วัด", *(f"คะแนน {s:g}" for s in scores)])


def next_level_scenario(scorecard) -> dict:
    """``{kpi_id: result}``: each numeric KPI at the target of its next level (or its result when at the top).

    A starting point for :func:`what_if`: edit the dict to try other results.
    """
    out = {}
    terms = scorecard.catalog.terms
    for row in scorecard.rows:
        k = row.kpi
        if not k.is_numeric or k.targets is None:
            continue
        nl = next_level(k.id, row.result, k.targets, k.direction, terms)
        out[k.id] = nl.target if nl.target is not None else float(row.result)
    return out


def what_if(scorecard, results: dict):
    """Re-score the year with some results replaced: per KPI (and the total) the score before and after.

    ``results`` maps numeric KPI ids to a result (``{"3.2": 74.97}``); a milestone or composite KPI,
    or an unknown id, is a ``ValueError`` naming it. Targets, weights and the scoring rule stay the year's.
    """
    import pandas as pd

    from .scorecard import build_scorecard

    catalog = scorecard.catalog.model_copy(deep=True)
    for kpi_id, value in results.items():
        try:
            kpi = catalog.kpi(str(kpi_id))
        except KeyError:
            raise ValueError(f"what_if: no KPI {kpi_id!r} in fiscal year {catalog.fiscal_year}") from None
        if not kpi.is_numeric or kpi.targets is None:
            raise ValueError(f"what_if: KPI {kpi_id} is {kpi.kind} without numeric targets; give results of numeric KPIs only")
        from .catalog import Result

        kpi.result = Result(value=float(value)) if kpi.result is None else kpi.result.model_copy(
            update={"value": float(value), "numerator": None, "denominator": None})
    after = build_scorecard(catalog, [], scorecard.rule)
    rows = []
    for old, new in zip(scorecard.rows, after.rows):
        rows.append({"ตัวชี้วัด": old.kpi.id, "ผลเดิม": _num(old.result if old.kpi.kind != "milestone" else old.level),
                     "ผลสมมติ": _num(new.result if new.kpi.kind != "milestone" else new.level),
                     "คะแนนเดิม": _num(old.score), "คะแนนสมมติ": _num(new.score),
                     "คะแนนถ่วงน้ำหนักเดิม": _num(old.weighted), "คะแนนถ่วงน้ำหนักสมมติ": _num(new.weighted)})
    rows.append({"ตัวชี้วัด": "รวม", "ผลเดิม": None, "ผลสมมติ": None, "คะแนนเดิม": None, "คะแนนสมมติ": None,
                 "คะแนนถ่วงน้ำหนักเดิม": _num(scorecard.total), "คะแนนถ่วงน้ำหนักสมมติ": _num(after.total)})
    frame = pd.DataFrame(rows)
    frame.attrs["level_before"], frame.attrs["level_after"] = scorecard.level, after.level
    return frame
