"""Criterion 5.1 5-level scale (003 L196-L202) and appendix KPI 2.1 tiers (003 L349-L361)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.community.criteria import load_criteria
from dswlib.community.level_scale import (
    integration_percent,
    integration_thresholds,
    points_kpi_2_1,
    score_for_percent,
    score_integration,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = Path("/work/shared/seeds/003_1c3aa556efd15f4d.txt")
CRITERIA = load_criteria(ROOT / "params")


@pytest.fixture(scope="module")
def criteria():
    return CRITERIA


@pytest.mark.skipif(not SEED.exists(), reason="seed text not available")
def test_thresholds_match_seed_text(criteria):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for level in criteria.integration.levels:
        n = int(re.match(r"003 L(\d+)", level.source).group(1))
        printed = lines[n - 1]
        m = re.search(r"คะแนนที่ (\d) ร้อยละ (\d+)", printed)
        assert (int(m.group(1)), int(m.group(2))) == (level.score, int(level.min_percent))
        assert level.text_th in printed


@pytest.mark.parametrize(
    "percent, score",
    [("69.99", 0), ("70", 1), ("70.00", 1), ("74.99", 1), ("75", 2), ("79.99", 2), ("80", 3), ("85", 4),
     ("89.99", 4), ("90", 5), ("100", 5), ("0", 0)],
)
def test_hand_checked_boundaries(criteria, percent, score):
    assert score_integration(Decimal(percent), criteria) == score


def test_rounding_before_comparison(criteria):
    # D3: compared as printed (2 decimals, half-up)
    assert score_integration(Decimal("69.995"), criteria) == 1
    assert score_integration(Decimal("69.994"), criteria) == 0


@pytest.mark.parametrize("percent, points", [("69.99", 0), ("70", 50), ("79.99", 50), ("80", 75), ("89.99", 75), ("90", 100), ("100", 100)])
def test_kpi_2_1_tiers(criteria, percent, points):
    assert points_kpi_2_1(Decimal(percent), criteria) == points


def test_integration_percent_is_mean_rounded_half_up():
    # (70 + 70 + 70 + 70 + 70 + 70 + 70.035) / 7 = 70.005 -> 70.01 (half-up, not banker's)
    assert integration_percent(["70"] * 6 + ["70.035"], 7) == Decimal("70.01")
    assert integration_percent([100, 90, 80, 70, 60, 50, 40], 7) == Decimal("70.00")


def test_integration_percent_needs_every_component():
    with pytest.raises(ValueError, match="expected 7"):
        integration_percent([80] * 6, 7)


def test_generic_scale_below_value():
    assert score_for_percent(10, [(50, 1), (60, 2)], below=-1) == -1


@given(st.decimals(min_value=0, max_value=100, places=2), st.decimals(min_value=0, max_value=100, places=2))
def test_scale_monotone_and_bounded(a, b):
    crit = CRITERIA
    lo, hi = sorted((a, b))
    s_lo, s_hi = score_integration(lo, crit), score_integration(hi, crit)
    assert 0 <= s_lo <= s_hi <= 5


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_score_matches_threshold_definition(p):
    crit = CRITERIA
    score = score_integration(p, crit)
    thresholds = integration_thresholds(crit)
    reached = [s for minimum, s in thresholds if p >= minimum]
    assert score == (max(reached) if reached else 0)
