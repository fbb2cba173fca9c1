"""What it takes to reach the next grade band: the indicators that cost points, and the fewest
indicator improvements that lift the overall score (dimensions 2+3+4) into the next band.

The overall score is total / number of scored indicators, printed half-up to 2 decimals and
banded on that printed figure (DECISIONS.md GRADE-BANDS). Reaching band B with n indicators
therefore needs total / n >= B.min - 0.005. Raising indicator i from score s to the indicator's
top score adds (top - s); the fewest indicators that can close the gap are those with the
largest possible gains (a greedy choice is optimal for "fewest items whose gains reach a sum").
The last one chosen is raised only to the lowest score of its bands that still closes the gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .aggregate import COMPLETE, Scores
from .rubric import GradeBand, Indicator, Rubric

HALF_CENT = Fraction(1, 200)


@dataclass(frozen=True)
class Step:
    indicator: str
    score: Decimal  # now
    target: Decimal  # score to reach
    printed_th: str  # the band's printed condition for ``target``

    @property
    def gain(self) -> Decimal:
        return self.target - self.score


@dataclass
class NextBand:
    current: GradeBand | None
    next: GradeBand | None
    need: Fraction = Fraction(0)  # points of total still needed
    steps: list[Step] = field(default_factory=list)
    reason: str = ""  # "top" | "incomplete" | "" (a plan exists)

    def new_total(self, overall) -> Decimal:
        """The sum of indicator scores once every step is taken."""
        return overall.total + sum((s.gain for s in self.steps), Decimal(0))

    def new_mean_2dp(self, overall) -> Decimal:
        """The overall score (2 decimals, half-up) once every step is taken."""
        from ..thainum import round_half_up

        return round_half_up(self.new_total(overall) / overall.n_scored, 2)

    @property
    def reachable(self) -> bool:
        return self.next is not None and bool(self.steps)


def top_score(ind: Indicator) -> Decimal:
    return max(b.score for b in ind.bands)


def next_score(ind: Indicator, score) -> tuple[Decimal, str] | None:
    """The indicator's next band above ``score``: (score, printed condition); None at the top."""
    higher = sorted((b for b in ind.bands if b.score > Decimal(str(score))), key=lambda b: b.score)
    return (higher[0].score, higher[0].printed_th) if higher else None


def points_lost(rubric: Rubric, scores: Scores) -> list[tuple[Indicator, Decimal, Decimal]]:
    """(indicator, score, points lost against 10) of every scored indicator below 10, most lost first
    (rubric order among equals)."""
    out = []
    for ind in rubric.scored_indicators():
        r = scores.indicators[ind.id]
        if r.status == "scored" and r.score < Decimal(10):
            out.append((ind, r.score, Decimal(10) - r.score))
    return sorted(out, key=lambda t: -t[2])  # stable: rubric order among equals


def next_band_plan(rubric: Rubric, scores: Scores) -> NextBand:
    overall = scores.overall
    bands = list(rubric.grade_bands)  # best first
    if overall.status != COMPLETE:
        return NextBand(None, None, reason="incomplete")
    k = bands.index(overall.band)
    if k == 0:
        return NextBand(overall.band, None, reason="top")
    target_band = bands[k - 1]
    n = overall.n_scored
    threshold = n * (Fraction(target_band.min) - HALF_CENT)
    need = max(Fraction(0), threshold - Fraction(overall.total))
    candidates = []
    for ind in rubric.scored_indicators():
        r = scores.indicators[ind.id]
        if r.status == "scored" and r.score < top_score(ind):
            candidates.append((ind, r.score))
    candidates.sort(key=lambda c: -(top_score(c[0]) - c[1]))  # stable: rubric order among equals
    steps: list[Step] = []
    gained = Fraction(0)
    for ind, score in candidates:
        if gained >= need:
            break
        rest = need - gained
        # the lowest band score that closes the gap; the top score when none does
        options = sorted(b.score for b in ind.bands if b.score > score)
        target = next((s for s in options if Fraction(s - score) >= rest), options[-1])
        printed = next(b.printed_th for b in ind.bands if b.score == target)
        steps.append(Step(ind.id, score, target, printed))
        gained += Fraction(target - score)
    if gained < need:
        steps = []
    return NextBand(overall.band, target_band, need, steps)
