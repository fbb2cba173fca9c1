from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dswlib.scoring import (
    FiveLevelScale,
    ScoringRule,
    check_targets,
    level_reached,
    milestone_level,
    overall_level,
    score_three_level,
)

T31 = [13.16, 17.55, 21.94]


def test_three_level_default_rule():
    assert score_three_level(13.16, T31) == Decimal("50.00")
    assert score_three_level(17.55, T31) == Decimal("75.00")
    assert score_three_level(21.94, T31) == Decimal("100.00")
    # 13.90 is 0.74 of the 4.39 gap above ขั้นต้น: 50 + 25 * 0.74 / 4.39 = 54.21
    assert score_three_level(13.90, T31) == Decimal("54.21")
    assert score_three_level(13.15, T31) == Decimal("0.00")
    assert score_three_level(99, T31) == Decimal("100.00")


def test_step_and_below_rules():
    step = ScoringRule(between="step")
    assert score_three_level(17.0, T31, rule=step) == Decimal("50.00")
    assert score_three_level(18.0, T31, rule=step) == Decimal("75.00")
    soft = ScoringRule(below="linear_from_zero", zero_at=0)
    assert score_three_level(6.58, T31, rule=soft) == Decimal("25.00")


def test_lower_is_better():
    targets = [30, 20, 10]
    assert score_three_level(20, targets, "lower") == Decimal("75.00")
    assert score_three_level(25, targets, "lower") == Decimal("62.50")
    assert score_three_level(35, targets, "lower") == Decimal("0.00")
    assert level_reached(12, targets, "lower") == 75


@pytest.mark.parametrize("targets, direction", [([10, 10, 20], "higher"), ([20, 15, 30], "higher"), ([10, 20, 30], "lower")])
def test_non_monotonic_targets_rejected(targets, direction):
    with pytest.raises(ValueError, match="not monotonic"):
        check_targets(targets, direction)


levels = st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=3, max_size=3, unique=True).map(sorted)


@given(levels, st.floats(min_value=-2e6, max_value=2e6, allow_nan=False), st.floats(min_value=-2e6, max_value=2e6, allow_nan=False),
       st.sampled_from(["linear", "step"]))
def test_score_bounded_and_monotonic(targets, a, b, between):
    assume(targets[0] < targets[1] < targets[2])
    assume(min(abs(targets[1] - targets[0]), abs(targets[2] - targets[1])) > 1e-6)
    rule = ScoringRule(between=between)
    lo, hi = sorted([a, b])
    s_lo = score_three_level(lo, targets, rule=rule)
    s_hi = score_three_level(hi, targets, rule=rule)
    assert 0 <= s_lo <= 100 and 0 <= s_hi <= 100
    assert s_lo <= s_hi
    # lower-is-better mirrors it
    mirrored = [-t for t in targets]
    assert score_three_level(-lo, mirrored, "lower", rule) == s_lo


def test_milestone_is_cumulative():
    assert milestone_level({50: [True, True], 75: [True], 100: [True, False]}) == 75
    # level 100 met but level 75 not: counts only up to 50
    assert milestone_level({50: [True], 75: [False], 100: [True, True]}) == 50
    assert milestone_level({50: [False], 75: [True], 100: [True]}) == 0
    assert milestone_level({1: [True], 2: [True], 3: [True], 4: [False], 5: [True]}) == 3


@given(st.dictionaries(st.sampled_from([1, 2, 3, 4, 5]), st.lists(st.booleans(), min_size=1, max_size=3), min_size=1))
def test_milestone_never_skips_a_failed_level(criteria):
    reached = milestone_level(criteria)
    for level, flags in criteria.items():
        if level <= reached:
            assert all(flags)


def test_five_level_scale():
    scale = FiveLevelScale((70, 75, 80, 85, 90))
    assert [scale.level(v) for v in (69.99, 70, 74.99, 75, 89.99, 90, 100)] == [0, 1, 1, 2, 4, 5, 5]
    assert scale.score(72.5) == Decimal("1.50")
    assert scale.score(95) == Decimal("5.00")
    with pytest.raises(ValueError):
        FiveLevelScale((70, 75, 75, 85, 90))


def test_overall_level_labels():
    assert overall_level(None) == "ไม่ได้ประเมิน"
    assert overall_level(54.17) == "ขั้นต้น"
    assert overall_level(49.99) == "ต่ำกว่าขั้นต้น"
    assert overall_level(100) == "ขั้นสูง"
