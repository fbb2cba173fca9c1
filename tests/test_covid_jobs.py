"""Batch job, notebook shape and HTML escaping of the COVID section."""

import shutil
from pathlib import Path

import nbformat

from dswlib.covid.jobs import jobs
from dswlib.covid.model import load_covid
from dswlib.covid.render import fact_text, table1_html, table2_html

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"


def test_one_job_when_covid_yaml_exists(tmp_path):
    (job,) = jobs(2564, PARAMS)
    assert (job.name, job.notebook, job.output, job.group) == (
        "covid_lessons", "covid_lessons.ipynb", "covid_lessons", "รายงานผลการดำเนินงาน")
    assert job.parameters == {"fiscal_year": 2564, "params_dir": str(PARAMS), "baseline_years": None}
    assert jobs(2564, tmp_path) == []


def test_notebook_parameters_and_cleared_outputs():
    nb = nbformat.read(ROOT / "notebooks" / "covid_lessons.ipynb", as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    for name in ("fiscal_year", "params_dir", "baseline_years"):
        assert name in first.source
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_params_text_is_escaped(tmp_path):
    (tmp_path / "2564").mkdir()
    shutil.copy(PARAMS / "2564" / "covid.yaml", tmp_path / "2564" / "covid.yaml")
    path = tmp_path / "2564" / "covid.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "การอบรมพัฒนาศักยภาพ อพม. และการปฏิบัติหน้าที่ของ อพม. ในพื้นที่ต้องหยุดลง",
        "<script>alert(1)</script> & อื่น ๆ")
    path.write_text(text, encoding="utf-8")
    section = load_covid(tmp_path, 2564)
    markup = table1_html(section)
    assert "<script>" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; อื่น ๆ" in markup
    assert "<script>" not in table2_html(section)


def test_fact_text_keeps_printed_qualifiers():
    section = load_covid(PARAMS, 2564)
    assert "กว่า 11.790 ล้านบาท เศษ" in fact_text(section.fact("budget_reallocated"))
    assert "252 ล้านบาทเศษ" in fact_text(section.fact("operating_budget"))
    assert "ประมาณ 4,500 คน" in fact_text(section.fact("existing_residents"))
