"""Area, dimension and overall scores as seed 004 defines them.

Every level is (sum of indicator scores) / (number of indicators) — never a
mean of means (004 L1163, L586-590, L708-712, L1177-1181, L1928): areas of
dimensions 2-4, each dimension (12 / 9 / 34 indicators), and the overall score
of dimensions 2+3+4 over 55 indicators. The mean is printed half-up to 2
decimals and that printed figure is banded (8.50-10.00 good ... below 3.00
urgent, 004 L415-419).

Missing and not-applicable indicators (DECISIONS.md MISSING-NA):
* *not applicable* indicators leave both the sum and the count (the report
  states the count used, e.g. "จาก 54 ตัวชี้วัด");
* a *missing* indicator makes every aggregate containing it incomplete:
  no mean, no band, and the missing ids are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..thainum import round_half_up
from .rubric import GradeBand, Rubric
from .scoring import MISSING, NA, SCORED, IndicatorResult

COMPLETE, INCOMPLETE, ALL_NA = "complete", "incomplete", "all_na"


def grade_band(rubric: Rubric, mean_2dp) -> GradeBand:
    """The grade band of a 2-decimal mean (the printed bands leave no gap at 2 decimals)."""
    value = Decimal(str(mean_2dp))
    if value != round_half_up(value, 2):
        raise ValueError(f"band a 2-decimal figure, got {value}")
    if not Decimal(0) <= value <= Decimal(10):
        raise ValueError(f"a mean score is between 0 and 10, got {value}")
    for band in rubric.grade_bands:
        if band.min <= value <= band.max:
            return band
    raise AssertionError(f"no grade band for {value}")  # rubric bands tile 0.00-10.00


@dataclass(frozen=True)
class Aggregate:
    level: str  # area | dimension | overall
    key: str  # "D4.A8", "D4", "overall"
    name_th: str
    status: str
    total: Decimal
    n_scored: int
    n_indicators: int
    na_ids: tuple[str, ...] = ()
    missing_ids: tuple[str, ...] = ()
    mean: Fraction | None = field(default=None, compare=False)
    mean_2dp: Decimal | None = None
    band: GradeBand | None = None

    @property
    def max_total(self) -> int:
        return 10 * self.n_scored


def aggregate(rubric: Rubric, level: str, key: str, name_th: str, results: list[IndicatorResult]) -> Aggregate:
    scored = [r for r in results if r.status == SCORED]
    na = tuple(r.id for r in results if r.status == NA)
    missing = tuple(r.id for r in results if r.status == MISSING)
    total = sum((r.score for r in scored), Decimal(0))
    base = dict(level=level, key=key, name_th=name_th, total=total, n_scored=len(scored),
                n_indicators=len(results), na_ids=na, missing_ids=missing)
    if missing:
        return Aggregate(status=INCOMPLETE, **base)
    if not scored:
        return Aggregate(status=ALL_NA, **base)
    mean = Fraction(total) / len(scored)
    mean_2dp = round_half_up(Decimal(mean.numerator) / Decimal(mean.denominator), 2)
    return Aggregate(status=COMPLETE, mean=mean, mean_2dp=mean_2dp, band=grade_band(rubric, mean_2dp), **base)


@dataclass(frozen=True)
class Scores:
    """Everything computed for one assessment."""

    indicators: dict[str, IndicatorResult]
    areas: list[Aggregate]
    dimensions: list[Aggregate]
    overall: Aggregate


def aggregate_all(rubric: Rubric, results: dict[str, IndicatorResult]) -> Scores:
    areas, dims = [], []
    for d in rubric.dimensions:
        if not d.scored:
            continue
        for a in d.areas:
            areas.append(aggregate(rubric, "area", f"D{d.number}.A{a.number}", a.name_th,
                                   [results[i.id] for i in a.indicators()]))
        dims.append(aggregate(rubric, "dimension", f"D{d.number}", d.name_th, [results[i.id] for i in d.indicators()]))
    overall = aggregate(rubric, "overall", "overall", "ภาพรวมมิติที่ 2+3+4",
                        [results[i.id] for i in rubric.scored_indicators()])
    return Scores(results, areas, dims, overall)
