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


def assert_numeric_tables(*items, where: str = ""):
    """Fail when a report table holds numbers as text (issue 14: data stays data).

    ``items`` are :class:`dswlib.display.ReportTable` objects, Sections (their
    ``.tables()``) or lists of either. A column that is not of a numeric or boolean
    dtype fails when one of its values is a string that parses as a number
    (``"13.90"``, ``"1,424"``, ``"ร้อยละ 13.90"``, ``"(10)"``): the display layer formats,
    the data keep numbers.
    """
    import pandas as pd

    from dswlib.thainum import parse_number

    tables = []
    for item in items:
        if isinstance(item, (list, tuple)):
            for sub in item:
                tables.extend(sub.tables() if hasattr(sub, "tables") else [sub])
        elif hasattr(item, "tables"):
            tables.extend(item.tables())
        else:
            tables.append(item)
    for table in tables:
        data = table.data
        for name in data.columns:
            column = data[name]
            if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
                continue
            for value in column:
                if not isinstance(value, str):
                    continue
                try:
                    parse_number(value)
                except ValueError:
                    continue
                raise AssertionError(f"{where}table {table.caption!r}: column {name!r} holds the number {value!r} as text")
    return tables
