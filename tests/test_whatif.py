from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from dswlib.scorecard import load_scorecard
from dswlib.scoring import score_three_level
import pytest

from dswlib.whatif import next_level, next_level_scenario, result_for_score, results_for_scores, what_if, what_if_frame


def test_next_level_of_fy2564_kpis():
    # 3.1: 13.90 is above ขั้นต้น 13.16; มาตรฐาน 17.55 needs 3.65 more
    nl = next_level("3.1", 13.90, [13.16, 17.55, 21.94])
    assert (nl.level, nl.next_level, nl.target, nl.gap) == (50, 75, 17.55, Decimal("3.65"))
    # KPI 4: 50.01 needs 23.76 to reach ขั้นต้น 73.77
    assert next_level("4", 50.01, [73.77, 74.54, 75.31]).gap == Decimal("23.76")
    assert next_level("5.2", 426.86, [370, 407.02, 415.16]).next_level is None
    assert next_level("x", 25, [30, 20, 10], "lower").gap == Decimal("5.00")


@given(st.floats(min_value=50, max_value=100), st.lists(st.integers(0, 10_000), min_size=3, max_size=3, unique=True).map(sorted))
def test_result_for_score_inverts_scoring(score, targets):
    assume(targets[1] - targets[0] >= 10 and targets[2] - targets[1] >= 10)
    needed = result_for_score(score, targets)
    got = score_three_level(float(needed), targets)
    assert abs(float(got) - score) <= 25 * 0.01 / min(targets[1] - targets[0], targets[2] - targets[1]) + 0.01


def test_what_if_frame(params_dir):
    frame = what_if_frame(load_scorecard(params_dir, 2564))
    assert list(frame["ตัวชี้วัด"]) == ["3.1", "3.2", "4", "5.2"]
    assert frame.set_index("ตัวชี้วัด").loc["3.2", "ส่วนต่างที่ต้องเพิ่ม"] == 56.12  # a number, sortable
    assert frame["ผลการดำเนินงาน"].dtype.kind == "f" and frame["ค่าเป้าหมาย"].dtype.kind == "f"


def test_results_for_scores_are_numbers(params_dir):
    frame = results_for_scores(load_scorecard(params_dir, 2564)).set_index("ตัวชี้วัด")
    assert frame.loc["3.1", "คะแนน 75"] == 17.55 and frame.loc["3.1", "คะแนน 90"] == 20.18  # 17.55 + 15/25 × 4.39


def test_what_if_rescored_year(params_dir):
    card = load_scorecard(params_dir, 2564)
    frame = what_if(card, {"3.2": 74.97, "4": 75.31}).set_index("ตัวชี้วัด")
    assert frame.loc["3.2", "คะแนนสมมติ"] == 75.0 and frame.loc["4", "คะแนนสมมติ"] == 100.0
    assert frame.loc["3.2", "คะแนนเดิม"] == 0.0
    # 54.17 + 3.2's 7.5 (75 % of 10) + KPI 4's 20 = 81.67
    assert frame.loc["รวม", "คะแนนถ่วงน้ำหนักเดิม"] == 54.17 and frame.loc["รวม", "คะแนนถ่วงน้ำหนักสมมติ"] == 81.67
    assert card.total == Decimal("54.17")  # the year's own scorecard is untouched
    scenario = next_level_scenario(card)
    assert scenario["3.1"] == 17.55 and scenario["5.2"] == 426.86
    with pytest.raises(ValueError, match="KPI 1"):
        what_if(card, {"1": 100})
    with pytest.raises(ValueError, match="'9'"):
        what_if(card, {"9": 1})
