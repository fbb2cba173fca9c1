"""Best Practice selection, one per office (003 L209-L227; ranking D7)."""

from decimal import Decimal
from pathlib import Path

import pytest

from dswlib.community.best_practice import (
    Candidate,
    community_strong,
    household_counts,
    household_out_of_poverty,
    select_best_practice,
)
from dswlib.community.criteria import load_criteria

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = load_criteria(ROOT / "params")
RANKING = CRITERIA.best_practice.ranking
SIX = ["income", "housing", "food", "clothing_schooling", "health_plan", "education"]


def cand(cid, office=1, strong=True, targets=40, escaped=10, level=3, pct="80.00", min_ok=True):
    return Candidate(cid, office, strong, targets, escaped, level, Decimal(pct), min_ok)


def test_default_ranking_as_documented():
    assert RANKING == ["escaped_share", "pmj_level_12", "integration_percent", "community_id"]


def test_household_needs_all_six_and_tpmap_record():
    assert CRITERIA.best_practice.household_criteria.keys() == SIX
    ok = {k: True for k in SIX} | {"recorded_in_tpmap": True}
    assert household_out_of_poverty(ok, CRITERIA) and household_counts(ok, CRITERIA)
    for k in SIX:
        assert not household_out_of_poverty(ok | {k: False}, CRITERIA)
    assert household_out_of_poverty(ok | {"recorded_in_tpmap": False}, CRITERIA)
    assert not household_counts(ok | {"recorded_in_tpmap": False}, CRITERIA)


def test_community_needs_all_four_checks():
    keys = CRITERIA.best_practice.community_criteria.keys()
    assert len(keys) == 4
    ok = {k: True for k in keys}
    assert community_strong(ok, CRITERIA)
    for k in keys:
        assert not community_strong(ok | {k: False}, CRITERIA)


def test_escaped_share_rounds_half_up():
    assert cand("a", targets=40, escaped=10).escaped_share == Decimal("25.00")
    assert cand("a", targets=8, escaped=1).escaped_share == Decimal("12.50")
    assert cand("a", targets=0, escaped=0).escaped_share == Decimal("0.00")


def test_highest_share_wins():
    sel = select_best_practice([cand("a", escaped=10), cand("b", escaped=20)], [1], RANKING)
    assert (sel[0].community_id, sel[0].decided_by, sel[0].runner_up, sel[0].eligible_count) == ("b", "escaped_share", "a", 2)


def test_tie_on_share_broken_by_level():
    sel = select_best_practice([cand("a", level=3), cand("b", level=4)], [1], RANKING)
    assert (sel[0].community_id, sel[0].decided_by) == ("b", "pmj_level_12")


def test_tie_on_share_and_level_broken_by_percent():
    sel = select_best_practice([cand("a", pct="85.01"), cand("b", pct="85.00")], [1], RANKING)
    assert (sel[0].community_id, sel[0].decided_by) == ("a", "integration_percent")


def test_full_tie_broken_by_id():
    sel = select_best_practice([cand("zeta"), cand("alpha")], [1], RANKING)
    assert (sel[0].community_id, sel[0].decided_by) == ("alpha", "community_id")


def test_same_share_from_different_counts_is_a_tie():
    # 10/40 and 5/20 are both 25.00 %; falls through to the next key
    sel = select_best_practice([cand("a", targets=40, escaped=10, level=2), cand("b", targets=20, escaped=5, level=2, min_ok=True, pct="90")], [1], RANKING)
    assert (sel[0].community_id, sel[0].decided_by) == ("b", "integration_percent")


def test_ineligible_never_chosen_and_gap_reported():
    cands = [
        cand("weak", strong=False, escaped=40),
        cand("small", min_ok=False, escaped=40),
        cand("none_out", escaped=0),
        cand("other_office", office=2),
    ]
    sel = {s.office_no: s for s in select_best_practice(cands, [1, 2, 3], RANKING)}
    assert sel[1].community_id is None and sel[1].eligible_count == 0
    assert sel[2].community_id == "other_office" and sel[2].decided_by is None
    assert sel[3].community_id is None


def test_one_per_office_for_eleven_offices():
    cands = [cand(f"c{o:02d}_{i}", office=o, escaped=i) for o in range(1, 12) for i in range(1, 4)]
    sel = select_best_practice(cands, range(1, 12), RANKING)
    assert [s.office_no for s in sel] == list(range(1, 12))
    assert [s.community_id for s in sel] == [f"c{o:02d}_3" for o in range(1, 12)]


def test_ranking_must_end_with_id():
    with pytest.raises(ValueError):
        select_best_practice([cand("a")], [1], ["escaped_share"])
