"""The action-plan report object (one call per section, numeric tables, Thai body, technical appendix),
batch jobs, the CLI command and the notebook."""

import html
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_numeric_tables

from dswlib.display import Section
from dswlib.jobs import ReportJob
from dswlib.roadmap import RoadmapReport, validate_plan
from dswlib.roadmap.cli import roadmap
from dswlib.roadmap.jobs import GROUP, jobs
from dswlib.roadmap.pages import cover, project_page
from dswlib.roadmap.provenance import APPENDIX_TITLE
from dswlib.roadmap.seedrefs import split_refs
from dswlib.roadmap.summary_json import summary_records
from dswlib.roadmap.view import load_view, view_of

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
SECTIONS = ("cover", "summary", "gantt", "kpis", "lateness", "projects", "data_quality", "appendix")
BODY = SECTIONS[:-1]
#: words of software in a report body: the package, params, file names, snake_case codes, seed lines
SOFTWARE = re.compile(r"dswlib|params|\.csv|\.yaml|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|L[0-9]+")


@pytest.fixture(scope="module")
def rep69():
    return RoadmapReport.load(fiscal_year=2569, round=6, params_dir=PARAMS)


@pytest.fixture(scope="module")
def rep66():
    return RoadmapReport.load(fiscal_year=2566, round=6, params_dir=PARAMS)


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def body_of_page(markup: str) -> str:
    """A rendered page's visible text before the appendix heading (the table of contents lists it too)."""
    body = markup.split("<body", 1)[-1]
    heads = [m.start() for m in re.finditer(r"<h2[^>]*>\s*" + APPENDIX_TITLE, body)]
    assert heads, "no appendix heading"
    return visible_text(body[:heads[-1]])


def test_jobs_per_year():
    assert jobs(2564, PARAMS) == []
    (j69,) = jobs(2569, PARAMS)
    assert isinstance(j69, ReportJob)
    assert j69.name == j69.output == "roadmap/progress_r6"
    assert j69.notebook == "roadmap_progress.ipynb" and j69.group == GROUP
    assert j69.parameters["fiscal_year"] == 2569 and j69.parameters["round"] == 6
    json.dumps(j69.parameters)  # plain JSON types only
    (j66,) = jobs(2566, PARAMS)
    assert j66.name == "roadmap/plan_r6" and "2566" in j66.title
    assert (ROOT / "notebooks" / j69.notebook).is_file()


def test_load_takes_the_notebook_parameters():
    with pytest.raises(ValueError, match="6 or 12"):
        RoadmapReport.load(fiscal_year=2569, round=9, params_dir=PARAMS)
    rep = RoadmapReport.load(fiscal_year="๒๕๖๙", round="12", params_dir=str(PARAMS))
    assert rep.view.round_months == 12 and rep.view.as_of == 6 and rep.plan.fiscal_year == 2569


@pytest.mark.parametrize("year", [2569, 2566])
def test_every_section_displays_itself_with_numeric_tables(year, rep69, rep66):
    rep = rep69 if year == 2569 else rep66
    for name in SECTIONS:
        section = getattr(rep, name)()
        assert isinstance(section, Section), name
        assert section._repr_html_() == section.to_html()
        assert_numeric_tables(section.tables())


def test_numeric_table_check_catches_numbers_as_text():
    import pandas as pd

    from dswlib.display import ReportTable

    for bad in ("50.00", "1,424", "2/4", "ร้อยละ 13.90", "–"):
        with pytest.raises(AssertionError, match="numbers kept as text"):
            assert_numeric_tables([ReportTable(pd.DataFrame({"x": ["ก", bad]}))])
    assert_numeric_tables([ReportTable(pd.DataFrame({"x": ["1, 2, 3", "ม.ค."], "n": [1.5, math.nan]}))])


def test_summary_table(rep69):
    (table,) = rep69.summary().tables()
    df = table.data
    assert len(df) == 15
    row = df[df["โครงการ"].str.startswith("จัดทำแผนปฏิบัติการระยะ 5 ปี")].iloc[0]
    assert row["สถานะเทียบแผน (คำนวณ)"] == "ล่าช้ากว่าแผน"
    assert (row["ครบกำหนดภายในรอบ (กิจกรรม)"], row["ครบกำหนดและแล้วเสร็จ (กิจกรรม)"]) == (4, 2)
    assert row["ร้อยละแล้วเสร็จของกิจกรรมที่ครบกำหนด"] == 50.0
    assert (row["ผลตัวชี้วัด (ร้อยละ)"], row["ค่าเป้าหมาย (ร้อยละ)"]) == (40.0, 80.0)
    assert (row["กิจกรรมทั้งหมด"], row["ไม่ทราบเดือนตามแผน (กิจกรรม)"]) == (5, 0)
    ea = df[df["โครงการ"].str.contains("สถาปัตยกรรมองค์กร")].iloc[0]
    assert ea["ครบกำหนดภายในรอบ (กิจกรรม)"] is __import__("pandas").NA  # months unknown: nothing known to be due
    html_ = table.to_html()
    assert ">50.00<" in html_ and ">40.00<" in html_ and ">30.43<" in html_


def test_kpi_tables(rep69):
    results, forecast = rep69.kpis().tables()
    df = results.data
    ea = df[df["ตัวชี้วัด"].str.startswith("ร้อยละของกิจกรรมที่ดำเนินงานแล้วเสร็จ")].iloc[0]
    assert (ea["ผลงานรอบ 6 เดือน"], ea["ฐาน (ตัวหาร)"], ea["หน่วยนับ"]) == (7, 23, "กิจกรรม")
    assert ea["ร้อยละที่คำนวณ"] == 30.43 and ea["ร้อยละที่รายงาน"] == 30.43 and ea["ร้อยละตรงกัน"]
    assert ea["ส่วนต่างจากค่าเป้าหมาย"] == pytest.approx(0.43)
    assert "+0.43" in results.to_html() and ">ตรง<" in results.to_html()
    row = forecast.data.iloc[int(ea["ที่"]) - 1]
    assert row["คาดการณ์ 12 เดือน (ค่ากลาง)"] == 60.87 and row["วิธีคาดการณ์"] == "อัตราต่อเดือนคงที่"
    hotline = forecast.data[forecast.data["ตัวชี้วัด"].str.contains("สายด่วน 1300")].iloc[0]
    assert hotline["ร้อยละของเรื่องที่เข้ามาที่ต้องดำเนินการได้"] == 80.0
    (late,) = rep69.lateness().tables()
    assert late.data["เกินกำหนด ณ สิ้นรอบ (เดือน)"].tolist() == [2, 1, 0]
    assert late.data["คาดว่าล่าช้ากว่าแผน (เดือน)"].tolist()[1] == 3


def test_plan_only_year(rep66):
    assert rep66.view.plan_only
    (table,) = rep66.summary().tables()
    row1 = table.data.iloc[0]
    assert row1["กิจกรรมที่ครบกำหนด (ลำดับที่)"] == "1, 2, 3, 4"  # ต.ค., ต.ค., ธ.ค., ธ.ค. (000 L102-L105)
    assert row1["เป้าหมายรอบ 6 เดือนที่กำหนด (ข้อ)"] == 4  # 000 L65-L68
    assert "แผนรายเดือน" in rep66.cover().to_html()
    # the year decides: no KPI results and nothing late without a progress report
    assert rep66.kpis().to_html() == "" and rep66.lateness().to_html() == ""


def test_breakdown_tables_keep_printed_totals(rep69):
    page = project_page(rep69.view, next(p for p in rep69.view.progress if p.project.id == "social_media_comments"))
    feb = next(t for t in page.tables() if t.caption == "ความคิดเห็น ก.พ. 69")
    assert feb.data.iloc[:, 1].tolist()[1:] == [1.0, 2576.0] and math.isnan(feb.data.iloc[0, 1])
    assert list(feb.emphasis) == [False, False, True] and ">2,576<" in feb.to_html()


# ------------------------------------------------------------------ language of the body (issue 12.6)


@pytest.mark.parametrize("year", [2569, 2566])
def test_body_speaks_no_software(year, rep69, rep66):
    rep = rep69 if year == 2569 else rep66
    for name in BODY:
        text = visible_text(getattr(rep, name)().to_html())
        found = SOFTWARE.findall(text)
        assert not found, f"{name}: {found[:5]}"
    body = visible_text(rep.cover().to_html())
    assert f'ที่มา: เอกสาร "{rep.plan.document.title}"' in body  # the source document named in Thai


def test_params_notes_lose_their_seed_lines_in_the_body(rep69):
    five = next(p for p in rep69.view.progress if p.project.id == "policy_into_practice")
    text = visible_text(project_page(rep69.view, five).to_html())
    assert "อยู่ระหว่างกำหนด ตัวชี้วัด/ ค่าเป้าหมาย" in text and "001" not in text  # kpi_note "(001 L36)"
    noted = [f for f in rep69.findings if f.code == "noted" and "เก็บตามที่รายงาน" in f.message][0]
    assert "L43" not in noted.message and noted.source == "001 L43" and noted.where_th.startswith("โครงการ จัดทำแผน")


@pytest.mark.parametrize("text,clean,refs", [
    ("ค่าเป้าหมาย (001 L36)", "ค่าเป้าหมาย", ["001 L36"]),
    ("ซ้ำสองแถว (001 L85 และ L86)", "ซ้ำสองแถว", ["001 L85 และ L86"]),
    ('ฉบับร่าง ("(ร่าง)" 000 L11) มีเฉพาะแผน', 'ฉบับร่าง ("(ร่าง)") มีเฉพาะแผน', ["000 L11"]),
    ('สองเซลล์ ("ก" L56 และ "ข" L57)', 'สองเซลล์ ("ก" และ "ข")', ["L56", "L57"]),
    ("ซ้ำ 3 แถว (L79–L81) แถวสุดท้าย", "ซ้ำ 3 แถว แถวสุดท้าย", ["L79–L81"]),
    ("ESS Help Me 1300 HTML5 ขั้นตอนที่ 1–3 ... แล้ว", "ESS Help Me 1300 HTML5 ขั้นตอนที่ 1–3 ... แล้ว", []),
])
def test_split_seed_refs(text, clean, refs):
    assert split_refs(text) == (clean, refs)


def test_findings_body_and_appendix_share_numbers(rep69):
    (body,) = rep69.data_quality().tables()
    appendix = rep69.appendix()
    tables = appendix.tables()
    tech = next(t for t in tables if "รหัสรายการ" in t.data.columns)
    assert body.data["ลำดับ"].tolist() == tech.data["ลำดับ"].tolist() == list(range(1, len(rep69.findings) + 1))
    for i, f in enumerate(rep69.findings):
        assert tech.data["รหัสรายการ"][i] == f.code and tech.data["ตำแหน่งในข้อมูล"][i] == f.where
        assert body.data["รายละเอียด"][i] == f.message and body.data["ตำแหน่ง"][i] == f.where_th
    text = visible_text(appendix.to_html())
    for needed in (APPENDIX_TITLE, "params/2569/roadmap.yaml", "status_vs_schedule", "roadmap.yaml โครงการ five_year_plan",
                   "001 L5-L25", "001 L43", "001 L36", "001 L85 และ L86"):
        assert needed in text, needed
    sources = next(t for t in tables if "บรรทัดในเอกสารต้นฉบับ" in t.data.columns).data
    ea = sources[sources["รหัสโครงการ"] == "enterprise_architecture"]
    assert "001 L56, L71" in ea["บรรทัดในเอกสารต้นฉบับ"].tolist()  # the KPI result 7/23
    assert "000 L11" in visible_text(RoadmapReport.load(fiscal_year=2566, params_dir=PARAMS).appendix().to_html())


def test_params_text_is_escaped():
    raw = {
        "fiscal_year": 2569, "rounds_reported": [6],
        "document": {"organisation": "<b>org</b>", "title": "<script>alert(1)</script>"},
        "sections": [{"name": "<i>s</i>", "projects": [{
            "id": "p", "name": "<img src=x onerror=alert(1)>",
            "activities": [{"number": 1, "name": "<u>a</u>", "months": ["ต.ค."]}],
            "kpis": [{"id": "k", "name": "<k>", "kind": "completion", "target": {"value": 50, "text": "<t>"}}],
            "progress": {6: {"summary": "<s>", "activities": {1: "done"}, "kpi_results": {"k": {"achieved": 1, "base": 2}}}},
        }]}],
    }
    view = view_of(validate_plan(raw), 6)
    rep = RoadmapReport(view)
    markup = "".join(getattr(rep, name)().to_html() for name in SECTIONS if name != "gantt")
    for bad in ("<script>", "<img", "<u>", "<k>", "<t>", "<s>", "<b>org", "<i>s"):
        assert bad not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_no_citizen_identifiers_in_outputs(rep69):
    text = "".join(getattr(rep69, name)().to_html() for name in SECTIONS if name != "gantt")
    assert not re.search(r"\b\d{13}\b|\b\d-\d{4}-\d{5}-\d{2}-\d\b", visible_text(text))


def test_round_12_is_shown_from_the_6_month_report():
    view = load_view(2569, 12, PARAMS)
    assert "ยังไม่มีรายงานผลรอบ 12 เดือน" in cover(view).to_html()


def test_cli_text_and_json():
    runner = CliRunner()
    out = runner.invoke(roadmap, ["2569", "--params-dir", str(PARAMS)])
    assert out.exit_code == 0, out.output
    assert "five_year_plan" in out.output and "57.14" in out.output
    out = runner.invoke(roadmap, ["2569", "--round", "6", "--json", "--params-dir", str(PARAMS)])
    data = json.loads(out.output)
    assert data["totals"]["percent_due_done"] == 57.14
    ea = next(p for p in data["projects"] if p["id"] == "enterprise_architecture")
    assert ea["kpis"][0]["percent"] == 30.43
    assert data["findings"] == len(load_view(2569, 6, PARAMS).findings)
    out = runner.invoke(roadmap, ["2564", "--params-dir", str(PARAMS)])
    assert out.exit_code != 0 and "2564" in out.output
    out = runner.invoke(roadmap, ["2566", "--params-dir", str(PARAMS)])
    assert out.exit_code == 0 and "plan only" in out.output


def test_summary_records_are_plain_json(rep69):
    assert json.loads(json.dumps(summary_records(rep69.view))) == rep69.summary_records()


def test_notebook_is_narrative_and_one_call_per_cell():
    nb = json.loads((ROOT / "notebooks" / "roadmap_progress.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    first = code[0]
    assert "parameters" in first["metadata"].get("tags", [])
    src = "".join(first["source"])
    assert "fiscal_year" in src and "round" in src and "params_dir" in src
    assert all(not c.get("outputs") for c in code)
    calls = ["".join(c["source"]).strip() for c in code[2:]]
    assert calls == [f"rep.{name}()" for name in SECTIONS[1:]]
    assert "RoadmapReport.load(fiscal_year=fiscal_year, round=round, params_dir=params_dir)" in "".join(code[1]["source"])
    for c in code:
        assert not re.search(r"^\s*(if|for|while|def)\b", "".join(c["source"]), re.M)


@pytest.mark.parametrize("year", [2569, 2566])
def test_notebook_executes(tmp_path, year):
    pytest.importorskip("papermill")
    import nbformat

    from dswlib.render import notebook_to_html

    out = tmp_path / f"roadmap_{year}.ipynb"
    cmd = [sys.executable, "-m", "papermill", "--no-progress-bar", str(ROOT / "notebooks" / "roadmap_progress.ipynb"),
           str(out), "-p", "fiscal_year", str(year), "-p", "round", "6", "-p", "params_dir", str(PARAMS),
           "--cwd", str(ROOT / "notebooks")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    texts = out.read_text(encoding="utf-8")
    assert "Traceback" not in texts
    assert 'class=\\"dsw-chart\\"' in texts  # the Gantt chart, inline SVG in the notebook's JSON
    page = notebook_to_html(nbformat.read(str(out), as_version=4))
    body = body_of_page(page)
    assert not SOFTWARE.findall(body), SOFTWARE.findall(body)[:5]
    appendix = visible_text(page)[len(body):]
    assert f"params/{year}/" in appendix and ("001 L" if year == 2569 else "000 L") in appendix
    if year == 2569:
        assert "30.43" in body and "57.14" in body
