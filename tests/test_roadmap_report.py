"""Report tables/HTML, batch jobs, the CLI command and the notebook."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dswlib.jobs import ReportJob
from dswlib.roadmap.cli import roadmap
from dswlib.roadmap.jobs import GROUP, jobs
from dswlib.roadmap.report import (
    build_cover_html, build_kpi_table, build_lateness_table, build_plan_table, build_project_html,
    build_summary_table, load_view, summary_records, view_of,
)
from dswlib.roadmap import validate_plan

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"


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


def test_summary_and_kpi_tables():
    view = load_view(2569, 6, PARAMS)
    summary = build_summary_table(view)
    assert len(summary) == 15
    row = summary[summary["โครงการ"].str.startswith("จัดทำแผนปฏิบัติการระยะ 5 ปี")].iloc[0]
    assert row["สถานะเทียบแผน (คำนวณ)"] == "ล่าช้ากว่าแผน"
    assert row["กิจกรรมครบกำหนดที่แล้วเสร็จ"] == "2/4" and row["ร้อยละแล้วเสร็จของกิจกรรมที่ครบกำหนด"] == "50.00"
    kpis = build_kpi_table(view)
    ea = kpis[kpis["ตัวชี้วัด"].str.startswith("ร้อยละของกิจกรรมที่ดำเนินงานแล้วเสร็จ")].iloc[0]
    assert ea["ร้อยละที่คำนวณ"] == "30.43" and ea["ร้อยละที่รายงาน"] == "30.43" and ea["ตรงกัน"] == "ตรง"
    assert "60.87" in ea["คาดการณ์ 12 เดือน (ค่ากลาง)"]
    late = build_lateness_table(view)
    assert len(late) == 3


def test_plan_only_view():
    view = load_view(2566, 6, PARAMS)
    assert view.plan_only
    table = build_plan_table(view)
    row1 = table.iloc[0]
    assert row1["กิจกรรมที่ครบกำหนด"] == "1, 2, 3, 4"  # ต.ค., ต.ค., ธ.ค., ธ.ค. (000 L102-L105)
    assert row1["เป้าหมายรอบ 6 เดือนที่กำหนด (ข้อ)"] == 4  # 000 L65-L68
    assert "แผนรายเดือน" in build_cover_html(view)


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
    html = build_cover_html(view) + build_project_html(view, view.progress[0])
    for bad in ("<script>", "<img", "<u>", "<k>", "<t>", "<s>", "<b>org", "<i>s"):
        assert bad not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_no_citizen_identifiers_in_outputs():
    import re

    view = load_view(2569, 6, PARAMS)
    text = "".join(build_project_html(view, pp) for pp in view.progress) + build_cover_html(view)
    assert not re.search(r"\b\d{13}\b|\b\d-\d{4}-\d{5}-\d{2}-\d\b", text)


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
    out = runner.invoke(roadmap, ["2564", "--params-dir", str(PARAMS)])
    assert out.exit_code != 0 and "2564" in out.output
    out = runner.invoke(roadmap, ["2566", "--params-dir", str(PARAMS)])
    assert out.exit_code == 0 and "plan only" in out.output


def test_summary_records_are_plain_json():
    json.dumps(summary_records(load_view(2569, 6, PARAMS)))


def test_notebook_outputs_cleared_and_tagged():
    nb = json.loads((ROOT / "notebooks" / "roadmap_progress.ipynb").read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert "parameters" in first["metadata"].get("tags", [])
    src = "".join(first["source"])
    assert "fiscal_year" in src and "round" in src and "params_dir" in src
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("year", [2569, 2566])
def test_notebook_executes(tmp_path, year):
    pytest.importorskip("papermill")
    out = tmp_path / f"roadmap_{year}.ipynb"
    cmd = [sys.executable, "-m", "papermill", "--no-progress-bar", str(ROOT / "notebooks" / "roadmap_progress.ipynb"),
           str(out), "-p", "fiscal_year", str(year), "-p", "round", "6", "-p", "params_dir", str(PARAMS),
           "--cwd", str(ROOT / "notebooks")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    nb = json.loads(out.read_text(encoding="utf-8"))
    texts = json.dumps(nb, ensure_ascii=False)
    assert "Traceback" not in texts
    assert "image/png" in texts  # the Gantt chart
    if year == 2569:
        assert "30.43" in texts and "57.14" in texts
