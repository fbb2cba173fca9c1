"""FY2566 KPI 3 from household records: pandas and DuckDB engines agree, cumulative since FY2565."""

from decimal import Decimal

import pandas as pd
import pytest

from dswlib.errors import ParamsError
from dswlib.records import households as H
from dswlib.records.synthetic import generate_households, write_synthetic_households

ENGINES = ("pandas", "duckdb")


@pytest.fixture(scope="module")
def data():
    return generate_households(30_000, developed_by_fiscal_year={2564: 400, 2565: 5_000, 2566: 7_000},
                               followup_share=0.3, orphan_events=7, seed=11)


def _same(a, b):
    pd.testing.assert_frame_equal(a.units, b.units)
    assert a.totals() == b.totals() and a.notes == b.notes


@pytest.mark.parametrize("fiscal_year, as_of", [(2565, None), (2566, None), (2566, "2023-03-31"), (2565, "2022-08-31")])
def test_engines_agree(data, fiscal_year, as_of):
    results = [H.compute_kpi3_households(data.households, data.developments, fiscal_year=fiscal_year, as_of=as_of,
                                         engine=e) for e in ENGINES]
    _same(*results)


@pytest.mark.parametrize("engine", ENGINES)
def test_cumulative_since_fy2565_matches_construction(data, engine):
    r2565 = H.compute_kpi3_households(data.households, data.developments, fiscal_year=2565, engine=engine)
    r2566 = H.compute_kpi3_households(data.households, data.developments, fiscal_year=2566, engine=engine)
    assert r2565.numerator == data.expected_developed(2565) == 5_000
    assert r2566.numerator == data.expected_developed(2566)
    assert 5_000 < r2566.numerator < 12_000  # follow-ups of FY2565 households are not counted twice
    assert r2566.denominator == 30_000
    # FY2564 alone (before the cumulative window) is not counted
    r_since_2564 = H.compute_kpi3_households(data.households, data.developments, fiscal_year=2566,
                                             since_fiscal_year=2564, engine=engine)
    assert r_since_2564.numerator == data.expected_developed(2566, since_fiscal_year=2564) >= r2566.numerator
    assert r2566.notes and "7 households" in r2566.notes[0]


def test_by_level_and_province_totals_agree(data):
    by_level = H.compute_kpi3_households(data.households, data.developments, by="level", engine="duckdb")
    by_prov = H.compute_kpi3_households(data.households, data.developments, by="province", engine="pandas")
    assert by_level.totals() == by_prov.totals()
    assert set(by_level.units["level"]) == {"0", "1", "2", "3"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_files_and_frames_agree(tmp_path, data, fmt):
    files = write_synthetic_households(tmp_path, n_households=5_000, seed=3, fmt=fmt)
    frame = generate_households(5_000, seed=3)
    expected = H.compute_kpi3_households(frame.households, frame.developments, engine="pandas")
    for engine in ENGINES:
        got = H.compute_kpi3_households(files["households"], files["developments"], engine=engine)
        _same(expected, got)


def test_single_table_with_developed_on_column():
    hh = pd.DataFrame({"household_id": ["a", "b", "c", "d"], "province": ["ตาก", "ตาก", "สตูล", "สตูล"],
                       "developed_on": ["2021-10-01", "2021-09-30", "", "2023-09-30"]})
    for engine in ENGINES:
        r = H.compute_kpi3_households(hh, fiscal_year=2566, engine=engine)
        # a: first day of FY2565 (in); b: last day of FY2564 (out); d: last day of FY2566 (in)
        assert r.units.set_index("province")["developed_households"].to_dict() == {"ตาก": 1, "สตูล": 1}
        assert r.percent == Decimal("50.00")


@pytest.mark.parametrize("engine", ENGINES)
def test_duplicate_households_are_an_error(engine, tmp_path):
    path = tmp_path / "hh.csv"
    path.write_text("household_id,province\nH1,ตาก\nH1,สตูล\nH2,ตาก\n", encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        H.compute_kpi3_households(path, pd.DataFrame({"household_id": ["H1"], "developed_on": ["2022-01-01"]}),
                                  engine=engine)
    assert str(path) in str(err.value) and "duplicates" in str(err.value)


@pytest.mark.parametrize("engine", ENGINES)
def test_bad_date_and_missing_column(engine, tmp_path):
    hh = pd.DataFrame({"household_id": ["H1"], "province": ["ตาก"]})
    ev = tmp_path / "ev.csv"
    ev.write_text("household_id,developed_on\nH1,31/12/2022\n", encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        H.compute_kpi3_households(hh, ev, engine=engine)
    assert str(ev) in str(err.value) or "ev.csv" in str(err.value)
    with pytest.raises(ParamsError, match="developed_on"):
        H.compute_kpi3_households(hh, engine=engine)


def test_window_bounds_and_errors():
    import datetime as dt

    assert H.development_window(2566) == (dt.date(2021, 10, 1), dt.date(2023, 9, 30))
    with pytest.raises(ParamsError):
        H.development_window(2566, as_of="2024-01-01")
    with pytest.raises(ValueError):
        H.compute_kpi3_households(pd.DataFrame(), engine="polars")


def test_seed_baseline_fy2565_from_records():
    # seed 000 L210: 546,140 households developed in FY2565 (baseline), 23,901 in FY2564.
    # Records holding those events give back 546,140 for the FY2565 cumulative figure; FY2564's
    # households are outside the cumulative window ("ตั้งแต่ปีงบประมาณ พ.ศ. 2565", L179).
    data = generate_households(600_000, developed_by_fiscal_year={2564: 23_901, 2565: 546_140},
                               followup_share=0.0, seed=2565)
    for engine in ENGINES:
        r = H.compute_kpi3_households(data.households, data.developments, fiscal_year=2565, engine=engine)
        assert r.numerator == 546_140


@pytest.mark.parametrize("engine", ENGINES)
def test_bad_date_names_the_events_file_and_row(engine, tmp_path):
    hh = pd.DataFrame({"household_id": ["H1", "H2"], "province": ["ตาก", "ตาก"]})
    ev = tmp_path / "ev.csv"
    ev.write_text("household_id,developed_on\nH1,2022-01-01\nH2,31/12/2022\n", encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        H.compute_kpi3_households(hh, ev, engine=engine)
    assert str(ev) in str(err.value) and "row 3, column developed_on" in str(err.value)


@pytest.mark.parametrize("engine", ENGINES)
def test_buddhist_era_dates_are_refused(engine):
    hh = pd.DataFrame({"household_id": ["H1"], "province": ["ตาก"], "developed_on": ["2565-01-01"]})
    with pytest.raises(ParamsError, match="C.E. dates"):
        H.compute_kpi3_households(hh, engine=engine)
