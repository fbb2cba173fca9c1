"""The one table layer and the self-displaying sections."""

import math
import time

import pandas as pd
import pytest

from dswlib.display import Bullets, Col, Figure, Heading, ReportTable, Section, note, para, strong
from dswlib.filecache import cached_on_files


def _frame():
    return pd.DataFrame({"หน่วยงาน": ["ก <b>", "[x](javascript:alert(1))", "รวม"],
                         "ร้อยละ": [78.125, float("nan"), 13.895], "คน": [1424, 3, 1427]})


def test_data_stays_numeric_and_display_is_formatted():
    t = ReportTable(_frame(), cols={"ร้อยละ": Col(decimals=2, unit="ร้อยละ")}, emphasis=[False, False, True])
    assert t.data["ร้อยละ"].dtype.kind == "f" and t.data["คน"].dtype.kind == "i"
    assert t.data.sort_values("ร้อยละ")["คน"].tolist()[0] == 1427  # sortable as numbers
    html = t.to_html()
    assert ">78.13<" in html          # half-up as the documents print
    assert ">13.90<" in html and ">1,424<" in html
    assert ">-<" in html              # missing shown as "-" only at display
    assert math.isnan(t.data["ร้อยละ"][1])
    assert "dsw-total" in html and t.units == {"ร้อยละ": "ร้อยละ"}


def test_every_text_cell_and_header_is_escaped():
    frame = _frame().rename(columns={"คน": "<script>x</script>"})
    html = ReportTable(frame, caption="<i>c</i>", source="<s>").to_html()
    assert "<script>" not in html and "<b>" not in html and "<i>c" not in html
    assert "&lt;script&gt;" in html and "href" not in html


def test_thai_digits_and_signed_changes():
    t = ReportTable(pd.DataFrame({"เปลี่ยน": [2.874, -56.12]}), cols={"เปลี่ยน": Col(decimals=2, signed=True)}, thai_digits=True)
    html = t.to_html()
    assert "+๒.๘๗" in html and "-๕๖.๑๒" in html


def test_table_ids_are_stable_and_distinct():
    a = ReportTable(_frame(), caption="a").to_html()
    assert a == ReportTable(_frame(), caption="a").to_html()
    b = ReportTable(_frame(), caption="b").to_html()
    assert a.split('id="')[1][:9] != b.split('id="')[1][:9]


def test_empty_table_says_so():
    assert "ไม่มีรายการ" in ReportTable(pd.DataFrame({"a": []})).to_html()


def test_section_displays_parts_in_order_and_escapes_text():
    import matplotlib.pyplot as plt

    from dswlib.thaifont import use_in_matplotlib

    use_in_matplotlib()

    fig, ax = plt.subplots()
    ax.set_title("ชื่อกราฟ")
    s = Section().add(Heading("หัวข้อ <x>", 2, "sec-a"), para("ผล ", strong("13.90"), " <y>"),
                      Bullets(["ข้อ 1", "<z>"]), note("หมายเหตุ"), fig, ReportTable(_frame()))
    html = s._repr_html_()
    assert html.index("<h2") < html.index("<p>") < html.index("<ul>") < html.index("<svg") < html.index("<table")
    assert "&lt;x&gt;" in html and "&lt;y&gt;" in html and "&lt;z&gt;" in html
    assert "<strong>13.90</strong>" in html and 'aria-label="ชื่อกราฟ"' in html
    assert len(s.tables()) == 1 and isinstance(s.parts[4], Figure)


def test_file_cache_follows_edits(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("1")
    calls = []

    @cached_on_files(lambda p: [p])
    def load(p):
        calls.append(p)
        return path.read_text()

    assert load(path) == "1" and load(path) == "1"
    assert len(calls) == 1
    time.sleep(0.01)
    path.write_text("22")
    assert load(path) == "22" and len(calls) == 2


def test_missing_text_and_row_formats_are_display_only():
    """A column says what a missing value reads; some rows of a column can be shown differently (a sub-weight "(10)")."""
    frame = pd.DataFrame({"ตัวชี้วัด": ["3", "3.1", "3.2"], "น้ำหนัก": [20.0, 10.0, 10.0], "เป้าหมาย": [float("nan"), 13.16, None]})
    sub = [False, True, True]
    t = ReportTable(frame, cols={"น้ำหนัก": Col(decimals=0), "เป้าหมาย": Col(decimals=2, missing="ยังไม่กำหนด")},
                    row_cols={"น้ำหนัก": [(sub, Col(fmt=lambda v: f"({v:g})"))]})
    html = t.to_html()
    assert ">20<" in html and html.count(">(10)<") == 2 and ">13.16<" in html and html.count(">ยังไม่กำหนด<") == 2
    assert t.data["น้ำหนัก"].tolist() == [20.0, 10.0, 10.0]  # the data keeps the numbers
    assert "dsw-right" in html  # a formatted numeric column is still aligned as numbers


def test_table_markup_carries_no_styler_hooks_but_keeps_its_own_classes():
    frame = pd.DataFrame({"ชื่อ": ["ก", "ข"], "คน": [1, 2]})
    html = ReportTable(frame, emphasis=[False, True]).to_html()
    assert "_row0_col0" not in html and 'class="data' not in html and "col_heading" not in html
    assert html.count('class="dsw-right"') == 1 and 'class="dsw-right dsw-total"' in html
    assert "<td>ก</td>" in html and "<style" not in html
