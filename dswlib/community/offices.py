"""Which สสว. office (1-11) each of the 76 provinces belongs to.

Read from ``params/community/province_offices.csv`` (columns ``province_id``,
``province_th``, ``office_no``, ``basis``). Seed 003 does not print the
assignment; the shipped table is an assumption marked ``assumed (D8)``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParamsError
from ..thainum import parse_number

OFFICES_FILE = "province_offices.csv"
COLUMNS = ("province_id", "province_th", "office_no", "basis")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Province:
    province_id: str
    province_th: str
    office_no: int
    basis: str


def office_label(office_no: int) -> str:
    """"สสว.1" ... "สสว.11"."""
    return f"สสว.{office_no}"


def parse_province_offices(rows, source, *, offices: int = 11, provinces: int | None = 76) -> list[Province]:
    """Validate rows (dicts) of the province table; errors name ``source`` and the row."""
    out: list[Province] = []
    seen_id: dict[str, int] = {}
    seen_th: dict[str, int] = {}
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        where = f"row {n}"
        pid = (row.get("province_id") or "").strip()
        if not _ID_RE.match(pid):
            raise ParamsError(source, f"{where}, column province_id", "an ASCII id such as chiang_mai", pid)
        if pid in seen_id:
            raise ParamsError(source, f"{where}, column province_id", f"a unique id (already on row {seen_id[pid]})", pid)
        th = (row.get("province_th") or "").strip()
        if not th:
            raise ParamsError(source, f"{where}, column province_th", "a Thai province name", th)
        if th in seen_th:
            raise ParamsError(source, f"{where}, column province_th", f"a unique name (already on row {seen_th[th]})", th)
        number = parse_number(row.get("office_no"), source=source, where=f"{where}, column office_no")
        if number != number.to_integral_value() or not 1 <= number <= offices:
            raise ParamsError(source, f"{where}, column office_no", f"an office number 1-{offices}", row.get("office_no"))
        seen_id[pid] = n
        seen_th[th] = n
        out.append(Province(pid, th, int(number), (row.get("basis") or "").strip()))
    used = {p.office_no for p in out}
    absent = [o for o in range(1, offices + 1) if o not in used]
    if absent:
        raise ParamsError(source, "column office_no", f"every office 1-{offices} to have a province", f"none for {absent}")
    if provinces is not None and len(out) != provinces:
        raise ParamsError(source, None, f"{provinces} provinces (003 L93: 76 ชุมชน / 76 จังหวัด)", f"{len(out)} rows")
    return out


def load_province_offices_file(path, **kwargs) -> list[Province]:
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in COLUMNS[:3] if c not in header]
            if missing:
                raise ParamsError(path, "header", f"columns {', '.join(COLUMNS)}", ",".join(header))
            return parse_province_offices(list(reader), path, **kwargs)
    except FileNotFoundError:
        raise ParamsError(path, None, "an existing province table", "missing file") from None


def load_province_offices(params_dir=None, **kwargs) -> list[Province]:
    from ..paths import resolve_params_dir

    return load_province_offices_file(resolve_params_dir(params_dir) / "community" / OFFICES_FILE, **kwargs)
