"""TPMAP-style household records -> FY2566 KPI 3, with a pandas and a DuckDB engine.

KPI 3 of the FY2566 plan (seed 000 L172-181): households whose quality of life
was developed / all vulnerable households x 100, where the numerator is
"cumulative, continuing from fiscal year 2565 onwards" (L179). Vulnerable
households are those of TPMAP, of the ministry's databases and found by surveys
that meet the ministry's criteria (income at most 100,000 baht per person per
year and dependent members), in 4 levels 0-3 (L176); all levels count.

Records:

* ``households``: the register of vulnerable households, one row each:
  ``household_id`` (text), ``province`` (or another unit column given as ``by``),
  optional ``level``, and optionally ``developed_on`` (one development date per
  row, empty when none) when there is no separate event table.
* ``developments`` (optional): one row per development/assistance event:
  ``household_id, developed_on``.

A household counts as developed when it has at least one event dated from the
start of ``since_fiscal_year`` (1 Oct 2564 for FY2565) to the end of
``fiscal_year`` (or ``as_of``). Events of households missing from the register
are not counted (their number is reported in ``notes``). Duplicate
``household_id`` in the register is an error.

Both engines return the same :class:`RecordKpi` (tested on the same inputs);
DuckDB reads CSV/Parquet paths directly and is the one for the 4.1 million
household scale.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import ParamsError
from ..fiscal import FiscalYear
from .result import RecordKpi, unit_percent
from .tables import source_name

ENGINES = ("pandas", "duckdb")
SINCE_FISCAL_YEAR = 2565  # "คิดจากยอดสะสมต่อเนื่องตั้งแต่ปีงบประมาณ พ.ศ. 2565 เป็นต้นไป" (seed 000 L179)
COUNT_COLUMNS = ["vulnerable_households", "developed_households"]
_LAST_CE_YEAR = 2200  # a later year is a B.E. year written as C.E. (2565-01-01): refused by both engines


def development_window(fiscal_year: int = 2566, since_fiscal_year: int = SINCE_FISCAL_YEAR, as_of=None):
    """(first day, last day) of the cumulative window as ``datetime.date``."""
    from .tables import _to_date

    fy = FiscalYear(fiscal_year)
    since = FiscalYear(since_fiscal_year)
    if since.be > fy.be:
        raise ParamsError(None, "since_fiscal_year", f"a fiscal year not after {fy.be}", since.be)
    end = fy.end
    if as_of is not None:
        day = _to_date(as_of)
        if day is None or not (since.start <= day <= fy.end):
            raise ParamsError(None, "as_of", f"a date from {since.start} to {fy.end}", as_of)
        end = day
    return since.start, end


# ------------------------------------------------------------------ pandas engine
def _read_pandas(df_or_path, columns, date_column, source):
    import pandas as pd

    from .tables import read_records

    dtype = {c: str for c in ("household_id", "province")}
    df = read_records(df_or_path, source=source, dtype=dtype)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ParamsError(source, "columns", "columns " + ", ".join(columns), f"missing {', '.join(missing)}")
    if date_column and date_column in df.columns and not pd.api.types.is_datetime64_any_dtype(df[date_column]):
        parsed = pd.to_datetime(df[date_column], format="ISO8601", errors="coerce")
        bad = parsed.isna() & df[date_column].notna() & (df[date_column].astype(str).str.strip() != "")
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise ParamsError(source, f"row {pos + 2}, column {date_column}", "a date YYYY-MM-DD",
                              df[date_column].iloc[pos])
        df[date_column] = parsed
    if date_column and date_column in df.columns:
        df[date_column] = df[date_column].dt.normalize()
        top = df[date_column].max()
        if top is not pd.NaT and top == top and top.year > _LAST_CE_YEAR:
            raise ParamsError(source, f"column {date_column}", "C.E. dates (YYYY-MM-DD with a year such as 2022)",
                              str(top.date()))
    return df


def _pandas_counts(households, developments, by, start, end, hh_source, ev_source):
    import pandas as pd

    hh = _read_pandas(households, ["household_id", by], "developed_on" if developments is None else None, hh_source)
    if hh["household_id"].isna().any() or hh[by].isna().any():
        col = "household_id" if hh["household_id"].isna().any() else by
        pos = int(hh[col].isna().to_numpy().nonzero()[0][0])
        raise ParamsError(hh_source, f"row {pos + 2}, column {col}", "a value", None)
    if developments is None:
        if "developed_on" not in hh.columns:
            raise ParamsError(hh_source, "columns", "a developed_on column or a separate developments table",
                              list(map(str, hh.columns)))
        ev = hh[["household_id", "developed_on"]]
    else:
        ev = _read_pandas(developments, ["household_id", "developed_on"], "developed_on", ev_source)
    on = ev["developed_on"]
    in_window = ev.loc[on.notna() & (on >= pd.Timestamp(start)) & (on <= pd.Timestamp(end)), "household_id"]
    # One hash pass over all ids, then integer arithmetic (fast with pandas' string types too).
    hh_ids = hh["household_id"].astype(str).to_numpy(dtype=object)
    ev_ids = in_window.astype(str).to_numpy(dtype=object)
    codes, uniques = pd.factorize(np.concatenate([hh_ids, ev_ids]))
    hh_codes, ev_codes = codes[: len(hh_ids)], codes[len(hh_ids):]
    seen = np.bincount(hh_codes, minlength=len(uniques))
    if (seen > 1).any():
        dups = int((seen[seen > 1] - 1).sum())
        raise ParamsError(hh_source, "column household_id", "each household once",
                          f"{dups} duplicates, e.g. {uniques[int(np.argmax(seen > 1))]}")
    developed_code = np.zeros(len(uniques), dtype=bool)
    developed_code[ev_codes] = True
    developed = developed_code[hh_codes]
    unmatched = int((developed_code & (seen == 0)).sum())
    unit_codes, units = pd.factorize(hh[by].astype(str).to_numpy(dtype=object))
    vulnerable = np.bincount(unit_codes, minlength=len(units))
    dev_counts = np.bincount(unit_codes, weights=developed, minlength=len(units)).astype(np.int64)
    return {str(u): (int(v), int(d)) for u, v, d in zip(units, vulnerable, dev_counts)}, unmatched


# ------------------------------------------------------------------ duckdb engine
def _duckdb_source(con, df_or_path, name, columns, source):
    """Register a DataFrame or a file as view ``name`` with text ids and a DATE column."""
    import pandas as pd

    if isinstance(df_or_path, pd.DataFrame):
        con.register(f"{name}_raw", df_or_path)
        relation = f"{name}_raw"
    else:
        path = Path(df_or_path)
        if not path.is_file():
            raise ParamsError(path, None, "an existing .csv or .parquet file", "file not found")
        if path.suffix.lower() == ".parquet":
            relation = f"read_parquet('{_sql_str(path)}')"
        elif path.suffix.lower() == ".csv":
            relation = f"read_csv('{_sql_str(path)}', header=true, all_varchar=true)"
        else:
            raise ParamsError(path, None, "a .csv or .parquet file", path.suffix)
    described = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    have = [r[0] for r in described]
    types = {r[0]: str(r[1]).upper() for r in described}
    missing = [c for c in columns if c not in have]
    if missing:
        raise ParamsError(source, "columns", "columns " + ", ".join(columns), f"missing {', '.join(missing)}")
    select = []
    for col in have:
        if col == "developed_on" and (types[col].startswith("DATE") or types[col].startswith("TIMESTAMP")):
            select.append("CAST(developed_on AS DATE) AS developed_on")
        elif col == "developed_on":
            select.append("TRY_CAST(NULLIF(TRIM(CAST(developed_on AS VARCHAR)), '') AS DATE) AS developed_on")
            bad = con.execute(
                f"SELECT rn, raw FROM (SELECT row_number() OVER () AS rn, CAST(developed_on AS VARCHAR) AS raw "
                f"FROM {relation}) WHERE NULLIF(TRIM(raw), '') IS NOT NULL AND TRY_CAST(TRIM(raw) AS DATE) IS NULL "
                f"ORDER BY rn LIMIT 1").fetchone()
            if bad:
                raise ParamsError(source, f"row {bad[0] + 1}, column developed_on", "a date YYYY-MM-DD", bad[1])
        elif col in ("household_id",) or col in columns:
            select.append(f'CAST("{col}" AS VARCHAR) AS "{col}"')
    try:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT {', '.join(select)} FROM {relation}")
        if "developed_on" in have:
            top = con.execute(f"SELECT max(developed_on) FROM {name}").fetchone()[0]
            if top is not None and top.year > _LAST_CE_YEAR:
                raise ParamsError(source, "column developed_on", "C.E. dates (YYYY-MM-DD with a year such as 2022)",
                                  str(top))
    except ParamsError:
        raise
    except Exception as exc:  # duckdb.Error subclasses
        raise ParamsError(source, None, "a readable record table", str(exc).splitlines()[0]) from None


def _sql_str(path) -> str:
    return str(path).replace("'", "''")


def _duckdb_counts(households, developments, by, start, end, hh_source, ev_source, threads=None):
    import duckdb

    con = duckdb.connect()
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        _duckdb_source(con, households, "hh", ["household_id", by], hh_source)
        if developments is None:
            cols = [r[0] for r in con.execute("DESCRIBE hh").fetchall()]
            if "developed_on" not in cols:
                raise ParamsError(hh_source, "columns", "a developed_on column or a separate developments table",
                                  cols)
            con.execute("CREATE OR REPLACE TEMP VIEW ev AS SELECT household_id, developed_on FROM hh")
        else:
            _duckdb_source(con, developments, "ev", ["household_id", "developed_on"], ev_source)
        try:
            con.execute(f'CREATE TEMP TABLE hh_t AS SELECT household_id, "{by}" AS unit FROM hh')
            con.execute("CREATE TEMP TABLE dev_t AS SELECT DISTINCT household_id FROM ev "
                        "WHERE developed_on IS NOT NULL AND developed_on BETWEEN ? AND ?", [start, end])
            nulls = con.execute("SELECT count(*) FILTER (WHERE household_id IS NULL), "
                                "count(*) FILTER (WHERE unit IS NULL), count(*) - count(DISTINCT household_id) "
                                "FROM hh_t").fetchone()
            if nulls[0] or nulls[1]:
                raise ParamsError(hh_source, f"column {'household_id' if nulls[0] else by}", "a value in every row",
                                  f"{nulls[0] or nulls[1]} empty cells")
            if nulls[2]:
                example = con.execute("SELECT household_id FROM hh_t GROUP BY 1 HAVING count(*) > 1 "
                                      "ORDER BY 1 LIMIT 1").fetchone()
                raise ParamsError(hh_source, "column household_id", "each household once",
                                  f"{nulls[2]} duplicates, e.g. {example[0]}")
            rows = con.execute(
                "SELECT hh_t.unit, count(*), count(dev_t.household_id) "
                "FROM hh_t LEFT JOIN dev_t ON hh_t.household_id = dev_t.household_id GROUP BY hh_t.unit"
            ).fetchall()
            unmatched = con.execute(
                "SELECT count(*) FROM dev_t ANTI JOIN hh_t ON dev_t.household_id = hh_t.household_id"
            ).fetchone()[0]
        except duckdb.Error as exc:
            raise ParamsError(hh_source, None, "a readable household table", str(exc).splitlines()[0]) from None
        return {str(u): (int(v), int(d)) for u, v, d in rows}, int(unmatched)
    finally:
        con.close()


# ------------------------------------------------------------------ public API
def compute_kpi3_households(households, developments=None, *, fiscal_year: int = 2566,
                            since_fiscal_year: int = SINCE_FISCAL_YEAR, as_of=None, by: str = "province",
                            engine: str = "pandas", threads: int | None = None) -> RecordKpi:
    """FY2566 KPI 3 from household records, per ``by`` unit (default province) and in total.

    ``households`` / ``developments``: DataFrames or ``.csv`` / ``.parquet`` paths.
    ``engine``: ``"pandas"`` (default) or ``"duckdb"`` (reads files without
    loading them into pandas; ``threads`` limits DuckDB's threads).
    """
    import pandas as pd

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    start, end = development_window(fiscal_year, since_fiscal_year, as_of)
    hh_source = source_name(households, "<households>")
    ev_source = source_name(developments, "<developments>") if developments is not None else hh_source
    if engine == "pandas":
        counts, unmatched = _pandas_counts(households, developments, by, start, end, hh_source, ev_source)
    else:
        counts, unmatched = _duckdb_counts(households, developments, by, start, end, hh_source, ev_source, threads)
    units = pd.DataFrame(
        [(u, v, d) for u, (v, d) in sorted(counts.items())], columns=[by] + COUNT_COLUMNS
    ).astype({c: "int64" for c in COUNT_COLUMNS})
    units["percent"] = [unit_percent(d, v) for v, d in zip(units["vulnerable_households"],
                                                            units["developed_households"])]
    notes = []
    if unmatched:
        notes.append(f"{unmatched} households with development events in the window are not in the register "
                     "of vulnerable households; they are not counted")
    result = RecordKpi("3 (FY2566)", FiscalYear(fiscal_year).be, units, [by], "developed_households",
                       "vulnerable_households", notes)
    result.window = (start, end)
    result.engine = engine
    return result
