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
    """One row per numeric KPI with a result: level, next level, target and the gap to it."""
    import pandas as pd

    rows = []
    for row in scorecard.rows:
        k = row.kpi
        if not k.is_numeric or k.targets is None:  # targets not decided yet (planning year)
            continue
        terms = scorecard.catalog.terms
        nl = next_level(k.id, row.result, k.targets, k.direction, terms)
        rows.append({
            "ตัวชี้วัด": k.id,
            "ผลการดำเนินงาน": "-" if row.result is None else f"{row.result:,.2f}",
            "ระดับปัจจุบัน": "-" if nl.level is None else level_name(nl.level, terms),
            "ระดับถัดไป": "-" if nl.next_level is None else level_name(nl.next_level, terms),
            "ค่าเป้าหมาย": "-" if nl.target is None else f"{nl.target:,.2f}",
            "ส่วนต่างที่ต้องเพิ่ม": "-" if nl.gap is None else f"{nl.gap:,.2f}",
        })
    return pd.DataFrame(rows)
