"""`dsw run --scheduler`: the same jobs on a Dask distributed cluster (issue 16.4).

A ``distributed.LocalCluster`` with two worker processes stands in for a real cluster:
the outputs are those of a local run (files, scorecard, every figure of every page),
a failing report fails alone with its real error, and an interrupt stops the run as
in the local pool, leaving no batch worker or kernel on the cluster's workers.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import psutil
import pytest

distributed = pytest.importorskip("distributed")

from dswlib.batch import run_batch  # noqa: E402
from dswlib.jobs import ReportJob  # noqa: E402
from tests.figures.extract import page_figures  # noqa: E402
from tests.waiting import wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SUBSET = ["standards/11-*", "standards/12-*", "standards/overview", "covid_lessons"]


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as cl:
        yield cl


def _worker_children(cluster) -> list:
    """Processes started by the cluster's worker processes (batch workers, kernels)."""
    from distributed import Client

    with Client(cluster, set_as_default=False) as client:
        pids = list(client.run(os.getpid).values())
    found = []
    for pid in pids:
        try:
            found += psutil.Process(pid).children(recursive=True)
        except psutil.NoSuchProcess:
            pass
    return [p for p in found if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _dsw(args, **kw):
    return subprocess.run([sys.executable, "-m", "dswlib.cli", "run", "2564", "--no-progress", *args], cwd=ROOT,
                          capture_output=True, text=True, **kw)


def _only(patterns):
    return [arg for p in patterns for arg in ("--only", p)]


def test_cluster_run_writes_what_a_local_run_writes(cluster, tmp_path):
    local = _dsw(["--out", str(tmp_path / "local"), "-j", "2", *_only(SUBSET)])
    assert local.returncode == 0, local.stderr
    dask = _dsw(["--out", str(tmp_path / "dask"), *_only(SUBSET)], env=dict(os.environ, DSW_SCHEDULER=cluster.scheduler_address))
    assert dask.returncode == 0, dask.stderr
    a, b = tmp_path / "local" / "2564", tmp_path / "dask" / "2564"
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    assert files == {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    assert len([f for f in files if f.endswith(".html")]) == 5  # 4 reports and the index
    assert (a / "scorecard.json").read_bytes() == (b / "scorecard.json").read_bytes()
    for rel in sorted(f for f in files if f.endswith(".html") and f != "index.html"):
        figures = page_figures((a / rel).read_text(encoding="utf-8"))
        assert figures and figures == page_figures((b / rel).read_text(encoding="utf-8")), rel
        nb = nbformat.read(b / rel.replace(".html", ".ipynb"), as_version=4)  # papermill's record is kept
        assert not nb.metadata.papermill["exception"] and nb.metadata.papermill["duration"] > 0
        assert all(c.metadata.papermill["duration"] is not None for c in nb.cells if c.cell_type == "code")
    ma, mb = (json.loads((d / "manifest.json").read_text(encoding="utf-8")) for d in (a, b))
    assert mb["run"]["executor"] == "dask distributed" and ma["run"]["executor"] == "local processes"
    assert {n: r["status"] for n, r in ma["jobs"].items()} == {n: r["status"] for n, r in mb["jobs"].items()}
    assert {n: r["inputs"] for n, r in ma["jobs"].items()} == {n: r["inputs"] for n, r in mb["jobs"].items()}
    assert wait_for(lambda: not _worker_children(cluster), 20), "batch workers or kernels left on the cluster"


def _root(tmp_path):
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "params").mkdir()
    for name in ("ok", "bad"):
        shutil.copy(DATA / f"{name}.ipynb", root / "notebooks" / f"{name}.ipynb")
    return root


def test_a_failing_report_fails_alone_with_its_real_error(cluster, tmp_path):
    from distributed import Client

    from dswlib.daskexec import DaskExecutor

    jobs = [ReportJob("ok", "ok.ipynb", {"value": 2}, output="group/ok", title="รายงานที่สำเร็จ"),
            ReportJob("bad", "bad.ipynb", {"value": 1}, output="bad", title="รายงานที่ล้มเหลว")]
    with Client(cluster, set_as_default=False) as client:
        batch = run_batch(2564, jobs, _root(tmp_path), tmp_path / "out", progress=False,
                          executor_factory=lambda n, cfg: DaskExecutor(None, cfg, client=client))
    out = tmp_path / "out" / "2564"
    assert [r.job.name for r in batch.failed] == ["bad"]
    assert batch.failed[0].error.startswith("RuntimeError: ข้อมูลผิดรูปแบบ")
    assert "ผลลัพธ์ 42" in (out / "group" / "ok.html").read_text(encoding="utf-8")
    assert not (out / "bad.html").exists() and (out / "bad.failed.ipynb").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["jobs"]["bad"]["error"]["type"] == "RuntimeError"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
def test_interrupt_on_the_cluster_stops_cleanly(cluster, tmp_path):
    out = tmp_path / "out"
    stderr = open(tmp_path / "stderr.txt", "w+", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dswlib.cli", "run", "2564", "--out", str(out), "--only", "standards/*",
         "--no-progress", "-v", "--scheduler", cluster.scheduler_address],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr, text=True, start_new_session=True)
    log = out / "2564" / "run.log"
    assert wait_for(lambda: log.exists() and log.read_text(encoding="utf-8").count(": done in ") >= 2, 180)
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=120)
    assert proc.returncode == 130, (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    out_dir = out / "2564"
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["status"].startswith("interrupted")
    done = {n for n, r in manifest["jobs"].items() if r["status"] == "ok"}
    assert len(done) >= 2 and manifest["run"]["not_run"] and len(done) + len(manifest["run"]["not_run"]) == 77
    on_disk = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.html")} - {"index.html"}
    assert on_disk == {next(rel for rel in r["outputs"] if rel.endswith(".html")) for r in manifest["jobs"].values()}
    assert not list(out_dir.rglob("*.tmp*")) and not list(out_dir.rglob("*.failed.ipynb"))
    assert wait_for(lambda: not _worker_children(cluster), 20), "batch workers or kernels left on the cluster"


def test_no_scheduler_at_the_address_is_a_clear_error(tmp_path):
    from dswlib.daskexec import DaskExecutor, SchedulerError
    from dswlib.runjob import RunConfig

    config = RunConfig(root=str(ROOT), out_dir=str(tmp_path))
    with pytest.raises(SchedulerError, match=r"no Dask scheduler answered at tcp://127\.0\.0\.1:9"):
        DaskExecutor("tcp://127.0.0.1:9", config, connect_timeout="2s")


def test_a_wrong_address_is_refused_before_the_run_logs_or_plans_anything(tmp_path, monkeypatch):
    """Even a run with nothing to do reaches the cluster first: no run.log, no manifest, the error raised."""
    import functools

    from dswlib import daskexec
    from dswlib.daskexec import SchedulerError

    monkeypatch.setattr(daskexec, "connect", functools.partial(daskexec.connect, timeout="2s"))
    root = _root(tmp_path)
    jobs = [ReportJob("ok", "ok.ipynb", {"value": 2})]
    with pytest.raises(SchedulerError, match=r"no Dask scheduler answered at tcp://127\.0\.0\.1:9"):
        run_batch(2564, jobs, root, tmp_path / "out", progress=False, handle_signals=False,
                  scheduler="tcp://127.0.0.1:9")
    year_dir = tmp_path / "out" / "2564"
    assert not (year_dir / "run.log").exists() and not (year_dir / "manifest.json").exists()
