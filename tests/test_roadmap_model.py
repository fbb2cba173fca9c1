"""Validation of action-plan params: months, statuses, numbers, cross-references."""

import copy
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from dswlib.errors import ParamsError
from dswlib.roadmap import load_plan, load_plan_file, parse_month, parse_status, validate_plan
from dswlib.roadmap.vocab import MonthRef, Status

PARAMS = Path(__file__).resolve().parents[1] / "params"


def minimal_plan():
    return {
        "fiscal_year": 2569,
        "kind": "progress",
        "rounds_reported": [6],
        "document": {"organisation": "กรมทดสอบ", "title": "แผนทดสอบ"},
        "sections": [{
            "name": "ประเด็นทดสอบ",
            "projects": [{
                "id": "p1",
                "name": "โครงการทดสอบ",
                "activities": [
                    {"number": 1, "name": "กิจกรรมหนึ่ง", "months": ["ต.ค.", "พ.ย."]},
                    {"number": 2, "name": "กิจกรรมสอง", "months": None},
                ],
                "kpis": [{"id": "k1", "name": "ร้อยละทดสอบ", "kind": "completion",
                          "target": {"value": "ร้อยละ 30", "unit": "ร้อยละ"}}],
                "progress": {6: {"status": "in_progress",
                                 "activities": {1: "done"},
                                 "kpi_results": {"k1": {"achieved": 7, "base": 23}}}},
            }],
        }],
    }


def project(raw):
    return raw["sections"][0]["projects"][0]


def test_minimal_plan_loads():
    plan = validate_plan(minimal_plan(), source="x.yaml")
    p = plan.project("p1")
    assert [m.fiscal_index(2569) for m in p.activity(1).months] == [1, 2]
    assert p.activity(2).months is None  # unknown stays unknown, not []
    assert p.progress[6].activities[1] is Status.DONE


@pytest.mark.parametrize("text,expected", [
    ("ต.ค.", MonthRef(10)), ("ก.ย.", MonthRef(9)), ("มี.ค.", MonthRef(3)),
    ("ตุลาคม", MonthRef(10)), ("ก.ย. 65", MonthRef(9, 2565)), ("ก.ย. ๖๕", MonthRef(9, 2565)),
    ("พ.ค. 2569", MonthRef(5, 2569)), ("  ธ.ค.  ", MonthRef(12)),
])
def test_parse_month(text, expected):
    assert parse_month(text) == expected


@pytest.mark.parametrize("bad", ["Oct", "ต.ค", "13", "เดือนสิบ", "", "ก.ย. 1"])
def test_parse_month_rejects(bad):
    with pytest.raises(ValueError):
        parse_month(bad)


def test_fiscal_index_with_years():
    # FY2566 runs ต.ค. 65 - ก.ย. 66; seed 000's KPI-5 table starts at ก.ย. 65
    assert parse_month("ก.ย. 65").fiscal_index(2566) == 0
    assert parse_month("ต.ค. 65").fiscal_index(2566) == 1
    assert parse_month("ก.ย. 66").fiscal_index(2566) == 12
    assert parse_month("ต.ค. 66").fiscal_index(2566) == 13
    assert parse_month("มี.ค.").fiscal_index(2566) == 6


@pytest.mark.parametrize("text,status", [
    ("ดำเนินการเสร็จตามแผน", Status.DONE),
    ("ดำเนินการตามแผน", Status.ON_TRACK),
    ("อยู่ระหว่างดำเนินการตามแผน", Status.IN_PROGRESS),
    ("ยังไม่ดำเนินการตามแผน", Status.NOT_STARTED),
    ("ล่าช้ากว่าแผน", Status.LATE),
    ("late", Status.LATE),
])
def test_parse_status_thai_and_codes(text, status):
    assert parse_status(text) is status


def test_bad_month_names_file_place_and_value():
    raw = minimal_plan()
    project(raw)["activities"][0]["months"] = ["ต.ค.", "Octember"]
    with pytest.raises(ParamsError) as err:
        validate_plan(raw, source="params/2569/roadmap.yaml")
    msg = str(err.value)
    assert "params/2569/roadmap.yaml" in msg
    assert "project p1" in msg and "activities[0].months[1]" in msg
    assert "Thai month" in msg and "Octember" in msg


def test_unknown_status_is_rejected():
    raw = minimal_plan()
    project(raw)["progress"][6]["status"] = "finished-ish"
    with pytest.raises(ParamsError) as err:
        validate_plan(raw, source="r.yaml")
    assert "progress[6].status" in str(err.value)
    assert "finished-ish" in str(err.value)


def test_unknown_activity_status():
    raw = minimal_plan()
    project(raw)["progress"][6]["activities"][1] = "almost"
    with pytest.raises(ParamsError, match="almost"):
        validate_plan(raw, source="r.yaml")


def test_achieved_above_base_is_invalid_for_ratio_kpis():
    raw = minimal_plan()
    project(raw)["progress"][6]["kpi_results"]["k1"] = {"achieved": 24, "base": 23}
    with pytest.raises(ParamsError) as err:
        validate_plan(raw, source="r.yaml")
    assert "kpi_results.k1.achieved" in str(err.value)
    assert "at most the base 23" in str(err.value)


def test_achieved_above_base_allowed_for_count_kpis():
    raw = minimal_plan()
    project(raw)["kpis"][0]["kind"] = "count"
    project(raw)["kpis"][0]["target"] = {"value": 10}
    project(raw)["progress"][6]["kpi_results"]["k1"] = {"achieved": 24, "base": 23}
    plan = validate_plan(raw, source="r.yaml")
    assert plan.project("p1").progress[6].kpi_results["k1"].achieved == 24


def test_thai_digits_and_separators_are_parsed():
    raw = minimal_plan()
    project(raw)["kpis"][0]["target"] = {"value": "ร้อยละ ๓๐"}
    project(raw)["progress"][6]["kpi_results"]["k1"] = {"achieved": "๑,๔๗๐", "base": "2,559", "percent_printed": "ร้อยละ 57.44"}
    plan = validate_plan(raw, source="r.yaml")
    p = plan.project("p1")
    assert p.kpis[0].target.value == Decimal("30")
    res = p.progress[6].kpi_results["k1"]
    assert (res.achieved, res.base, res.percent_printed) == (Decimal(1470), Decimal(2559), Decimal("57.44"))


def test_bad_number_names_field():
    raw = minimal_plan()
    project(raw)["progress"][6]["kpi_results"]["k1"] = {"achieved": "เจ็ด", "base": 23}
    with pytest.raises(ParamsError) as err:
        validate_plan(raw, source="r.yaml")
    assert "kpi_results.k1.achieved" in str(err.value) and "เจ็ด" in str(err.value)


@pytest.mark.parametrize("mutate,fragment", [
    (lambda r: project(r)["progress"][6]["activities"].__setitem__(9, "done"), "activities"),
    (lambda r: project(r)["progress"][6]["kpi_results"].__setitem__("nope", {"achieved": 1}), "kpi_results"),
    (lambda r: project(r)["progress"].__setitem__(12, {"status": "done"}), "rounds_reported"),
    (lambda r: project(r)["activities"].append({"number": 1, "name": "ซ้ำ"}), "unique activity numbers"),
    (lambda r: project(r)["activities"][0].__setitem__("months", ["ต.ค.", "ต.ค."]), "each month once"),
    (lambda r: project(r)["activities"][0].__setitem__("months", ["ต.ค. 60"]), "FY2569"),
    (lambda r: project(r)["activities"][0].__setitem__("monthz", ["ต.ค."]), "spelling"),
    (lambda r: project(r)["kpis"][0]["target"].__setitem__("value", 130), "0-100"),
    (lambda r: project(r)["progress"][6]["kpi_results"]["k1"].__setitem__("pending", True), "pending"),
    (lambda r: r["sections"][0]["projects"].append(copy.deepcopy(project(r))), "unique project id"),
])
def test_cross_checks(mutate, fragment):
    raw = minimal_plan()
    mutate(raw)
    with pytest.raises(ParamsError) as err:
        validate_plan(raw, source="r.yaml")
    assert fragment in str(err.value)
    assert "r.yaml" in str(err.value)


def test_yaml_no_key_trap_is_reported(tmp_path):
    # YAML 1.1 reads the key "no" as False; the error must still say where.
    raw = minimal_plan()
    text = yaml.safe_dump(raw, allow_unicode=True).replace("number: 1", "no: 1", 1)
    f = tmp_path / "roadmap.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        load_plan_file(f)
    assert str(f) in str(err.value) and "activities[0]" in str(err.value)


def test_invalid_yaml_names_line(tmp_path):
    f = tmp_path / "roadmap.yaml"
    f.write_text("fiscal_year: 2569\nsections: [\n", encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        load_plan_file(f)
    assert "valid YAML" in str(err.value) and "line" in str(err.value)


def test_missing_year_file(tmp_path):
    (tmp_path / "2564").mkdir()
    with pytest.raises(ParamsError, match="roadmap.yaml or action_plans.yaml"):
        load_plan(2564, tmp_path)


def test_folder_year_must_match(tmp_path):
    (tmp_path / "2570").mkdir()
    (tmp_path / "2570" / "roadmap.yaml").write_text(yaml.safe_dump(minimal_plan(), allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParamsError, match="folder"):
        load_plan(2570, tmp_path)


def test_real_params_load():
    p69 = load_plan(2569, PARAMS)
    p66 = load_plan(2566, PARAMS)
    assert p69.kind == "progress" and p69.rounds_reported == [6]
    assert p66.kind == "plan" and not p66.rounds_reported
    # marks lost in the export stay unknown
    ea = p69.project("enterprise_architecture")
    assert all(a.months is None for a in ea.activities)
    assert p66.project("kpi3_vulnerable_households").activities[0].months is None
