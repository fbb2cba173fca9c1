"""Computations: seed-001 percentages, due/late rules, status roll-up, forecast, findings."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.roadmap import forecast_12m, load_plan, project_progress, validate_plan
from dswlib.roadmap.progress import plan_progress, rollup_status, totals
from dswlib.roadmap.quality import findings
from dswlib.roadmap.vocab import Status
from dswlib.thainum import percent


def project_id(finding):
    """The project id in a finding's technical place ("โครงการ five_year_plan: ...")."""
    return re.search(r"โครงการ ([a-z0-9_]+)", finding.where).group(1)


PARAMS = Path(__file__).resolve().parents[1] / "params"


@pytest.fixture(scope="module")
def plan69():
    return load_plan(2569, PARAMS)


# Every KPI percentage printed in seed 001, with its numerator and denominator.
SEED_001_PERCENTAGES = [
    ("five_year_plan", "draft_plan_completion", 2, 5, "40"),          # 001 L43
    ("enterprise_architecture", "ea_activities_done", 7, 23, "30.43"),  # 001 L71
    ("occupational_skills", "skills_trained_share", 59, 1150, "5.13"),  # 001 L118
    ("csr_network", "csr_linked_share", 1470, 2559, "57.44"),           # 001 L128
    ("community_welfare", "better_off_share", 299, 1363, "21.94"),      # 001 L142
    ("hotline_cases", "cases_forwarded_24h", 5911, 5911, "100"),        # 001 L176
]


@pytest.mark.parametrize("pid,kid,num,den,printed", SEED_001_PERCENTAGES)
def test_seed_001_percentages_reproduced(plan69, pid, kid, num, den, printed):
    pp = project_progress(plan69, plan69.project(pid), 6)
    outcome = next(o for o in pp.kpis if o.kpi.id == kid)
    assert outcome.result.achieved == num and outcome.result.base == den
    assert outcome.percent == Decimal(printed)
    assert outcome.printed_matches is True


def test_seed_001_ei_figure(plan69):
    # E.I. = 0.8115 "หรือร้อยละ 81.15" (001 L122)
    fig = next(f for f in plan69.project("csr_network").progress[6].figures if f.unit == "index")
    assert percent(fig.value, fig.base) == Decimal("81.15") == fig.percent_printed


def test_seed_001_survey_percentages_are_whole_units_of_25(plan69):
    figs = [f for f in plan69.project("restructuring_review").progress[6].figures if f.base == 25]
    assert len(figs) == 13  # 001 L79, L85, L86
    assert not [f for f in findings(plan69, 6) if f.code == "implied_count"]


def test_kpi_vs_target(plan69):
    ea = project_progress(plan69, plan69.project("enterprise_architecture"), 6).kpis[0]
    assert ea.target_met is True and ea.gap == Decimal("0.43")  # 30.43 vs 30 % (001 L57, L71)
    plan5 = project_progress(plan69, plan69.project("five_year_plan"), 6).kpis[0]
    assert plan5.target_met is False and plan5.gap == Decimal("-40.00")  # 40 vs 80 % (001 L43)
    web = project_progress(plan69, plan69.project("website_questions"), 6).kpis[0]
    assert web.percent is None and web.target_met is None  # 0/0 questions (001 L161)


def test_five_year_plan_lateness(plan69):
    pp = project_progress(plan69, plan69.project("five_year_plan"), 6)
    by_no = {a.number: a for a in pp.activities}
    # planned ต.ค., พ.ย., ม.ค., ก.พ., มิ.ย. (001 L43-L47); steps 1-2 done, 3-4 not (001 L43)
    assert [by_no[n].status for n in range(1, 6)] == [
        Status.DONE, Status.DONE, Status.LATE, Status.LATE, Status.NOT_STARTED]
    assert by_no[3].months_overdue == 2  # ม.ค. -> end of มี.ค.
    assert by_no[4].months_overdue == 1  # ก.พ.
    assert by_no[4].rescheduled_to == 8 and by_no[4].expected_delay == 3  # moved to พ.ค. 2569
    assert by_no[5].due is False
    assert (len(pp.due), len(pp.due_done), pp.percent_due_done) == (4, 2, Decimal("50.00"))
    assert pp.percent_done == Decimal("40.00")  # = the seed's "2 กิจกรรม คิดเป็นร้อยละ 40"
    assert pp.status is Status.LATE and pp.reported is Status.IN_PROGRESS


def test_highland_committees_due_in_last_month(plan69):
    pp = project_progress(plan69, plan69.project("highland_committees"), 6)
    late = pp.late
    assert [a.number for a in late] == [3] and late[0].months_overdue == 0  # ก.พ.-มี.ค., in progress
    assert pp.percent_due_done == Decimal("66.67")  # 2 of 3 due


def test_unknown_months_are_not_due(plan69):
    pp = project_progress(plan69, plan69.project("enterprise_architecture"), 6)
    assert all(a.due is None for a in pp.activities)
    assert pp.percent_due_done is None
    assert pp.status is Status.IN_PROGRESS  # cannot be "on track" without a schedule


def test_deadline_gives_a_planned_end(plan69):
    pp = project_progress(plan69, plan69.project("restructuring_review"), 6)
    act6 = next(a for a in pp.activities if a.number == 6)
    assert act6.planned_end == 12 and act6.due is False  # ภายใน 30 กันยายน 2569 (001 L87)
    # round 12 without a 12-month report: due by the round, but nobody reported on it yet -> not late
    a12 = project_progress(plan69, plan69.project("restructuring_review"), 12).activities[5]
    assert a12.due is True and a12.status is Status.NOT_STARTED and a12.due_after_report and a12.as_of == 6


def test_totals(plan69):
    t = totals(plan_progress(plan69, 6))
    assert (t.due, t.due_done, t.late) == (7, 4, 3)
    assert t.percent_due_done == Decimal("57.14")


def test_round_must_be_6_or_12(plan69):
    with pytest.raises(ValueError):
        project_progress(plan69, plan69.project("five_year_plan"), 9)


# ----------------------------------------------------------- status rules


def one_activity_plan(months, reported=None, deadline=None, project_status=None):
    act = {"number": 1, "name": "ก", "months": months}
    if deadline:
        act["deadline"] = deadline
    prog = {"activities": {1: reported}} if reported else {}
    if project_status:
        prog["status"] = project_status
    return validate_plan({
        "fiscal_year": 2569, "rounds_reported": [6, 12],
        "document": {"organisation": "o", "title": "t"},
        "sections": [{"projects": [{"id": "p", "activities": [act], "progress": {6: prog, 12: prog}}]}],
    })


@pytest.mark.parametrize("months,reported,rnd,expected", [
    (["ม.ค."], "done", 6, Status.DONE),
    (["ม.ค."], None, 6, Status.LATE),
    (["ม.ค."], "in_progress", 6, Status.LATE),
    (["ม.ค."], "not_started", 6, Status.LATE),
    (["พ.ค."], "in_progress", 6, Status.IN_PROGRESS),
    (["พ.ค."], "on_track", 6, Status.IN_PROGRESS),
    (["พ.ค."], None, 6, Status.NOT_STARTED),
    (["พ.ค."], "late", 6, Status.LATE),
    (["พ.ค."], None, 12, Status.LATE),
    (None, None, 6, Status.UNKNOWN),
    (None, "in_progress", 6, Status.IN_PROGRESS),
    (None, "done", 12, Status.DONE),
    (["มี.ค."], "in_progress", 6, Status.LATE),
])
def test_activity_status_rules(months, reported, rnd, expected):
    plan = one_activity_plan(months, reported)
    pp = project_progress(plan, plan.project("p"), rnd)
    assert pp.activities[0].status is expected


def test_project_rollup_rules():
    plan = one_activity_plan(["ต.ค."], "done")
    assert project_progress(plan, plan.project("p"), 6).status is Status.DONE
    plan = one_activity_plan(["พ.ค."], "in_progress")
    assert project_progress(plan, plan.project("p"), 6).status is Status.ON_TRACK
    plan = one_activity_plan(["พ.ค."], None)
    assert project_progress(plan, plan.project("p"), 6).status is Status.NOT_STARTED
    plan = one_activity_plan(None, None, project_status="in_progress")
    assert project_progress(plan, plan.project("p"), 6).status is Status.IN_PROGRESS
    assert rollup_status([], Status.ON_TRACK) is Status.ON_TRACK
    assert rollup_status([], None) is Status.UNKNOWN


month_names = st.sampled_from(["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."])


@given(months=st.lists(month_names, min_size=1, max_size=12, unique=True),
       reported=st.sampled_from([None, "done", "in_progress", "on_track", "not_started", "late"]),
       rnd=st.sampled_from([6, 12]))
def test_status_properties(months, reported, rnd):
    plan = one_activity_plan(months, reported)
    a = project_progress(plan, plan.project("p"), rnd).activities[0]
    end = max(plan.project("p").activities[0].months[i].fiscal_index(2569) for i in range(len(months)))
    assert a.planned_end == end
    assert a.due == (end <= rnd)
    if reported == "done":
        assert a.status is Status.DONE
    elif a.due:
        assert a.status is Status.LATE and a.months_overdue == rnd - end >= 0
    else:
        assert a.status is not Status.LATE or reported == "late"
    # a later round never makes an activity less late
    if rnd == 6 and a.status is Status.LATE:
        assert project_progress(plan, plan.project("p"), 12).activities[0].status is Status.LATE


# ----------------------------------------------------------- forecast


def test_forecast_run_rate_ea(plan69):
    p = plan69.project("enterprise_architecture")
    f = forecast_12m(p.kpis[0], p.progress[6].kpi_results["ea_activities_done"], 6)
    # 7 of 23 in 6 months -> 14 of 23 in 12 months = 60.87 %
    assert f.method == "run_rate" and f.achieved_12 == 14 and f.value == Decimal("60.87")
    assert f.meets_target is True
    assert "12" in f.assumption and "อัตรา" in f.assumption


def test_forecast_community_welfare(plan69):
    p = plan69.project("community_welfare")
    f = forecast_12m(p.kpis[0], p.progress[6].kpi_results["better_off_share"], 6)
    assert f.achieved_12 == 598 and f.value == percent(598, 1363) == Decimal("43.87")


def test_forecast_rate_kpi_keeps_share(plan69):
    p = plan69.project("hotline_cases")
    f = forecast_12m(p.kpis[0], p.progress[6].kpi_results["cases_forwarded_24h"], 6)
    assert f.method == "constant_rate" and f.value == Decimal("100.00") and f.meets_target is True


def test_forecast_none_for_pending_level_and_zero_base(plan69):
    for pid in ("restructuring_review", "highland_committees", "website_questions"):
        p = plan69.project(pid)
        res = p.progress[6].kpi_results.get(p.kpis[0].id)
        f = forecast_12m(p.kpis[0], res, 6)
        assert f.value is None and f.method == "none" and f.assumption


@given(achieved=st.integers(0, 500), extra=st.integers(0, 500), rnd=st.sampled_from([6, 12]))
def test_forecast_capped_and_monotone(achieved, extra, rnd):
    from dswlib.roadmap.model import Kpi, KpiResult

    base = achieved + extra + 1
    kpi = Kpi(id="k", kind="coverage", target={"value": 50})
    f = forecast_12m(kpi, KpiResult(achieved=achieved, base=base), rnd)
    assert Decimal(0) <= f.value <= Decimal(100)
    assert f.value >= percent(achieved, base)
    if rnd == 12:
        assert f.value == percent(achieved, base)


# ----------------------------------------------------------- findings


def test_findings_report_contradictions(plan69):
    fs = findings(plan69, 6)
    kinds = {(project_id(f), f.code) for f in fs}
    assert ("five_year_plan", "status_vs_schedule") in kinds
    assert ("highland_committees", "status_vs_schedule") in kinds
    assert ("website_questions", "zero_base") in kinds
    assert ("social_media_comments", "sum_unverifiable") in kinds  # Feb positives missing (001 L180)
    assert not [f for f in fs if f.code in ("sum_mismatch", "percent_mismatch")]  # seed 001 sums add up


def test_sum_mismatch_detected():
    raw = {
        "fiscal_year": 2569, "rounds_reported": [6], "document": {"organisation": "o", "title": "t"},
        "sections": [{"projects": [{"id": "p", "kpis": [{"id": "k", "kind": "completion"}], "progress": {6: {
            "breakdowns": [{"label": "รวม", "total": "5,911", "parts": [{"label": "a", "value": "2,354"}, {"label": "b", "value": 2079}]}],
            "kpi_results": {"k": {"achieved": 7, "base": 23, "percent_printed": "30.44"}},
        }}}]}],
    }
    fs = findings(validate_plan(raw), 6)
    assert {f.code for f in fs} >= {"sum_mismatch", "percent_mismatch"}
