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

# a cell that is a number written as text beyond what parse_number reads: "ระดับ 75", "2/4", a lone "-"
_NUMBER_AS_TEXT = _re.compile(r"^\s*(ร้อยละ|ระดับ)?\s*[(]?\s*[+\-−]?\s*\d[\d,]*(\.\d+)?\s*[)]?\s*%?\s*$"
                              r"|^\s*[-–—]\s*$|^\s*\d[\d,]*\s*/\s*\d[\d,]*\s*$")

# Columns that are text by design: a finding's printed and expected values are quoted as the document
# prints them ("4.50", "7/1", "≤ 5"; dswlib.findings.findings_table).
TEXT_COLUMNS = ("ค่าที่พิมพ์", "ค่าที่คำนวณได้")


def _tables_of(items) -> list:
    from dswlib.display import ReportTable

    out = []
    for item in items:
        if isinstance(item, ReportTable):
            out.append(item)
        elif hasattr(item, "tables"):
            out.extend(item.tables())
        elif isinstance(item, (list, tuple)):
            out.extend(_tables_of(item))
        else:
            raise TypeError(f"not a ReportTable or a Section: {type(item).__name__}")
    return out


def _number_as_text(value) -> bool:
    from dswlib.thainum import parse_number

    if not isinstance(value, str):
        return False
    if _NUMBER_AS_TEXT.match(value):
        return True
    try:
        parse_number(value)
    except ValueError:
        return False
    return True


def numbers_as_text(*items, text_columns=TEXT_COLUMNS) -> list[tuple]:
    """``(caption, column, value)`` of every table cell (of Sections or ReportTables) that holds a number as text."""
    import pandas as pd

    found = []
    for table in _tables_of(items):
        data = table.data
        for column in data.columns:
            series = data[column]
            if column in text_columns or pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
                continue
            found += [(table.caption, column, v) for v in series if _number_as_text(v)]
    return found


def assert_numeric_tables(*items, where: str = "", text_columns=TEXT_COLUMNS) -> list:
    """Fail when a report table holds numbers as text (issue 14: data stays data; the display formats).

    ``items``: ReportTables, Sections (their ``.tables()``) or lists of either. Returns the tables checked.
    """
    tables = _tables_of(items)
    found = numbers_as_text(*items, text_columns=text_columns)
    assert not found, f"{where}numbers kept as text in report tables: {found[:10]}"
    return tables


@pytest.fixture(name="assert_numeric_tables")
def _assert_numeric_tables_fixture():
    """:func:`assert_numeric_tables` as a fixture (or ``from conftest import assert_numeric_tables``)."""
    return assert_numeric_tables


@pytest.fixture(name="numeric_tables")
def _numeric_tables_fixture():
    return assert_numeric_tables
