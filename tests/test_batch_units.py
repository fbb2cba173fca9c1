"""The batch's small parts: -p parsing and parameter checks, fingerprints, the read trace, path redaction."""

from pathlib import Path

import pytest

from dswlib.fingerprint import code_sha256, expand_inputs
from dswlib.jobparams import JobsRefused, apply_overrides, check_job, parse_overrides, parse_value
from dswlib.jobs import ReportJob
from dswlib.redact import Redactor
from dswlib.registry import collect_jobs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


@pytest.mark.parametrize("text", ["6", "-3", "2.5", "True", "False", "None", "params", "๒๕๖๖", "1e3", ""])
def test_p_values_are_parsed_as_papermill_parses_them(text):
    from papermill.cli import _resolve_type

    assert parse_value(text) == _resolve_type(text) and type(parse_value(text)) is type(_resolve_type(text))


def _job(name="annual_report", **params):
    base = {"fiscal_year": 2566, "round": 12, "params_dir": "params"}
    return ReportJob(name, "annual_report.ipynb", {**base, **params})


@pytest.mark.parametrize("params, expected", [
    ({"fiscal_year": 2564}, "the run's fiscal year 2566"),
    ({"fiscal_year": "2566"}, "the B.E. year as a number (2566)"),
    ({"fiscal_year": 1066}, "a B.E. fiscal year"),
    ({"round": 9}, "6 or 12"),
    ({"round": True}, "6 or 12"),
    ({"params_dir": "no/such/dir"}, "an existing directory"),
])
def test_wrong_values_are_refused_with_the_parameter_named(params, expected):
    problems = check_job(_job(**params), NOTEBOOKS, ROOT, 2566)
    (name,) = params
    assert len(problems) == 1 and f"parameter {name!r}" in problems[0] and expected in problems[0]
    assert "annual_report.ipynb" in problems[0]


def test_every_registered_job_passes_its_checks():
    for year in (2564, 2566, 2569):
        for job in collect_jobs(year, ROOT / "params", root=ROOT):
            assert check_job(job, NOTEBOOKS, ROOT, year) == [], job.name


def test_overrides_apply_where_the_notebook_has_the_parameter():
    jobs = collect_jobs(2564, ROOT / "params", root=ROOT)
    new = apply_overrides(jobs, parse_overrides([("round", "6"), ("province", "50")]), NOTEBOOKS, ROOT / "params")
    by = {j.name: j for j in new}
    assert by["annual_report"].parameters["round"] == 6
    assert "round" not in by["covid_lessons"].parameters
    assert by["standards/11-samut-prakan"].parameters["province"] == "50"  # text, like the notebook's default
    assert all(check_job(j, NOTEBOOKS, ROOT, 2564) == [] for j in new)
    with pytest.raises(JobsRefused, match="'rounds'"):
        apply_overrides(jobs, parse_overrides([("rounds", "6")]), NOTEBOOKS)
    bad = apply_overrides(jobs, parse_overrides([("demo_seed", "seven")]), NOTEBOOKS, ROOT / "params")
    assert check_job(next(j for j in bad if j.name == "community/strengthening"), NOTEBOOKS, ROOT, 2564)


def test_code_hash_follows_every_code_file(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "sub" / "rules.yaml").write_text("k: 1\n")
    (pkg / "notes.txt").write_text("not code\n")
    first = code_sha256(pkg)
    (pkg / "notes.txt").write_text("changed\n")
    assert code_sha256(pkg) == first
    (pkg / "sub" / "rules.yaml").write_text("k: 2\n")
    assert code_sha256(pkg) != first
    assert len(code_sha256()) == 64


def test_declared_globs_expand_to_files_relative_to_params(tmp_path):
    (tmp_path / "2564").mkdir()
    for name in ("kpis.yaml", "a.csv", "b.csv"):
        (tmp_path / "2564" / name).write_text(name)
    assert list(expand_inputs(["2564/kpis.yaml", "2564/*.csv", "2564/missing.yaml"], tmp_path)) == [
        "2564/a.csv", "2564/b.csv", "2564/kpis.yaml"]


def test_read_trace_records_files_opened_while_running(tmp_path):
    from dswlib import readtrace

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("a")
    b.write_text("b")
    a.read_text()
    readtrace.start()
    b.read_text()
    with open(b, "rb"):
        pass
    reads = readtrace.stop()
    assert str(b) in reads and str(a) not in reads and reads.count(str(b)) == 1
    a.read_text()
    assert readtrace.stop() == []


def test_redactor_replaces_absolute_prefixes_only(tmp_path):
    r = Redactor("/srv/repo", tmp_path / "params", "../data/params")
    assert r.text("File \x1b[0;32m/srv/repo/dswlib/x.py:3") == "File \x1b[0;32m./dswlib/x.py:3"
    assert r.text(f"{tmp_path}/params/2564/kpis.yaml: row 3") == "../data/params/2564/kpis.yaml: row 3"
    assert r.text("/srv/repository/x and ../../srv/repo/y") == "/srv/repository/x and ../../srv/repo/y"
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"input_path": "/srv/repo/notebooks/a.ipynb", "parameters": {"params_dir": "/srv/repo/params"}}
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("error", ename="E", evalue="/srv/repo/a", traceback=["/srv/repo/b"]),
                    nbformat.v4.new_output("stream", name="stderr", text="/srv/repo/c warn")]
    nb.cells = [cell]
    r.notebook(nb)
    assert "/srv/repo" not in nbformat.writes(nb)
