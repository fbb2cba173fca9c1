import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.errors import ParamsError
from dswlib.fiscal import FiscalYear, fiscal_year_of, format_thai_date, month_abbr, normalize_be_year


def test_fy2564_bounds_and_labels():
    fy = FiscalYear(2564)
    assert fy.start == dt.date(2020, 10, 1)
    assert fy.end == dt.date(2021, 9, 30)
    assert fy.period_label() == "1 ตุลาคม 2563 – 30 กันยายน 2564"
    assert fy.round_end(6) == dt.date(2021, 3, 31)
    assert fy.round_label(12) == "รอบ 12 เดือน (ต.ค. 63 - ก.ย. 64)"
    assert fy.month_labels()[:3] == ["ต.ค.", "พ.ย.", "ธ.ค."]
    assert fy.month_labels()[-1] == "ก.ย."
    assert fy.month_labels(with_year=True)[0] == "ต.ค. 63"


def test_quarters():
    fy = FiscalYear(2566)
    assert fy.quarter(dt.date(2022, 12, 31)) == 1
    assert fy.quarter(dt.date(2023, 1, 1)) == 2
    assert fy.quarter_range(4) == (dt.date(2023, 7, 1), dt.date(2023, 9, 30))
    with pytest.raises(ValueError):
        fy.quarter(dt.date(2023, 10, 1))


@pytest.mark.parametrize("value, expected", [(2564, 2564), ("๒๕๖๔", 2564), ("พ.ศ. 2564", 2564), ("64", 2564), (2021, 2564), ("FY2566", 2566)])
def test_normalize_be_year(value, expected):
    assert normalize_be_year(value) == expected


def test_bad_year():
    with pytest.raises(ParamsError):
        normalize_be_year("next year")


def test_thai_dates():
    assert format_thai_date(dt.date(2021, 6, 14), abbreviated=True, short_year=True) == "14 มิ.ย. 64"
    assert format_thai_date(dt.date(2021, 7, 20)) == "20 กรกฎาคม 2564"
    assert month_abbr(10, 2565) == "ต.ค. 65"


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_is_in_exactly_its_fiscal_year(day):
    be = fiscal_year_of(day)
    assert FiscalYear(be).contains(day)
    assert not FiscalYear(be + 1).contains(day)
    assert 1 <= FiscalYear(be).fiscal_month_index(day) <= 12
