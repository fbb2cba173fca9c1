"""What explore.ipynb calls: numeric frames of any year, cross-year series, findings (issue 14.5)."""

import math

from dswlib.explore import findings_data, series_chart
from dswlib.scorecard import scorecard_frame, scorecards_frame
from dswlib.series import series_table


def test_any_years_scorecard_is_a_numeric_frame(params_dir):
    card = scorecard_frame("๒๕๖๔", params_dir).set_index("kpi_id")
    assert card.loc["3.1", "result"] == 13.9 and card.loc["3.1", "target_75"] == 17.55
    assert card.loc["3.1", "numerator"] == 198 and card.loc["3.1", "denominator"] == 1424
    assert card.loc["1", "result"] == 75 and card.loc["1", "level_th"] == "มาตรฐาน"
    assert math.isclose(card["weighted_score"].drop(["3", "5"]).sum(), 54.171)  # leaves only; composites repeat them
    for column in ("weight", "target_50", "result", "score", "weighted_score", "level_reached"):
        assert card[column].dtype.kind == "f", column
    planning = scorecard_frame(2566, params_dir)
    assert planning["result"].isna().all() and planning["target_50"].notna().any()


def test_cross_year_frames(params_dir):
    both = scorecards_frame(params_dir)
    assert sorted(both["fiscal_year"].unique()) == [2564, 2566]
    wide = series_table(params_dir).set_index("series_id")
    assert wide.loc["irp_returned", 2563] == 72.84 and wide.loc["irp_returned", 2564] == 16.72
    assert wide[2562].dtype.kind == "f"
    assert series_chart(params_dir).png.startswith(b"\x89PNG")


def test_findings_frame_has_the_thai_and_the_technical_place(params_dir):
    frame = findings_data(2564, params_dir)
    row = frame[frame["code"] == "numerator_above_denominator"].iloc[0]
    assert row["where"].startswith("facilities_kpi3_2.csv") and row["where_th"].startswith("ตารางตัวชี้วัดที่ 3.2")
    assert row["source"] == "002 L463"
