"""The evaluation data of one fiscal year: three CSV files in one directory.

``communities.csv``  one row per target community::

    community_id, province_id, community_name_th,
    result_5_1_1 ... result_5_1_7      (each department's result, percent 0-100)
    community_database, community_plan, social_capital_mechanism,
    econ_social_problems_solved        (Best Practice checks 5.3.2, 1/0)

``households.csv``   one row per studied household (codes only, never names
or national ids)::

    household_id, community_id,
    fail_health, fail_education, fail_income, fail_living, fail_state_services   (1 = fails)
    is_target                          (selected for development, 1/0)
    bp_income, bp_housing, bp_food, bp_clothing_schooling, bp_health_plan,
    bp_education, recorded_in_tpmap     (Best Practice checks 5.3.1, 1/0)

``milestones.csv``   one row per milestone that was assessed::

    template (ssw|pmj), months (6|12), unit_id, criterion, done (1/0)

``unit_id`` is the office number 1-11 for the สสว. template and the
``province_id`` for the พมจ. template. A milestone without a row is not done.

Column names follow the keys in ``criteria.yaml``; an optional ``meta.json``
says whether the data are synthetic. Each table may also be an ``.xlsx`` workbook
and a CSV may be UTF-8, UTF-16 or TIS-620: :mod:`dswlib.tabular` reads them
(DECISIONS.md D11).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..atomic import write_text
from ..errors import ParamsError
from ..tabular import NOT_APPLICABLE, is_not_applicable, parse_cell_number, read_table

COMMUNITIES_FILE = "communities.csv"
HOUSEHOLDS_FILE = "households.csv"
MILESTONES_FILE = "milestones.csv"
META_FILE = "meta.json"

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
_TRUE = {"1", "true", "yes", "y", "ใช่", "มี", "ผ่าน", "✓"}
_FALSE = {"0", "false", "no", "n", "ไม่ใช่", "ไม่มี", "ไม่ผ่าน", ""}


def result_column(code: str) -> str:
    """"5.1.3" -> "result_5_1_3"."""
    return "result_" + code.replace(".", "_")


def fail_column(dimension_key: str) -> str:
    return "fail_" + dimension_key


def bp_column(criterion_key: str) -> str:
    return "bp_" + criterion_key


def community_columns(criteria) -> list[str]:
    return (
        ["community_id", "province_id", "community_name_th"]
        + [result_column(c.code) for c in criteria.integration.components]
        + criteria.best_practice.community_criteria.keys()
    )


def household_columns(criteria) -> list[str]:
    bp = criteria.best_practice
    return (
        ["household_id", "community_id"]
        + [fail_column(k) for k in criteria.household_colour.dimension_keys()]
        + ["is_target"]
        + [bp_column(k) for k in bp.household_criteria.keys()]
        + [bp.tpmap_record.key]
    )


MILESTONE_COLUMNS = ["template", "months", "unit_id", "criterion", "done"]


@dataclass(frozen=True)
class Community:
    community_id: str
    province_id: str
    name_th: str
    results: dict  # component code -> Decimal percent
    checks: dict  # 5.3.2 key -> bool


@dataclass(frozen=True)
class Household:
    household_id: str
    community_id: str
    failed: dict  # dimension key -> bool
    is_target: bool
    checks: dict  # 5.3.1 key (and the TP MAP record key) -> bool


@dataclass
class Dataset:
    communities: list[Community]
    households: list[Household]
    #: (template id, months, unit_id) -> set of criteria done
    milestones: dict = field(default_factory=dict)
    synthetic: bool = False
    meta: dict = field(default_factory=dict)

    def done(self, template: str, months: int, unit_id) -> set[str]:
        return self.milestones.get((template, int(months), str(unit_id)), set())


# ---------------------------------------------------------------------------
# parsing helpers
# ---------------------------------------------------------------------------


def parse_flag(value, *, source, where) -> bool:
    """1/0, true/false, yes/no, ใช่/ไม่ใช่, มี/ไม่มี ... An empty cell is 0; "n/a" is refused by name."""
    if isinstance(value, bool):
        return value
    if is_not_applicable(value):
        raise ParamsError(source, where, "1 or 0: a check is met or not, it cannot be not applicable", value)
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParamsError(source, where, "1 or 0 (also yes/no, ใช่/ไม่ใช่)", value)


def _parse_id(value, *, source, where, what="an ASCII id (letters, digits, _ or -)") -> str:
    text = "" if value is None else str(value).strip()
    if not _ID_RE.match(text):
        raise ParamsError(source, where, what, value)
    return text


def _parse_percent(value, *, source, where) -> Decimal:
    number = parse_cell_number(value, source=source, where=where)
    if number is None:
        raise ParamsError(source, where, "a percentage 0-100 (every department's result is needed: 5.1 divides by 7, D2)", "a blank cell")
    if number is NOT_APPLICABLE:
        raise ParamsError(source, where, "a percentage 0-100: the 5.1 formula divides the sum of all 7 results by 7, "
                          "so no department can be not applicable (DECISIONS.md D2)", "ไม่เกี่ยวข้อง (n/a)")
    if not Decimal(0) <= number <= Decimal(100):
        raise ParamsError(source, where, "a percentage 0-100", value)
    return number


def data_file(folder: Path, name: str) -> Path:
    """``<folder>/<name>.csv``, or ``.xlsx`` when only a workbook is there."""
    stem = Path(name).stem
    for suffix in (".csv", ".xlsx", ".xlsm", ".txt"):
        if (folder / (stem + suffix)).is_file():
            return folder / (stem + suffix)
    return folder / name


def _read_rows(path: Path, required: list[str]) -> tuple[str, list[tuple[int, dict]]]:
    """(source naming the file and sheet, [(row number, {column: cell})]) via :mod:`dswlib.tabular`."""
    if not path.is_file():
        raise ParamsError(path, None, "an existing data file (.csv or .xlsx)", "missing file")
    table = read_table(path, required, what=f"the table {path.stem}")
    return table.source, [(n, {k: _text(v) for k, v in rec.items()}) for n, rec in table.records()]


def _text(value):
    """Cells as text for the parsers (numbers keep their value, a blank cell is "")."""
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value if isinstance(value, str) else str(value)


# ---------------------------------------------------------------------------
# validation of each file
# ---------------------------------------------------------------------------


def parse_communities(rows, criteria, provinces, source) -> list[Community]:
    known = {p.province_id for p in provinces}
    components = [c.code for c in criteria.integration.components]
    checks = criteria.best_practice.community_criteria.keys()
    out, seen = [], {}
    for n, row in rows:
        cid = _parse_id(row.get("community_id"), source=source, where=f"row {n}, column community_id")
        if cid in seen:
            raise ParamsError(source, f"row {n}, column community_id", f"a unique id (already on row {seen[cid]})", cid)
        seen[cid] = n
        pid = (row.get("province_id") or "").strip()
        if pid not in known:
            raise ParamsError(source, f"row {n}, column province_id", "a province_id of province_offices.csv", pid)
        results = {
            code: _parse_percent(row.get(result_column(code)), source=source, where=f"row {n}, column {result_column(code)}")
            for code in components
        }
        flags = {key: parse_flag(row.get(key), source=source, where=f"row {n}, column {key}") for key in checks}
        out.append(Community(cid, pid, (row.get("community_name_th") or "").strip(), results, flags))
    if not out:
        raise ParamsError(source, None, "at least one community row", "no rows")
    return out


def parse_households(rows, criteria, community_ids, source) -> list[Household]:
    dims = criteria.household_colour.dimension_keys()
    bp = criteria.best_practice
    check_keys = bp.household_criteria.keys()
    out, seen = [], {}
    for n, row in rows:
        hid = _parse_id(row.get("household_id"), source=source, where=f"row {n}, column household_id")
        if hid in seen:
            raise ParamsError(source, f"row {n}, column household_id", f"a unique id (already on row {seen[hid]})", hid)
        seen[hid] = n
        cid = (row.get("community_id") or "").strip()
        if cid not in community_ids:
            raise ParamsError(source, f"row {n}, column community_id", "a community_id of communities.csv", cid)
        failed = {d: parse_flag(row.get(fail_column(d)), source=source, where=f"row {n}, column {fail_column(d)}") for d in dims}
        target = parse_flag(row.get("is_target"), source=source, where=f"row {n}, column is_target")
        flags = {k: parse_flag(row.get(bp_column(k)), source=source, where=f"row {n}, column {bp_column(k)}") for k in check_keys}
        flags[bp.tpmap_record.key] = parse_flag(
            row.get(bp.tpmap_record.key), source=source, where=f"row {n}, column {bp.tpmap_record.key}"
        )
        out.append(Household(hid, cid, failed, target, flags))
    return out


def parse_milestones(rows, criteria, provinces, source) -> dict:
    offices = {str(p.office_no) for p in provinces}
    province_ids = {p.province_id for p in provinces}
    done: dict = {}
    seen: dict = {}
    for n, row in rows:
        tid = (row.get("template") or "").strip()
        try:
            template = criteria.template(tid)
        except KeyError:
            ids = ", ".join(t.id for t in criteria.success_templates)
            raise ParamsError(source, f"row {n}, column template", f"one of {ids}", tid) from None
        months_text = (row.get("months") or "").strip()
        try:
            rnd = template.round(int(parse_cell_number(months_text, source=source, where=f"row {n}, column months")))
        except (KeyError, ValueError, TypeError):
            raise ParamsError(source, f"row {n}, column months", "6 or 12", months_text) from None
        unit = (row.get("unit_id") or "").strip()
        if template.unit == "office":
            if unit not in offices:
                raise ParamsError(source, f"row {n}, column unit_id", "an office number 1-11 for template " + tid, unit)
        elif unit not in province_ids:
            raise ParamsError(source, f"row {n}, column unit_id", "a province_id for template " + tid, unit)
        criterion = (row.get("criterion") or "").strip()
        if criterion not in rnd.criteria_keys():
            raise ParamsError(
                source, f"row {n}, column criterion", f"a criterion of {tid} {rnd.months} months: {', '.join(rnd.criteria_keys())}", criterion
            )
        key = (tid, rnd.months, unit, criterion)
        if key in seen:
            raise ParamsError(source, f"row {n}", f"one row per milestone (already on row {seen[key]})", "/".join(map(str, key)))
        seen[key] = n
        flag = parse_flag(row.get("done"), source=source, where=f"row {n}, column done")
        bucket = done.setdefault((tid, rnd.months, unit), set())
        if flag:
            bucket.add(criterion)
    return done


def load_dataset(path, criteria, provinces) -> Dataset:
    """Load a data directory (or the path of its ``communities.csv``)."""
    path = Path(path)
    folder = path.parent if path.is_file() else path
    if not folder.is_dir():
        raise ParamsError(path, None, "a directory with communities.csv, households.csv, milestones.csv", "not found")
    c_src, c_rows = _read_rows(data_file(folder, COMMUNITIES_FILE), community_columns(criteria))
    communities = parse_communities(c_rows, criteria, provinces, c_src)
    ids = {c.community_id for c in communities}
    h_src, h_rows = _read_rows(data_file(folder, HOUSEHOLDS_FILE), household_columns(criteria))
    households = parse_households(h_rows, criteria, ids, h_src)
    m_src, m_rows = _read_rows(data_file(folder, MILESTONES_FILE), MILESTONE_COLUMNS)
    milestones = parse_milestones(m_rows, criteria, provinces, m_src)
    meta = {}
    meta_path = folder / META_FILE
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ParamsError(meta_path, f"line {exc.lineno}", "valid JSON", exc.msg) from None
        if not isinstance(meta, dict):
            raise ParamsError(meta_path, None, "a JSON object", type(meta).__name__)
    return Dataset(communities, households, milestones, bool(meta.get("synthetic", False)), meta)


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _csv_text(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def dataset_files(dataset: Dataset, criteria) -> dict[str, str]:
    """File name -> CSV/JSON text, deterministic for a given dataset."""
    components = [c.code for c in criteria.integration.components]
    c_checks = criteria.best_practice.community_criteria.keys()
    communities = [
        [c.community_id, c.province_id, c.name_th]
        + [str(c.results[code]) for code in components]
        + [_flag(c.checks[k]) for k in c_checks]
        for c in dataset.communities
    ]
    dims = criteria.household_colour.dimension_keys()
    bp = criteria.best_practice
    households = [
        [h.household_id, h.community_id]
        + [_flag(h.failed[d]) for d in dims]
        + [_flag(h.is_target)]
        + [_flag(h.checks[k]) for k in bp.household_criteria.keys()]
        + [_flag(h.checks[bp.tpmap_record.key])]
        for h in dataset.households
    ]
    milestones = []
    for template in criteria.success_templates:
        for rnd in template.rounds:
            units = sorted({u for (t, m, u) in dataset.milestones if t == template.id and m == rnd.months}, key=_unit_order)
            for unit in units:
                done = dataset.done(template.id, rnd.months, unit)
                for key in rnd.criteria_keys():
                    milestones.append([template.id, rnd.months, unit, key, _flag(key in done)])
    files = {
        COMMUNITIES_FILE: _csv_text(community_columns(criteria), communities),
        HOUSEHOLDS_FILE: _csv_text(household_columns(criteria), households),
        MILESTONES_FILE: _csv_text(MILESTONE_COLUMNS, milestones),
    }
    if dataset.meta or dataset.synthetic:
        meta = dict(dataset.meta)
        meta["synthetic"] = dataset.synthetic
        files[META_FILE] = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return files


def _unit_order(unit: str):
    return (0, int(unit), "") if unit.isdigit() else (1, 0, unit)


def write_dataset(dataset: Dataset, criteria, out_dir) -> list[Path]:
    """Write the files atomically into ``out_dir`` (created if needed)."""
    out_dir = Path(out_dir)
    return [write_text(out_dir / name, text) for name, text in dataset_files(dataset, criteria).items()]
