"""Batch job, CLI commands and the report notebook."""

import json
import re
from pathlib import Path

import nbformat
from click.testing import CliRunner

from dswlib.community.cli import community
from dswlib.community.jobs import GROUP_TH, jobs
from dswlib.jobs import ReportJob

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "community_strengthening.ipynb"


def test_one_job_for_2564_none_otherwise():
    [job] = jobs(2564, ROOT / "params")
    assert isinstance(job, ReportJob)
    assert job.output == "community/strengthening" and job.group == GROUP_TH
    assert job.notebook == NOTEBOOK.name and (ROOT / "notebooks" / job.notebook).exists()
    assert job.parameters["fiscal_year"] == 2564 and "ข้อมูลสาธิต" in job.title
    json.dumps(job.parameters)  # plain JSON types only
    assert jobs(2565, ROOT / "params") == []


def test_cli_demo_then_score_json(tmp_path):
    runner = CliRunner()
    out = tmp_path / "demo"
    res = runner.invoke(community, ["demo", str(out), "--seed", "9", "--params-dir", str(ROOT / "params")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(community, ["score", str(out), "--json", "--params-dir", str(ROOT / "params")])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["synthetic"] is True and data["communities"] == 76
    assert sum(data["score_5_1"].values()) == 76
    assert len(data["offices"]) == 11


def test_cli_score_reports_bad_file(tmp_path):
    runner = CliRunner()
    out = tmp_path / "demo"
    runner.invoke(community, ["demo", str(out), "--params-dir", str(ROOT / "params")])
    path = out / "communities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[3], "x", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = runner.invoke(community, ["score", str(out), "--params-dir", str(ROOT / "params")])
    assert res.exit_code == 2
    assert "communities.csv: row 2, column result_5_1_1" in res.output


def test_cli_level_accepts_thai_notation():
    res = CliRunner().invoke(community, ["level", "ร้อยละ ๗๗.๕", "--params-dir", str(ROOT / "params")])
    assert res.exit_code == 0, res.output
    assert "5.1 score: 2" in res.output and "KPI 2.1 points: 50" in res.output


def test_notebook_parameters_cell_and_clean_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    for name in ("fiscal_year", "params_dir", "demo_seed"):
        assert f"{name} =" in first.source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_notebook_executes_and_labels_synthetic(tmp_path, monkeypatch):
    import papermill as pm

    from dswlib.render import notebook_to_html
    from test_community_report import software_words, split_at_appendix, visible_text

    monkeypatch.setenv("MPLBACKEND", "Agg")  # as in the batch runner: charts must still be embedded

    out = tmp_path / "out.ipynb"
    [job] = jobs(2564, ROOT / "params")
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters=job.parameters, cwd=str(ROOT / "notebooks"),
                        progress_bar=False, kernel_name="python3")
    nb = nbformat.read(out, as_version=4)
    texts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.output_type != "error"
            data = o.get("data", {})
            texts.append(data.get("text/html", "") + data.get("text/markdown", ""))
    html = "\n".join(texts)
    assert "ข้อมูลสังเคราะห์" in html and "(ข้อมูลสาธิต)" in html
    assert html.count('<svg class="dsw-chart"') == 4  # the four charts, embedded by the sections
    assert "สสว.11" in html and "<script" not in html

    # the rendered page: Thai body without software words, provenance in the final appendix
    page = notebook_to_html(nb, title=job.title)
    body, appendix = split_at_appendix(page.split("<body", 1)[1])
    assert software_words(visible_text(body)) == {}
    assert "ภาคผนวก ข้อมูลทางเทคนิค" in visible_text(appendix)
    assert "params/community/criteria.yaml" in appendix and "003 L93" in appendix
    assert "<h2" not in appendix.split('id="appendix"', 1)[1]  # nothing after the appendix but its own parts


def test_notebook_cells_are_narrative_and_one_call_each():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"][1:]
    assert code[0].splitlines()[-1] == "rep.cover()"
    for source in code[1:]:
        assert re.fullmatch(r"rep\.[a-z_0-9]+\(\)", source.strip()), source
    assert code[-1].strip() == "rep.appendix()"
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not re.search(r"params|\.ya?ml|\.md\b|\.csv|dswlib", markdown)
