from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.errors import ParamsError
from dswlib.thainum import (
    format_change,
    format_number,
    parse_number,
    percent,
    round_half_up,
    to_thai_digits,
    truncate,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,424", Decimal("1424")),
        ("ร้อยละ 13.90", Decimal("13.90")),
        ("๑๓.๙๐", Decimal("13.90")),
        ("๑,๔๒๔ คน", Decimal("1424")),
        ("(10)", Decimal("10")),
        ("-56.12", Decimal("-56.12")),
        ("+2.87", Decimal("2.87")),
        ("32,152,800 บาท", Decimal("32152800")),
        ("426.86 คะแนน", Decimal("426.86")),
        (" 50.01 % ", Decimal("50.01")),
    ],
)
def test_parse_printed_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("bad", ["abc", "1,42", "12..3", "ร้อยละ", "1.2.3"])
def test_parse_rejects_non_numbers_naming_place(bad):
    with pytest.raises(ParamsError) as info:
        parse_number(bad, source="params/x.csv", where="row 3, column numerator")
    msg = str(info.value)
    assert "params/x.csv" in msg and "row 3, column numerator" in msg and repr(bad) in msg


def test_missing_placeholders():
    assert parse_number("-", allow_missing=True) is None
    assert parse_number("n/a", allow_missing=True) is None
    with pytest.raises(ParamsError):
        parse_number("n/a")


def test_round_half_up_matches_seed():
    # Satun 25/32 = 78.125 printed 78.13 (002 L634): half-up, not banker's rounding
    assert percent(25, 32) == Decimal("78.13")
    assert round_half_up(Decimal("2.125")) == Decimal("2.13")
    # seed 000 truncates 915/1,720 = 53.1977 to 53.19
    assert truncate(Decimal(915) * 100 / 1720) == Decimal("53.19")
    assert percent(915, 1720) == Decimal("53.20")


def test_seed_headline_percentages():
    assert percent(198, 1424) == Decimal("13.90")
    assert percent(55, 329) == Decimal("16.72")
    assert percent(1896, 3791) == Decimal("50.01")


def test_formatting():
    assert format_number(1424) == "1,424"
    assert format_number(13.9, 2) == "13.90"
    assert format_change(Decimal("-56.12")) == "-56.12"
    assert format_change(Decimal("2.87")) == "+2.87"
    assert to_thai_digits("2564") == "๒๕๖๔"


@given(st.integers(min_value=0, max_value=10**9))
def test_thai_digits_roundtrip(n):
    assert parse_number(to_thai_digits(format_number(n))) == n
