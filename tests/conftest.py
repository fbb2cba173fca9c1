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


def assert_numeric_tables(tables, where: str = "") -> None:
    """Fail when a report table holds numbers as text (the display layer formats, ``data`` stays numeric).

    ``tables`` are :class:`dswlib.display.ReportTable` objects (or DataFrames). A column of
    object/string dtype fails when one of its strings parses as a number ("84.13", "1,424",
    "ร้อยละ 13.90", "(10)", Thai digits), or when it mixes numbers with "-" placeholders.
    """
    import pandas as pd

    from dswlib.errors import ParamsError
    from dswlib.thainum import is_missing, parse_number

    for n, table in enumerate(tables):
        data = getattr(table, "data", table)
        label = f"{where} table {n}" + (f" ({table.caption!r})" if getattr(table, "caption", "") else "")
        for column in data.columns:
            series = data[column]
            if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
                continue
            values = [v for v in series.tolist() if v is not None and not (isinstance(v, float) and v != v)]
            has_number = any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
            for value in values:
                if not isinstance(value, str):
                    continue
                if has_number and is_missing(value):
                    raise AssertionError(f"{label}, column {column!r}: placeholder {value!r} among numbers (use NaN)")
                try:
                    parse_number(value)
                except (ParamsError, ValueError, ArithmeticError):
                    continue
                raise AssertionError(f"{label}, column {column!r}: number stored as text {value!r}")
