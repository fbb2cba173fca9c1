"""Success-level KPI templates (003 L499-L515, L590-L606): cumulative levels."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.community.criteria import load_criteria
from dswlib.community.milestones import highest_complete_level, level_reached, missing_criteria

ROOT = Path(__file__).resolve().parents[1]
SEED = Path("/work/shared/seeds/003_1c3aa556efd15f4d.txt")
TOY = [["a"], ["b", "c"], ["d"], ["e"], ["f"]]


@pytest.fixture(scope="module")
def criteria():
    return load_criteria(ROOT / "params")


def test_cumulative_level():
    assert level_reached(TOY, set()) == 0
    assert level_reached(TOY, {"a"}) == 1
    assert level_reached(TOY, {"a", "b"}) == 1  # level 2 needs both b and c
    assert level_reached(TOY, {"a", "b", "c"}) == 2
    assert level_reached(TOY, {"a", "b", "c", "e", "f"}) == 2  # level 3 missing: 4 and 5 do not count
    assert level_reached(TOY, set("abcdef")) == 5


def test_gap_is_visible():
    done = {"a", "d", "e"}
    assert level_reached(TOY, done) == 1
    assert highest_complete_level(TOY, done) == 4
    assert missing_criteria(TOY, done, 4) == ["b", "c"]


def test_bundled_level_of_ssw_12_months(criteria):
    rnd = criteria.template("ssw").round(12)
    assert level_reached(rnd, {"area_and_scope_set"}) == 0
    assert level_reached(rnd, {"area_and_scope_set", "working_group_appointment_requested"}) == 1


@given(st.sets(st.sampled_from(list("abcdef"))), st.sets(st.sampled_from(list("abcdef"))))
def test_more_milestones_never_lower_the_level(done, extra):
    assert level_reached(TOY, done) <= level_reached(TOY, done | extra)
    assert level_reached(TOY, done) <= highest_complete_level(TOY, done)


@given(st.sets(st.sampled_from(list("abcdef"))))
def test_level_n_means_all_lower_levels_done(done):
    n = level_reached(TOY, done)
    assert all(k in done for level in TOY[:n] for k in level)
    if n < len(TOY):
        assert not all(k in done for k in TOY[n])


def test_templates_have_five_levels_per_round(criteria):
    for tid in ("ssw", "pmj"):
        t = criteria.template(tid)
        assert sorted(r.months for r in t.rounds) == [6, 12]
        for rnd in t.rounds:
            assert [lv.level for lv in rnd.levels] == [1, 2, 3, 4, 5]
    assert criteria.template("ssw").weight_percent == 20  # 003 L471 "ร้อยละ ๒๐"
    assert criteria.template("pmj").weight_percent == 10  # 003 L570 "ร้อยละ ๑๐"


@pytest.mark.skipif(not SEED.exists(), reason="seed text not available")
def test_level_texts_are_as_printed(criteria):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    thai = "๑๒๓๔๕"
    for t in criteria.success_templates:
        for rnd in t.rounds:
            for lv in rnd.levels:
                n = int(re.match(r"003 L(\d+)", lv.source).group(1))
                number, text = lines[n - 1].split("\t")
                assert number.strip() == thai[lv.level - 1]
                assert text.strip() == lv.text_th
