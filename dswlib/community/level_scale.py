"""Percent-threshold scales: criterion 5.1 (scores 1-5 at 70/75/80/85/90 %) and KPI 2.1 tiers.

The seed prints only the thresholds (003 L196-L202). Decisions D1-D3 in
``params/community/DECISIONS.md``: a level is reached when the percent is at
least its threshold; below the first threshold the score is 0; between
thresholds the score stays at the lower level (a step function, no
interpolation); the percent is compared as printed, i.e. after rounding
half-up to 2 decimals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Sequence

from ..thainum import round_half_up


def score_for_percent(percent, thresholds: Sequence[tuple], below=0):
    """Highest score whose minimum percent is ``<= percent``; ``below`` under the lowest.

    ``thresholds`` is ``[(min_percent, score), ...]`` in increasing order
    (e.g. ``[(70, 1), (75, 2), (80, 3), (85, 4), (90, 5)]``).
    """
    value = Decimal(str(percent))
    if value.is_nan():
        raise ValueError("percent is not a number")
    result = below
    for minimum, score in thresholds:
        if value >= Decimal(str(minimum)):
            result = score
        else:
            break
    return result


def check_percent(value, *, source="<input>", where=None, raw=None) -> Decimal:
    """``value`` as a Decimal when it is a percentage 0-100; ParamsError naming ``source``/``where`` otherwise."""
    from ..errors import ParamsError

    number = Decimal(str(value))
    if number.is_nan() or not Decimal(0) <= number <= Decimal(100):
        raise ParamsError(source, where, "a percentage 0-100", value if raw is None else raw)
    return number


def integration_thresholds(criteria) -> list[tuple[Decimal, int]]:
    """``[(70, 1), ..., (90, 5)]`` from criterion 5.1 in ``criteria.yaml``."""
    return [(lv.min_percent, lv.score) for lv in criteria.integration.levels]


def kpi_2_1_thresholds(criteria) -> list[tuple[Decimal, int]]:
    """``[(70, 50), (80, 75), (90, 100)]`` from appendix KPI 2.1."""
    return [(t.min_percent, t.points) for t in criteria.ops_kpi_2_1.tiers]


def integration_percent(results: Iterable, denominator: int) -> Decimal:
    """Sum of the departments' results (each a percent 0-100) divided by ``denominator``.

    The seed prints "ผลรวม ... X 100" over 7 (003 L192-L194): with results
    already in percent this is their mean (D2). Rounded half-up to 2 decimals.
    """
    values = [Decimal(str(v)) for v in results]
    if len(values) != denominator:
        raise ValueError(f"expected {denominator} results, got {len(values)}")
    return round_half_up(sum(values, Decimal(0)) / Decimal(denominator), 2)


def score_integration(percent, criteria) -> int:
    """Criterion 5.1 score 0-5 for a percent 0-100 (compared after rounding to 2 decimals)."""
    check_percent(percent, where="criterion 5.1 percent")
    return score_for_percent(
        round_half_up(percent, 2), integration_thresholds(criteria), criteria.integration.below_lowest_score
    )


def points_kpi_2_1(percent, criteria) -> int:
    """Appendix KPI 2.1 points 0/50/75/100 for a percent 0-100."""
    check_percent(percent, where="KPI 2.1 percent")
    return score_for_percent(
        round_half_up(percent, 2), kpi_2_1_thresholds(criteria), criteria.ops_kpi_2_1.below_lowest_points
    )
