"""Loading record tables so that no national ID or name goes further than the loader.

:func:`protect` takes a DataFrame as read from a record file and returns a new
one in which

* every column that holds national IDs, whatever its name (``national_id``,
  ``spouse_id``, ``เลขบัตร``, ``Unnamed: 3`` ...), is replaced by keyed
  pseudonyms: the main one by ``person_key``, any other ``<name>`` by
  ``<name>_key``. A column holds IDs when its name says so (:data:`ID_COLUMNS`)
  or when at least half of its non-blank values are 13-digit numbers and one
  of them is a valid ID;
* every column whose name says it holds a person's name is dropped;
* in every other column, IDs and titled names written inside the text
  (``"ส่งต่อจาก 3-1006-00445-63-5 นายสมชาย ใจดี"``) are masked.

Bad IDs are errors per row (:class:`InvalidNationalId`, :class:`MissingNationalId`,
collected in :class:`NationalIdErrors`) that name the file, row and column and
show at most the last three digits (``x-xxxx-xxxxx-63-5``). ``on_invalid="raise"``
(the default) stops the load, because a KPI counted without some persons would
be wrong without saying so; ``on_invalid="drop"`` keeps the valid rows and lists
the errors in ``result.attrs["id_errors"]`` (and the log).
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import ParamsError, ParamsErrors
from .id_text import find_id_spans
from .keys import pseudonymise, resolve_key
from .masking import mask_text
from .national_id import FULL_MASK, describe_invalid, is_valid_digits, normalize_national_id

log = logging.getLogger("dswlib.pii")

PSEUDONYM_COLUMN = "person_key"
#: Column names that hold a national ID (matched case-insensitively, spaces and "_" ignored).
ID_COLUMNS = ("national_id", "nationalid", "citizen_id", "citizenid", "pid", "id_card", "idcard", "id_card_no",
              "เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "เลขบัตร", "เลขที่บัตรประชาชน", "เลขบัตรประจำตัวประชาชน")
#: Column names (or name parts) that hold a person's name; all are dropped on load.
NAME_COLUMN_PATTERNS = (
    "name", "given", "surname", "first_name", "last_name", "fullname", "full_name",
    "ชื่อ", "นามสกุล", "สกุล",
)
#: Columns whose name contains a pattern above but that are not personal names.
NOT_NAME_COLUMNS = ("facility_name", "province_name", "unit_name", "facility_th", "province_th")
#: Share of non-blank values that must be 13-digit numbers for a column to be taken as IDs.
ID_SHARE = 0.5
_MAX_LISTED = 50
_EXPECTED = "a 13-digit Thai national ID with a valid check digit"


class NationalIdError(ParamsError):
    """A cell of an ID column that is not a valid national ID (the value is never shown in full)."""


class MissingNationalId(NationalIdError):
    """A blank cell in the main ID column: the row cannot be given a pseudonym."""


class InvalidNationalId(NationalIdError):
    """A non-blank cell that is not a valid ID (length, digits or check digit)."""


class NationalIdErrors(ParamsErrors):
    """Every bad ID cell of a table, one line each."""


def _norm_col(column) -> str:
    return str(column).strip().lower().replace(" ", "_")


def is_id_column_name(column) -> bool:
    return _norm_col(column) in {c.replace(" ", "_") for c in ID_COLUMNS}


def is_name_column(column) -> bool:
    """True when a column may hold a person's name (and so must be dropped)."""
    col = str(column).strip().lower()
    if col in NOT_NAME_COLUMNS or col.startswith("unnamed:"):  # pandas' name for a column without header
        return False
    return any(p in col for p in NAME_COLUMN_PATTERNS)


def _is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(value, str) and not value.strip()


def validate_national_id(value, *, source=None, where=None) -> str:
    """The 13 digits of a valid ID, or :class:`InvalidNationalId` (the value is never echoed in full)."""
    digits = normalize_national_id(value)
    if not is_valid_digits(digits):
        raise InvalidNationalId(source, where, _EXPECTED, describe_invalid(value))
    return digits


def _id_shaped(value) -> bool:
    d = normalize_national_id(value)
    return len(d) == 13 and d.isascii() and d.isdigit()


def looks_like_id_column(values) -> bool:
    """At least :data:`ID_SHARE` of the non-blank values are 13-digit numbers, one of them a valid ID."""
    present = [v for v in values if not _is_blank(v)]
    if not present:
        return False
    shaped = [v for v in present if _id_shaped(v)]
    return len(shaped) >= ID_SHARE * len(present) and any(is_valid_digits(normalize_national_id(v)) for v in shaped)


def _distinct(series) -> list:
    try:
        return series.drop_duplicates().tolist()
    except TypeError:  # unhashable cells (lists, dicts)
        return series.tolist()


def id_columns(df, id_column=None) -> list:
    """The ID columns of ``df``, the main one first."""
    named = [c for c in df.columns if is_id_column_name(c)]
    by_value = [c for c in df.columns if c not in named and c != PSEUDONYM_COLUMN
                and looks_like_id_column(_distinct(df[c]))]
    cols = named + by_value
    if id_column is not None:
        cols = [id_column] + [c for c in cols if c != id_column]
    return cols


def _check_header(df, source) -> None:
    for col in df.columns:
        if find_id_spans(str(col)):
            raise ParamsError(source, "header row", "column names (the first row holds a national ID: "
                              "is the header row missing?)", mask_text(str(col), names=False))


def protect(df, *, source=None, id_column=None, on_invalid: str = "raise", key=None, row_offset: int = 2,
            allow=frozenset()):
    """A copy of ``df`` with IDs pseudonymised, name columns dropped and free text masked.

    ``row_offset`` turns a row position into the file line named in errors
    (header = line 1, first record = line 2). Frames that already have
    ``person_key`` and no ID column pass through (name columns are still
    dropped, free text still masked). ``allow``: (given, surname) pairs that may
    stay in free text.
    """
    if on_invalid not in ("raise", "drop"):
        raise ValueError("on_invalid must be 'raise' or 'drop'")
    _check_header(df, source)
    if id_column is not None and id_column not in df.columns:
        raise ParamsError(source, f"column {id_column}", "a national ID column", "no such column")
    cols = id_columns(df, id_column)
    out = df.drop(columns=[c for c in df.columns if is_name_column(c) and c not in cols])
    if not cols and PSEUDONYM_COLUMN not in out.columns:
        raise ParamsError(source, "columns", f"a national ID column ({', '.join(ID_COLUMNS[:2])}) "
                          f"or an already pseudonymised {PSEUDONYM_COLUMN}", list(map(str, df.columns)))
    errors: list[NationalIdError] = []
    bad_rows: set[int] = set()
    if cols:
        key = resolve_key(key)
        for n, col in enumerate(cols):
            keys, col_errors = _pseudonymise_column(out[col], key, main=(n == 0), source=source,
                                                    column=col, row_offset=row_offset)
            bad_rows |= {pos for pos, _ in col_errors}
            errors += [e for _, e in col_errors]
            new_name = PSEUDONYM_COLUMN if n == 0 and PSEUDONYM_COLUMN not in out.columns else f"{col}_key"
            at = list(out.columns).index(col)
            out = out.drop(columns=[col])
            out.insert(0 if new_name == PSEUDONYM_COLUMN else at, new_name, keys)
    masked = _mask_free_text(out, skip={PSEUDONYM_COLUMN, *(f"{c}_key" for c in cols)}, allow=allow)
    if errors and on_invalid == "raise":
        listed = errors[:_MAX_LISTED]
        if len(errors) > _MAX_LISTED:
            listed.append(NationalIdError(source, f"{len(errors) - _MAX_LISTED} more cells", "valid national IDs"))
        raise NationalIdErrors(listed)
    if bad_rows:
        keep = [i for i in range(len(out)) if i not in bad_rows]
        out = out.iloc[keep]
        log.warning("%s: %d row(s) dropped for a missing or invalid national ID:\n%s", source or "<records>",
                    len(bad_rows), "\n".join(str(e) for e in errors[:_MAX_LISTED]))
    out.attrs["dropped_invalid_ids"] = len(bad_rows)
    out.attrs["id_errors"] = [str(e) for e in errors]
    out.attrs["masked_cells"] = masked
    return out


def _pseudonymise_column(series, key, *, main, source, column, row_offset):
    import pandas as pd

    keys: list[str | None] = []
    errors = []
    cache: dict[str, str] = {}
    for pos, value in enumerate(series.tolist()):
        where = f"row {pos + row_offset}, column {column}"
        if _is_blank(value):
            keys.append(None)
            if main:
                errors.append((pos, MissingNationalId(source, where, _EXPECTED, "blank")))
            continue
        digits = normalize_national_id(value)
        if not is_valid_digits(digits):
            keys.append(None)
            errors.append((pos, InvalidNationalId(source, where, _EXPECTED, describe_invalid(value))))
            continue
        pk = cache.get(digits)
        if pk is None:
            pk = cache[digits] = pseudonymise(digits, key)
        keys.append(pk)
    return pd.Series(keys, index=series.index, dtype=object), errors


def _mask_cell(value, allow):
    if isinstance(value, str):
        return mask_text(value, allow)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and is_valid_digits(normalize_national_id(value)):
        return FULL_MASK
    return value


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _mask_free_text(df, *, skip, allow) -> int:
    """Mask IDs and names inside the cells of every other column, in place; returns cells changed."""
    changed = 0
    for col in df.columns:
        if col in skip or df[col].dtype.kind in "bmM":
            continue
        series = df[col]
        mapping = {}
        for value in _distinct(series.dropna()):
            try:
                masked = _mask_cell(value, allow)
            except TypeError:
                continue
            if _hashable(value) and masked is not value and masked != value:
                mapping[value] = masked
        if not mapping:
            continue
        hit = series.map(lambda v: _hashable(v) and v in mapping).astype(bool)
        changed += int(hit.sum())
        replaced = series.astype(object).copy()
        replaced[hit] = series[hit].map(mapping)
        df[col] = replaced
    return changed


def load_protected(path, *, id_column=None, on_invalid: str = "raise", key=None, **read_kwargs):
    """Read a CSV record file (every column as text) and :func:`protect` it."""
    import pandas as pd

    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], **read_kwargs)
    except FileNotFoundError:
        raise ParamsError(path, None, "an existing CSV file", "file not found") from None
    return protect(df, source=path, id_column=id_column, on_invalid=on_invalid, key=key)
