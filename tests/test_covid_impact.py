"""Computed COVID impact on the KPIs (series from seeds 002 and 000) and the comparison with Table 1."""

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.covid.impact import (
    AGREE, CANNOT, DISAGREE, INCONCLUSIVE, compare_with_narrative, compute_impacts, drop_flag, impact_frame,
)
from dswlib.covid import CovidReport
from dswlib.covid.report import catalog_targets
from dswlib.series import load_series

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
# FY2564 target levels, seed 002 L345, L444, L552, L763
TARGETS = {"3.1": (13.16, 17.55, 21.94), "3.2": (72.84, 74.97, 77.10), "4": (73.77, 74.54, 75.31),
           "5.2": (370, 407.02, 415.16)}
TERMS = ("ขั้นต่ำ", "มาตรฐาน", "ขั้นสูง")  # seed 002 L180
D = Decimal


@pytest.fixture(scope="module")
def impacts():
    """With FY2563 put in the baseline on purpose (2 points): the rule-of-thumb drop check."""
    return {i.kpi_id: i for i in compute_impacts(load_series(PARAMS), 2564, [2562, 2563], TARGETS, TERMS)}


@pytest.fixture(scope="module")
def report():
    """The report as built by default: baseline FY2562 only, FY2563 the first-wave year."""
    return CovidReport.load(fiscal_year=2564, params_dir=PARAMS)


def test_only_fy2564_kpis_with_series(impacts):
    assert sorted(impacts) == ["3.1", "3.2", "4", "5.2"]


@pytest.mark.parametrize("kpi, before, after, change", [
    ("3.2", "72.84", "16.72", "-56.12"),  # 002 L451
    ("4", "71.41", "50.01", "-21.40"),    # 002 L559
    ("3.1", "15.92", "13.90", "-2.02"),   # 002 L352
])
def test_change_from_previous_year_matches_the_seed(impacts, kpi, before, after, change):
    i = impacts[kpi]
    assert (i.previous_year, i.previous, i.value, i.change_previous) == (2563, D(before), D(after), D(change))


def _by_kpi(frame):
    return frame.set_index(frame["ตัวชี้วัด"].str.split(" ").str[0])


def test_impact_table_holds_the_seed_figures_as_numbers(impacts):
    table = _by_kpi(impact_frame(list(impacts.values())))
    assert table.loc["3.2", ["ผล ปี 2563", "ผล ปี 2564", "เปลี่ยนจากปีก่อน"]].tolist() == [72.84, 16.72, -56.12]
    assert table.loc["4", ["ผล ปี 2563", "ผล ปี 2564", "เปลี่ยนจากปีก่อน"]].tolist() == [71.41, 50.01, -21.40]
    assert table.loc["3.1", "เปลี่ยนจากปีก่อน"] == -2.02
    assert table["เปลี่ยนจากปีก่อน"].dtype.kind == "f"  # sortable, computable


def test_impact_table_prints_the_seed_figures(report):
    html = report.impact_table().to_html()
    for figure in (">72.84<", ">16.72<", ">-56.12<", ">-21.40<", ">+19.84<", ">+0.74<", ">-2.02<"):
        assert figure in html, figure


def test_baseline_mean_and_change(impacts):
    # (69.97 + 72.84) / 2 = 71.405 -> 71.41 (half-up); 16.72 - 71.41 = -54.69
    assert impacts["3.2"].baseline_mean == D("71.41") and impacts["3.2"].change_baseline == D("-54.69")
    # (70.64 + 71.41) / 2 = 71.025 -> 71.03
    assert impacts["4"].baseline_mean == D("71.03") and impacts["4"].change_baseline == D("-21.02")


def test_distance_to_target_levels(impacts):
    assert impacts["3.2"].distances == (D("-56.12"), D("-58.25"), D("-60.38"))
    assert impacts["4"].distances == (D("-23.76"), D("-24.53"), D("-25.30"))
    assert impacts["3.1"].distances == (D("0.74"), D("-3.65"), D("-8.04"))
    assert impacts["3.1"].level_reached == "ขั้นต่ำ (50)"
    assert impacts["3.2"].level_reached == "ต่ำกว่าขั้นต่ำ"
    assert impacts["5.2"].level_reached == "ขั้นสูง (100)"  # 426.86 >= 415.16


def test_drop_flags_with_two_pre_covid_points(impacts):
    assert impacts["3.2"].flagged is True and impacts["4"].flagged is True
    assert impacts["3.1"].flagged is False  # -2.02 is within the pre-COVID move of 4.39
    assert impacts["5.2"].flagged is False
    assert impacts["3.2"].threshold == D("69.97")  # 72.84 - 2.87
    assert "2 จุด" in impacts["3.2"].method_th and "ไม่พอประมาณแนวโน้ม" in impacts["3.2"].method_th


def test_trend_fit_used_with_three_points():
    points = [(2560, D("10")), (2561, D("12")), (2562, D("14.5"))]
    flagged, lower, method = drop_flag(points, 2564, D("5"))
    assert flagged is True and "การถดถอยเชิงเส้น" in method and lower < D("18.6")
    flagged, _, _ = drop_flag(points, 2564, D("18.5"))
    assert flagged is False


def test_too_few_points_gives_no_flag():
    flagged, threshold, method = drop_flag([(2563, D("72.84"))], 2564, D("16.72"))
    assert flagged is None and threshold is None and "ไม่พอ" in method


def test_targets_come_from_the_catalog():
    targets, kpi_ids = catalog_targets(PARAMS, 2564)
    assert {k: tuple(round(t, 2) for t in v) for k, v in targets.items()} == TARGETS
    assert {"1", "2", "5.1"} <= set(kpi_ids)


def test_comparison_with_two_points_never_disagrees(impacts):
    table = compare_with_narrative(list(impacts.values()), ["1", "2", "3", "3.1", "3.2", "4"],
                                   ["1", "2", "3", "3.1", "3.2", "4", "5", "5.1", "5.2"])
    verdict = table.set_index("ตัวชี้วัด")["ผลเปรียบเทียบ"].to_dict()
    # 3.1 is listed but not flagged by the 2-point rule of thumb: not enough to say the data contradict the document
    assert verdict == {"ตัวชี้วัดที่ 1": CANNOT, "ตัวชี้วัดที่ 2": CANNOT, "ตัวชี้วัดที่ 3.1": INCONCLUSIVE,
                       "ตัวชี้วัดที่ 3.2": AGREE, "ตัวชี้วัดที่ 4": AGREE, "ตัวชี้วัดที่ 5.1": CANNOT,
                       "ตัวชี้วัดที่ 5.2": AGREE}
    assert table["ระบุในตารางที่ 1"].tolist() == [True, True, True, True, True, False, False]


def test_data_flag_not_in_narrative_with_two_points_is_inconclusive(impacts):
    table = compare_with_narrative(list(impacts.values()), ["1", "3.2"])
    verdict = table.set_index("ตัวชี้วัด")["ผลเปรียบเทียบ"].to_dict()
    assert verdict["ตัวชี้วัดที่ 4"] == INCONCLUSIVE and verdict["ตัวชี้วัดที่ 3.2"] == AGREE


def test_disagreement_needs_a_statistical_test():
    # 3 pre-COVID points give a trend and a prediction interval: only then can the data contradict the document
    series = _series({2560: D("70"), 2561: D("71"), 2562: D("72"), 2563: D("60"), 2564: D("40")})
    (impact,) = compute_impacts(series, 2564, [2560, 2561, 2562], first_wave_years=[2563])
    assert impact.flagged is True
    verdict = compare_with_narrative([impact], [])  # flagged, but the document does not list it
    assert verdict.iloc[0]["ผลเปรียบเทียบ"] == DISAGREE
    assert compare_with_narrative([impact], ["9"]).iloc[0]["ผลเปรียบเทียบ"] == AGREE


def test_default_baseline_is_fy2562_and_fy2563_is_the_first_wave(report):
    assert report.baseline_years == (2562,) and report.first_wave_years == (2563,)
    impacts = {i.kpi_id: i for i in report.impacts}
    # 3.2: pre-COVID 69.97 (FY2562, 002 L451); first wave 72.84 (FY2563); 16.72 - 69.97 = -53.25
    assert impacts["3.2"].baseline_mean == D("69.97") and impacts["3.2"].change_baseline == D("-53.25")
    assert impacts["3.2"].first_wave == ((2563, D("72.84")),)
    assert impacts["4"].change_baseline == D("-20.63")  # 50.01 - 70.64 (002 L559)
    assert impacts["3.2"].change_previous == D("-56.12")  # the seed's own change is unchanged
    table = _by_kpi(report.impact_table().data)
    assert table.loc["3.2", "ก่อนโควิด (ปี 2562)"] == 69.97
    assert table.loc["3.2", "ปีระบาดระลอกแรก (ปี 2563)"] == 72.84
    assert "ห่างจากขั้นต่ำ (50)" in table.columns


def test_one_pre_covid_point_says_what_can_and_cannot_be_concluded(report):
    table = report.comparison_frame.set_index(report.comparison_frame["ตัวชี้วัด"].str.removeprefix("ตัวชี้วัดที่ "))
    assert not (table["ผลเปรียบเทียบ"] == DISAGREE).any()
    assert set(table["ผลเปรียบเทียบ"]) <= {INCONCLUSIVE, CANNOT}
    assert "53.25" in table.loc["3.2", "สิ่งที่ข้อมูลบอกได้"] and "56.12" in table.loc["3.2", "สิ่งที่ข้อมูลบอกได้"]
    assert "เพียง 1 ปี" in table.loc["3.2", "สิ่งที่ข้อมูลยังบอกไม่ได้"]
    # 3.1 is listed as affected yet above its FY2562 value: said plainly, never called a contradiction
    assert "สูงกว่าค่าก่อนโควิดปี 2562" in table.loc["3.1", "สิ่งที่ข้อมูลบอกได้"]
    assert "ไม่ถือว่าข้อมูลขัดกับเอกสาร" in table.loc["3.1", "สิ่งที่ข้อมูลยังบอกไม่ได้"]


def test_first_wave_year_in_the_baseline_is_noted():
    rep = CovidReport.load(fiscal_year=2564, params_dir=PARAMS, baseline_years=[2562, 2563])
    assert rep.first_wave_years == () and any("ระบาดระลอกแรก" in n for n in rep.notes)


def test_covid_yaml_rejects_a_first_wave_year_in_the_baseline(tmp_path):
    import shutil

    from dswlib.covid.model import load_covid
    from dswlib.errors import ParamsError

    (tmp_path / "2564").mkdir()
    path = tmp_path / "2564" / "covid.yaml"
    shutil.copy(PARAMS / "2564" / "covid.yaml", path)
    path.write_text(path.read_text(encoding="utf-8").replace("pre_covid_years: [2562]", "pre_covid_years: [2562, 2563]"),
                    encoding="utf-8")
    with pytest.raises(ParamsError) as info:
        load_covid(tmp_path, 2564)
    assert "covid.yaml" in str(info.value) and "first-wave" in str(info.value)


def _series(values):
    rows = [{"series_id": "s", "kpi_id": "9", "fiscal_year": y, "label_th": "x", "value": float(v),
             "numerator": None, "denominator": None, "unit": "ร้อยละ", "source": "002 L1"} for y, v in values.items()]
    return pd.DataFrame(rows)


two_places = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(two_places, two_places, two_places)
def test_changes_are_exact_differences_of_printed_values(a, b, c):
    (impact,) = compute_impacts(_series({2562: a, 2563: b, 2564: c}), 2564, [2562, 2563])
    assert impact.change_previous == c - b
    assert impact.baseline_mean == Decimal((a + b) / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert impact.flagged == (c < b - abs(b - a))
