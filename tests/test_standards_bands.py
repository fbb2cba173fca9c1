"""Hand-checked indicator scores for every band type of seed 004's rubric (004 L427-1153).

Expected scores are read off the printed bands (line cited per case) and the
decisions in params/standards/DECISIONS.md, never from the code under test.
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.standards.rubric import load_rubric
from dswlib.standards.scoring import percent_value, score_indicator

R = load_rubric("params")


def score(ind_id, **values):
    return score_indicator(R.indicator(ind_id), values)


def s(ind_id, **values):
    r = score(ind_id, **values)
    return None if r.score is None else float(r.score)


# ---- percent bands with whole-number bounds and fractional values (BAND-GAPS, PERCENT) ----
@pytest.mark.parametrize("num,den,expected", [
    (850, 1000, 7.5),    # 004 L462: worked example "ร้อยละ 85 ... 7.5 คะแนน"
    (900, 1000, 10),     # 90 ขึ้นไป (L448)
    (8999, 10000, 7.5),  # 89.99: did not reach 90 -> worse band
    (700, 1000, 7.5),    # 70-89 (L449)
    (6999, 10000, 5),    # 69.99 -> 5
    (500, 1000, 5),      # 50-69 (L450)
    (499, 1000, 2.5),    # ต่ำกว่าร้อยละ 50 (L451)
    (0, 1000, 2.5),      # no 0 band printed for D2.I2: 0 % still 2.5 (NO-ZERO-BAND)
])
def test_d2_i2_percent_letters(num, den, expected):
    assert s("D2.I2", numerator=num, denominator=den) == expected


@pytest.mark.parametrize("num,den,expected", [
    (10, 10, 10), (19999, 20000, 7.5),  # 99.995 rounds to 100.00 but is not all -> 99.99 -> 7.5
    (9, 10, 7.5), (8, 10, 5), (7, 10, 2.5), (0, 10, 2.5),  # 004 L503-506, no 0 band
])
def test_d2_i6_projects_reported_no_zero_band(num, den, expected):
    assert s("D2.I6", numerator=num, denominator=den) == expected


def test_percent_display_never_100_unless_all():
    assert percent_value(19999, 20000) == Decimal("99.99")
    assert percent_value(20000, 20000) == Decimal("100.00")
    assert percent_value(1, 3) == Decimal("33.33")
    assert percent_value(2, 3) == Decimal("66.67")  # half-up
    assert percent_value(1, 8) == Decimal("12.50")


@pytest.mark.parametrize("num,den,expected", [
    (1, 10, 10),      # 10.00 % -> ร้อยละ 10 ลงมา (L536)
    (21, 200, 7.5),   # 10.50 % in the gap (10, 11) -> worse band 7.5
    (1, 9, 7.5),      # 11.11 % -> 11-19 (L537)
    (39, 200, 5),     # 19.50 % in the gap (19, 20) -> worse band 5
    (2, 10, 5), (3, 10, 2.5), (79, 200, 0),  # 39.5 -> 0 (L540 "40 ขึ้นไป" is the worse neighbour)
    (4, 10, 0),
])
def test_d2_i8_lower_is_better(num, den, expected):
    assert s("D2.I8", numerator=num, denominator=den) == expected


@pytest.mark.parametrize("num,den,expected", [
    (10, 10, 10), (8, 10, 7.5), (6, 10, 5), (4, 10, 2.5),
    (39, 100, 0),    # exactly 39: the printed 0 band says "< 39", 2.5 starts at 40 -> 0 (L916-917)
    (79, 200, 0),    # 39.5 -> 0
    (0, 10, 0),
])
def test_d4_i16_gap_at_39(num, den, expected):
    assert s("D4.I16", numerator=num, denominator=den) == expected


@pytest.mark.parametrize("num,den,expected", [(95, 100, 10), (189, 200, 7.5), (85, 100, 7.5), (75, 100, 5), (65, 100, 2.5), (64, 100, 0)])
def test_d4_i34_ninety_five(num, den, expected):
    assert s("D4.I34", numerator=num, denominator=den) == expected  # 004 L1149-1153


# ---- count bands, including "more than" and bare-number readings (WORDING) ----
@pytest.mark.parametrize("value,expected", [(12, 10), (30, 10), (11, 7.5), (8, 7.5), (7, 5), (5, 5), (4, 2.5), (1, 2.5), (0, 0)])
def test_d2_i3_meetings_per_year(value, expected):
    assert s("D2.I3", value=value) == expected  # 004 L469-473


@pytest.mark.parametrize("value,expected", [(5, 10), (4, 7.5), (3, 5), (2, 2.5), (1, 0), (0, 0)])
def test_d2_i1_one_format_scores_zero(value, expected):
    assert s("D2.I1", value=value) == expected  # 004 L433-437


@pytest.mark.parametrize("ind,value,expected", [
    ("D3.I1", 6, 10), ("D3.I1", 5, 7.5), ("D3.I1", 4, 5), ("D3.I1", 2, 2.5), ("D3.I1", 0, 0),   # L603-607
    ("D4.I24", 6, 10), ("D4.I24", 5, 7.5), ("D4.I24", 4, 7.5), ("D4.I24", 3, 5), ("D4.I24", 1, 2.5),  # L1020-1024
    ("D4.I28", 3, 10), ("D4.I28", 2, 7.5), ("D4.I28", 1, 5), ("D4.I28", 0, 0),  # L1073-1076, no 2.5 band
])
def test_meeting_target_gives_7_5(ind, value, expected):
    assert s(ind, value=value) == expected
    assert R.indicator(ind).target_score == Decimal("7.5")  # 004 L411


@pytest.mark.parametrize("ind,value,expected", [
    ("D2.I11", 2, 10), ("D2.I11", 3, 10), ("D2.I11", 1, 5), ("D2.I11", 0, 0),  # "2 ครั้ง/ปี" read as >= 2
    ("D4.I4", 7, 10), ("D4.I4", 6, 10), ("D4.I4", 5, 7.5), ("D4.I4", 2, 5), ("D4.I4", 1, 2.5),  # "6 แผน"
    ("D3.I2", 3, 10), ("D3.I2", 0, 0),
    ("D3.I4", 3, 10), ("D3.I4", 2, 5), ("D3.I4", 0, 0),  # bands kept although the target is 4/yr
    ("D4.I26", 6000, 10), ("D4.I26", 5999, 7.5), ("D4.I26", 1000, 2.5), ("D4.I26", 999, 0),
    ("D4.I33", 2, 7.5), ("D4.I33", 1, 5), ("D4.I33", 0, 0),
    ("D3.I9", 12, 10), ("D3.I9", 11, 7.5), ("D3.I9", 6, 5), ("D3.I9", 5, 2.5), ("D3.I9", 0, 0),
])
def test_count_bands(ind, value, expected):
    assert s(ind, value=value) == expected


@pytest.mark.parametrize("ind,value,expected", [("D2.I10", True, 10), ("D2.I10", False, 0), ("D4.I22", True, 10), ("D4.I25", False, 0)])
def test_yes_no_bands(ind, value, expected):
    assert s(ind, value=value) == expected


# ---- per-month indicators from a yearly total (PER-MONTH) ----
# The 0 bands print "none" ("ไม่มีการประชุม...", L481; "ไม่มีการปรับปรุงข้อมูล", L1064): a year with some
# meetings/updates but fewer than 12 takes the lowest band that is not "none", never 0.
@pytest.mark.parametrize("year,expected", [(24, 10), (30, 10), (23, 5), (12, 5), (11, 5), (6, 5), (1, 5), (0, 0)])
def test_d2_i4_per_month(year, expected):
    assert s("D2.I4", count_year=year) == expected  # 004 L479-481


@pytest.mark.parametrize("year,expected", [(48, 10), (47, 7.5), (36, 7.5), (35, 5), (24, 5), (12, 2.5),
                                           (11, 2.5), (1, 2.5), (0, 0)])
def test_d4_i27_per_month(year, expected):
    assert s("D4.I27", count_year=year) == expected  # 004 L1060-1064


# ---- categorical and two-variable indicators (TWO-VARIABLE) ----
@pytest.mark.parametrize("overall,groups,expected", [
    (True, "all", 10), (True, "some", 7.5), (True, "none", 5), (False, "some", 2.5), (False, "all", 2.5), (False, "none", 0),
])
def test_d2_i5_monitoring_plans(overall, groups, expected):
    assert s("D2.I5", overall_plan=overall, group_plans=groups) == expected  # 004 L492-496


@pytest.mark.parametrize("acts,pct,expected", [
    (3, Decimal(80), 10), (5, Decimal("92.5"), 10),
    (2, Decimal(95), 7.5),          # 1-2 activities at >= 80 %: not printed -> 7.5
    (3, Decimal("79.99"), 7.5),     # gap (79, 80) -> worse band
    (4, Decimal(60), 7.5),          # 4+ activities below 80 %: by the lowest %
    (1, Decimal(59), 5), (3, Decimal(20), 2.5), (3, Decimal(19), 0),
    (0, None, 0),                   # no activity
])
def test_d4_i12_activities_and_lowest_participation(acts, pct, expected):
    assert s("D4.I12", activities=acts, lowest_activity_pct=pct) == expected  # 004 L856-860


def test_d4_i12_missing_percentage_is_missing_not_zero():
    r = score("D4.I12", activities=3, lowest_activity_pct=None)
    assert r.status == "missing" and r.score is None


@pytest.mark.parametrize("projects,joined,invited,expected", [
    (5, 7, 10, 10), (4, 7, 10, 7.5),
    (6, 6, 10, 5),    # >= 5 projects below 70 %: not printed -> by the % (50-69 -> 5)
    (2, 3, 10, 2.5), (2, 29, 100, 0),
    (0, None, None, 0),   # "หรือไม่มีโครงการรณรงค์" (L1087)
    (3, 0, 0, 0),         # nobody invited -> 0 %
])
def test_d4_i29_campaigns(projects, joined, invited, expected):
    assert s("D4.I29", projects=projects, orgs_joined=joined, orgs_invited=invited) == expected


@pytest.mark.parametrize("cases,within,later,expected", [
    (10, 10, 0, 10), (10, 8, 2, 5), (10, 9, 0, 5), (10, 0, 0, 0),
])
def test_d4_i32_report_timeliness(cases, within, later, expected):
    assert s("D4.I32", cases=cases, within_15_days=within, later=later) == expected  # 004 L1124-1126


@pytest.mark.parametrize("plan,review,expected", [(True, True, 10), (True, False, 5), (False, False, 0), (False, True, 0)])
def test_d4_i2_strategy_plan(plan, review, expected):
    assert s("D4.I2", plan_exists=plan, annual_review=review) == expected  # 004 L732-734


@pytest.mark.parametrize("plans,evaluated,expected", [(3, 1, 10), (3, 0, 5), (0, 0, 0)])
def test_d4_i6_plan_evaluation(plans, evaluated, expected):
    assert s("D4.I6", plans=plans, evaluated_reported=evaluated) == expected  # 004 L771-773


@pytest.mark.parametrize("proposed,included,expected", [(2, 1, 10), (2, 0, 5), (0, 0, 0)])
def test_d4_i3_projects_in_provincial_plan(proposed, included, expected):
    assert s("D4.I3", proposed=proposed, included=included) == expected  # 004 L741-743


# ---- zero denominators (MISSING-NA) ----
def test_zero_denominator_policies():
    na = score("D4.I31", numerator=0, denominator=0)
    assert na.status == "na" and na.score is None
    assert score("D4.I32", cases=0, within_15_days=0, later=0).status == "na"
    assert s("D4.I17", numerator=0, denominator=0) == 0  # no survey -> lowest
    assert score("D2.I7", numerator=None, denominator=30).status == "missing"


# ---- properties ----
@given(st.integers(0, 500), st.integers(1, 500))
def test_percent_band_is_monotone(a, b):
    lo, hi = sorted((a, b))
    if hi == 0:
        return
    for ind in ("D2.I7", "D4.I9", "D4.I34", "D2.I2"):
        x = s(ind, numerator=min(lo, hi), denominator=hi)
        y = s(ind, numerator=hi, denominator=hi)
        assert x <= y


@given(st.integers(0, 2000), st.integers(0, 2000))
def test_count_score_never_decreases_with_more(a, b):
    lo, hi = sorted((a, b))
    for ind in ("D2.I3", "D3.I1", "D4.I24", "D4.I26", "D4.I28"):
        assert s(ind, value=lo) <= s(ind, value=hi)
    assert s("D2.I4", count_year=lo) <= s("D2.I4", count_year=hi)


@given(st.integers(0, 100), st.integers(1, 100))
def test_lower_is_better_never_increases_with_more_complaints(a, b):
    lo, hi = sorted((a, min(b, 100)))
    assert s("D2.I8", numerator=lo, denominator=100) >= s("D2.I8", numerator=hi, denominator=100)
