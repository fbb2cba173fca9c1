"""The cross-year KPI time series: ``params/series/kpi_results.csv``.

One row per (series, fiscal year), values exactly as the seeds print them.

Columns (exactly): ``series_id,kpi_id,fiscal_year,label_th,value,numerator,
denominator,unit,source``.

* ``series_id`` names one indicator across years (``irp_returned`` is FY2564
  KPI 3.2 whatever the year); it stays the same when a catalog renumbers KPIs.
* ``kpi_id`` is the id the indicator carries in that fiscal year's KPI catalog.
  For years whose catalog is not among the seeds (2562, 2563, 2565) it is the id
  in the catalog of the document that prints the figure; it is empty when the
  year's catalog has a *different* indicator under that theme (FY2564 KPI 2 is a
  milestone KPI, not the volunteer percentage).
* ``value`` is the printed figure; ``numerator``/``denominator`` are given
  together or not at all; ``source`` cites seed file and line(s), e.g.
  ``"002 L451"`` or ``"002 L772; 000 L407"``.

:func:`load_series` validates every row and reports all problems at once with
the file, row and column. :func:`printed_value_check` recomputes printed ratios
from their numerator and denominator (data-quality findings, never corrections).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from .errors import ParamsError, ParamsErrors
from .thainum import is_missing, parse_number, percent, round_half_up, truncate

COLUMNS = [
    "series_id", "kpi_id", "fiscal_year", "label_th", "value",
    "numerator", "denominator", "unit", "source",
]
RELATIVE_PATH = Path("series") / "kpi_results.csv"

_SERIES_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_KPI_ID_RE = re.compile(r"^\d+(\.\d+)?$")
_SOURCE_RE = re.compile(r"^\d{3} L\d+(-\d+)?(; ?\d{3} L\d+(-\d+)?)*$")
_PERCENT_UNITS = {"ร้อยละ"}


def series_path(params_dir) -> Path:
    return Path(params_dir) / RELATIVE_PATH


def load_series(params_dir=None):
    """Read and validate the series file; returns a DataFrame sorted by series and year.

    ``value``, ``numerator`` and ``denominator`` are floats (NaN when not
    printed) — ``Decimal(repr(x))`` gives back the printed decimal exactly;
    ``fiscal_year`` is an int, the other columns strings ("" when empty).
    """
    import pandas as pd

    from .paths import resolve_params_dir

    path = series_path(resolve_params_dir(params_dir))
    if not path.is_file():
        raise ParamsError(path, None, "the KPI time-series CSV (params/series/kpi_results.csv)", "file not found")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return validate_series(raw, source=path)


def validate_series(raw, source="params/series/kpi_results.csv"):
    """Validate a DataFrame of strings with the series columns (see module doc)."""
    import pandas as pd

    columns = [str(c).strip() for c in raw.columns]
    if columns != COLUMNS:
        raise ParamsError(source, "header", "columns exactly " + ",".join(COLUMNS), ",".join(columns))
    errors: list[ParamsError] = []
    rows = []
    units: dict[str, str] = {}
    seen: dict[tuple[str, int], int] = {}
    for index, record in enumerate(raw.to_dict("records")):
        line = index + 2  # header is line 1
        rec = {k: ("" if is_missing(v) and k not in ("value",) else str(v).strip()) for k, v in record.items()}

        def where(col):
            return f"row {line}, column {col}"

        def fail(col, expected, got):
            errors.append(ParamsError(source, where(col), expected, got))

        sid = rec["series_id"]
        if not _SERIES_ID_RE.match(sid):
            fail("series_id", "a lower-case id such as irp_returned", sid)
        kpi = rec["kpi_id"]
        if kpi and not _KPI_ID_RE.match(kpi):
            fail("kpi_id", "a KPI id such as 3.2 (or empty)", kpi)
        year = None
        if not re.fullmatch(r"\d{4}", rec["fiscal_year"]) or not 2500 <= int(rec["fiscal_year"]) < 2700:
            fail("fiscal_year", "a 4-digit B.E. fiscal year such as 2564", rec["fiscal_year"])
        else:
            year = int(rec["fiscal_year"])
        if not rec["label_th"]:
            fail("label_th", "the Thai name of the indicator", rec["label_th"])
        values = {}
        for col, missing_ok in (("value", False), ("numerator", True), ("denominator", True)):
            try:
                values[col] = parse_number(record[col], source=source, where=where(col), allow_missing=missing_ok)
            except ParamsError as exc:
                errors.append(exc)
                values[col] = None
        num, den = values["numerator"], values["denominator"]
        num_given, den_given = not is_missing(record["numerator"]), not is_missing(record["denominator"])
        if num_given != den_given:
            col = "denominator" if num_given else "numerator"
            fail(col, "numerator and denominator given together (or both empty)", record[col])
        if den is not None and den <= 0:
            fail("denominator", "a positive number", record["denominator"])
        if num is not None and num < 0:
            fail("numerator", "a number >= 0", record["numerator"])
        unit = rec["unit"]
        if not unit:
            fail("unit", "a unit such as ร้อยละ or คะแนน", unit)
        elif sid in units and units[sid] != unit:
            fail("unit", f"the same unit on every row of series {sid} ({units[sid]})", unit)
        else:
            units.setdefault(sid, unit)
        if not _SOURCE_RE.match(rec["source"]):
            fail("source", 'a seed citation such as "002 L451" or "002 L772; 000 L407"', rec["source"])
        if year is not None:
            key = (sid, year)
            if key in seen:
                fail("fiscal_year", f"one row per series and year (row {seen[key]} already has {sid} {year})", year)
            else:
                seen[key] = line
        rows.append({
            "series_id": sid, "kpi_id": kpi, "fiscal_year": year, "label_th": rec["label_th"],
            "value": None if values["value"] is None else float(values["value"]),
            "numerator": None if num is None else float(num),
            "denominator": None if den is None else float(den),
            "unit": unit, "source": rec["source"],
        })
    if errors:
        raise ParamsErrors(errors)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["fiscal_year"] = frame["fiscal_year"].astype(int)
    for col in ("value", "numerator", "denominator"):
        frame[col] = frame[col].astype(float)
    return frame.sort_values(["series_id", "fiscal_year"]).reset_index(drop=True)


def series_for(series_id: str, params_dir=None, *, frame=None):
    """Rows of one series, oldest year first (``frame`` avoids re-reading the CSV)."""
    if frame is None:
        frame = load_series(params_dir)
    rows = frame[frame["series_id"] == series_id]
    if rows.empty:
        known = ", ".join(sorted(frame["series_id"].unique()))
        raise ParamsError(RELATIVE_PATH, "series_id", f"one of: {known}", series_id)
    return rows.sort_values("fiscal_year").reset_index(drop=True)


def exact(value) -> Decimal | None:
    """The printed decimal behind a float read by :func:`load_series` (13.9 -> Decimal('13.9'))."""
    if value is None or value != value:
        return None
    return Decimal(repr(float(value)))


def printed_value_check(frame):
    """Recompute every printed percentage that has a numerator and denominator.

    Returns a DataFrame (one row per checked value) with ``printed``,
    ``recomputed`` (half-up, 2 decimals), ``matches`` and ``truncated_matches``
    (the printed value equals the truncated ratio, a known seed habit).
    Rows whose unit is not a percentage are skipped.
    """
    import pandas as pd

    out = []
    for rec in frame.to_dict("records"):
        if rec["unit"] not in _PERCENT_UNITS or exact(rec["denominator"]) is None:
            continue
        printed = exact(rec["value"])
        places = max(2, -printed.as_tuple().exponent)
        num, den = exact(rec["numerator"]), exact(rec["denominator"])
        recomputed = percent(num, den, places)
        trunc = truncate(num * 100 / den, places)
        out.append({
            "series_id": rec["series_id"], "kpi_id": rec["kpi_id"], "fiscal_year": rec["fiscal_year"],
            "numerator": num, "denominator": den,
            "printed": round_half_up(printed, places), "recomputed": recomputed,
            "matches": round_half_up(printed, places) == recomputed,
            "truncated_matches": round_half_up(printed, places) == trunc,
            "source": rec["source"],
        })
    return pd.DataFrame(out, columns=[
        "series_id", "kpi_id", "fiscal_year", "numerator", "denominator", "printed",
        "recomputed", "matches", "truncated_matches", "source",
    ])


def series_table(params_dir=None, *, frame=None):
    """The series side by side: one row per indicator (id, Thai name, unit), one numeric column per fiscal year."""
    if frame is None:
        frame = load_series(params_dir)
    labels = frame.groupby("series_id").agg(label_th=("label_th", "last"), unit=("unit", "first"))
    wide = frame.pivot(index="series_id", columns="fiscal_year", values="value")
    wide.columns = [int(c) for c in wide.columns]
    return labels.join(wide).reset_index()
