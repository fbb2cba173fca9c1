"""Reading record tables (CSV, Parquet or a DataFrame) and checking their columns.

Every record module goes through :func:`read_records`, so a bad file gets the
same kind of error everywhere: :class:`ParamsError` naming the file, the row and
the column.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..errors import ParamsError
from ..fiscal import BE_OFFSET


def source_name(df_or_path, default="<records>") -> str:
    return str(df_or_path) if isinstance(df_or_path, (str, Path)) else default


def read_records(df_or_path, *, source=None, dtype=None):
    """A DataFrame from a DataFrame (copied), a ``.csv`` or a ``.parquet`` file.

    Parquet is read with DuckDB (pyarrow is not needed). CSV columns listed in
    ``dtype`` are read with that type (IDs as ``str`` keep leading zeros).
    """
    import pandas as pd

    if isinstance(df_or_path, pd.DataFrame):
        return df_or_path.copy()
    path = Path(df_or_path)
    if not path.is_file():
        raise ParamsError(path, None, "an existing .csv or .parquet file", "file not found")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import duckdb

        con = duckdb.connect()
        try:
            return con.execute("SELECT * FROM read_parquet(?)", [str(path)]).df()
        finally:
            con.close()
    if suffix in (".csv", ".tsv", ".txt"):
        sep = "\t" if suffix == ".tsv" else ","
        return pd.read_csv(path, sep=sep, dtype=dtype, keep_default_na=False, na_values=[""])
    raise ParamsError(path, None, "a .csv or .parquet file", path.suffix)


def require_columns(df, columns, source) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ParamsError(source, "columns", "columns " + ", ".join(columns),
                          f"missing {', '.join(missing)} (has {', '.join(map(str, df.columns))})")


def _row_label(df, pos: int) -> str:
    """"row N" as a file line number (header = line 1) when the index is the default range."""
    import pandas as pd

    if isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1:
        return f"row {pos + 2}"
    return f"row {df.index[pos]}"


def _to_date(value):
    """A ``datetime.date`` from a date, a timestamp or "YYYY-MM-DD" (C.E. or B.E. year); None if not a date."""
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    from ..thainum import to_arabic_digits

    text = to_arabic_digits(text)[:10]
    try:
        y, m, d = (int(p) for p in text.split("-"))
        if y >= 2400:
            y -= BE_OFFSET
        return _dt.date(y, m, d)
    except (ValueError, TypeError):
        return None


def parse_dates(df, column: str, source, *, allow_missing: bool = False):
    """Column as ``datetime64[ns]``; B.E. years (>= 2400) are converted; bad cells raise."""
    import pandas as pd

    col = df[column]
    if pd.api.types.is_datetime64_any_dtype(col):
        out = col.astype("datetime64[ns]")
        missing = out.isna()
    else:
        parsed = [_to_date(v) for v in col.tolist()]
        for pos, (raw, value) in enumerate(zip(col.tolist(), parsed)):
            if value is None:
                empty = raw is None or (isinstance(raw, float) and raw != raw) or str(raw).strip() == ""
                if not (allow_missing and empty):
                    raise ParamsError(source, f"{_row_label(df, pos)}, column {column}",
                                      "a date YYYY-MM-DD (C.E. or B.E. year)" + (" or an empty cell" if allow_missing else ""),
                                      raw)
        out = pd.to_datetime(pd.Series(parsed, index=col.index, dtype=object)).astype("datetime64[ns]")
        missing = out.isna()
    if not allow_missing and missing.any():
        pos = int(missing.to_numpy().nonzero()[0][0])
        raise ParamsError(source, f"{_row_label(df, pos)}, column {column}", "a date", None)
    return out


def parse_numbers(df, column: str, source, *, low=None, high=None, integer=False):
    """Column as float (or int); text, out-of-range or missing cells raise :class:`ParamsError`."""
    import numpy as np
    import pandas as pd

    col = df[column]
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        values = col.astype("float64")
    else:
        from ..thainum import parse_float

        values = pd.Series([parse_float(v, source=source, where=f"{_row_label(df, i)}, column {column}")
                            for i, v in enumerate(col.tolist())], index=col.index, dtype="float64")
    bad = values.isna()
    if low is not None:
        bad |= values < low
    if high is not None:
        bad |= values > high
    if integer:
        bad |= values != np.floor(values)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        expected = "a number"
        if low is not None and high is not None:
            expected = f"a number {low}-{high}"
        if integer:
            expected = "a whole " + expected.removeprefix("a ")
        raise ParamsError(source, f"{_row_label(df, pos)}, column {column}", expected, col.iloc[pos])
    return values.astype("int64") if integer else values


def window(fiscal_year: int, as_of=None):
    """(start, end) timestamps of a fiscal year, ``end`` cut at ``as_of`` when given."""
    import pandas as pd

    from ..fiscal import FiscalYear

    fy = FiscalYear(fiscal_year)
    end = fy.end
    if as_of is not None:
        as_of = _to_date(as_of)
        if as_of is None or not fy.contains(as_of):
            raise ParamsError(None, "as_of", f"a date inside fiscal year {fy.be}", as_of)
        end = as_of
    return pd.Timestamp(fy.start), pd.Timestamp(end)


# Outcomes of a stay: who counts as "returned to society" (KPI 3.2, KPI 4).
FAMILY = "family"
EMPLOYER = "employer"
_OUTCOME_ALIASES = {
    FAMILY: FAMILY, "community": FAMILY, "family/community": FAMILY,
    "ครอบครัว": FAMILY, "ชุมชน": FAMILY, "ครอบครัว/ชุมชน": FAMILY, "กลับคืนสู่ครอบครัว": FAMILY,
    "ส่งกลับครอบครัว/ชุมชน": FAMILY,
    EMPLOYER: EMPLOYER, "employment": EMPLOYER, "establishment": EMPLOYER,
    "สถานประกอบการ": EMPLOYER, "ทำงานในสถานประกอบการ": EMPLOYER,
}


def normalise_outcomes(series):
    """"family" / "employer" for returns to society, None for every other outcome
    (still in care, transferred, hospital, died, left on own will ...)."""
    return series.map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                      else _OUTCOME_ALIASES.get(str(v).strip().lower()))
