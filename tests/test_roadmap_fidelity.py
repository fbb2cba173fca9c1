"""Action plans against seeds 000/001 (issue 11): lateness only where progress was reported, validation of
months, per-area subsets and percentages, a schedule-aware 12-month forecast with a range and the pace still
needed, and the seed-001 figures that were missing."""

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dswlib.errors import ParamsError
from dswlib.roadmap import load_plan, project_progress, validate_plan
from dswlib.roadmap.cli import roadmap
from dswlib.roadmap.forecast import forecast_for, forecast_12m, schedule_outlook
from dswlib.roadmap.model import Kpi, KpiResult
from dswlib.roadmap.quality import findings
from dswlib.roadmap.pages import cover, project_page
from dswlib.roadmap.tables import forecast_table
from dswlib.roadmap.view import load_view
from dswlib.roadmap.vocab import Status

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
RAW69 = yaml.safe_load((PARAMS / "2569" / "roadmap.yaml").read_text(encoding="utf-8"))


def project_id(finding):
    """The project id in a finding's technical place ("โครงการ five_year_plan: ...")."""
    return re.search(r"โครงการ ([a-z0-9_]+)", finding.where).group(1)


@pytest.fixture(scope="module")
def plan69():
    return load_plan(2569, PARAMS)


def _json(*args):
    res = CliRunner().invoke(roadmap, [*args, "--json", "--params-dir", str(PARAMS)])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


# ------------------------------------------------------------------ lateness


def test_plan_only_year_reports_no_lateness():
    data = _json("2566")
    assert data["plan_only"] and data["as_of_round"] is None
    assert data["totals"]["late"] is None and data["totals"]["due"] == 15  # 15 activities planned by March
    for p in data["projects"]:
        assert p["late"] == [] and p["computed_status"] == "not_reported" and p["due_done"] is None


def test_round_12_keeps_what_the_6_month_report_says(plan69):
    data = _json("2569", "--round", "12")
    assert data["as_of_round"] == 6 and not data["plan_only"]
    five = next(p for p in data["projects"] if p["id"] == "five_year_plan")
    # steps 1-2 reported done at 6 months (001 L43) stay done; 3-4 were late *at the report*
    assert [a["activity"] for a in five["late"]] == [3, 4]
    assert [a["months_overdue"] for a in five["late"]] == [2, 1]  # ม.ค. / ก.พ. against end of มี.ค., not ก.ย.
    assert five["due_after_report"] == [5]  # มิ.ย.: due by round 12, not reported on yet
    pp = project_progress(plan69, plan69.project("five_year_plan"), 12)
    assert [a.status for a in pp.activities][:2] == [Status.DONE, Status.DONE]
    highland = next(p for p in data["projects"] if p["id"] == "highland_committees")
    assert [a["activity"] for a in highland["late"]] == [3]  # steps 4-7 fall after the report: not late
    assert highland["due_after_report"] == [4, 5, 6, 7]
    assert data["totals"]["late"] == 3


def test_round_12_report_is_marked_as_from_6_months():
    view = load_view(2569, 12, PARAMS)
    assert view.report_behind and not view.plan_only
    assert "ยังไม่มีรายงานผลรอบ 12 เดือน" in cover(view).to_html()


# ------------------------------------------------------------------ validation


def _plan(mutate):
    raw = copy.deepcopy(RAW69)
    mutate(raw)
    return validate_plan(raw, source="roadmap.yaml")


def _project(raw, pid):
    for top in raw["sections"]:
        stack = [top]
        while stack:
            s = stack.pop()
            for p in s.get("projects", []):
                if p["id"] == pid:
                    return p
            stack.extend(s.get("sections", []))
    raise KeyError(pid)


@pytest.mark.parametrize("month", ["ธ.ค. 2569", "ส.ค. 2568", "ต.ค. 2570"])
def test_rescheduled_month_outside_the_year_is_an_error(month):
    def mutate(raw):
        _project(raw, "five_year_plan")["progress"][6]["rescheduled"] = {4: month}
    with pytest.raises(ParamsError, match=r"five_year_plan: progress\[6\].rescheduled.4.*within FY2569"):
        _plan(mutate)


def test_rescheduled_just_after_the_year_or_into_the_past_is_a_finding():
    def after(raw):
        _project(raw, "five_year_plan")["progress"][6]["rescheduled"] = {4: "ต.ค. 2569"}
    fs = findings(_plan(after), 6)
    assert any(f.code == "rescheduled_after_year" and "กิจกรรมที่ 4" in f.message for f in fs)

    def past(raw):
        _project(raw, "five_year_plan")["progress"][6]["rescheduled"] = {4: "มี.ค. 2569"}
    assert any(f.code == "rescheduled_past" for f in findings(_plan(past), 6))


def test_month_after_the_fiscal_year_end_is_a_finding_and_beyond_is_an_error():
    def just_after(raw):
        _project(raw, "highland_committees")["activities"][6]["months"] = ["ก.ย.", "ต.ค. 69"]
    fs = findings(_plan(just_after), 6)
    assert any(f.code == "outside_year" and "สิ้นสุดหลังปีงบประมาณ" in f.message and "กิจกรรมที่ 7" in f.message
               for f in fs)

    def far(raw):
        _project(raw, "highland_committees")["activities"][6]["months"] = ["ก.ย.", "ธ.ค. 69"]
    with pytest.raises(ParamsError, match="activity 7: months"):
        _plan(far)

    def deadline(raw):
        _project(raw, "restructuring_review")["activities"][5]["deadline"] = "2570-09-30"
    with pytest.raises(ParamsError, match="activity 6: deadline.*within FY2569"):
        _plan(deadline)


def test_done_above_planned_per_area_is_a_finding_even_when_totals_agree():
    def mutate(raw):
        done = _project(raw, "enterprise_architecture")["progress"][6]["breakdowns"][1]
        # 4 security activities done of the 3 planned; the total stays 7 = 2 + 1 + 4 (the sum check passes)
        done["parts"] = [{"label": "ด้านข้อมูลสารสนเทศ", "value": 2}, {"label": "ด้านเทคโนโลยีและโครงสร้างพื้นฐาน", "value": 1},
                         {"label": "ด้านความมั่นคงปลอดภัย", "value": 4}]
    fs = findings(_plan(mutate), 6)
    hits = [f for f in fs if f.code == "part_above_within"]
    assert len(hits) == 1 and "ด้านความมั่นคงปลอดภัย 4" in hits[0].message and hits[0].severity == "error"
    assert not [f for f in fs if f.code == "sum_mismatch"]


def test_within_must_name_a_breakdown_and_its_parts():
    def mutate(raw):
        _project(raw, "enterprise_architecture")["progress"][6]["breakdowns"][1]["parts"][0]["label"] = "ด้านข้อมูล"
    with pytest.raises(ParamsError, match="a part label of"):
        _plan(mutate)


@pytest.mark.parametrize("kind,target", [("unknown", "ร้อยละ 120"), ("count", {"value": 150, "unit": "ร้อยละ"}),
                                         ("coverage", "101")])
def test_target_above_100_for_a_percentage_kpi_is_an_error(kind, target):
    def mutate(raw):
        kpi = _project(raw, "km_storytelling")["kpis"][0]
        kpi["kind"] = kind
        kpi["target"] = target if isinstance(target, dict) else {"value": target}
    with pytest.raises(ParamsError, match="km_storytelling: kpi km_units_submitting: target.value.*percentage 0-100"):
        _plan(mutate)


def test_printed_percentage_without_a_base_is_a_finding(plan69):
    fs = [f for f in findings(plan69, 6) if f.code == "percent_no_base"]
    assert {project_id(f) for f in fs} == {"csr_network"}
    assert any("86.75" in f.message for f in fs) and any("95.99" in f.message for f in fs)

    def mutate(raw):
        res = _project(raw, "community_welfare")["progress"][6]["kpi_results"]["better_off_share"]
        del res["base"]
    fs = findings(_plan(mutate), 6)
    assert any(f.code == "percent_no_base" and project_id(f) == "community_welfare" for f in fs)


# ------------------------------------------------------------------ forecast


def test_schedule_forecast_uses_late_and_moved_steps(plan69):
    pp = project_progress(plan69, plan69.project("five_year_plan"), 6)
    out = schedule_outlook(pp)
    # step 3 (ม.ค.) late -> เม.ย., step 4 moved ก.พ. -> พ.ค. (+3), step 5 มิ.ย. + 3 -> ก.ย.: all 5 by year end
    assert (out.done, out.slip, out.by_year_end_slipped, out.by_year_end_replanned) == (2, 3, 5, 5)
    f = forecast_for(pp, pp.kpis[0])
    assert f.method == "schedule" and f.value == Decimal("100.00")
    assert (f.low, f.high) == (Decimal("80.00"), Decimal("100.00"))  # run rate 4/5 .. schedule 5/5
    assert f.range_meets == "all"  # target ร้อยละ 80 (001 L43)
    n = f.needed
    assert (n.target_count, n.remaining, n.months_left, n.per_month, n.current_per_month) == (4, 2, 6, Decimal("0.33"), Decimal("0.33"))


def test_schedule_forecast_can_miss_when_the_slip_is_long():
    raw = copy.deepcopy(RAW69)
    _project(raw, "five_year_plan")["progress"][6]["rescheduled"] = {4: "ก.ย. 2569"}  # +7 months
    plan = validate_plan(raw)
    pp = project_progress(plan, plan.project("five_year_plan"), 6)
    f = forecast_for(pp, pp.kpis[0])
    assert schedule_outlook(pp).slip == 7 and f.value == Decimal("80.00")  # step 5 (มิ.ย. + 7) misses ก.ย.


def test_run_rate_forecast_gives_a_range_around_the_central_figure(plan69):
    pp = project_progress(plan69, plan69.project("enterprise_architecture"), 6)
    f = forecast_for(pp, pp.kpis[0])
    assert f.method == "run_rate" and f.value == Decimal("60.87")  # 14 of 23
    assert f.low < f.value < f.high <= 100 and f.low >= Decimal("30.43")
    assert f.needed.remaining == 0 and "ถึงค่าเป้าหมาย 12 เดือนแล้ว" in f.needed.text()  # 7 >= 30 % of 23


def test_cohort_counted_once_is_not_extrapolated(plan69):
    pp = project_progress(plan69, plan69.project("occupational_skills"), 6)
    f = forecast_for(pp, pp.kpis[0])
    # all 59 selected people (001 L100) were trained: 5.13 % stays, it does not double to 10.26 %
    assert f.method == "cohort_once" and f.value == f.low == f.high == Decimal("5.13")


def test_rate_kpi_needed_share_of_remaining_cases(plan69):
    pp = project_progress(plan69, plan69.project("hotline_cases"), 6)
    f = forecast_for(pp, pp.kpis[0])
    # 90 % of 2 × 5,911 = 10,639.8; 5,911 done -> 4,728.8 of the next 5,911 = 80 %
    assert f.needed.share_needed == Decimal("80.00") and f.needed.reachable
    assert f.value == Decimal("100.00") and f.low <= f.value


def test_needed_pace_when_behind():
    kpi = Kpi(id="k", kind="coverage", target={"value": 50})
    f = forecast_12m(kpi, KpiResult(achieved=10, base=100), 6)
    assert (f.needed.remaining, f.needed.per_month, f.needed.current_per_month) == (40, Decimal("6.67"), Decimal("1.67"))
    assert f.value == Decimal("20.00") and f.meets_target is False and f.range_meets == "none"


def test_kpi_table_shows_range_and_needed():
    view = load_view(2569, 6, PARAMS)
    table = forecast_table(view)
    df = table.data
    row = df[df["ตัวชี้วัด"].str.contains("แผนปฏิบัติการ ระยะ 5 ปี")].iloc[0]
    assert (row["ช่วงคาดการณ์ (ต่ำสุด)"], row["ช่วงคาดการณ์ (สูงสุด)"]) == (80.0, 100.0)
    assert row["หน่วย"] == "ร้อยละ" and row["ช่วงคาดการณ์เทียบค่าเป้าหมาย"] == "บรรลุเป้าหมายทั้งช่วง"
    assert (row["ต้องเพิ่มอีก"], row["หน่วยนับ"], row["เดือนที่เหลือ"], row["ต้องทำได้ต่อเดือน"]) == (2, "กิจกรรม", 6, 0.33)
    assert row["วิธีคาดการณ์"].startswith("ตามแผนรายเดือน")
    assert ">80.00<" in table.to_html() and ">0.33<" in table.to_html()
    page = project_page(view, next(p for p in view.progress if p.project.id == "five_year_plan")).to_html()
    assert "ร้อยละ 80.00 – 100.00" in page and "ต้องเพิ่มอีก 2 กิจกรรม ใน 6 เดือนที่เหลือ" in page


# ------------------------------------------------------------------ seed-001 figures


def test_csr_training_figures_from_seed_001(plan69):
    figs = {f.label: f for f in plan69.project("csr_network").progress[6].figures}
    ei = figs["ประสิทธิผลการเรียนรู้ของผู้เข้าอบรม (E.I.)"]
    assert (ei.value, ei.percent_printed, ei.threshold) == (Decimal("0.8115"), Decimal("81.15"), Decimal("0.70"))
    assert figs["ความพึงพอใจของผู้เข้าอบรม"].percent_printed == Decimal("86.75")  # 001 L122
    assert figs["ความสำเร็จโดยรวมของโครงการอบรม"].percent_printed == Decimal("95.99")
    view = load_view(2569, 6, PARAMS)
    html = project_page(view, next(p for p in view.progress if p.project.id == "csr_network")).to_html()
    for text in ("86.75", "95.99", "เกณฑ์ที่กำหนด 0.70: ผ่านเกณฑ์", "25–27 ก.พ. 2569"):
        assert text in html


def test_restructuring_survey_percentages_are_shown():
    view = load_view(2569, 6, PARAMS)
    html = project_page(view, next(p for p in view.progress if p.project.id == "restructuring_review")).to_html()
    assert "มีการใช้ทรัพยากรร่วมกัน ร้อยละ 88 ของ 25 แห่ง" in html  # 001 L79


def test_gantt_marks_the_month_an_activity_was_moved_to(plan69):
    from dswlib.roadmap.gantt import gantt_rows

    rows = [r for r in gantt_rows(plan69, [plan69.project("five_year_plan")], 6) if not r.header]
    assert [r.moved_to for r in rows] == [None, None, None, 8, None]  # step 4 ก.พ. -> พ.ค. 2569 (001 L43)
    plan66 = load_plan(2566, PARAMS)
    assert all(r.status is None for r in gantt_rows(plan66, None, None) if not r.header)
