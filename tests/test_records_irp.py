"""KPI 3.1 / 3.2 from IRP assessment logs and KPI 4 from stays, on small hand-made records."""

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.errors import ParamsError
from dswlib.records import irp, returns
from dswlib.records.synthetic import generate_irp, generate_stays, synthetic_national_ids

KEY = b"test-key-test-key-test-key-32byt"


@pytest.fixture(scope="module")
def ids():
    return synthetic_national_ids(np.random.default_rng(42), 40)


# ------------------------------------------------------------------ groups
@pytest.mark.parametrize("score, group", [(100, "A"), (80, "A"), (79.99, "B"), (40.01, "B"), (40, "C"), (0, "C")])
def test_group_boundaries_from_seed(score, group):
    # seed 002 L326: A 80-100, B 40.01-79.99
    assert irp.irp_group(score) == group


@given(st.floats(0, 100, allow_nan=False))
def test_vectorised_groups_agree(score):
    assert irp.assign_groups(pd.Series([score])).iloc[0] == irp.irp_group(score)


def test_score_out_of_range_names_file_row_and_column(ids, tmp_path):
    path = tmp_path / "irp.csv"
    pd.DataFrame({"national_id": ids[:2], "facility_no": [1, 1], "assessed_on": ["2021-01-05", "2021-02-05"],
                  "score_pct": ["85", "120"]}).to_csv(path, index=False)
    with pytest.raises(ParamsError) as err:
        irp.load_assessments(path, key=KEY)
    assert str(path) in str(err.value) and "row 3, column score_pct" in str(err.value)


def test_bad_date_is_reported(ids):
    df = pd.DataFrame({"national_id": ids[:1], "facility_no": [1], "assessed_on": ["5 มี.ค."], "score_pct": [50]})
    with pytest.raises(ParamsError, match="row 2, column assessed_on"):
        irp.load_assessments(df, key=KEY)


def test_buddhist_era_dates_are_accepted(ids):
    df = pd.DataFrame({"national_id": ids[:1], "facility_no": [1], "assessed_on": ["2564-03-05"], "score_pct": [50]})
    assert irp.load_assessments(df, key=KEY)["assessed_on"].iloc[0] == pd.Timestamp("2021-03-05")


# ------------------------------------------------------------------ KPI 3.1 / 3.2 by hand
def _log(ids, rows):
    """rows: (person index, facility, date, score)."""
    return pd.DataFrame({"national_id": [ids[p] for p, *_ in rows], "given_name": "อรุณี",
                         "facility_no": [f for _, f, _, _ in rows], "assessed_on": [d for *_, d, _ in rows],
                         "score_pct": [s for *_, s in rows]})


@pytest.fixture
def small_log(ids):
    rows = [
        (0, 1, "2020-11-01", 50), (0, 1, "2021-05-01", 85),  # B -> A: upgraded
        (1, 1, "2020-12-01", 90), (1, 1, "2021-06-01", 80),  # A -> A: kept
        (2, 1, "2020-12-01", 30), (2, 1, "2021-06-01", 95),  # C -> A: not in the definition
        (3, 1, "2020-12-01", 90), (3, 1, "2021-06-01", 79.99),  # A -> B
        (4, 1, "2021-03-01", 99),  # one assessment in the year
        (5, 1, "2020-09-30", 50), (5, 1, "2021-02-01", 85),  # first one is FY2563: only 1 in the window
        (6, 2, "2020-10-01", 20), (6, 2, "2021-01-01", 60), (6, 1, "2021-09-30", 81),  # moved to facility 1; B->A
        (7, 2, "2021-01-01", 85), (7, 2, "2020-10-15", 45),  # out of order in the file: B -> A
        (8, 2, "2021-01-01", 85), (8, 2, "2021-04-01", 45), (8, 2, "2021-08-01", 88),  # previous (B) -> A
    ]
    return _log(ids, rows)


def test_kpi3_1_by_hand(small_log):
    r = irp.compute_kpi3_1(irp.load_assessments(small_log, key=KEY), fiscal_year=2564)
    u = r.units.set_index("facility_no")
    # facility 1: persons 0,1,2,3,6 have 2+ assessments in FY2564; improved 0 (B->A), 1 (A kept), 6 (B->A)
    assert u.loc[1, irp.KPI3_1_COLUMNS].tolist() == [5, 3, 2, 1]
    assert u.loc[1, "upgraded_c_to_a_persons"] == 1
    # facility 2: persons 7 (B->A) and 8 (B->A, previous round); person 6 left for facility 1
    assert u.loc[2, irp.KPI3_1_COLUMNS].tolist() == [2, 2, 2, 0]
    assert (r.numerator, r.denominator, r.percent) == (5, 7, Decimal("71.43"))
    assert r.notes  # the C -> A person is mentioned


def test_kpi3_1_first_vs_previous_baseline(small_log):
    a = irp.load_assessments(small_log, key=KEY)
    first = irp.compute_kpi3_1(a, baseline="first").units.set_index("facility_no")
    # person 8 compared with the first round (A): kept instead of upgraded; person 6 first round C
    assert first.loc[2, irp.KPI3_1_COLUMNS].tolist() == [2, 2, 1, 1]
    assert first.loc[1, irp.KPI3_1_COLUMNS].tolist() == [5, 2, 1, 1]


def test_as_of_cuts_the_window(small_log):
    r = irp.compute_kpi3_1(irp.load_assessments(small_log, key=KEY), as_of="2021-03-31")
    # by 31 Mar 2021 only person 6 (two rounds at facility 2: C -> B) and 7 have 2 assessments
    assert r.denominator == 2 and r.numerator == 1


def test_kpi3_2_by_hand(small_log, ids):
    exits = pd.DataFrame({"national_id": [ids[0], ids[1], ids[4], ids[3], ids[2], ids[8], ids[8]],
                          "exited_on": ["2021-07-01", "2021-08-01", "2021-07-01", "2021-07-01", "2021-10-01",
                                        "2021-08-10", "2021-09-01"],
                          "outcome": ["family", "สถานประกอบการ", "family", "family", "family", "family",
                                      "employer"]})
    a = irp.load_assessments(small_log, key=KEY)
    e = irp.load_exits(exits, key=KEY)
    r = irp.compute_kpi3_2(a, e)
    u = r.units.set_index("facility_no")
    # target group (2+ assessments, latest in A): facility 1 persons 0,1,2,6; facility 2 persons 7,8
    # returns in FY2564: 0 family, 1 employer, 8 employer (latest); 2 returned after the year;
    # 3 (latest B) and 4 (one assessment) are outside the target group
    assert u.loc[1, irp.KPI3_2_COLUMNS].tolist() == [4, 2, 1, 1]
    assert u.loc[2, irp.KPI3_2_COLUMNS].tolist() == [2, 1, 0, 1]
    assert u.loc[1, "returned_not_in_group_a_persons"] == 2
    assert r.percent == Decimal("50.00")
    loose = irp.compute_kpi3_2(a, e, min_assessments=1).units.set_index("facility_no")
    assert loose.loc[1, irp.KPI3_2_COLUMNS].tolist() == [6, 3, 2, 1]  # + person 4 (A, once) and 5 (A, once)


def test_to_frame_has_total_row(small_log):
    frame = irp.compute_kpi3_1(irp.load_assessments(small_log, key=KEY)).to_frame()
    assert frame.iloc[-1]["facility_no"] == "รวม"
    assert frame.iloc[-1]["assessed_irp_2plus_persons"] == 7


def test_missing_column_is_named(ids):
    df = pd.DataFrame({"national_id": ids[:1], "facility_no": [1], "score_pct": [50]})
    with pytest.raises(ParamsError, match="assessed_on"):
        irp.load_assessments(df, key=KEY)


# ------------------------------------------------------------------ forward generators at facility scale
def test_generate_irp_figures_come_back():
    gen = generate_irp(4_500, seed=3)
    a = irp.load_assessments(gen.assessments, key=KEY)
    e = irp.load_exits(gen.exits, key=KEY)
    r31 = irp.compute_kpi3_1(a).units.set_index("facility_no")
    r32 = irp.compute_kpi3_2(a, e).units.set_index("facility_no")
    for row in gen.expected:
        f = row["facility_no"]
        assert r31.loc[f, irp.KPI3_1_COLUMNS].tolist() == [row["D"], row["U"] + row["M"], row["U"], row["M"]]
        assert r32.loc[f, irp.KPI3_2_COLUMNS].tolist() == [row["G"], row["RF"] + row["RE"], row["RF"], row["RE"]]
    people = a["person_key"].nunique()
    assert 3_500 <= people <= 5_500


# ------------------------------------------------------------------ KPI 4
def test_kpi4_by_hand(ids):
    stays = pd.DataFrame({
        "national_id": [ids[10], ids[11], ids[12], ids[13], ids[13], ids[14], ids[15], ids[16]],
        "province": ["ตาก", "ตาก", "ตาก", "ตาก", "ตาก", "ตาก", "สตูล", "สตูล"],
        "admitted_on": ["2020-10-05", "2020-11-01", "2021-01-01", "2021-02-01", "2021-06-01", "2020-09-01",
                        "2021-01-01", "2021-05-01"],
        "outcome": ["family", "employer", "", "transfer", "ครอบครัว/ชุมชน", "family", "family", "employer"],
        "outcome_on": ["2020-12-01", "2021-03-01", "", "2021-03-01", "2021-07-01", "2020-11-01", "2021-10-02",
                       "2021-09-30"],
    })
    r = returns.compute_kpi4(returns.load_stays(stays, key=KEY))
    u = r.units.set_index("province")
    # ตาก: users 10, 11, 12, 13 (twice, counted once; returned on the second stay); 14 admitted FY2563
    assert u.loc["ตาก", returns.KPI4_COLUMNS].tolist() == [4, 2, 1, 3]
    assert u.loc["ตาก", "percent"] == Decimal("75.00")
    # สตูล: 15 returned after the year; 16 returned on the last day
    assert u.loc["สตูล", returns.KPI4_COLUMNS].tolist() == [2, 0, 1, 1]
    assert r.percent == Decimal("66.67") and r.notes


def test_kpi4_return_without_date_is_an_error(ids):
    stays = pd.DataFrame({"national_id": ids[:1], "province": ["ตาก"], "admitted_on": ["2021-01-01"],
                          "outcome": ["family"], "outcome_on": [""]})
    with pytest.raises(ParamsError, match="row 2, column outcome_on"):
        returns.load_stays(stays, key=KEY)


def test_generate_stays_figures_come_back():
    gen = generate_stays(3_791, seed=5)
    u = returns.compute_kpi4(returns.load_stays(gen.stays, key=KEY)).units.set_index("province")
    for row in gen.expected:
        if row["N"]:
            assert u.loc[row["province"], returns.KPI4_COLUMNS].tolist() == [
                row["N"], row["F"], row["E"], row["F"] + row["E"]]
