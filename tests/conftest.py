import shutil
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

# small notebooks the batch-runner tests execute on purpose (one of them fails): not for nbval
collect_ignore_glob = ["data/*"]


# ---------------------------------------------------------------- report tables hold numbers as numbers

import re as _re  # noqa: E402

_NUMBER_AS_TEXT = _re.compile(
    r"^\s*(?:ร้อยละ\s*)?[+-]?[0-9๐-๙]+(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]+)?\s*%?\s*$"  # "1,424", "ร้อยละ 13.90", "๑๒"
    r"|^\s*[0-9๐-๙]+\s*/\s*[0-9๐-๙]+\s*$"  # "2/4"
    r"|^\s*[-–—]\s*$"  # a missing-value mark that belongs to the display, not to the data
)


def assert_numeric_tables(tables):
    """Fail when a table's ``.data`` holds numbers (or missing marks) as text.

    ``tables``: ReportTables (or anything with ``.data``/``.caption``), e.g. ``section.tables()``.
    Only text columns (object or string dtype) are searched; formatting belongs to ``to_html()``.
    """
    import pandas as pd

    problems = []
    for table in tables:
        frame = table.data
        for name in frame.columns:
            col = frame[name]
            if not (pd.api.types.is_object_dtype(col) or pd.api.types.is_string_dtype(col)):
                continue
            bad = [v for v in col if isinstance(v, str) and _NUMBER_AS_TEXT.match(v)]
            if bad:
                problems.append(f"{getattr(table, 'caption', '')!r} column {name!r}: {bad[:3]}")
    assert not problems, "numbers stored as text:\n" + "\n".join(problems)


@pytest.fixture
def numeric_tables():
    """:func:`assert_numeric_tables` as a fixture (or ``from conftest import assert_numeric_tables``)."""
    return assert_numeric_tables
