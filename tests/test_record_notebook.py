"""The kept .ipynb of a report is a record of its run (dswlib.recordnb): rich display outputs
omitted with their size and sha256, everything else kept; ``full_notebooks`` keeps them whole;
switching re-runs; the failed notebook keeps everything."""

import hashlib
import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from dswlib.batch import run_batch
from dswlib.jobs import ReportJob
from dswlib.recordnb import is_record, make_record

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
HTML = "<table><tr><td>ร้อยละ 13.90</td></tr></table>"
PM_CELL = {"start_time": "2026-12-01T00:00:00", "end_time": "2026-12-01T00:00:01", "duration": 1.0,
           "status": "completed", "exception": False}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _executed():
    nb = new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python", "version": "3.12"},
        "papermill": {"parameters": {"value": 2}, "input_path": "notebooks/x.ipynb", "output_path": "x.ipynb",
                      "duration": 3.5, "exception": None}})
    nb.cells = [
        new_code_cell("value = 2", execution_count=1, metadata={"tags": ["parameters"], "papermill": dict(PM_CELL)}),
        new_markdown_cell("## หัวข้อ"),
        new_code_cell("rep.table()", execution_count=2, metadata={"papermill": dict(PM_CELL)}, outputs=[
            new_output("stream", name="stdout", text="อ่าน 3 แถว\n"),
            new_output("execute_result", execution_count=2,
                       data={"text/html": HTML, "text/plain": "Section(3 parts)"}),
        ]),
        new_code_cell("chart()", execution_count=3, metadata={"papermill": dict(PM_CELL)}, outputs=[
            new_output("display_data", data={"image/png": PNG, "text/markdown": "**ข**", "text/plain": "<Figure>"},
                       metadata={"image/png": {"width": 1, "height": 1}}),
            new_output("display_data", data={"application/json": {"b": [1, 2], "a": "ก"}}),
            new_output("execute_result", execution_count=3, data={"text/plain": "42"}),
            new_output("stream", name="stderr", text="warning: ตัวอย่าง\n"),
            new_output("error", ename="ValueError", evalue="ผิด", traceback=["Traceback", "ValueError: ผิด"]),
        ]),
    ]
    nbformat.validate(nb)
    return nb


def test_rich_outputs_become_placeholders_with_size_and_sha256():
    nb = make_record(_executed(), "12-nonthaburi.html")
    nbformat.validate(nb)
    table = nb.cells[2].outputs[1]
    assert set(table.data) == {"text/plain"}
    html_bytes = len(HTML.encode("utf-8"))
    assert table.data["text/plain"] == (f"Section(3 parts)\n[output shown in 12-nonthaburi.html: text/html "
                                        f"{html_bytes:,} bytes, sha256 {_sha(HTML)[:12]}…]")
    assert table.metadata["dsw"]["omitted"] == {"text/html": {"bytes": html_bytes, "sha256": _sha(HTML)}}
    assert table.execution_count == 2

    chart = nb.cells[3].outputs[0]
    assert set(chart.data) == {"text/plain"}
    omitted = chart.metadata["dsw"]["omitted"]
    assert omitted == {"image/png": {"bytes": len(PNG), "sha256": _sha(PNG)},
                       "text/markdown": {"bytes": len("**ข**".encode()), "sha256": _sha("**ข**")}}
    assert "image/png" not in chart.metadata  # its size described an image no longer there
    lines = chart.data["text/plain"].splitlines()
    assert lines[0] == "<Figure>" and lines[1].startswith("[output shown in 12-nonthaburi.html: image/png 96 bytes")
    assert lines[2].startswith("[output shown in 12-nonthaburi.html: text/markdown 7 bytes")

    json_out = nb.cells[3].outputs[1]
    compact = json.dumps({"a": "ก", "b": [1, 2]}, ensure_ascii=False, separators=(",", ":"))
    assert json_out.metadata["dsw"]["omitted"]["application/json"]["sha256"] == _sha(compact)
    assert json_out.data["text/plain"].startswith("[output shown in 12-nonthaburi.html: application/json")
    assert nb.metadata["dsw"]["record"]["rich_outputs"] == "omitted"
    assert nb.metadata["dsw"]["record"]["page"] == "12-nonthaburi.html"
    assert nb.metadata["dsw"]["record"]["omitted_outputs"] == 3 and is_record(nb)


def test_everything_but_rich_data_is_kept():
    before = _executed()
    nb = make_record(_executed(), "x.html")
    assert [c.source for c in nb.cells] == [c.source for c in before.cells]
    assert [c.get("execution_count") for c in nb.cells] == [c.get("execution_count") for c in before.cells]
    assert [c.metadata for c in nb.cells] == [c.metadata for c in before.cells]  # papermill's timings, tags
    for key in ("kernelspec", "language_info", "papermill"):
        assert nb.metadata[key] == before.metadata[key]
    kept = [o for o in nb.cells[3].outputs[2:]]
    assert kept == before.cells[3].outputs[2:]  # text/plain result, stderr stream, error with traceback
    assert nb.cells[2].outputs[0] == before.cells[2].outputs[0]  # stdout stream
    assert not is_record(before)


def test_a_record_is_made_only_once_in_effect():
    once = make_record(_executed(), "x.html")
    twice = make_record(json.loads(json.dumps(once)), "x.html")
    twice = nbformat.from_dict(twice)
    assert [c.get("outputs") for c in twice.cells] == [c.get("outputs") for c in once.cells]


# ---- in the batch --------------------------------------------------------------------

def _notebook(path: Path):
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [
        new_code_cell("value = 1\nfail = False", metadata={"tags": ["parameters"]}),
        new_markdown_cell("## หัวข้อทดสอบ"),
        new_code_cell("from IPython.display import HTML, Markdown, display\n"
                      "print('อ่านข้อมูล', value)\n"
                      "HTML(f'<table><tr><td>ผลลัพธ์ {value * 21}</td></tr></table>')"),
        new_code_cell("display(Markdown(f'**ค่า {value}**'))\nvalue * 3"),
        new_code_cell("assert not fail, 'ข้อมูลผิดรูปแบบ'"),
    ]
    nbformat.write(nb, str(path))


def _root(tmp_path):
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "params").mkdir()
    _notebook(root / "notebooks" / "rich.ipynb")
    return root


JOB = ReportJob("rich", "rich.ipynb", {"value": 2, "fail": False}, output="group/rich", title="รายงานทดสอบ")
BAD = ReportJob("bad", "rich.ipynb", {"value": 2, "fail": True}, output="bad", title="รายงานที่ล้มเหลว")


def _run(root, out, **kw):
    return run_batch(2564, [JOB], root, out, workers=1, progress=False, **kw)


def _rich_outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type in ("display_data", "execute_result")]


def test_batch_keeps_a_record_and_the_same_page_as_a_full_run(tmp_path):
    root = _root(tmp_path)
    rec_batch = run_batch(2564, [JOB, BAD], root, tmp_path / "rec", workers=1, progress=False)
    full_batch = _run(root, tmp_path / "full", full_notebooks=True)
    assert [r.job.name for r in rec_batch.failed] == ["bad"] and full_batch.ok
    rec_dir, full_dir = tmp_path / "rec" / "2564", tmp_path / "full" / "2564"
    record = nbformat.read(rec_dir / "group" / "rich.ipynb", as_version=4)
    full = nbformat.read(full_dir / "group" / "rich.ipynb", as_version=4)
    nbformat.validate(record)
    assert record.metadata.dsw.record == {**record.metadata.dsw.record, "rich_outputs": "omitted", "page": "rich.html"}
    assert "dsw" not in full.metadata
    # the page is rendered from the full notebook either way
    # (but for the id papermill gives the cell it injects, new in every run)
    page, full_page = (re.sub(r"cell-id=[0-9a-f-]+", "cell-id=…",
                              (d / "group" / "rich.html").read_text(encoding="utf-8")) for d in (rec_dir, full_dir))
    assert page == full_page
    assert "ผลลัพธ์ 42" in page and "ค่า 2" in page
    # each placeholder's sha256 is the stored value's in the full notebook
    pairs = list(zip(_rich_outputs(record), _rich_outputs(full), strict=True))
    assert [set(f.data) for _, f in pairs] == [{"text/html", "text/plain"}, {"text/markdown", "text/plain"},
                                              {"text/plain"}]
    checked = 0
    for r, f in pairs:
        assert set(r.data) == {"text/plain"} and r.data["text/plain"].startswith(f.data["text/plain"])
        for mime, info in (r.metadata.get("dsw", {}).get("omitted") or {}).items():
            value = f.data[mime]
            assert info == {"bytes": len(value.encode("utf-8")), "sha256": _sha(value)}
            assert f"{mime} {info['bytes']:,} bytes, sha256 {info['sha256'][:12]}…" in r.data["text/plain"]
            checked += 1
    assert checked == 2
    assert pairs[2][0] == pairs[2][1]  # the text/plain result ("6") as it was
    # cells, sources, streams and papermill's record are kept
    assert [c.source for c in record.cells] == [c.source for c in full.cells]
    streams = [o for c in record.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"]
    assert [s.text for s in streams] == ["อ่านข้อมูล 2\n"]
    assert record.metadata.papermill["parameters"] == {"value": 2, "fail": False}
    assert all(c.metadata.papermill["status"] == "completed" for c in record.cells)
    # the failed report's notebook keeps every output, for diagnosis
    failed = nbformat.read(rec_dir / "bad.failed.ipynb", as_version=4)
    assert "dsw" not in failed.metadata and failed.metadata.papermill["exception"] is True
    assert any("text/html" in o.data for o in _rich_outputs(failed))
    assert any(o.output_type == "error" and o.evalue == "ข้อมูลผิดรูปแบบ" for c in failed.cells
               if c.cell_type == "code" for o in c.outputs)
    manifest = json.loads((rec_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["jobs"]["rich"]["notebook_kind"] == "record" and manifest["jobs"]["bad"]["notebook_kind"] is None
    assert manifest["run"]["notebooks"] == "record"
    assert manifest["jobs"]["rich"]["notebook"] == "notebooks/rich.ipynb"
    full_manifest = json.loads((full_dir / "manifest.json").read_text(encoding="utf-8"))
    assert full_manifest["jobs"]["rich"]["notebook_kind"] == "full"


def test_switching_the_notebook_kind_reruns_the_report_once(tmp_path):
    root = _root(tmp_path)
    out = tmp_path / "out"
    nb_path = out / "2564" / "group" / "rich.ipynb"
    log = out / "2564" / "run.log"

    assert [r.job.name for r in _run(root, out).results] == ["rich"]
    assert is_record(nbformat.read(nb_path, as_version=4))
    again = _run(root, out)
    assert not again.results and [j.name for j in again.skipped] == ["rich"]

    switched = _run(root, out, full_notebooks=True)
    assert [r.job.name for r in switched.results] == ["rich"] and switched.ok
    assert "rich: to run (full notebooks asked for)" in log.read_text(encoding="utf-8")
    full = nbformat.read(nb_path, as_version=4)
    assert not is_record(full) and any("text/html" in o.data for o in _rich_outputs(full))
    manifest = json.loads((out / "2564" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["jobs"]["rich"]["notebook_kind"] == "full"
    assert manifest["jobs"]["rich"]["outputs"]["group/rich.ipynb"] == hashlib.sha256(nb_path.read_bytes()).hexdigest()
    same = _run(root, out, full_notebooks=True)
    assert not same.results and [j.name for j in same.skipped] == ["rich"]

    back = _run(root, out)
    assert [r.job.name for r in back.results] == ["rich"]
    assert "rich: to run (record notebook asked for)" in log.read_text(encoding="utf-8")
    assert is_record(nbformat.read(nb_path, as_version=4))


def test_a_report_not_selected_is_not_stale_for_its_notebook_kind(tmp_path):
    root = _root(tmp_path)
    out = tmp_path / "out"
    other = ReportJob("other", "rich.ipynb", {"value": 3, "fail": False}, output="other")
    run_batch(2564, [JOB, other], root, out, workers=1, progress=False)
    res = run_batch(2564, [other], root, out, workers=1, progress=False, all_jobs=[JOB, other], full_notebooks=True)
    assert [r.job.name for r in res.results] == ["other"]
    manifest = json.loads((out / "2564" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["jobs"]["rich"]["notebook_kind"] == "record" and manifest["jobs"]["rich"]["stale"] is False
    assert manifest["jobs"]["other"]["notebook_kind"] == "full"


def test_cli_option_and_environment_variable(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import dswlib.registry
    from dswlib.cli import main

    root = _root(tmp_path)
    monkeypatch.setenv("DSW_ROOT", str(root))
    monkeypatch.setattr(dswlib.registry, "collect_jobs", lambda *a, **k: [JOB])
    nb_path = tmp_path / "o" / "2564" / "group" / "rich.ipynb"
    args = ["run", "2564", "--out", str(tmp_path / "o"), "--no-progress", "-j", "1"]
    res = CliRunner().invoke(main, args + ["--full-notebooks"])
    assert res.exit_code == 0, res.output
    assert not is_record(nbformat.read(nb_path, as_version=4))
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0 and "(1 written, 0 up to date" in res.output
    assert is_record(nbformat.read(nb_path, as_version=4))
    monkeypatch.setenv("DSW_FULL_NOTEBOOKS", "1")
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0 and "(1 written, 0 up to date" in res.output
    assert not is_record(nbformat.read(nb_path, as_version=4))
    assert "--full-notebooks" in CliRunner().invoke(main, ["run", "--help"]).output
