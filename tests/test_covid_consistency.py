"""Figure checks of the COVID section: sums hold, printed rounding problems become findings (dswlib.findings.Finding)."""

import re
from pathlib import Path

import pytest

from dswlib.covid.consistency import (
    all_checks, all_findings, declared_checks, narrative_number_checks, table_checks,
)
from dswlib.covid.model import load_covid, parse_covid
from dswlib.findings import Finding
from dswlib.series import load_series

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
FILE = "params/2564/covid.yaml: "


@pytest.fixture(scope="module")
def section():
    return load_covid(PARAMS, 2564)


@pytest.fixture(scope="module")
def checks(section):
    """Every check by its technical place (file: field)."""
    return {c.finding.where.removeprefix(FILE): c for c in all_checks(section, load_series(PARAMS))}


def test_relief_payments_by_month_add_up(section, checks):
    relief = section.tables.relief_payments  # 002 L929
    assert [(m.month, m.cases, m.amount_baht) for m in relief.months] == [
        ("2564-06", 7047, 19994800), ("2564-07", 4399, 12030000), ("2564-08", 64, 128000)]
    assert (relief.total_cases, relief.total_amount_baht) == (11510, 32152800)
    cases, amount = checks["tables.relief_payments.total_cases"], checks["tables.relief_payments.total_amount_baht"]
    assert cases.ok and cases.finding.expected == "11,510"
    assert amount.ok and amount.finding.expected == "32,152,800"


def test_sum_check_fails_when_a_month_is_changed(section):
    data = section.model_dump(mode="json")
    data["tables"]["relief_payments"]["months"][2]["cases"] = "65"
    changed = {c.finding.where.removeprefix(FILE): c for c in table_checks(parse_covid(data, "covid.yaml"))}
    assert not changed["tables.relief_payments.total_cases"].ok


def test_screening_subtotals_are_sums_of_rounded_parts(checks):
    back = checks["tables.screening_point.groups[returned_to_society].percent_printed"].finding  # 002 L923
    assert (back.severity, back.printed, back.expected) == ("warning", "61.09", "61.10")  # 245/401 = 61.10
    assert "ผลรวมของร้อยละย่อยที่ปัดเศษแล้ว" in back.message
    assert back.where_th == "ตารางประกอบ ข (จุดคัดกรอง) แถว รวมส่งกลับคืนสู่สังคม"
    state = checks["tables.screening_point.groups[state_process].percent_printed"].finding  # 156/401 = 38.90
    assert (state.printed, state.expected) == ("38.91", "38.90")
    assert checks["tables.screening_point.total"].ok  # 58+32+155+98+33+20+5 = 401
    assert checks["tables.screening_point.groups[returned_to_society].items[0].percent_printed"].ok  # 58/401


def test_shelter_shares_truncated(checks):
    home = checks["tables.shelter_outcomes.groups[destination].items[0].percent_printed"]  # 85/229 = 37.118
    assert not home.ok and (home.finding.printed, home.finding.expected) == ("37.11", "37.12")
    assert "ตัดทศนิยม" in home.finding.message
    facility = checks["tables.shelter_outcomes.groups[destination].items[2].percent_printed"].finding  # 25/229
    assert (facility.printed, facility.expected) == ("10.91", "10.92")
    assert checks["tables.shelter_outcomes.groups[*].items[*].percent_printed"].finding.printed == "99.98"
    assert checks["tables.shelter_outcomes.total"].ok  # 229


def test_staff_infection_printed_2_9(checks):
    staff = checks["checks[0]"]  # 14/469 = 2.985, printed "ร้อยละ 2.9" (002 L906)
    assert not staff.ok and (staff.finding.printed, staff.finding.expected) == ("2.9", "2.99")
    # the place a reader finds it: the response in Table 2 that reports the figure
    assert staff.finding.where_th.startswith("ตารางที่ 2 ข้อ 2.3 รายการที่ 2")


def test_declared_checks_that_hold(section):
    by_field = {c.finding.where.removeprefix(FILE): c for c in declared_checks(section)}
    assert by_field["checks[1]"].ok  # 30.37 - 28.71 = 1.66
    assert by_field["checks[2]"].ok  # 205 + 84 = 289


def test_other_breakdowns_hold(checks):
    assert checks["tables.protection_centre_users.breakdowns[sex]"].finding.expected == "1,002"  # 659 + 343
    assert checks["tables.protection_centre_users.breakdowns[group]"].finding.expected == "1,002"  # 897+19+86
    assert checks["tables.online_training.projects_printed"].ok  # 4 projects listed


def test_volunteer_count_differs_between_documents(section):
    (volunteers,) = [f for f in all_findings(section, load_series(PARAMS)) if f.code == "covid_cross_document"]
    assert (volunteers.severity, volunteers.printed, volunteers.expected) == ("info", "196,387", "215,280")
    # 196,387 (002 L952) vs 215,280 (000 L148): both lines in the technical source, none in the Thai message
    assert volunteers.source == "002 L952; 000 L148"
    assert not re.search(r"L\d+", volunteers.message)


def test_narrative_numbers_are_all_backed(section):
    assert narrative_number_checks(section) == []


def test_narrative_number_typo_is_caught(section):
    data = section.model_dump(mode="json")
    data["responses"]["by_dimension"]["service_users"][3]["outcomes"] = ["จ่ายเงินสงเคราะห์รวม 11,150 ราย"]
    (found,) = narrative_number_checks(parse_covid(data, "covid.yaml"))
    assert found.finding.printed == "11,150"
    assert found.finding.where_th == "ตารางที่ 2 ข้อ 2.4 รายการที่ 4"
    assert found.finding.where == FILE + "responses.by_dimension.service_users[3]"
    assert "params" not in found.finding.message and "facts" not in found.finding.message


def test_every_finding_is_one_type_with_thai_place_and_technical_where(section):
    checks = all_checks(section, load_series(PARAMS))
    assert (len(checks), sum(c.ok for c in checks)) == (35, 21)
    findings = all_findings(section, load_series(PARAMS))
    assert len(findings) == 14 and all(isinstance(f, Finding) for f in findings)
    codes = {f.code for f in findings}
    assert {"covid_subtotal", "covid_share", "covid_percent", "covid_printed_issue"} <= codes
    assert all(f.where.startswith("params/2564/covid.yaml: ") for f in findings)
    assert {f.severity for f in findings} <= {"warning", "info"}
    for f in findings:
        # where_th is the reader's Thai (a table, a row, a part of the report), never a file or a field
        assert f.where_th and re.search(r"[\u0e00-\u0e7f]", f.where_th), f
        assert not re.search(r"\.yaml|\.csv|params|[a-z]+_[a-z]+|L\d+", f.where_th + " " + f.message), f
        assert re.match(r"\d{3} L\d+", f.source), f


def test_printed_issues_name_their_place(section):
    issues = [f for f in all_findings(section) if f.code == "covid_printed_issue"]
    assert [f.where_th for f in issues][:2] == ["ตารางที่ 2 ข้อ 2.4 รายการที่ 2 (จุดคัดกรอง)",
                                                 'ส่วนที่ 3 ข้อ 3.4 (แนวคิด "3 ค.")']
    assert issues[2].message.startswith("คำพิมพ์ผิด: ")
