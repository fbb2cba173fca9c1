"""The annual report in the one library shape (issue 14) and in the department's Thai (issue 12.6, 12.7).

Sections are data objects: their tables hold numbers; the body names no file, params key,
code or seed line (those are in the appendix, under the same finding numbers); the COVID
chapter is linked when the year has one.
"""

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from dswlib.annual import AnnualReport
from dswlib.display import Section
from dswlib.errors import ParamsError

PARAMS = Path(__file__).resolve().parents[1] / "params"

BODY = ("cover", "foreword", "strategy_map", "kpi_weights", "kpi_pages", "covid_chapter", "summary", "data_quality")
# words of software in a report body: the package, params keys and files, English snake_case codes, seed lines
SOFTWARE = re.compile(r"dswlib|params|\.csv|\.ya?ml|\.ipynb|\b[a-z]+(?:_[a-z0-9]+)+\b|\b\d{3} L\d+|\bL\d{2,}\b")


@pytest.fixture(scope="module")
def rep64():
    return AnnualReport.load(fiscal_year=2564, round=12, params_dir=PARAMS)


@pytest.fixture(scope="module")
def rep66():
    return AnnualReport.load(fiscal_year=2566, round=12, params_dir=PARAMS)


def _visible(markup: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.mark.parametrize("year", [2564, 2566])
def test_every_section_is_a_section_and_its_tables_are_numeric(params_dir, year, assert_numeric_tables):
    rep = AnnualReport.load(fiscal_year=year, round=12, params_dir=params_dir)
    sections = [getattr(rep, name)() for name in (*BODY, "appendix")]
    assert all(isinstance(s, Section) for s in sections)
    assert all("<" in s._repr_html_() or not s.parts for s in sections)
    assert_numeric_tables(*sections)


def test_the_fixture_catches_numbers_kept_as_text(assert_numeric_tables):
    import pandas as pd

    from dswlib.display import ReportTable

    for bad in ("(10)", "13.90", "1,424", "ระดับ 75", "-", "ร้อยละ 13.16", "+2.87"):
        with pytest.raises(AssertionError):
            assert_numeric_tables(ReportTable(pd.DataFrame({"a": ["ชื่อ", bad]})))
    assert_numeric_tables(ReportTable(pd.DataFrame({"a": ["ร้อยละ 100 ของกลุ่มเป้าหมาย", "ตัวชี้วัดที่ 3.1"], "b": [1.5, 2]})))


def test_score_table_holds_numbers_and_shows_the_documents_formats(rep64):
    table = rep64.score_table()
    data = table.data.set_index(table.data["ตัวชี้วัด"].str.split().str[0])
    assert data.loc["3.1", "น้ำหนัก"] == 10.0 and data.loc["3", "น้ำหนัก"] == 20.0
    assert data.loc["3.1", "ผลการดำเนินงาน"] == 13.9 and data.loc["5.2", "ขั้นต่ำ (50)"] == 370.0
    assert data.loc["1", "ผลการดำเนินงาน"] == 75.0 and math.isnan(data.loc["1", "ขั้นต่ำ (50)"])
    assert data.loc["3.2", "คะแนนถ่วงน้ำหนัก"] == 0.0 and data.loc["3", "คะแนน"] == 27.11
    assert data["คะแนนถ่วงน้ำหนัก"].dtype.kind == "f"
    assert data.sort_values("คะแนน").index[0] in ("3.2", "4")  # sortable as numbers
    html = table.to_html()
    assert ">(10)<" in html and ">ระดับ 75<" in html and ">(ตามเกณฑ์)<" in html and ">5.4210<" in html
    assert ">370.00<" in html
    total = rep64.components_table().data
    assert total["คะแนนถ่วงน้ำหนัก"].tolist() == [24.17, 30.0, 54.17] and total["น้ำหนัก"].iloc[-1] == 100


def test_kpi_weights_sub_weights_are_numbers_shown_in_parentheses(rep64):
    table = rep64.kpi_weights_table()
    weights = dict(zip(table.data["ตัวชี้วัด"].str.split().str[0], table.data["น้ำหนัก (ร้อยละ)"]))
    assert weights["3.1"] == 10 and weights["5.2"] == 15 and weights["รวม"] == 100
    assert ">(10)<" in table.to_html() and ">(15)<" in table.to_html()


def test_per_unit_and_history_tables_are_numbers(rep64):
    units = rep64.units_table("3.2").data
    row3 = units[units["ที่"] == 3].iloc[0]
    assert row3["กลับคืนสู่สังคม (คน)"] == 7 and row3["กลุ่มเป้าหมายกลุ่ม A (คน)"] == 1 and row3["ร้อยละ (คำนวณ)"] == 700.0
    total = units[units["หน่วยงาน"] == "รวม"].iloc[0]
    assert total["ที่"] is pd.NA and total["กลุ่มเป้าหมายกลุ่ม A (คน)"] == 329 and total["ร้อยละ (คำนวณ)"] == 16.72
    provinces = rep64.units_table("4")
    satun = provinces.data[provinces.data["จังหวัด"] == "สตูล"].iloc[0]
    assert satun["ร้อยละ (คำนวณ)"] == 78.13 and satun["ผู้ใช้บริการ (คน)"] == 32  # 25/32 half-up
    assert str(provinces.data["ที่"].dtype) == "Int64" and provinces.data["ที่"].isna().tolist()[-1]
    history = rep64.history_table("3.2").data
    assert history["ปีงบประมาณ"].tolist() == [2562, 2563, 2564]
    assert history["การเปลี่ยนแปลง (จุดร้อยละ)"].tolist()[1:] == [2.87, -56.12]
    assert history["การเปลี่ยนแปลงที่พิมพ์ในต้นฉบับ"].tolist()[1:] == [2.87, -56.12]
    html = rep64.history_table("3.2").to_html()
    assert ">พ.ศ. 2563<" in html and ">-56.12<" in html and ">+2.87<" in html
    pmqa = rep64.units_table("5.2")
    assert pmqa.data["ผลการประเมินจากผู้ตรวจ"].dtype.kind == "f" and ">437.5<" in pmqa.to_html()  # as printed


def test_milestone_criteria_are_booleans(rep64):
    table = next(t for t in rep64.kpi_page("1").tables() if "เกณฑ์" in t.data.columns)
    assert table.data["ผล"].tolist() == [True, True, True, True, False]
    assert table.data["ระดับ"].tolist() == [50, 50, 75, 100, 100]
    assert ">ยังไม่บรรลุ<" in table.to_html()


@pytest.mark.parametrize("year", [2564, 2566])
def test_report_body_speaks_no_software(params_dir, year):
    rep = AnnualReport.load(fiscal_year=year, round=12, params_dir=params_dir)
    body = _visible("".join(getattr(rep, name)().to_html() for name in BODY))
    found = sorted({m.group(0) for m in SOFTWARE.finditer(body)})
    assert found == [], found
    # the places of the findings are in Thai, the source document by its Thai title
    assert "ตารางตัวชี้วัดที่ 3.2 แถวที่ 3" in body or year == 2566
    assert "ที่มา: เอกสาร" in body


def test_appendix_has_the_provenance_under_the_body_numbers(rep64):
    body = rep64.data_quality().tables()[0].data
    appendix = rep64.appendix()
    technical = appendix.tables()[0].data
    assert body["ลำดับ"].tolist() == technical["ลำดับ"].tolist()
    n = int(body.loc[body["รายละเอียด"].str.startswith("ตัวตั้ง (7) มากกว่าตัวหาร (1)"), "ลำดับ"].iloc[0])
    row = technical.set_index("ลำดับ").loc[n]
    assert row["รหัสรายการ"] == "numerator_above_denominator" and row["แหล่งที่มาในเอกสารต้นฉบับ"] == "002 L463"
    assert row["ตำแหน่งในข้อมูล"].startswith("facilities_kpi3_2.csv แถว 3")
    html = appendix.to_html()
    assert "params/2564/kpis.yaml" in html and "params/2564/facilities_kpi3_2.csv" in html
    assert "002 L384" in html and "002 L569-606" in html and "L614-653" in html  # result line; a table's lines as ranges
    assert "result.criteria_met" in html and "scoring_rule" in html
    # the KPI page points to the same number
    assert f"(รายการที่ {n} ในส่วนคุณภาพข้อมูล)" in rep64.kpi_page("3.2").to_html()


def test_every_finding_of_the_report_has_a_thai_place(rep64, rep66):
    for rep in (rep64, rep66):
        missing = [(f.code, f.where) for f in rep.findings() if not f.where_th]
        assert missing == []


def test_covid_chapter_is_summarised_and_linked_when_the_year_has_one(rep64, rep66):
    chapter = rep64.covid_chapter()
    html = chapter.to_html()
    assert '<h2 id="covid-lessons">' in html and 'href="covid_lessons.html"' in html
    affected = chapter.tables()[0].data.set_index(chapter.tables()[0].data["ตัวชี้วัด"].str.split().str[0])
    assert affected.loc["3.2", "การเปลี่ยนแปลง (จุดร้อยละ)"] == -56.12 and affected.loc["4", "ผลปี 2563 (ร้อยละ)"] == 71.41
    assert 'href="#covid-lessons"' in rep64.summary().to_html()
    assert "ผลการถอดบทเรียน" in rep64.foreword().to_html()
    assert rep66.covid_chapter().parts == []
    # all four parts of the chapter are summarised, with the relief payments' totals (002 L929)
    text = chapter.to_html()
    for part in ("1. ผลกระทบที่เกิดขึ้น", "2. มาตรการการตอบสนอง", "3. การบริหารจัดการที่ดี", "4. ข้อเสนอแนะ",
                 "4.1 ข้อเสนอแนะในเชิงนโยบาย", "4.2 ข้อเสนอแนะในเชิงปฏิบัติ"):
        assert part in text, part
    assert "รวม 11,510 ราย เป็นเงิน 32,152,800 บาท" in text and "4 บ." in text
    assert "covid" not in rep66.summary().to_html() and "ถอดบทเรียน" not in rep66.foreword().to_html()


def test_parameters_are_validated_by_name(params_dir):
    with pytest.raises(ParamsError) as info:
        AnnualReport.load(fiscal_year=2564, round=3, params_dir=params_dir)
    assert "round" in str(info.value) and "6 or 12" in str(info.value)
    assert AnnualReport.load(fiscal_year="๒๕๖๔", round="6", params_dir=params_dir).round == 6


def test_round_six_of_a_twelve_month_year_says_so_in_thai(params_dir):
    rep = AnnualReport.load(fiscal_year=2564, round=6, params_dir=params_dir)
    text = rep.foreword().to_html()
    assert "ผลรอบ 12 เดือน รายงานรอบ 6 เดือนจึงแสดงผลเดียวกัน" in text and "params" not in text


def test_a_year_without_strategy_map_says_so_without_software_words(rep66):
    text = _visible(rep66.strategy_map().to_html())
    assert "ไม่มีแผนผังความเชื่อมโยง" in text and "params" not in text
    no_result = _visible(rep66.kpi_page("1").to_html())
    assert "ยังไม่มีผลการดำเนินงานของตัวชี้วัดนี้" in no_result and "params" not in no_result


@pytest.mark.parametrize("name", ["annual_report.ipynb", "explore.ipynb"])
def test_notebook_cells_are_calls(name):
    """Issue 14.2: no loops, conditions or hand-built HTML in the notebook; logic lives in dswlib."""
    import nbformat

    nb = nbformat.read(PARAMS.parent / "notebooks" / name, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            assert not re.match(r"\s*(for|if|while|def|class|try|with)\b", line), (name, line)
            assert "<" not in line and "display(" not in line and "show_html" not in line, (name, line)
    if name == "annual_report.ipynb":
        calls = [c.source.strip().splitlines()[-1] for c in nb.cells if c.cell_type == "code"][1:]
        assert calls == ["rep.cover()", "rep.foreword()", "rep.strategy_map()", "rep.kpi_weights()", "rep.kpi_pages()",
                         "rep.covid_chapter()", "rep.summary()", "rep.data_quality()", "rep.appendix()"]
