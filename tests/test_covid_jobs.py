"""Batch job, notebook shape and HTML escaping of the COVID section."""

import re
from pathlib import Path

import nbformat

from dswlib.covid import CovidReport
from dswlib.covid.jobs import jobs
from dswlib.covid.model import load_covid
from dswlib.covid.sections import fact_text

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


def test_params_text_is_escaped(params_copy):
    path = params_copy / "2564" / "covid.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("การอบรมพัฒนาศักยภาพ อพม. และการปฏิบัติหน้าที่ของ อพม. ในพื้นที่ต้องหยุดลง",
                        "<script>alert(1)</script> & อื่น ๆ")
    text = text.replace("ประชาชนยื่นขอรับบริการทางออนไลน์ได้", "<b onmouseover=x>ประชาชน</b> ยื่นขอรับบริการทางออนไลน์ได้")
    path.write_text(text, encoding="utf-8")
    rep = CovidReport.load(fiscal_year=2564, params_dir=params_copy, setup=False)
    markup = rep.affected_kpis().to_html()
    assert "<script>" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; อื่น ๆ" in markup
    responses = rep.responses().to_html()
    assert "<b onmouseover" not in responses and "&lt;b onmouseover=x&gt;" in responses


def test_fact_text_keeps_printed_qualifiers():
    section = load_covid(PARAMS, 2564)
    assert "กว่า 11.790 ล้านบาท เศษ" in fact_text(section.fact("budget_reallocated"))
    assert "252 ล้านบาทเศษ" in fact_text(section.fact("operating_budget"))
    assert "ประมาณ 4,500 คน" in fact_text(section.fact("existing_residents"))


def test_fact_text_writes_percentages_the_official_way():
    """A percentage reads "ร้อยละ 28.71" (the word first), as the document prints it, never "28.71 ร้อยละ"."""
    section = load_covid(PARAMS, 2564)
    texts = [fact_text(f) for f in section.facts]
    percents = [t for t in texts if "ร้อยละ" in t]
    assert percents and not any(re.search(r"\d\s*(ร้อยละ|%)", t) for t in texts), texts
    assert any("ร้อยละ 28.71" in t for t in percents)
    assert any("มากกว่าร้อยละ 90" in t for t in percents)
