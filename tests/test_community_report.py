"""The community report object: numeric tables, one Finding type, Thai body, technical appendix."""

import html
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import assert_numeric_tables
from dswlib.community import CommunityReport
from dswlib.community.report import APPENDIX_ANCHOR, APPENDIX_TITLE
from dswlib.display import ReportTable
from dswlib.errors import ParamsError
from dswlib.findings import Finding

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"

# what a reviewer must not meet in the report body (issue 12.6)
SOFTWARE_WORDS = {
    "package name": r"dswlib",
    "params folder": r"params",
    "CSV file": r"\.csv\b",
    "YAML file": r"\.ya?ml\b",
    "markdown file": r"\.md\b",
    "snake_case code": r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b",
    "seed line": r"L[0-9]+",
    "finding/decision code": r"\b[FD][0-9]+\b",
    "English synthetic label": r"SYNTHETIC|[Ss]ynthetic|\bseed\b",
}


@pytest.fixture(scope="module")
def rep():
    return CommunityReport.load(fiscal_year=2564, params_dir=str(PARAMS), demo_seed=2564, data_dir="")


@pytest.fixture(scope="module")
def sections(rep):
    return rep.sections()


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def split_at_appendix(markup: str) -> tuple[str, str]:
    """(body, appendix) of a page or a section's HTML, split at the appendix heading."""
    match = re.search(r'<h2[^>]*\bid="' + APPENDIX_ANCHOR + r'"', markup)
    assert match, "no appendix heading"
    return markup[: match.start()], markup[match.start():]


def software_words(text: str) -> dict:
    return {name: sorted(set(re.findall(pat, text)))[:5] for name, pat in SOFTWARE_WORDS.items() if re.search(pat, text)}


# ------------------------------------------------------------------ load


def test_load_takes_the_notebook_parameters_and_validates_them(tmp_path):
    with pytest.raises(ParamsError) as info:
        CommunityReport.load(fiscal_year=2565, params_dir=str(PARAMS))
    assert "criteria.yaml" in str(info.value) and "fiscal_year_be" in str(info.value)
    with pytest.raises(ParamsError, match="demo_seed"):
        CommunityReport.load(fiscal_year=2564, params_dir=str(PARAMS), demo_seed="abc")
    with pytest.raises(TypeError):
        CommunityReport.load(2564)  # keyword arguments only, as papermill passes them


def test_every_section_is_a_displayable_section(sections):
    for name, sec in sections.items():
        markup = sec._repr_html_()
        assert markup and "<script" not in markup, name


# ------------------------------------------------------------------ numbers stay numbers


def test_every_table_of_every_section_is_numeric(sections):
    for name, sec in sections.items():
        assert_numeric_tables(sec.tables(), where=f"{name}: ")


def test_the_numeric_check_fails_on_numbers_as_text():
    with pytest.raises(AssertionError, match="numbers kept as text"):
        assert_numeric_tables([ReportTable(pd.DataFrame({"ร้อยละ": ["84.13", "-"]}))])
    with pytest.raises(AssertionError, match="numbers kept as text"):
        assert_numeric_tables([ReportTable(pd.DataFrame({"จำนวน": ["3,563"]}))])
    with pytest.raises(AssertionError, match="numbers kept as text"):
        assert_numeric_tables([ReportTable(pd.DataFrame({"ระดับ": [3, "-"]}, dtype=object))])
    assert_numeric_tables([ReportTable(pd.DataFrame({"ชุมชน": ["สสว.1", "รวม"], "ร้อยละ": [84.13, math.nan]}))])


def test_overview_figures(rep):
    t = rep.overview().tables()[0]
    assert t.data["จำนวน"].tolist() == [76, 76, 11, 76, 3563, 3344, 14, 10]
    assert "(จากทั้งหมด 11 พื้นที่)" in t.data["รายการ"].iloc[-1]
    assert ">3,563<" in t.to_html() and "ข้อมูลสังเคราะห์" in t.source


def test_integration_tables_hold_numbers_and_print_two_decimals(rep):
    office, kpi21 = rep.integration_results().tables()
    d = office.data
    assert d["ร้อยละเฉลี่ย (5.1)"].iloc[0] == pytest.approx(84.13)
    assert math.isnan(d["ร้อยละเฉลี่ย (5.1)"].iloc[-1]) and d["สสว."].iloc[-1] == "รวม"
    assert d.iloc[-1][[f"คะแนน {s}" for s in range(6)]].tolist() == [0, 5, 18, 30, 19, 4]
    assert d["จำนวนชุมชน"].iloc[:-1].sum() == d["จำนวนชุมชน"].iloc[-1] == 76
    assert ">84.13<" in office.to_html() and ">83.60<" in office.to_html() and "dsw-total" in office.to_html()
    assert kpi21.data["จำนวนชุมชน"].tolist() == [1, 22, 48, 5]
    assert kpi21.data["คะแนน"].tolist() == [0, 50, 75, 100]
    assert kpi21.data["ร้อยละตั้งแต่"].tolist()[1:] == [70, 80, 90]


def test_scale_tables_give_ranges_as_numbers(rep):
    _, levels = rep.criteria_5_1().tables()
    assert levels.data["คะแนน"].tolist() == [0, 1, 2, 3, 4, 5]
    assert levels.data["ร้อยละความสำเร็จตั้งแต่"].tolist() == [0, 70, 75, 80, 85, 90]
    assert math.isnan(levels.data["และต่ำกว่าร้อยละ"].iloc[-1])
    colours = rep.household_colours().tables()[0].data
    assert colours["ตกเกณฑ์ตั้งแต่ (ด้าน)"].tolist() == [1, 2, 4, 0]
    assert colours["ถึง (ด้าน)"].tolist() == [1, 3, 5, 0]


def test_best_practice_table_marks_the_office_without_a_choice_as_missing(rep):
    t = rep.best_practice().tables()[0]
    d = t.data
    assert len(d) == 11 and (d["ชุมชน"] != "ไม่มีชุมชนที่ผ่านเกณฑ์").sum() == 10
    none = d[d["ชุมชน"] == "ไม่มีชุมชนที่ผ่านเกณฑ์"].iloc[0]
    assert math.isnan(none["ร้อยละครัวเรือนพ้นความยากจน"]) and pd.isna(none["ระดับ พมจ. 12 เดือน"])
    assert none["ชุมชนที่ผ่านเกณฑ์"] == 0
    chosen = d.dropna(subset=["ร้อยละ 5.1"])
    assert chosen["ร้อยละ 5.1"].dtype.kind == "f" and chosen["ระดับ พมจ. 12 เดือน"].min() >= 1


def test_community_table_is_sortable(rep):
    d = rep.communities().tables()[0].data
    assert len(d) == 76 and d["ร้อยละ 5.1"].dtype.kind == "f" and d["Best Practice"].dtype == bool
    assert d["Best Practice"].sum() == 10
    top = d.sort_values("ร้อยละ 5.1", ascending=False).iloc[0]
    assert top["คะแนน 5.1"] == 5


# ------------------------------------------------------------------ one Finding type


def test_documented_findings_are_library_findings(rep):
    fs = rep.findings
    assert len(fs) == 10 and all(isinstance(f, Finding) for f in fs)
    first = fs[0]
    assert first.code == "formula_denominators_differ" and first.severity == "warning"
    assert first.where.startswith("params/community/criteria.yaml: findings F1")
    assert first.source == "003 L192-L194, L323-L325"
    assert "หารด้วย 7" in first.message and "5.1" in first.where_th
    assert all(f.where_th and f.message for f in fs)
    assert {f.severity for f in fs} == {"warning", "info"}


def test_body_and_appendix_number_the_findings_alike(rep):
    body = rep.data_quality().tables()[0].data
    appendix = [t for t in rep.appendix().tables() if "รหัสรายการ" in t.data.columns][0].data
    assert body["ลำดับ"].tolist() == appendix["ลำดับ"].tolist() == list(range(1, 11))
    assert "รหัสรายการ" not in body.columns
    for (_, b), (_, a), f in zip(body.iterrows(), appendix.iterrows(), rep.findings):
        assert b["รายละเอียด"] == f.message and b["ตำแหน่ง"] == f.where_th
        assert a["รหัสรายการ"] == f.code and a["ตำแหน่งในข้อมูล"] == f.where


def test_dsw_check_lists_the_community_findings_for_its_year_only():
    from dswlib.checks import check_year

    codes = {f.code for f in check_year(PARAMS, 2564)}
    assert {"formula_denominators_differ", "twelve_month_window_half_year", "baseline_year_misprinted"} <= codes
    assert "formula_denominators_differ" not in {f.code for f in check_year(PARAMS, 2566)}


# ------------------------------------------------------------------ language of the body, the appendix


def test_body_has_no_software_words(sections):
    body = "".join(sec.to_html() for name, sec in sections.items() if name != "appendix")
    assert software_words(visible_text(body)) == {}


def test_body_names_the_source_document_and_keeps_the_thai_synthetic_banner(rep):
    text = visible_text(rep.cover().to_html())
    assert "แนวทางการขับเคลื่อนการสร้างเสริมชุมชนเข้มแข็ง" in text
    assert "ข้อมูลสังเคราะห์ (ข้อมูลสาธิต)" in text and "(ข้อมูลสาธิต)" in rep.title
    assert "ดูข้อสังเกตลำดับที่ 5" in visible_text(rep.success_levels().to_html())
    assert "ข้อตัดสินที่ 1 ในภาคผนวก" in visible_text(rep.criteria_5_1().to_html())


def test_appendix_holds_the_technical_provenance(rep):
    markup = rep.appendix().to_html()
    _, appendix = split_at_appendix(markup)
    text = visible_text(appendix)
    assert APPENDIX_TITLE in text
    for needle in ("params/community/criteria.yaml", "params/community/DECISIONS.md",
                   "params/community/province_offices.csv", "003_1c3aa556efd15f4d.txt",
                   "formula_denominators_differ", "003 L192-L194, L323-L325",  # finding code and seed lines
                   "003 L93", "003 L198", "003 L502",                          # seed lines of the criteria
                   "area_and_scope_set", "result_5_1_1",                        # milestone code, data column
                   "dswlib.community.demo", "2564"):                            # generator and demo seed
        assert needle in text, needle
    decisions = [t for t in rep.appendix().tables() if "สาระสำคัญ" in t.data.columns][0].data
    assert decisions["ข้อตัดสินที่"].tolist()[:2] == [1, 2] and decisions.iloc[0, 1] == "D1"


def test_real_data_has_no_banner_and_lists_its_files(tmp_path):
    from dswlib.community.criteria import load_criteria
    from dswlib.community.dataset import write_dataset
    from dswlib.community.demo import generate_demo
    from dswlib.community.offices import load_province_offices

    criteria = load_criteria(PARAMS)
    write_dataset(generate_demo(criteria, load_province_offices(PARAMS), seed=7), criteria, tmp_path / "mydata")
    (tmp_path / "mydata" / "meta.json").unlink()  # no synthetic flag: read as real data
    rep = CommunityReport.load(fiscal_year=2564, params_dir=str(PARAMS), data_dir=str(tmp_path / "mydata"))
    assert not rep.ev.synthetic and "ข้อมูลสาธิต" not in rep.title
    assert "ข้อมูลสังเคราะห์" not in visible_text(rep.cover().to_html())
    assert "ข้อมูลผลการดำเนินงานของชุมชนเป้าหมาย" in rep.overview().tables()[0].source
    text = visible_text(rep.appendix().to_html())
    assert "mydata/communities.csv" in text and "mydata/milestones.csv" in text
    assert str(tmp_path) not in text and "seed" not in text
