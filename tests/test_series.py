"""params/series/kpi_results.csv: the figures as printed in seeds 002 and 000, and validation."""

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.errors import ParamsError
from dswlib.series import COLUMNS, exact, load_series, printed_value_check, series_for, validate_series

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"


@pytest.fixture(scope="module")
def series():
    return load_series(PARAMS)


def _values(frame, series_id):
    rows = series_for(series_id, frame=frame)
    return {int(y): exact(v) for y, v in zip(rows["fiscal_year"], rows["value"])}


def test_columns_exactly_as_agreed():
    header = (PARAMS / "series" / "kpi_results.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == COLUMNS


@pytest.mark.parametrize("series_id, expected", [
    ("irp_improved", {2562: "11.53", 2563: "15.92", 2564: "13.90"}),       # 002 L352
    ("irp_returned", {2562: "69.97", 2563: "72.84", 2564: "16.72"}),       # 002 L451
    ("shelter_return", {2562: "70.64", 2563: "71.41", 2564: "50.01"}),     # 002 L559
    ("volunteers", {2562: "15.81", 2563: "22.92", 2564: "38.68", 2565: "55.04"}),  # 000 L148
    ("pmqa", {2562: "347.14", 2563: "407.02", 2564: "426.86", 2565: "449.83"}),  # 000 L407, 002 L772
    ("bcg_income", {2565: "53.19"}),                                       # 000 L298
])
def test_values_as_printed(series, series_id, expected):
    assert _values(series, series_id) == {y: Decimal(v) for y, v in expected.items()}


def test_kpi_ids_follow_each_years_catalog(series):
    pmqa = series_for("pmqa", frame=series).set_index("fiscal_year")["kpi_id"].to_dict()
    assert pmqa[2564] == "5.2" and pmqa[2565] == "6"
    vol = series_for("volunteers", frame=series).set_index("fiscal_year")["kpi_id"].to_dict()
    assert vol[2564] == ""  # FY2564 KPI 2 is a different (milestone) indicator


def test_printed_ratios_recomputed(series):
    check = printed_value_check(series).set_index(["series_id", "fiscal_year"])
    assert bool(check.loc[("irp_returned", 2564), "matches"])  # 55/329 = 16.72
    assert bool(check.loc[("shelter_return", 2564), "matches"])  # 1,896/3,791 = 50.01
    bcg = check.loc[("bcg_income", 2565)]  # 915/1,720 = 53.1977 printed 53.19 (truncated)
    assert not bcg["matches"] and bcg["truncated_matches"] and bcg["recomputed"] == Decimal("53.20")
    assert check["matches"].sum() == len(check) - 1


def test_series_for_unknown_id_names_the_choices(series):
    with pytest.raises(ParamsError) as err:
        series_for("nope", frame=series)
    assert "irp_returned" in str(err.value)


def _raw(**changes):
    row = {"series_id": "x_y", "kpi_id": "3.2", "fiscal_year": "2564", "label_th": "ชื่อ", "value": "16.72",
           "numerator": "55", "denominator": "329", "unit": "ร้อยละ", "source": "002 L451"}
    row.update(changes)
    return pd.DataFrame([row], columns=COLUMNS)


@pytest.mark.parametrize("changes, column", [
    ({"value": "abc"}, "value"),
    ({"fiscal_year": "64"}, "fiscal_year"),
    ({"series_id": "Bad Id"}, "series_id"),
    ({"kpi_id": "3.x"}, "kpi_id"),
    ({"numerator": ""}, "numerator"),
    ({"denominator": "0"}, "denominator"),
    ({"source": "seed 2"}, "source"),
    ({"unit": ""}, "unit"),
])
def test_bad_cells_name_file_row_and_column(changes, column):
    with pytest.raises(ParamsError) as err:
        validate_series(_raw(**changes), source="params/series/kpi_results.csv")
    assert f"params/series/kpi_results.csv: row 2, column {column}" in str(err.value)


def test_duplicate_year_and_wrong_header_rejected():
    double = pd.concat([_raw(), _raw()], ignore_index=True)
    with pytest.raises(ParamsError, match="row 3, column fiscal_year"):
        validate_series(double)
    with pytest.raises(ParamsError, match="header"):
        validate_series(_raw().rename(columns={"value": "result"}))


def test_thai_digits_and_separators_accepted():
    frame = validate_series(_raw(value="ร้อยละ ๑๖.๗๒", numerator="55", denominator="1,329"))
    assert exact(frame.loc[0, "value"]) == Decimal("16.72") and frame.loc[0, "denominator"] == 1329


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_exact_gives_back_the_printed_decimal(value):
    frame = validate_series(_raw(value=f"{value:.2f}", numerator="", denominator=""))
    assert exact(frame.loc[0, "value"]) == value
