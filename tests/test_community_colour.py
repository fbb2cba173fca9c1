"""Household colour by failed TP MAP dimensions (003 L104)."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.community.criteria import load_criteria
from dswlib.community.household_colour import colour_for_failed, colour_of_household, failed_count

ROOT = Path(__file__).resolve().parents[1]
SCALE = load_criteria(ROOT / "params").household_colour


@pytest.mark.parametrize("failed, colour", [(0, "none"), (1, "green"), (2, "yellow"), (3, "yellow"), (4, "red"), (5, "red")])
def test_colour_cases(failed, colour):
    assert colour_for_failed(failed, SCALE) == colour


@pytest.mark.parametrize("bad", [-1, 6])
def test_out_of_range(bad):
    with pytest.raises(ValueError):
        colour_for_failed(bad, SCALE)


def test_rejects_non_int():
    with pytest.raises(TypeError):
        colour_for_failed(True, SCALE)
    with pytest.raises(TypeError):
        colour_for_failed(2.0, SCALE)


def test_flags_to_colour():
    flags = {"health": True, "education": False, "income": True, "living": True, "state_services": False}
    assert failed_count(flags, SCALE) == 3
    assert colour_of_household(flags, SCALE) == "yellow"


def test_missing_dimension():
    with pytest.raises(KeyError, match="state_services"):
        failed_count({"health": True, "education": False, "income": True, "living": True}, SCALE)


def test_scale_as_printed():
    assert [(c.name_th, c.min_failed, c.max_failed) for c in SCALE.colours] == [
        ("เขียว", 1, 1), ("เหลือง", 2, 3), ("แดง", 4, 5)
    ]
    assert SCALE.min_target_households == 35  # 003 L105


@given(st.lists(st.booleans(), min_size=5, max_size=5))
def test_colour_is_monotone_in_failures(values):
    keys = SCALE.dimension_keys()
    flags = dict(zip(keys, values))
    order = ["none", "green", "yellow", "red"]
    before = order.index(colour_of_household(flags, SCALE))
    for k in keys:
        worse = dict(flags, **{k: True})
        assert order.index(colour_of_household(worse, SCALE)) >= before
