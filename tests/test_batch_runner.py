"""The batch runner on two tiny notebooks: one succeeds, one fails; nothing half-written."""

import shutil
from pathlib import Path

import pytest

from click.testing import CliRunner

from dswlib.batch import run_batch
from dswlib.jobs import ReportJob

DATA = Path(__file__).parent / "data"


def _root(tmp_path):
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "params").mkdir()
    for name in ("ok", "bad", "defines", "checks"):
        shutil.copy(DATA / f"{name}.ipynb", root / "notebooks" / f"{name}.ipynb")
    return root


JOBS = [
    ReportJob("ok", "ok.ipynb", {"value": 2}, output="group/ok", title="รายงานที่สำเร็จ", group="ทดสอบ"),
    ReportJob("bad", "bad.ipynb", {}, output="bad", title="รายงานที่ล้มเหลว", group="ทดสอบ"),
]


@pytest.mark.parametrize("reuse", [True, False], ids=["warm-kernels", "fresh-kernels"])
def test_failure_is_isolated_and_listed(tmp_path, reuse):
    root = _root(tmp_path)
    batch = run_batch(2564, JOBS, root, tmp_path / "out", workers=2, progress=False, reuse_kernels=reuse)
    out = tmp_path / "out" / "2564"
    assert [r.job.name for r in batch.failed] == ["bad"]
    assert "RuntimeError" in batch.failed[0].error or "ข้อมูลผิดรูปแบบ" in batch.failed[0].error
    html = (out / "group" / "ok.html").read_text(encoding="utf-8")
    assert "ผลลัพธ์ 42" in html  # the parameter reached the notebook
    assert "value * 21" not in html  # no code in the reviewer HTML
    assert "@font-face" in html and "Sarabun" in html
    # the failed job leaves no report, only its executed-with-error notebook for diagnosis
    assert not (out / "bad.html").exists() and not (out / "bad.ipynb").exists()
    assert (out / "bad.failed.ipynb").exists()
    assert not list(out.rglob("*.tmp*")), "temporary files left behind"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "รายงานที่ล้มเหลว" in index and "ไม่สำเร็จ" in index and "group/ok.html" in index


def test_cli_exits_nonzero_listing_failures(tmp_path, monkeypatch):
    import dswlib.registry

    root = _root(tmp_path)
    monkeypatch.setenv("DSW_ROOT", str(root))
    monkeypatch.setattr(dswlib.registry, "collect_jobs", lambda year, params: list(JOBS))
    res = CliRunner().invoke(__import__("dswlib.cli", fromlist=["main"]).main,
                             ["run", "2564", "--out", str(tmp_path / "o"), "--no-progress", "-j", "2"])
    assert res.exit_code == 1
    assert "1/2 reports" in res.output and "bad" in res.output


def test_rerun_replaces_outputs_atomically(tmp_path):
    root = _root(tmp_path)
    jobs = JOBS[:1]
    run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False)
    target = tmp_path / "out" / "2564" / "group" / "ok.html"
    first = target.stat().st_ino
    run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False)
    assert target.stat().st_ino != first  # replaced by rename, not rewritten in place


def test_warm_kernel_reuse_does_not_leak_state(tmp_path):
    """One worker runs both notebooks in the same kernel: names and cwd do not carry over."""
    root = _root(tmp_path)
    jobs = [ReportJob("defines", "defines.ipynb", {}), ReportJob("checks", "checks.ipynb", {}),
            ReportJob("bad", "bad.ipynb", {}), ReportJob("checks2", "checks.ipynb", {}, output="checks2")]
    batch = run_batch(2564, jobs, root, tmp_path / "out", workers=1, progress=False, reuse_kernels=True)
    assert [r.job.name for r in batch.failed] == ["bad"]
    for name in ("checks", "checks2"):  # also after a failed notebook in the same kernel
        html = (tmp_path / "out" / "2564" / f"{name}.html").read_text(encoding="utf-8")
        assert f"cwd {root}" in html
