"""`dsw run` on a real assessment directory (a temp copy of params with one file per province):
per-province isolation, what a province report reads, incremental re-runs, parameter refusal."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUBSET = ["--only", "standards/overview", "--only", "standards/11-samut-prakan", "--only", "standards/50-chiang-mai"]


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "dswlib.cli", "run", *args], cwd=ROOT, capture_output=True,
                          text=True, **kw)


def _demo_files(params):
    from dswlib.standards.demo import write_demo
    from dswlib.standards.provinces import load_provinces
    from dswlib.standards.rubric import load_rubric

    directory = params / "standards" / "assessments" / "2564"
    write_demo(load_rubric(params), load_provinces(params), 2564, directory)
    return directory


def _manifest(out):
    return json.loads((out / "2564" / "manifest.json").read_text(encoding="utf-8"))


def _ran(out):
    return sorted(n for n, r in _manifest(out)["jobs"].items() if r["last_run"] == "ran")


def _text(path):
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_malformed_province_file_fails_that_report_only(params_copy, tmp_path):
    directory = _demo_files(params_copy)
    broken = directory / "SYNTHETIC_standards_2564_11-samut-prakan.csv"
    lines = broken.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("D2.I2,numerator,"))
    lines[row] = lines[row].replace("D2.I2,numerator,", "D2.I2,numerator,มาก", 1)
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = _run("2564", "--params", str(params_copy), "--out", str(out), "--no-progress", "-j", "2", *SUBSET)
    assert proc.returncode == 1, proc.stderr
    jobs = _manifest(out)["jobs"]
    assert {n: r["status"] for n, r in jobs.items()} == {
        "standards/overview": "ok", "standards/11-samut-prakan": "failed", "standards/50-chiang-mai": "ok"}
    error = jobs["standards/11-samut-prakan"]["error"]
    assert error["type"] == "ParamsError" and "SYNTHETIC_standards_2564_11-samut-prakan.csv" in error["message"]
    assert "standards/11-samut-prakan: ParamsError:" in proc.stderr
    # the overview renders, and names the invalid file as a data problem: Thai in the body, file in the appendix
    overview = _text(out / "2564" / "standards" / "overview.html")
    assert "แบบประเมินที่ใช้ไม่ได้" in overview
    assert "แบบประเมินของ สนง.พมจ.สมุทรปราการ มีข้อมูลไม่ถูกต้อง จึงไม่ได้นำมาคำนวณ" in overview
    appendix = overview.rindex("ภาคผนวก ข้อมูลทางเทคนิค")
    assert overview.index("SYNTHETIC_standards_2564_11-samut-prakan.csv") > appendix
    assert "จำนวนแบบประเมิน: 75 จาก 76 จังหวัด" in overview
    # a province report reads its own assessment file, not the other 75 (rubric and province list are
    # shared: a warm kernel may have them cached from an earlier report), plus the year summary (every
    # office's scores, for its rank and the means), and declares exactly what it may read
    own = "standards/assessments/2564/SYNTHETIC_standards_2564_50-chiang-mai.csv"
    summary = ".cache/standards/summary_2564.json"
    record = jobs["standards/50-chiang-mai"]
    assert [r for r in record["reads"] if "/assessments/" in r] == [own]
    assert summary in record["reads"]
    assert set(record["reads"]) <= set(record["inputs"]) == {own, summary, "standards/provinces.csv",
                                                             "standards/rubric.yaml"}
    # the broken province is left out of the summary: the others are ranked among 75
    chiang_mai = _text(out / "2564" / "standards" / "50-chiang-mai.html")
    assert "จาก 75 สำนักงาน" in chiang_mai
    assert record["undeclared_reads"] == []
    assert len([k for k in jobs["standards/overview"]["inputs"] if "/assessments/" in k]) == 76
    # no absolute local path in any output; the params copy outside the repo is named relative to the repo
    import re

    for path in (out / "2564").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for local in (str(ROOT), str(params_copy), str(tmp_path)):
                assert not re.search(r"(?<!\.\.)" + re.escape(local), text), (path, local)


def test_changed_province_file_reruns_that_province_and_the_overview_unless_a_score_moved(params_copy, tmp_path):
    directory = _demo_files(params_copy)
    out = tmp_path / "out"
    args = ["2564", "--params", str(params_copy), "--out", str(out), "--no-progress", "-j", "2", *SUBSET]
    first = _run(*args)
    assert first.returncode == 0, first.stderr
    assert _ran(out) == ["standards/11-samut-prakan", "standards/50-chiang-mai", "standards/overview"]
    again = _run(*args)
    assert again.returncode == 0 and "(0 written, 3 up to date, 0 failed)" in again.stdout
    assert _ran(out) == []
    changed = directory / "SYNTHETIC_standards_2564_50-chiang-mai.csv"
    changed.write_text(changed.read_text(encoding="utf-8").replace("D2.I2,numerator,", "D2.I2,numerator,0", 1),
                       encoding="utf-8")
    third = _run(*args, "-v")
    assert third.returncode == 0, third.stderr
    assert _ran(out) == ["standards/50-chiang-mai", "standards/overview"]
    assert "standards/50-chiang-mai: done in" in third.stderr and "done in" not in first.stderr  # -v shows jobs
    assert (out / "2564" / "run.log").read_text(encoding="utf-8").count("SYNTHETIC_standards_2564_50-chiang-mai.csv") >= 2
    # a score change in one province moves the year summary (every office's scores): every province
    # page re-runs (its rank and the means may change), not only the changed one
    import re

    changed.write_text(re.sub(r"(?m)^(D2\.I2,numerator,)[^,\n]*", r"\g<1>0", changed.read_text(encoding="utf-8")),
                       encoding="utf-8")
    fourth = _run(*args)
    assert fourth.returncode == 0, fourth.stderr
    assert _ran(out) == ["standards/11-samut-prakan", "standards/50-chiang-mai", "standards/overview"]
    assert ".cache/standards/summary_2564.json" in (out / "2564" / "run.log").read_text(encoding="utf-8")
    forced = _run(*args, "--force")
    assert forced.returncode == 0 and len(_ran(out)) == 3
    # --only merges: the reports not selected stay in the index and the manifest
    only = _run("2564", "--params", str(params_copy), "--out", str(out), "--no-progress", "--force",
                "--only", "standards/50-chiang-mai")
    assert only.returncode == 0, only.stderr
    assert _ran(out) == ["standards/50-chiang-mai"]
    assert set(_manifest(out)["jobs"]) == {"standards/overview", "standards/11-samut-prakan", "standards/50-chiang-mai"}
    index = (out / "2564" / "index.html").read_text(encoding="utf-8")
    for rel in ("standards/overview.html", "standards/11-samut-prakan.html", "standards/50-chiang-mai.html"):
        assert f"href='{rel}'" in index


def test_typo_parameter_is_refused_and_nothing_is_written(tmp_path):
    out = tmp_path / "out"
    proc = _run("2566", "--only", "annual_report", "-p", "fiscal_yaer", "2566", "--out", str(out), "--no-progress")
    assert proc.returncode == 2
    assert "'fiscal_yaer'" in proc.stderr and "annual_report.ipynb" in proc.stderr
    assert not out.exists()
    wrong_year = _run("2566", "--only", "annual_report", "-p", "fiscal_year", "2564", "--out", str(out))
    assert wrong_year.returncode == 2 and "run's fiscal year 2566" in wrong_year.stderr and not out.exists()
    bad_round = _run("2566", "--only", "annual_report", "-p", "round", "7", "--out", str(out))
    assert bad_round.returncode == 2 and "'round' = 7: expected 6 or 12" in bad_round.stderr and not out.exists()


def test_list_shows_parameters_with_overrides():
    proc = _run("2566", "--list", "-p", "round", "6")
    assert proc.returncode == 0, proc.stderr
    line = next(l for l in proc.stdout.splitlines() if l.startswith("annual_report\t"))
    assert "fiscal_year=2566" in line and "round=6" in line and "params_dir='params'" in line
