"""Area / dimension / overall aggregation and grade bands (004 L415-419, L1163-1189, L1928)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.standards.aggregate import aggregate, aggregate_all, grade_band
from dswlib.standards.rubric import load_rubric
from dswlib.standards.scoring import IndicatorResult

R = load_rubric("params")
GOOD, FAIRLY, SHOULD, MUST, URGENT = (b.label_th for b in R.grade_bands)


def res(ind_id, score=None, status="scored"):
    return IndicatorResult(ind_id, status, None if score is None else Decimal(str(score)))


def all_results(default=10, **overrides):
    out = {i.id: res(i.id, default) for i in R.scored_indicators()}
    for key, value in overrides.items():
        ind_id = key.replace("_", ".")
        out[ind_id] = value if isinstance(value, IndicatorResult) else res(ind_id, value)
    return out


def test_worked_example_area_8():
    # 004 L1165-1175: 10 + 7.5 + 10 + 10 + 5 + 7.5 = 50; 50/6 = 8.33 -> ผ่านเกณฑ์ในระดับค่อนข้างดี
    scores = {"D4.I25": 10, "D4.I26": 7.5, "D4.I27": 10, "D4.I28": 10, "D4.I29": 5, "D4.I30": 7.5}
    agg = aggregate(R, "area", "D4.A8", "", [res(k, v) for k, v in scores.items()])
    assert agg.total == 50 and agg.n_scored == 6
    assert agg.mean_2dp == Decimal("8.33")
    assert agg.band.label_th == FAIRLY == "ผ่านเกณฑ์ในระดับค่อนข้างดี"


def test_worked_example_dimension_4():
    # 004 L1183-1189: 300/34 = 8.82 -> ผ่านเกณฑ์ในระดับดี (e.g. 18 x 10 + 16 x 7.5 = 300)
    d4 = [i.id for i in R.scored_indicators() if i.dimension == 4]
    results = all_results(**{k.replace(".", "_"): 7.5 for k in d4[:16]})
    scores = aggregate_all(R, results)
    dim4 = next(d for d in scores.dimensions if d.key == "D4")
    assert dim4.total == 300 and dim4.n_scored == 34
    assert dim4.mean_2dp == Decimal("8.82") and dim4.band.label_th == GOOD


def test_dimension_is_not_the_mean_of_area_means():
    # D4: one area of 1 indicator at 0, others 10 -> 330/34 = 9.71, mean of 10 area means would be 9.0
    scores = aggregate_all(R, all_results(D4_I7=0))
    dim4 = next(d for d in scores.dimensions if d.key == "D4")
    assert dim4.mean_2dp == Decimal("9.71")
    area3 = next(a for a in scores.areas if a.key == "D4.A3")
    assert area3.mean_2dp == Decimal("0.00") and area3.band.label_th == URGENT


def test_overall_is_sum_over_55():
    # 12 x 10 (D2) + 9 x 5 (D3) + 34 x 7.5 (D4) = 120 + 45 + 255 = 420; 420/55 = 7.636 -> 7.64
    results = {}
    for i in R.scored_indicators():
        results[i.id] = res(i.id, {2: 10, 3: 5, 4: 7.5}[i.dimension])
    scores = aggregate_all(R, results)
    assert scores.overall.n_scored == 55 and scores.overall.total == 420
    assert scores.overall.mean_2dp == Decimal("7.64") and scores.overall.band.label_th == FAIRLY
    # the simple mean of the three dimension means would be (10 + 5 + 7.5) / 3 = 7.50
    assert [d.mean_2dp for d in scores.dimensions] == [Decimal("10.00"), Decimal("5.00"), Decimal("7.50")]
    assert len(scores.areas) == 16


@pytest.mark.parametrize("value,label", [
    ("10.00", GOOD), ("8.50", GOOD), ("8.49", FAIRLY), ("7.00", FAIRLY), ("6.99", SHOULD), ("5.50", SHOULD),
    ("5.49", MUST), ("3.00", MUST), ("2.99", URGENT), ("0.00", URGENT),
])
def test_grade_band_boundaries(value, label):
    assert grade_band(R, Decimal(value)).label_th == label


def test_grade_band_uses_the_two_decimal_figure():
    # 8.495 is printed 8.50 -> good; the band is never applied to an unrounded mean
    with pytest.raises(ValueError):
        grade_band(R, Decimal("8.495"))
    agg = aggregate(R, "x", "x", "", [res("a", 10)] * 199 + [res("b", 0)] * 1)  # 1990/200 = 9.95
    assert agg.mean_2dp == Decimal("9.95")


def test_passed_flag():
    assert grade_band(R, Decimal("7.00")).passed and not grade_band(R, Decimal("6.99")).passed


def test_not_applicable_leaves_sum_and_count():
    results = all_results(D4_I31=res("D4.I31", status="na"))
    scores = aggregate_all(R, results)
    assert scores.overall.n_scored == 54 and scores.overall.total == 540
    assert scores.overall.mean_2dp == Decimal("10.00") and scores.overall.na_ids == ("D4.I31",)
    area9 = next(a for a in scores.areas if a.key == "D4.A9")
    assert area9.n_scored == 2 and area9.n_indicators == 3


def test_na_changes_the_mean_not_by_counting_zero():
    # 53 x 10 + 1 x 0 with one NA: 530/54 = 9.81; a silent zero for the NA would give 530/55 = 9.64
    results = all_results(D2_I1=0, D4_I19=res("D4.I19", status="na"))
    assert aggregate_all(R, results).overall.mean_2dp == Decimal("9.81")


def test_missing_makes_every_containing_aggregate_incomplete():
    scores = aggregate_all(R, all_results(D3_I7=res("D3.I7", status="missing")))
    assert scores.overall.status == "incomplete" and scores.overall.mean_2dp is None and scores.overall.band is None
    assert scores.overall.missing_ids == ("D3.I7",)
    dims = {d.key: d for d in scores.dimensions}
    assert dims["D3"].status == "incomplete" and dims["D2"].status == "complete" and dims["D4"].status == "complete"
    areas = {a.key: a for a in scores.areas}
    assert areas["D3.A2"].status == "incomplete" and areas["D3.A1"].mean_2dp == Decimal("10.00")


def test_area_with_only_na_indicators():
    scores = aggregate_all(R, all_results(D4_I34=res("D4.I34", status="na")))
    a10 = next(a for a in scores.areas if a.key == "D4.A10")
    assert a10.status == "all_na" and a10.mean_2dp is None


@given(st.lists(st.sampled_from(["0", "2.5", "5", "7.5", "10"]), min_size=1, max_size=55))
def test_mean_is_sum_over_count_and_banded(scores):
    agg = aggregate(R, "x", "x", "", [res(f"i{k}", v) for k, v in enumerate(scores)])
    total = sum(Decimal(v) for v in scores)
    assert agg.total == total
    assert abs(agg.mean_2dp - total / len(scores)) <= Decimal("0.005")
    assert agg.band.min <= agg.mean_2dp <= agg.band.max
