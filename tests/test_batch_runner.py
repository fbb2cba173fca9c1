"""The batch runner on tiny notebooks: failures isolated and reported with the real error,
papermill's metadata from the warm engine, refused parameters, kernels that cannot start,
cell time-outs, incremental re-runs, and the index/manifest merged across runs."""

import json
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from dswlib.batch import run_batch
from dswlib.jobparams import JobsRefused
from dswlib.jobs import ReportJob

DATA = Path(__file__).parent / "data"


def _root(tmp_path):
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "params").mkdir()
    for name in ("ok", "bad", "defines", "checks", "slow"):
        shutil.copy(DATA / f"{name}.ipynb", root / "notebooks" / f"{name}.ipynb")
    return root


JOBS = [
    ReportJob("ok", "ok.ipynb", {"value": 2}, output="group/ok", title="รายงานที่สำเร็จ", group="ทดสอบ"),
    ReportJob("bad", "bad.ipynb", {"value": 1}, output="bad", title="รายงานที่ล้มเหลว", group="ทดสอบ"),
]


def _manifest(out):
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("reuse", [True, False], ids=["warm-kernels", "fresh-kernels"])
def test_failure_is_isolated_and_reported_with_the_real_error(tmp_path, reuse):
    root = _root(tmp_path)
    batch = run_batch(2564, JOBS, root, tmp_path / "out", workers=2, progress=False, reuse_kernels=reuse)
    out = tmp_path / "out" / "2564"
    assert [r.job.name for r in batch.failed] == ["bad"]
    # the notebook's own exception and the failing cell's first line, not nbclient's wrapper text
    error = batch.failed[0].error
    assert error.startswith("RuntimeError: ข้อมูลผิดรูปแบบ") and "raise RuntimeError('ข้อมูลผิดรูปแบบ')" in error
    assert "CellExecutionError" not in error and "An error occurred while executing" not in error
    html = (out / "group" / "ok.html").read_text(encoding="utf-8")
    assert "ผลลัพธ์ 42" in html  # the parameter reached the notebook
    assert "value * 21" not in html  # no code in the reviewer HTML
    assert "@font-face" in html and "Sarabun" in html
    # the failed job leaves no report, only its executed-with-error notebook for diagnosis
    assert not (out / "bad.html").exists() and not (out / "bad.ipynb").exists()
    failed = nbformat.read(out / "bad.failed.ipynb", as_version=4)
    cells = [c for c in failed.cells if c.get("cell_type") == "code"]
    assert failed.metadata.papermill["exception"] is True
    assert [c.metadata.papermill["status"] for c in cells][-1] == "failed"
    assert cells[-1].metadata.papermill["exception"] is True and cells[-1].metadata.papermill["duration"] is not None
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in failed.cells)
    assert not list(out.rglob("*.tmp*")), "temporary files left behind"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "รายงานที่ล้มเหลว" in index and "ไม่สำเร็จ" in index and "group/ok.html" in index
    assert "RuntimeError: ข้อมูลผิดรูปแบบ" in index
    record = _manifest(out)["jobs"]["bad"]
    assert record["status"] == "failed"
    assert record["error"] == {"type": "RuntimeError", "message": "ข้อมูลผิดรูปแบบ", "cell": 3,
                               "source": "raise RuntimeError('ข้อมูลผิดรูปแบบ')"}
    assert list(record["outputs"]) == ["bad.failed.ipynb"]


def test_warm_engine_writes_the_metadata_plain_papermill_writes(tmp_path):
    root = _root(tmp_path)
    job = [ReportJob("ok", "ok.ipynb", {"value": 2})]
    run_batch(2564, job, root, tmp_path / "warm", workers=1, progress=False, reuse_kernels=True)
    run_batch(2564, job, root, tmp_path / "fresh", workers=1, progress=False, reuse_kernels=False)
    warm = nbformat.read(tmp_path / "warm" / "2564" / "ok.ipynb", as_version=4)
    fresh = nbformat.read(tmp_path / "fresh" / "2564" / "ok.ipynb", as_version=4)
    assert set(warm.metadata.papermill) == set(fresh.metadata.papermill)
    assert warm.metadata.papermill["duration"] > 0 and warm.metadata.papermill["exception"] is None
    assert warm.metadata.papermill["parameters"] == {"value": 2}
    assert warm.metadata.papermill["input_path"] == "notebooks/ok.ipynb"  # no absolute local path
    for w, f in zip(warm.cells, fresh.cells):
        assert set(w.metadata.papermill) == set(f.metadata.papermill) == {"start_time", "end_time", "duration",
                                                                          "status", "exception"}
        assert w.metadata.papermill["status"] == "completed"
    assert warm.metadata.language_info["name"] == "python"


def test_cli_exits_nonzero_listing_failures(tmp_path, monkeypatch):
    import dswlib.registry

    root = _root(tmp_path)
    monkeypatch.setenv("DSW_ROOT", str(root))
    monkeypatch.setattr(dswlib.registry, "collect_jobs", lambda *a, **k: list(JOBS))
    res = CliRunner().invoke(__import__("dswlib.cli", fromlist=["main"]).main,
                             ["run", "2564", "--out", str(tmp_path / "o"), "--no-progress", "-j", "2"])
    assert res.exit_code == 1
    assert "1/2 reports" in res.output and "bad: RuntimeError: ข้อมูลผิดรูปแบบ" in res.output


@pytest.mark.parametrize("params, problem", [
    ({"valeu": 2}, "unknown parameter 'valeu'"),
    ({}, "missing parameter 'value'"),
], ids=["typo", "missing"])
def test_job_with_bad_parameters_is_refused_and_nothing_written(tmp_path, params, problem):
    root = _root(tmp_path)
    jobs = [JOBS[0], ReportJob("typo", "ok.ipynb", params)]
    with pytest.raises(JobsRefused) as info:
        run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False)
    assert problem in str(info.value) and "ok.ipynb" in str(info.value) and "job typo" in str(info.value)
    assert not (tmp_path / "out").exists()


def test_unchanged_job_is_skipped_and_force_reruns_atomically(tmp_path):
    root = _root(tmp_path)
    jobs = JOBS[:1]
    first = run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False)
    target = tmp_path / "out" / "2564" / "group" / "ok.html"
    inode = target.stat().st_ino
    again = run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False)
    assert [r.job.name for r in first.results] == ["ok"] and again.results == []
    assert [j.name for j in again.skipped] == ["ok"] and target.stat().st_ino == inode
    forced = run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False, force=True)
    assert [r.job.name for r in forced.results] == ["ok"]
    assert target.stat().st_ino != inode  # replaced by rename, not rewritten in place
    # a changed parameter, a changed notebook, or a damaged output each re-run the job
    changed = [ReportJob("ok", "ok.ipynb", {"value": 3}, output="group/ok")]
    assert [r.job.name for r in run_batch(2564, changed, root, tmp_path / "out", workers=1, progress=False).results] == ["ok"]
    nb = root / "notebooks" / "ok.ipynb"
    nb.write_text(nb.read_text(encoding="utf-8").replace("ผลลัพธ์", "ผลลัพธ์ที่ได้"), encoding="utf-8")
    assert len(run_batch(2564, changed, root, tmp_path / "out", workers=1, progress=False).results) == 1
    target.write_text("edited by hand", encoding="utf-8")
    assert len(run_batch(2564, changed, root, tmp_path / "out", workers=1, progress=False).results) == 1
    assert "ผลลัพธ์ที่ได้ 42" in target.read_text(encoding="utf-8")


def test_failed_rerun_removes_the_previous_report_and_index_merges(tmp_path):
    root = _root(tmp_path)
    out = tmp_path / "out" / "2564"
    good = ReportJob("x", "ok.ipynb", {"value": 2}, output="x", title="รายงานเอกซ์")
    other = ReportJob("y", "ok.ipynb", {"value": 2}, output="y", title="รายงานวาย")
    run_batch(2564, [good, other], root, tmp_path / "out", workers=1, progress=False)
    assert (out / "x.html").exists()
    broken = ReportJob("x", "bad.ipynb", {"value": 1}, output="x", title="รายงานเอกซ์")
    batch = run_batch(2564, [broken], root, tmp_path / "out", workers=1, progress=False, all_jobs=[broken, other])
    assert [r.job.name for r in batch.failed] == ["x"]
    assert not (out / "x.html").exists() and not (out / "x.ipynb").exists() and (out / "x.failed.ipynb").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "href='x.html'" not in index and "รายงานเอกซ์ (ไม่สำเร็จ)" in index
    assert "href='y.html'" in index  # the report not run this time is still listed
    jobs = _manifest(out)["jobs"]
    assert jobs["x"]["status"] == "failed" and jobs["y"]["status"] == "ok" and jobs["y"]["last_run"] == "not selected"


def test_report_whose_inputs_changed_is_marked_stale_until_rerun(tmp_path):
    root = _root(tmp_path)
    a = ReportJob("a", "ok.ipynb", {"value": 2}, output="a", title="รายงานเอ")
    b = ReportJob("b", "checks.ipynb", {"value": 1}, output="b", title="รายงานบี")
    run_batch(2564, [a, b], root, tmp_path / "out", workers=1, progress=False)
    nb = root / "notebooks" / "ok.ipynb"
    nb.write_text(nb.read_text(encoding="utf-8").replace("ผลลัพธ์", "ผล"), encoding="utf-8")
    run_batch(2564, [b], root, tmp_path / "out", workers=1, progress=False, all_jobs=[a, b])
    out = tmp_path / "out" / "2564"
    assert _manifest(out)["jobs"]["a"]["stale"] is True
    assert "รายงานเอ</a> <span class='stale'>" in (out / "index.html").read_text(encoding="utf-8")
    run_batch(2564, [a], root, tmp_path / "out", workers=1, progress=False, all_jobs=[a, b])
    assert _manifest(out)["jobs"]["a"]["stale"] is False


def test_warm_kernel_reuse_does_not_leak_state(tmp_path):
    """One worker runs both notebooks in the same kernel: names and cwd do not carry over."""
    root = _root(tmp_path)
    v = {"value": 1}
    jobs = [ReportJob("defines", "defines.ipynb", v), ReportJob("checks", "checks.ipynb", v),
            ReportJob("bad", "bad.ipynb", v), ReportJob("checks2", "checks.ipynb", v, output="checks2")]
    batch = run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False, reuse_kernels=True)
    assert [r.job.name for r in batch.failed] == ["bad"]
    for name in ("checks", "checks2"):  # also after a failed notebook in the same kernel
        html = (tmp_path / "out" / "2564" / f"{name}.html").read_text(encoding="utf-8")
        assert "cwd ." in html  # the repo root, shown without its absolute path


def test_cell_timeout_fails_the_job_marks_the_cell_and_replaces_the_kernel(tmp_path):
    root = _root(tmp_path)
    jobs = [ReportJob("slow", "slow.ipynb", {"seconds": 120}), ReportJob("ok", "ok.ipynb", {"value": 2})]
    batch = run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False, cell_timeout=2)
    assert [r.job.name for r in batch.failed] == ["slow"]
    assert batch.failed[0].error.startswith("CellTimeoutError: the cell ran longer than the cell time-out of 2 s")
    failed = nbformat.read(tmp_path / "out" / "2564" / "slow.failed.ipynb", as_version=4)
    assert [c.metadata.papermill["status"] for c in failed.cells if c.cell_type == "code"][-1] == "failed"
    assert "ผลลัพธ์ 42" in (tmp_path / "out" / "2564" / "ok.html").read_text(encoding="utf-8")


def _dying_kernelspec(tmp_path):
    spec = tmp_path / "jupyter" / "kernels" / "dies"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", "import sys; sys.exit(3)", "-f", "{connection_file}"],
        "display_name": "exits at once", "language": "python"}), encoding="utf-8")
    return tmp_path / "jupyter"


@pytest.mark.parametrize("reuse", [True, False], ids=["warm-kernels", "fresh-kernels"])
@pytest.mark.parametrize("kernel", ["no-such-kernel", "dies"])
def test_kernel_that_cannot_start_fails_the_job_with_a_clear_message(tmp_path, monkeypatch, kernel, reuse):
    root = _root(tmp_path)
    monkeypatch.setenv("JUPYTER_PATH", str(_dying_kernelspec(tmp_path)))
    jobs = [ReportJob("ok", "ok.ipynb", {"value": 2}), ReportJob("ok2", "ok.ipynb", {"value": 3}, output="ok2")]
    # a generous start-up time-out: the failure must come from the kernel's exit, not from waiting
    batch = run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False, kernel_name=kernel,
                      reuse_kernels=reuse, start_timeout=600)
    assert [r.job.name for r in batch.failed] == ["ok", "ok2"]
    error = batch.failed[0].error
    if kernel == "no-such-kernel":
        assert "No such kernel" in error and "no-such-kernel" in error
    else:
        assert "died" in error.lower()
    assert not (tmp_path / "out" / "2564" / "ok.html").exists() and not (tmp_path / "out" / "2564" / "ok2.html").exists()


def test_entry_point_declares_the_warm_engine():
    tomllib = pytest.importorskip("tomllib")

    from dswlib.engine import ENGINE_NAME, WarmEngine

    meta = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    target = meta["project"]["entry-points"]["papermill.engine"][ENGINE_NAME]
    module, _, attr = target.partition(":")
    # the entry point is a stand-in that imports neither dswlib nor papermill (see dswlib.papermill_entry)
    assert module == "dswlib.papermill_entry"
    stand_in = getattr(__import__(module, fromlist=[attr]), attr)
    assert {"execute_notebook", "nb_kernel_name", "nb_language"} <= set(vars(stand_in))
    from papermill.engines import papermill_engines

    assert papermill_engines.get_engine(ENGINE_NAME) is WarmEngine  # dswlib.engine.register() replaces it


@pytest.mark.parametrize("first", ["dswlib.engine", "papermill", "dswlib.runjob"])
def test_importing_the_engine_before_papermill_works_with_the_entry_point_installed(tmp_path, first):
    """papermill loads its entry points while it is imported: the installed entry point must not
    re-enter dswlib.engine half-initialised (every batch worker imports dswlib.engine first)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    code = (f"import {first}\n"
            "import papermill as pm\n"
            f"pm.execute_notebook({str(root / 'tests' / 'data' / 'ok.ipynb')!r}, {str(tmp_path / 'x.ipynb')!r}, "
            "engine_name='dsw-warm', progress_bar=False, kernel_name='python3', cwd=" + repr(str(root)) + ")\n"
            "from dswlib import engine; engine.shutdown_all()\nprint('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180, cwd=root)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-2000:]
    assert (tmp_path / "x.ipynb").is_file()


def test_a_stop_while_a_kernel_starts_leaves_no_connection_file(tmp_path, monkeypatch):
    """The connection file is named in the runtime directory before the kernel starts, so a stop
    (the worker's SIGTERM exception) in the middle of the start still knows what to remove."""
    from nbclient import NotebookClient

    from dswlib.warmkernel import WarmKernel

    runtime, tmp = tmp_path / "runtime", tmp_path / "tmp"
    runtime.mkdir()
    tmp.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr("tempfile.tempdir", None)

    class Stop(BaseException):
        pass

    def start_then_stop(self, **kw):
        self.km.write_connection_file()  # what jupyter_client does first when it launches the kernel
        assert [p.parent for p in runtime.iterdir()] == [runtime] and not list(tmp.iterdir())
        raise Stop()

    monkeypatch.setattr(NotebookClient, "start_new_kernel", start_then_stop)
    kernel = WarmKernel(tmp_path)
    with pytest.raises(Stop):
        kernel.ensure()
    kernel.kill()  # what the worker's exit does for every kernel it registered
    assert not list(runtime.iterdir()) and not list(tmp.iterdir())


def test_a_port_taken_by_another_process_cannot_kill_a_warm_kernel(tmp_path, monkeypatch):
    """jupyter_client picks a TCP port by binding port 0 and letting it go before the kernel binds it
    again; another process can take it in between (the CI failure "Kernel died before replying to
    kernel_info"). Here every port jupyter_client would pick is taken: a warm kernel still starts,
    because it talks over Unix sockets in the runtime directory, and leaves nothing behind."""
    import socket

    from jupyter_client.connect import LocalPortCache

    from dswlib.warmkernel import WarmKernel

    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setattr(LocalPortCache, "find_available_port", lambda self, ip: taken.getsockname()[1])
        kernel = WarmKernel(tmp_path)
        try:
            kernel.begin()
            assert kernel.end() is not None  # the kernel answers
            assert kernel.km.transport == "ipc" and Path(kernel.km.ip).parent == runtime
        finally:
            kernel.shutdown()
    assert not list(runtime.iterdir())


def test_index_pdf_is_printed_with_pdf_and_removed_without(tmp_path, monkeypatch):
    import dswlib.pdf as pdf
    from dswlib.batch import _print_index

    index = tmp_path / "index.html"
    index.write_text("<html><body>ดัชนี</body></html>", encoding="utf-8")
    printed = []
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, target: printed.append(target) or target.write_bytes(b"%PDF-"))
    assert _print_index(index, True) == "" and printed == [tmp_path / "index.pdf"]
    assert _print_index(index, False) == "" and not (tmp_path / "index.pdf").exists()  # it no longer matches the page

    def broken(html, target):
        target.write_bytes(b"half")
        raise pdf.PdfError("printer on fire")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    assert _print_index(index, True) == "PDF: printer on fire"
    assert not (tmp_path / "index.pdf").exists()
