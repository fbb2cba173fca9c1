"""Scoring rules of Thai public-sector KPI evaluation.

* 3-level targets: levels 50 / 75 / 100 (named as the year's document names them,
  e.g. ขั้นต่ำ / มาตรฐาน / ขั้นสูง in FY2564), with a rule
  between levels and below the lowest level (:class:`ScoringRule`).
* Milestone "success levels": a level counts only if every criterion of it
  and of every level below it is met.
* 5-level scales (e.g. 70/75/80/85/90 %).
* Weighted totals and an overall level.

Neither seed prints a rule for results between or below the levels; the
default here (linear interpolation, 0 below level 50, capped at 100) is this
project's choice and is stated in every report that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from .thainum import round_half_up

LEVEL_SCORES = (50, 75, 100)
# The names of the three levels come from each year's source document and are stored in
# params (``level_terms_th`` of kpis.yaml: FY2564 ขั้นต่ำ / มาตรฐาน / ขั้นสูง as seed 002
# prints them). These are only the fallback for a catalog that does not name its levels.
DEFAULT_LEVEL_TERMS = ("ขั้นต้น", "มาตรฐาน", "ขั้นสูง")
LEVEL_LABELS_TH = dict(zip(LEVEL_SCORES, DEFAULT_LEVEL_TERMS))


def level_terms(terms=None) -> tuple[str, str, str]:
    """The three level names (50, 75, 100) as a tuple; ``None`` gives the fallback names."""
    names = tuple(terms) if terms else DEFAULT_LEVEL_TERMS
    if len(names) != 3 or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError(f"three non-empty level names (50, 75, 100) expected, got {list(names)}")
    return names  # type: ignore[return-value]


def level_name(level, terms=None) -> str:
    """Name of a reached level (50/75/100) in the year's terms; 0 is "ต่ำกว่า<lowest level>"."""
    names = level_terms(terms)
    if level in LEVEL_SCORES:
        return names[LEVEL_SCORES.index(level)]
    return "ต่ำกว่า" + names[0]

BETWEEN_RULES = ("linear", "step")
BELOW_RULES = ("zero", "linear_from_zero")


@dataclass(frozen=True)
class ScoringRule:
    """How a result is turned into a 0-100 score against three target levels.

    ``between``: ``"linear"`` interpolates between adjacent levels (50→75→100);
    ``"step"`` gives the score of the highest level reached.
    ``below``: ``"zero"`` gives 0 below level 50; ``"linear_from_zero"``
    interpolates from 0 at ``zero_at`` (default 0) up to 50 at level 50.
    Results at or beyond level 100 score 100 (no extra credit).
    """

    between: str = "linear"
    below: str = "zero"
    zero_at: float = 0.0
    places: int = 2

    def __post_init__(self):
        if self.between not in BETWEEN_RULES:
            raise ValueError(f"between must be one of {BETWEEN_RULES}, got {self.between!r}")
        if self.below not in BELOW_RULES:
            raise ValueError(f"below must be one of {BELOW_RULES}, got {self.below!r}")

    def describe_th(self, terms=None) -> str:
        """Thai description of the rule, naming the levels in the year's terms."""
        low, _, high = level_terms(terms)
        between = (
            "เทียบสัดส่วนเชิงเส้นระหว่างระดับเป้าหมาย" if self.between == "linear"
            else "ให้คะแนนตามระดับเป้าหมายสูงสุดที่บรรลุ"
        )
        below = (
            f"ต่ำกว่าเป้าหมาย{low}ได้ 0 คะแนน" if self.below == "zero"
            else f"ต่ำกว่าเป้าหมาย{low}เทียบสัดส่วนจาก 0 คะแนนที่ผลงาน {self.zero_at:g}"
        )
        return f"{between}; {below}; ถึงหรือเกินเป้าหมาย{high}ได้ 100 คะแนน"


DEFAULT_RULE = ScoringRule()


def check_targets(targets: Sequence[float], direction: str = "higher") -> None:
    """Raise ValueError unless the three levels are strictly monotonic in ``direction``."""
    if len(targets) != 3:
        raise ValueError(f"expected 3 target levels (50/75/100), got {len(targets)}")
    t50, t75, t100 = (float(t) for t in targets)
    if direction == "higher":
        ok = t50 < t75 < t100
        want = "level 50 < level 75 < level 100 (higher is better)"
    elif direction == "lower":
        ok = t50 > t75 > t100
        want = "level 50 > level 75 > level 100 (lower is better)"
    else:
        raise ValueError(f"direction must be 'higher' or 'lower', got {direction!r}")
    if not ok:
        raise ValueError(f"target levels {list(targets)} are not monotonic: expected {want}")


def score_three_level(
    result: float,
    targets: Sequence[float],
    direction: str = "higher",
    rule: ScoringRule = DEFAULT_RULE,
) -> Decimal:
    """Score (0-100) of ``result`` against levels ``(t50, t75, t100)``, rounded half-up."""
    check_targets(targets, direction)
    sign = 1.0 if direction == "higher" else -1.0
    x = sign * float(result)
    t = [sign * float(v) for v in targets]
    zero_at = sign * float(rule.zero_at)
    if x >= t[2]:
        raw = 100.0
    elif x < t[0]:
        if rule.below == "zero" or zero_at >= t[0]:
            raw = 0.0
        else:
            raw = max(0.0, 50.0 * (x - zero_at) / (t[0] - zero_at))
    elif rule.between == "step":
        raw = 75.0 if x >= t[1] else 50.0
    elif x < t[1]:
        raw = 50.0 + 25.0 * (x - t[0]) / (t[1] - t[0])
    else:
        raw = 75.0 + 25.0 * (x - t[1]) / (t[2] - t[1])
    return round_half_up(raw, rule.places)


def level_reached(result: float, targets: Sequence[float], direction: str = "higher") -> int:
    """Highest level (0, 50, 75, 100) whose target ``result`` reaches."""
    check_targets(targets, direction)
    sign = 1.0 if direction == "higher" else -1.0
    reached = 0
    for level, target in zip(LEVEL_SCORES, targets):
        if sign * float(result) >= sign * float(target):
            reached = level
    return reached


def milestone_level(criteria_met: dict[int, Sequence[bool]]) -> int:
    """Success level of a milestone KPI: cumulative over levels in order.

    ``criteria_met`` maps a level (e.g. 50/75/100, or 1..5) to the list of
    booleans for its criteria. A level counts only if all its criteria and all
    criteria of every lower level are met; returns 0 when the first is not.
    """
    reached = 0
    for level in sorted(criteria_met):
        flags = list(criteria_met[level])
        if not flags or not all(bool(f) for f in flags):
            break
        reached = level
    return reached


@dataclass(frozen=True)
class FiveLevelScale:
    """A 5-level scale: ``thresholds[i]`` is the lowest result of level i+1.

    E.g. ``FiveLevelScale((70, 75, 80, 85, 90))``: 70 → level 1, 89.99 → 4, 90 → 5,
    below 70 → 0. Thresholds are inclusive lower bounds (ระดับ i = "ร้อยละ x ขึ้นไป").
    """

    thresholds: tuple
    direction: str = "higher"

    def __post_init__(self):
        values = [float(t) for t in self.thresholds]
        if len(values) != 5:
            raise ValueError(f"a 5-level scale needs 5 thresholds, got {len(values)}")
        pairs = list(zip(values, values[1:]))
        ok = all(a < b for a, b in pairs) if self.direction == "higher" else all(a > b for a, b in pairs)
        if not ok:
            raise ValueError(f"thresholds {values} are not strictly monotonic ({self.direction} is better)")

    def level(self, result: float) -> int:
        sign = 1.0 if self.direction == "higher" else -1.0
        reached = 0
        for i, threshold in enumerate(self.thresholds, start=1):
            if sign * float(result) >= sign * float(threshold):
                reached = i
        return reached

    def score(self, result: float, places: int = 2) -> Decimal:
        """Continuous score 0-5: linear between thresholds, 5 at or above level 5, 0 below level 1."""
        sign = 1.0 if self.direction == "higher" else -1.0
        x = sign * float(result)
        t = [sign * float(v) for v in self.thresholds]
        if x >= t[-1]:
            return round_half_up(5, places)
        if x < t[0]:
            return round_half_up(0, places)
        for i in range(4):
            if t[i] <= x < t[i + 1]:
                return round_half_up(i + 1 + (x - t[i]) / (t[i + 1] - t[i]), places)
        raise AssertionError("unreachable")


@dataclass(frozen=True)
class WeightedItem:
    id: str
    weight: float
    score: float | None  # 0-100, None when not scored


def weighted_score(score, weight) -> Decimal | None:
    """Contribution of one KPI to the total: score × weight / 100."""
    if score is None:
        return None
    return round_half_up(Decimal(str(score)) * Decimal(str(weight)) / 100, 4)


def weighted_total(items: Iterable[WeightedItem]) -> Decimal | None:
    """Sum of weighted scores (None if any item is unscored)."""
    total = Decimal(0)
    for item in items:
        part = weighted_score(item.score, item.weight)
        if part is None:
            return None
        total += part
    return round_half_up(total, 2)


def overall_level(total, terms=None) -> str:
    """Label of the level the weighted total reaches (same 50/75/100 cut-offs), in the year's terms."""
    if total is None:
        return "ไม่ได้ประเมิน"
    value = float(total)
    reached = max((level for level in LEVEL_SCORES if value >= level), default=0)
    return level_name(reached, terms)
