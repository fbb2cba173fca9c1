from decimal import Decimal

import pytest

from dswlib.catalog import load_catalog
from dswlib.pmqa import pmqa_status, pmqa_total
from dswlib.targets import derive_targets, trajectory


def D(*xs):
    return tuple(Decimal(str(x)) for x in xs)


def test_fy2566_rules_reproduce_seed_000():
    # KPI 4: last year's result 53.19 ± 10 points (000 L302)
    assert derive_targets("interval", base="53.19", interval=10) == D("43.19", "53.19", "63.19")
    # KPI 6: 400 / last score / last score + 2 % (000 L413): 449.83 * 1.02 = 458.8266 -> 458.83
    assert derive_targets("growth", floor=400, last="449.83", pct=2) == D("400", "449.83", "458.83")
    # KPI 2: (55.04 + 64.04) / 2, this year's and next year's trajectory values (000 L152)
    assert derive_targets("midpoint", last="55.04", this_year_target="64.04", next_year_target="73.04") == D("59.54", "64.04", "73.04")


def test_fy2564_pmqa_levels_follow_the_same_growth_rule():
    # 415.16 = 407.02 * 1.02 (002 L763, baseline 407.02 in 000 L407)
    assert derive_targets("growth", floor=370, last="407.02", pct=2)[2] == Decimal("415.16")


def test_volunteer_trajectory():
    values = trajectory(2565, "55.04", 9, 6, last_step="8.96")
    assert [values[y] for y in range(2566, 2571)] == list(D("64.04", "73.04", "82.04", "91.04", "100.00"))


def test_catalog_rules_equal_printed_targets(params_dir):
    cat = load_catalog(params_dir, 2566)
    for kpi in cat.kpis:
        if kpi.target_rule and kpi.target_rule.rule != "fixed":
            derived = derive_targets(kpi.target_rule.rule, **kpi.target_rule.kwargs())
            assert [float(v) for v in derived] == kpi.targets, kpi.id


def test_unknown_rule():
    with pytest.raises(ValueError, match="unknown target rule"):
        derive_targets("average", base=1)


def test_pmqa_fy2564_table():
    assessor = [453.13, 437.5, 442.71, 434.03, 421.88, 468.75, 330]
    self_assessed = [500, 500, 500, 500, 500, 500, 376.67]
    average = [384.34, 392.59, 375.81, 386.34, 372, 383.17, 302.49]
    assert pmqa_total(assessor) == Decimal("426.86")
    assert pmqa_total(self_assessed) == Decimal("482.38")
    assert pmqa_total(average) == Decimal("370.96")
    assert [pmqa_status(t) for t in ("482.38", "426.86", "370.96")] == list(D("3.86", "3.41", "2.97"))


def test_pmqa_rejects_bad_input():
    with pytest.raises(ValueError, match="7 categories"):
        pmqa_total([400] * 6)
    with pytest.raises(ValueError, match="outside"):
        pmqa_total([400] * 6 + [501])
