"""Interrupting `dsw run`: Ctrl-C (SIGINT to the process group) and SIGTERM stop the run cleanly
with exit code 130; a parent killed with SIGKILL leaves no worker or kernel behind."""

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import psutil
import pytest

from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals and /proc")


def _marked(marker):
    """Live processes whose environment carries ``marker`` (the run, its workers and kernels)."""
    found = []
    for proc in psutil.process_iter(["pid", "status"]):
        if proc.info["status"] == psutil.STATUS_ZOMBIE:
            continue
        try:
            if proc.environ().get("DSW_TEST_MARK") == marker:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def _start(tmp_path):
    marker = uuid.uuid4().hex
    tmp = tmp_path / "tmp"
    runtime = tmp_path / "runtime"
    tmp.mkdir()
    runtime.mkdir()
    env = dict(os.environ, DSW_TEST_MARK=marker, TMPDIR=str(tmp), JUPYTER_RUNTIME_DIR=str(runtime))
    out = tmp_path / "out"
    stderr = open(tmp_path / "stderr.txt", "w+", encoding="utf-8")  # a file, not a pipe: it never fills up
    proc = subprocess.Popen(
        [sys.executable, "-m", "dswlib.cli", "run", "2564", "--out", str(out), "--only", "standards/*",
         "--no-progress", "-j", "2", "-v"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True, start_new_session=True)
    proc.stderr_file = stderr
    log = out / "2564" / "run.log"
    # wait until a report is done and both workers have a kernel running
    started = wait_for(lambda: log.exists() and log.read_text(encoding="utf-8").count(": done in ") >= 1
                        and len(_marked(marker)) >= 5, 180)
    assert started, "the run did not get going"
    return proc, marker, out / "2564", tmp, runtime


def _no_leftovers(marker, out_dir, tmp, runtime):
    assert wait_for(lambda: not _marked(marker), 20), [p.cmdline() for p in _marked(marker)]
    assert not list(out_dir.rglob("*.tmp*")), "temporary report files left"
    assert not any(tmp.iterdir()), f"temporary files left: {list(tmp.rglob('*'))}"
    assert not any(runtime.iterdir()), "kernel connection files left"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupt_stops_cleanly_with_a_consistent_index(tmp_path, sig):
    proc, marker, out_dir, tmp, runtime = _start(tmp_path)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # what Ctrl-C in a terminal does: the whole foreground process group
    else:
        proc.send_signal(sig)
    proc.wait(timeout=120)
    stderr = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr
    manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["status"].startswith("interrupted")
    done = {n for n, r in manifest["jobs"].items() if r["status"] == "ok"}
    assert done and len(done) < 77 and manifest["run"]["not_run"]
    assert not set(manifest["run"]["not_run"]) & set(manifest["jobs"])
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert "ถูกยกเลิกก่อนเสร็จ" in index
    for name, rec in manifest["jobs"].items():  # every listed report is complete on disk, and only those
        html = next(rel for rel in rec["outputs"] if rel.endswith(".html"))
        assert (out_dir / html).is_file() and f"href='{html}'" in index
    on_disk = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.html")} - {"index.html"}
    assert on_disk == {next(rel for rel in r["outputs"] if rel.endswith(".html")) for r in manifest["jobs"].values()}
    _no_leftovers(marker, out_dir, tmp, runtime)


def test_parent_killed_leaves_no_worker_or_kernel(tmp_path):
    proc, marker, out_dir, tmp, runtime = _start(tmp_path)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert any("ipykernel" in " ".join(c.cmdline()) for c in children)
    proc.kill()
    proc.wait(timeout=30)
    _no_leftovers(marker, out_dir, tmp, runtime)
