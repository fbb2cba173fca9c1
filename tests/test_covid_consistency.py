"""Figure checks of the COVID section: sums hold, printed rounding problems become findings."""

from pathlib import Path

import pytest


from dswlib.covid.consistency import (
    MISMATCH, NOTE, OK, all_findings, check_findings, data_quality_findings, narrative_number_findings,
    table_findings,
)
from dswlib.covid.model import load_covid, parse_covid
from dswlib.series import load_series

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"


@pytest.fixture(scope="module")
def section():
    return load_covid(PARAMS, 2564)


@pytest.fixture(scope="module")
def results(section):
    return {r.where_th: r for r in all_findings(section, load_series(PARAMS))}


def test_relief_payments_by_month_add_up(section, results):
    relief = section.tables.relief_payments  # 002 L929
    assert [(m.month, m.cases, m.amount_baht) for m in relief.months] == [
        ("2564-06", 7047, 19994800), ("2564-07", 4399, 12030000), ("2564-08", 64, 128000)]
    assert (relief.total_cases, relief.total_amount_baht) == (11510, 32152800)
    cases, amount = results["เงินสงเคราะห์: จำนวนรายรวม"], results["เงินสงเคราะห์: จำนวนเงินรวม"]
    assert (cases.status, cases.recomputed) == (OK, "11,510")
    assert (amount.status, amount.recomputed) == (OK, "32,152,800")


def test_sum_check_fails_when_a_month_is_changed(section):
    data = section.model_dump(mode="json")
    data["tables"]["relief_payments"]["months"][2]["cases"] = "65"
    changed = {r.where_th: r for r in table_findings(parse_covid(data, "covid.yaml"))}
    assert changed["เงินสงเคราะห์: จำนวนรายรวม"].status == MISMATCH


def test_screening_subtotals_are_sums_of_rounded_parts(results):
    back = results["จุดคัดกรอง: รวมส่งกลับคืนสู่สังคม"]  # 002 L923: printed 61.09, 245/401 = 61.10
    assert (back.status, back.printed, back.recomputed) == (MISMATCH, "61.09", "61.10")
    assert "ผลรวมของร้อยละย่อยที่ปัดเศษแล้ว" in back.explanation_th
    state = results["จุดคัดกรอง: รวมเข้าสู่กระบวนการภาครัฐ"]  # printed 38.91, 156/401 = 38.90
    assert (state.status, state.printed, state.recomputed) == (MISMATCH, "38.91", "38.90")
    assert results["จุดคัดกรอง: จำนวนคนรวม"].status == OK  # 58+32+155+98+33+20+5 = 401
    assert results["จุดคัดกรอง: ส่งกลับภูมิลำเนา"].status == OK  # 58/401 = 14.46


def test_shelter_shares_truncated(results):
    home = results["ศูนย์พักพิงชั่วคราว: ส่งกลับภูมิลำเนา"]  # 85/229 = 37.118 printed 37.11
    assert (home.status, home.printed, home.recomputed) == (MISMATCH, "37.11", "37.12")
    assert "ตัดทศนิยม" in home.explanation_th
    facility = results["ศูนย์พักพิงชั่วคราว: สถานคุ้มครองคนไร้ที่พึ่ง"]  # 25/229 printed 10.91
    assert (facility.printed, facility.recomputed) == ("10.91", "10.92")
    assert results["ศูนย์พักพิงชั่วคราว: ผลรวมร้อยละย่อยที่พิมพ์"].printed == "99.98"
    assert results["ศูนย์พักพิงชั่วคราว: จำนวนคนรวม"].status == OK  # 229


def test_staff_infection_printed_2_9(results):
    staff = results["สัดส่วนบุคลากรที่ติดเชื้อ"]  # 14/469 = 2.985, printed "ร้อยละ 2.9" (002 L906)
    assert (staff.status, staff.printed, staff.recomputed) == (MISMATCH, "2.9", "2.99")


def test_declared_checks_that_hold(section):
    by_label = {r.where_th: r for r in check_findings(section)}
    assert by_label["อัตราประหยัดไฟฟ้าที่เพิ่มขึ้น"].status == OK  # 30.37 - 28.71 = 1.66
    assert by_label["ผู้ใช้บริการบ้านปันสุขชายและหญิง"].status == OK  # 205 + 84 = 289


def test_other_breakdowns_hold(results):
    assert results["ผู้ได้รับการคุ้มครอง: จำแนกตามเพศ"].recomputed == "1,002"  # 659 + 343
    assert results["ผู้ได้รับการคุ้มครอง: จำแนกตามกลุ่ม"].recomputed == "1,002"  # 897 + 19 + 86
    assert results["อบรมออนไลน์: จำนวนโครงการ"].status == OK  # 4 projects listed


def test_volunteer_count_differs_between_documents(results):
    volunteers = results["จำนวน อพม. ปี 2564"]  # 196,387 (002 L952) vs 215,280 (000 L148)
    assert (volunteers.status, volunteers.printed, volunteers.recomputed) == (NOTE, "196,387", "215,280")


def test_narrative_numbers_are_all_backed(section):
    assert narrative_number_findings(section) == []


def test_narrative_number_typo_is_caught(section):
    data = section.model_dump(mode="json")
    data["responses"]["by_dimension"]["service_users"][3]["outcomes"] = ["จ่ายเงินสงเคราะห์รวม 11,150 ราย"]
    found = narrative_number_findings(parse_covid(data, "covid.yaml"))
    assert [f.printed for f in found] == ["11,150"]


def test_shared_findings_for_dsw_check(section):
    findings = data_quality_findings(section, load_series(PARAMS))
    codes = {f.code for f in findings}
    assert {"covid_subtotal", "covid_share", "covid_percent", "covid_printed_issue"} <= codes
    assert all(f.where.startswith("params/2564/covid.yaml") for f in findings)
    assert {f.severity for f in findings} <= {"warning", "info"}
