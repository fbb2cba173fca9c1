import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"


@pytest.fixture
def params_dir():
    return PARAMS


@pytest.fixture
def params_copy(tmp_path):
    """A writable copy of params/ for tests that break a file on purpose."""
    dst = tmp_path / "params"
    shutil.copytree(PARAMS, dst)
    return dst

@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    """One batch run of every year with data (about 3 minutes on 2 cores): (output root, {year: process})."""
    out = tmp_path_factory.mktemp("outputs")
    runs = {}
    for year in (2564, 2566, 2569):
        runs[year] = subprocess.run([sys.executable, "-m", "dswlib.cli", "run", str(year), "--out", str(out),
                                     "--no-progress"], cwd=ROOT, capture_output=True, text=True)
    return out, runs


# small notebooks the batch-runner tests execute on purpose (one of them fails): not for nbval
collect_ignore_glob = ["data/*"]


# ---------------------------------------------------------------- numeric report tables (issue 14)
import re as _re

# a cell that is a number written as text: "13.90", "1,424", "(10)", "+2.87", "ร้อยละ 13.90", "ระดับ 75", "-"
_NUMBER_AS_TEXT = _re.compile(r"^\s*(ร้อยละ|ระดับ)?\s*[(]?\s*[+\-−]?\s*\d[\d,]*(\.\d+)?\s*[)]?\s*%?\s*$|^\s*[-–—]\s*$")


def _tables_of(obj) -> list:
    from dswlib.display import ReportTable

    if isinstance(obj, ReportTable):
        return [obj]
    if hasattr(obj, "tables"):
        return list(obj.tables())
    if isinstance(obj, (list, tuple)):
        return [t for o in obj for t in _tables_of(o)]
    raise TypeError(f"not a ReportTable or a Section: {type(obj).__name__}")


# Columns that are text by design: a finding's printed and expected values are quoted as the document
# prints them ("4.50", "7/1", "≤ 5"; dswlib.findings.findings_table).
TEXT_COLUMNS = ("ค่าที่พิมพ์", "ค่าที่คำนวณได้")


def numbers_as_text(*objs, text_columns=TEXT_COLUMNS) -> list[tuple]:
    """``(caption, column, value)`` of every table cell (of Sections or ReportTables) that holds a number as text."""
    found = []
    for table in _tables_of(list(objs)):
        data = table.data
        for column in data.columns:
            if column in text_columns:
                continue
            for value in data[column]:
                if isinstance(value, str) and _NUMBER_AS_TEXT.match(value):
                    found.append((table.caption, column, value))
    return found


@pytest.fixture(name="assert_numeric_tables")
def _assert_numeric_tables():
    """``assert_numeric_tables(section_or_table, ...)``: no table cell holds a number as text (the display formats)."""

    def check(*objs):
        assert _tables_of(list(objs)), "no tables to check"
        found = numbers_as_text(*objs)
        assert not found, f"numbers kept as text in report tables: {found[:10]}"

    return check
