"""The COVID report in the one library shape (issue 14) and in the document's own language (issue 12.6).

``CovidReport.load(**parameters)`` then one call per section; every section displays
itself, its tables hold numbers as numbers, its body has no software words, and the
appendix carries the technical provenance with the same numbering as the body.
"""

import html
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import assert_numeric_tables

from dswlib.covid import CovidReport
from dswlib.display import ReportTable, Section
from dswlib.errors import ParamsError

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
NOTEBOOK = ROOT / "notebooks" / "covid_lessons.ipynb"
SOFTWARE_WORDS = [r"dswlib", r"params", r"\.csv", r"\.yaml", r"\b[a-z]+(?:_[a-z0-9]+)+\b", r"L[0-9]+",
                  r"(?<![\d,.])00\d(?![\d,.])"]  # the last: a seed document code such as 002


@pytest.fixture(scope="module")
def rep():
    return CovidReport.load(fiscal_year=2564, params_dir=PARAMS)


def _notebook_calls():
    """The section calls of the notebook, in order (``rep.cover()`` ... ``rep.appendix()``)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    calls = []
    for cell in nb.cells[1:]:
        if cell.cell_type != "code":
            continue
        calls += re.findall(r"^rep\.(\w+)\(\)$", cell.source, flags=re.M)
    return calls


@pytest.fixture(scope="module")
def page(rep):
    """The report as the notebook shows it: every section's HTML in notebook order."""
    return "".join(getattr(rep, name)().to_html() for name in _notebook_calls())


def _visible(markup: str) -> str:
    """Text a reader sees (tags stripped; image alt text kept)."""
    alts = " ".join(re.findall(r'alt="([^"]*)"', markup))
    markup = re.sub(r"<style.*?</style>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup) + " " + alts)


def _body(markup: str) -> str:
    return markup[: markup.index('id="appendix"')]


def test_notebook_is_narrative_and_one_call_per_section():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c.source.strip() for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in nb.cells[0].metadata.get("tags", [])
    assert code[1] == ("from dswlib.covid import CovidReport\n\n"
                       "rep = CovidReport.load(fiscal_year=fiscal_year, params_dir=params_dir, baseline_years=baseline_years)\n"
                       "rep.cover()")
    for source in code[2:]:
        assert re.fullmatch(r"rep\.\w+\(\)", source), source  # no logic, no imports, no display() calls
    calls = _notebook_calls()
    assert calls[0] == "cover" and calls[-1] == "appendix" and len(calls) == len(set(calls)) == 16


def test_every_section_is_a_section_with_numeric_tables(rep):
    sections = [getattr(rep, name)() for name in _notebook_calls()]
    assert all(isinstance(s, Section) for s in sections)
    tables = assert_numeric_tables(sections, where="covid: ")
    assert len(tables) >= 12
    assert isinstance(rep.impact_table(), ReportTable) and isinstance(rep.comparison_table(), ReportTable)


def test_the_numeric_check_fails_on_numbers_as_text():
    text = ReportTable(pd.DataFrame({"ตัวชี้วัด": ["3.1"], "ผล": ["13.90"]}), caption="old")
    with pytest.raises(AssertionError, match="13.90|3.1"):
        assert_numeric_tables(text)
    ok = ReportTable(pd.DataFrame({"ตัวชี้วัด": ["ตัวชี้วัดที่ 3.1"], "ผล": [13.9], "ตรงกัน": [True]}))
    assert_numeric_tables(ok)


def test_supporting_tables_hold_printed_and_recomputed_figures_as_numbers(rep):
    relief, screening, users, shelter, training = rep.supporting_tables().tables()
    r = relief.data.set_index("เดือน")
    assert r.loc["มิถุนายน 2564", ["จำนวน (ราย)", "จำนวนเงิน (บาท)"]].tolist() == [7047, 19994800]  # 002 L929
    assert r.loc["รวมทั้งสิ้น (ที่พิมพ์)", "จำนวนเงิน (บาท)"] == 32152800
    assert r.loc["ผลรวมรายเดือน (คำนวณ)", "ตรงกับยอดที่พิมพ์"] is True
    assert r.loc["มิถุนายน 2564", "เฉลี่ยต่อราย (บาท)"] == 2837.35
    s = screening.data.set_index("ปลายทาง")
    assert s.loc["รวมส่งกลับคืนสู่สังคม", ["จำนวน (คน)", "ร้อยละ (ที่พิมพ์)", "ร้อยละ (คำนวณใหม่)"]].tolist() == [245, 61.09, 61.10]
    assert not s.loc["รวมส่งกลับคืนสู่สังคม", "ตรงกัน"] and s.loc["ส่งกลับภูมิลำเนา", "ตรงกัน"]
    assert s.loc["รวม (ที่พิมพ์)", "จำนวน (คน)"] == 401
    h = shelter.data.set_index("ปลายทาง")
    assert h.loc["ส่งกลับภูมิลำเนา", ["ร้อยละ (ที่พิมพ์)", "ร้อยละ (คำนวณใหม่)"]].tolist() == [37.11, 37.12]
    assert users.data.groupby("จำแนก")["จำนวน"].max().tolist() == [1002, 1002]
    assert training.data["ผู้เข้าอบรม (คน)"].iloc[-1] == 510 and training.data["ที่"].iloc[0] == 1
    html_ = rep.supporting_tables().to_html()
    for figure in (">19,994,800<", ">2,837.35<", ">61.09<", ">61.10<", ">37.11<", ">1,002<", ">510<"):
        assert figure in html_, figure


def test_staff_ratio_and_table_1(rep):
    ratio = rep.ways_of_working().tables()[0].data.set_index("บุคลากร")
    assert ratio.loc["ผู้ดูแล พี่เลี้ยง", "บุคลากร : ผู้ใช้บริการ (คน)"] == "1 : 70"  # 002 L844
    assert ratio.loc["ผู้ดูแล พี่เลี้ยง", "ผู้ใช้บริการ (คน)"] == 70
    assert ratio.loc["พยาบาลวิชาชีพ", "สถานคุ้มครอง (แห่ง)"] == 11
    table1 = rep.affected_kpis().tables()[0].data
    assert table1["ตัวชี้วัดที่ได้รับผลกระทบ"].str.split(" ").str[0].tolist() == ["1", "2", "3,", "4"]


def test_body_has_no_software_words_and_names_the_document_in_thai(page, rep):
    body = _visible(_body(page))
    for pattern in SOFTWARE_WORDS:
        assert not re.search(pattern, body), (pattern, re.search(pattern, body).group(0))
    title = "รายงานผลการดำเนินงานตามตัวชี้วัดการประเมินส่วนราชการ"
    assert title in _visible(rep.cover().to_html()) and "ปีงบประมาณ พ.ศ. 2564" in _visible(rep.cover().to_html())
    assert "ที่มา: " + title in body  # tables name the document, not a file or a line


def test_findings_body_and_appendix_share_the_numbering(rep):
    body = rep.data_quality().tables()[0].data
    appendix = [t for t in rep.appendix().tables() if "รหัสรายการ" in t.data.columns][0].data
    assert body["ลำดับ"].tolist() == appendix["ลำดับ"].tolist() == list(range(1, 15))
    assert appendix["รหัสรายการ"].tolist() == [f.code for f in rep.findings]
    assert appendix["ตำแหน่งในข้อมูล"].tolist() == [f.where for f in rep.findings]
    assert body["ตำแหน่ง"].tolist() == [f.where_th for f in rep.findings]
    printed = body.set_index("ตำแหน่ง").loc["ตารางประกอบ ข (จุดคัดกรอง) แถว รวมส่งกลับคืนสู่สังคม"]
    assert (float(printed["ค่าที่พิมพ์"]), float(printed["ค่าที่คำนวณได้"])) == (61.09, 61.10)
    html_ = rep.data_quality().to_html()
    assert ">61.09<" in html_ and ">100.00<" in html_ and ">2.9<" in html_  # printed decimals kept
    assert "ตรวจความสอดคล้องของตัวเลขทั้งหมด 35 รายการ: ตรงกัน 21 รายการ" in html_


def test_appendix_holds_the_technical_provenance(rep, page):
    appendix = _visible(page[page.index('id="appendix"'):])
    for name in ("params/2564/covid.yaml", "params/series/kpi_results.csv", "params/2564/kpis.yaml",
                 "params/2564/provinces_kpi4.csv", "pre_covid_years", "first_wave_years"):
        assert name in appendix, name
    for f in rep.findings:
        assert f.code in appendix and f.where in appendix and f.source in appendix
    # every seed line the params cite for this section's texts and figures is in the appendix
    cited = set(re.findall(r'source: "([^"]+)"', (PARAMS / "2564" / "covid.yaml").read_text(encoding="utf-8")))
    dimension_headings = {d.source for d in rep.section.dimensions.values()}
    missing = sorted(c for c in cited - dimension_headings if c not in appendix)
    assert not missing, missing
    assert "002 L352" in appendix and "000 L407" in appendix  # the series points of the impact table
    assert "002 L569-653" in appendix  # KPI 4 by province
    assert "002: รายงานผลการดำเนินงานตามตัวชี้วัดการประเมินส่วนราชการ" in appendix


def test_conditional_content_is_decided_in_the_library(rep, params_copy):
    # a year without a per-province table says so instead of failing (no `if` in the notebook)
    import dataclasses

    without = dataclasses.replace(rep, province_data=None, impacts=[])
    assert "ไม่มีตารางรายจังหวัด" in without.provinces().to_html()
    assert "ไม่มีตัวชี้วัดที่มีอนุกรมข้อมูลเชิงปริมาณ" in without.before_during().to_html()
    assert "ไม่มีตัวชี้วัดที่มีอนุกรมข้อมูลเชิงปริมาณ" in without.conclusions().to_html()


@pytest.mark.parametrize("kwargs, field", [
    ({"fiscal_year": "ปี 64"}, "fiscal_year"),
    ({"fiscal_year": 2564, "baseline_years": [2565]}, "baseline_years"),
    ({"fiscal_year": 2564, "baseline_years": ["x"]}, "baseline_years"),
])
def test_load_validates_the_parameters(kwargs, field):
    with pytest.raises(ParamsError) as info:
        CovidReport.load(params_dir=PARAMS, setup=False, **kwargs)
    assert field in str(info.value)


def test_baseline_parameter_is_recorded_in_the_appendix():
    rep = CovidReport.load(fiscal_year=2564, params_dir=PARAMS, baseline_years=[2562, 2563], setup=False)
    assert "ตามพารามิเตอร์ baseline_years" in _visible(rep.appendix().to_html())
    columns = rep.impact_table().data.columns
    assert "ค่าเฉลี่ยก่อนโควิด (ปี 2562-2563)" in columns and "ผล ปี 2563" in columns
