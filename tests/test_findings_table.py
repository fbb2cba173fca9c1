"""The body's findings table keeps figures as numbers and shows them exactly as printed."""

import pickle
from decimal import Decimal

from dswlib.findings import Finding, PrintedNumber, findings_table


def test_printed_and_recomputed_values_are_numbers_shown_as_printed():
    findings = [
        Finding("x", "warning", "a.yaml: f", "ข้อความ", printed="2.9", expected="2.99", where_th="ตาราง ก"),
        Finding("x", "warning", "a.yaml: g", "ข้อความ", printed="+2.87", expected="100.00"),
        Finding("x", "info", "a.yaml: h", "ข้อความ", printed="-", expected="2,837.35 / 2,000.00"),
        Finding("x", "info", "a.yaml: i", "ข้อความ", printed="ร้อยละ 13.90", expected="196,387"),
    ]
    table = findings_table(findings)
    printed, expected = table.data["ค่าที่พิมพ์"].tolist(), table.data["ค่าที่คำนวณได้"].tolist()
    assert printed[0] == Decimal("2.9") and expected[0] - printed[0] == Decimal("0.09")  # data: numbers
    assert printed[1] == Decimal("2.87") and expected[1] == 100 and printed[2] is None
    assert expected[2] == "2,837.35 / 2,000.00"  # not one number: stays text
    assert printed[3] == Decimal("13.90") and expected[3] == 196387
    html = table.to_html()
    for shown in (">2.9<", ">2.99<", ">+2.87<", ">100.00<", ">ร้อยละ 13.90<", ">196,387<", ">2,837.35 / 2,000.00<"):
        assert shown in html, shown
    assert pickle.loads(pickle.dumps(printed[1])).text == "+2.87"
    assert isinstance(PrintedNumber("1,424"), Decimal) and PrintedNumber("1,424") == 1424
