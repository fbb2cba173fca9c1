"""Turn a validated workbook into new params files, then write them all or none.

:func:`plan_import` computes the new text of ``kpis.yaml`` (ruamel round trip: comments, key
order, quoting and the untouched values' spelling such as ``"1,424"`` are kept), of each
per-unit CSV (line endings and unchanged cells kept byte for byte) and of ``provenance.yaml``,
with one :class:`Change` per figure (old → new). Nothing is written by planning.
:func:`commit` first loads the staged files like any params (catalog validation, per-unit
tables) in a scratch directory, then replaces all files in one step.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..catalog import year_dir
from ..errors import ParamsError, ParamsErrors
from ..thainum import parse_number, round_half_up
from . import layout as L
from .provenance import plain_data
from .reader import Figure, KpiRead, TableRead, WorkbookRead, as_number

log = logging.getLogger("dswlib.intake.apply")

RESULT_KEYS = ("value", "numerator", "denominator", "printed_th", "items_th", "criteria_met", "as_of", "round", "source")
NUMBER_KEYS = ("value", "numerator", "denominator")
# a new ``result:`` goes after the definition keys, before history / per-unit table / narrative
RESULT_AFTER = ("source", "targets", "target_labels_th", "criteria_th", "target_rule", "trajectory", "formula")
NARRATIVE_AFTER = ("result", "history", "units_table", "formula", "targets", "criteria_th")


@dataclass
class Change:
    file: str      # params file, relative to the year directory
    target: str    # what changes: "KPI 3.1 result.numerator", "row 1 (…) improved_persons"
    cell: str      # workbook cell ("KPI 3.1!B16"); "" for a computed figure
    old: object
    new: object
    note: str = ""

    @property
    def overwrites(self) -> bool:
        """True when an existing value is replaced by a different one (needs --replace)."""
        return not _empty(self.old) and self.target.split(".")[-1] != "round"

    def line(self) -> str:
        where = f" ({self.cell})" if self.cell else ""
        note = f" [{self.note}]" if self.note else ""
        return f"{self.file}: {self.target}: {_show(self.old)} → {_show(self.new)}{where}{note}"

    def record(self) -> dict:
        return {"file": self.file, "target": self.target, "cell": self.cell or None,
                "old": _record_value(self.old), "new": _record_value(self.new)}


@dataclass
class ImportPlan:
    read: WorkbookRead
    params_dir: Path
    imported_at: _dt.datetime
    changes: list[Change] = field(default_factory=list)
    texts: dict[Path, str] = field(default_factory=dict)

    @property
    def overwrites(self) -> list[Change]:
        return [c for c in self.changes if c.overwrites]


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _show(value) -> str:
    if _empty(value):
        return "-"
    if isinstance(value, Decimal):
        value = as_number(value)
    if isinstance(value, list):
        return f"[{len(value)} รายการ]" if value and isinstance(value[0], str) else str(value)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _record_value(value):
    return None if _empty(value) else plain_data(value)


def _num(value) -> Decimal | None:
    if _empty(value):
        return None
    try:
        return parse_number(value, allow_missing=True)
    except ParamsError:
        return None


def default_source(read: WorkbookRead, when: _dt.datetime) -> str:
    from ..fiscal import format_thai_date

    return f"แบบรายงานผลการดำเนินงานรอบ {read.round} เดือน (นำเข้าเมื่อ {format_thai_date(when.date())})"


# --------------------------------------------------------------------------- kpis.yaml
def _table_total(table: TableRead) -> dict[str, Decimal] | None:
    """The table's total: the printed total row, or the sum of the unit rows when it was left empty."""
    roster = table.roster
    if roster.total_index is not None:
        given = table.cells[roster.total_index]
        if any(given[c].value is not None for c in roster.numeric):
            return {c: given[c].value for c in roster.numeric}
    units = [row for i, row in enumerate(table.cells) if i != roster.total_index]
    return {c: sum((row[c].value or Decimal(0)) for row in units) for c in roster.numeric}


def new_result(k: KpiRead, read: WorkbookRead, when: _dt.datetime) -> tuple[dict, dict[str, str], dict[str, str]] | None:
    """``(result fields, cell per field, note per field)`` the workbook gives, or None when it gives none."""
    kpi = k.kpi
    r = k.result
    values: dict = {}
    cells: dict[str, str] = {}
    notes: dict[str, str] = {}
    for key in ("value", "numerator", "denominator"):
        if key in r:
            values[key], cells[key] = r[key].value, r[key].cell
    spec = kpi.units_table
    if (kpi.kind in L.RATIO_KINDS and "numerator" not in values and "value" not in values
            and k.table is not None and k.table.filled and spec is not None and spec.kind == "ratio"):
        total = _table_total(k.table)
        values["numerator"], values["denominator"] = total[spec.numerator], total[spec.denominator]
        notes["numerator"] = notes["denominator"] = "แถวรวมของตารางรายหน่วยงาน"
    if "value" not in values and values.get("denominator"):
        multiplier = kpi.formula.multiplier if kpi.formula else 100
        values["value"] = round_half_up(values["numerator"] * multiplier / values["denominator"], 2)
        notes["value"] = "คำนวณจากตัวตั้ง/ตัวหาร"
    if "criteria_met" in r:
        values["criteria_met"], cells["criteria_met"] = r["criteria_met"].value, r["criteria_met"].cell
    if not values:
        return None
    for key in ("printed_th", "as_of"):
        if key in r:
            values[key], cells[key] = r[key].value, r[key].cell
    if L.ITEMS_FIELD.key in k.lists:
        values["items_th"], cells["items_th"] = k.lists["items_th"].value, k.lists["items_th"].cell
    values["round"] = read.round
    if "source" in r:
        values["source"], cells["source"] = r["source"].value, r["source"].cell
    else:
        values["source"] = default_source(read, when)
    ordered = {key: values[key] for key in RESULT_KEYS if key in values}
    return ordered, cells, notes


def _same_value(key: str, old, new) -> bool:
    if key in NUMBER_KEYS:
        return _num(old) == (None if new is None else Decimal(str(new)))
    if key == "criteria_met":
        return {int(a): list(b) for a, b in (plain_data(old) or {}).items()} == {int(a): list(b) for a, b in (new or {}).items()}
    if key == "items_th" or isinstance(new, list):
        return list(plain_data(old) or []) == list(new or [])
    if key == "round":
        return (old or 12) == new  # a result without a round is a 12-month one, as the seeds print them
    return (old or "") == (new or "")


def _yaml_value(key: str, value):
    from ruamel.yaml.comments import CommentedSeq

    from ..yamlrt import flow_map

    if key in NUMBER_KEYS:
        return as_number(value)
    if key == "criteria_met":
        return flow_map({int(level): list(flags) for level, flags in value.items()})
    if isinstance(value, list):
        return CommentedSeq(value)
    return value


def _apply_result(kpi_map, k: KpiRead, read: WorkbookRead, when, changes: list[Change]) -> None:
    from ruamel.yaml.comments import CommentedMap

    from ..yamlrt import insert_key

    planned = new_result(k, read, when)
    if planned is None:
        return
    values, cells, notes = planned
    old = kpi_map.get("result")
    target = f"KPI {k.kpi.id} result"
    if old is None:
        mapping = CommentedMap()
        for key, value in values.items():
            mapping[key] = _yaml_value(key, value)
            changes.append(Change("kpis.yaml", f"{target}.{key}", cells.get(key, ""), None, value, notes.get(key, "")))
        insert_key(kpi_map, "result", mapping, RESULT_AFTER)
        return
    for key in RESULT_KEYS:
        new = values.get(key)
        if key not in values and key not in old:
            continue
        if key in values and _same_value(key, old.get(key), new):
            continue
        changes.append(Change("kpis.yaml", f"{target}.{key}", cells.get(key, ""), plain_data(old.get(key)), new, notes.get(key, "")))
        if key in values:
            insert_key(old, key, _yaml_value(key, new), RESULT_KEYS[: RESULT_KEYS.index(key)])
        else:
            del old[key]


def _apply_narrative(kpi_map, k: KpiRead, changes: list[Change]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..yamlrt import insert_key

    given = {f.key: k.lists[f.key] for f in L.NARRATIVE_FIELDS if f.key in k.lists}
    if not given:
        return
    narrative = kpi_map.get("narrative")
    if narrative is None:
        narrative = CommentedMap()
        insert_key(kpi_map, "narrative", narrative, NARRATIVE_AFTER)
    for key, fig in given.items():
        old_items = list(narrative.get(key) or [])
        old = [L.item_cell_text(_as_item(i)) for i in old_items]
        new = [L.item_cell_text(_as_item(L.item_from_cell(t))) for t in fig.value]
        if old == new:
            continue
        changes.append(Change("kpis.yaml", f"KPI {k.kpi.id} narrative.{key}", fig.cell, old, new))
        # an item whose text is unchanged keeps its YAML entry (and its seed source); a new one is
        # written as typed (its workbook cell is recorded in provenance.yaml)
        kept = {L.item_cell_text(_as_item(i)): i for i in old_items}
        seq = CommentedSeq()
        for text in fig.value:
            item = L.item_from_cell(text)
            cell = L.item_cell_text(_as_item(item))
            if cell in kept:
                seq.append(kept[cell])
            elif "items_th" in item:
                seq.append(CommentedMap(item))
            else:
                seq.append(item["th"])
        narrative[key] = seq


def _as_item(value):
    """A YAML narrative entry (plain text or mapping) as an object with ``th`` and ``items_th``."""
    from types import SimpleNamespace

    if isinstance(value, str):
        return SimpleNamespace(th=value, items_th=[])
    value = dict(value)
    return SimpleNamespace(th=value.get("th", ""), items_th=list(value.get("items_th") or []))


# --------------------------------------------------------------------------- per-unit CSVs
def _csv_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


def _row_name(roster: L.Roster, i: int) -> str:
    if i == roster.total_index:
        return "แถวรวม"
    row = roster.rows[i]
    ident = roster.cell(row, L.ID_COLUMN) if L.ID_COLUMN in roster.header else str(i + 1)
    return f"แถว {ident} ({roster.cell(row, roster.spec.unit)})"


def plan_table(table: TableRead, source: str, changes: list[Change]) -> str | None:
    """New CSV text of a filled per-unit table (``None`` when nothing changes)."""
    from ..thainum import percent

    roster = table.roster
    spec = roster.spec
    rows = [list(r) for r in roster.rows]
    computed_total = None
    if roster.total_index is not None:
        given = table.cells[roster.total_index]
        if all(given[c].value is None for c in roster.numeric):
            computed_total = _table_total(table)
            if spec.percent and spec.kind == "ratio" and computed_total.get(spec.denominator):
                computed_total[spec.percent] = percent(computed_total[spec.numerator], computed_total[spec.denominator])
    changed = False
    for i, row in enumerate(rows):
        for name in roster.inputs:
            fig = table.cells[i].get(name, Figure(None, ""))
            new, cell, note = fig.value, fig.cell, ""
            if computed_total is not None and i == roster.total_index:
                if name in roster.numeric:
                    new, cell, note = computed_total.get(name), "", "รวมจากรายหน่วยงาน"
                elif name == L.SOURCE_COLUMN and new is None:
                    new, note = "รวมจากรายหน่วยงาน (คำนวณเมื่อนำเข้า)", "คำนวณ"
            if name == L.SOURCE_COLUMN and new is None:
                new = source
            old_raw = roster.cell(row, name)
            if name in roster.numeric:
                if _num(old_raw) == new:
                    continue
                text = _csv_number(new)
                old_value = _num(old_raw)
            else:
                text = "" if new is None else str(new)
                old_value = old_raw
                if old_raw == text:
                    continue
            row[roster.header.index(name)] = text
            changed = True
            changes.append(Change(spec.file, f"{_row_name(roster, i)} {name}", cell, old_value, new if new is not None else None, note))
    if not changed:
        return None
    buf = io.StringIO()
    csv.writer(buf, lineterminator=roster.newline).writerows([roster.header, *rows])
    return buf.getvalue()


# --------------------------------------------------------------------------- plan / commit
def plan_import(params_dir, read: WorkbookRead, when: _dt.datetime | None = None, replace: bool = False) -> ImportPlan:
    """Compute every change and the new file texts; writes nothing."""
    from ..paths import resolve_params_dir
    from ..yamlrt import dump_rt, load_rt
    from .provenance import FILE_NAME, provenance_text

    params = resolve_params_dir(params_dir)
    when = when or _dt.datetime.now().astimezone()
    plan = ImportPlan(read, params, when)
    ydir = year_dir(params, read.fiscal_year)
    kpis_path = ydir / "kpis.yaml"
    data = load_rt(kpis_path)
    by_id = {str(m.get("id")): m for m in data.get("kpis", [])}
    source = default_source(read, when)
    for k in read.kpis:
        kpi_map = by_id[k.kpi.id]
        _apply_result(kpi_map, k, read, when, plan.changes)
        _apply_narrative(kpi_map, k, plan.changes)
        if k.table is not None and k.table.filled:
            text = plan_table(k.table, source, plan.changes)
            if text is not None:
                plan.texts[k.table.roster.path] = text
    if any(c.file == "kpis.yaml" for c in plan.changes):
        plan.texts[kpis_path] = dump_rt(data)
    if plan.changes:
        entry = {
            "workbook": read.path.name, "sha256": read.sha256, "fiscal_year": read.fiscal_year,
            "round": read.round, "imported_at": when.isoformat(timespec="seconds"), "replace": bool(replace),
            "as_printed": bool(read.as_printed), "figures": [c.record() for c in plan.changes],
        }
        plan.texts[ydir / FILE_NAME] = provenance_text(params, read.fiscal_year, entry)
    return plan


def validate_staged(plan: ImportPlan) -> None:
    """Load the planned files like params (catalog and per-unit tables) in a scratch copy of the year."""
    from ..catalog import load_catalog
    from ..units import awaiting_figures, load_units_table

    ydir = year_dir(plan.params_dir, plan.read.fiscal_year)
    with tempfile.TemporaryDirectory(prefix="dsw-intake-") as tmp:
        staged_root = Path(tmp)
        staged = staged_root / ydir.name
        shutil.copytree(ydir, staged)
        for path, text in plan.texts.items():
            (staged / Path(path).name).write_text(text, encoding="utf-8", newline="")

        def real(exc: ParamsError) -> ParamsError:
            exc.source = exc.source.replace(str(staged), str(ydir))
            return ParamsError(exc.source, exc.where, exc.expected, exc.got)

        try:
            catalog = load_catalog(staged_root, plan.read.fiscal_year)
            for kpi in catalog.kpis:
                if kpi.units_table is not None and not awaiting_figures(staged_root, catalog.fiscal_year, kpi):
                    load_units_table(staged_root, catalog.fiscal_year, kpi)
        except ParamsErrors as exc:
            raise ParamsErrors([real(e) for e in exc.errors]) from None
        except ParamsError as exc:
            raise real(exc) from None


def refuse_overwrites(plan: ImportPlan) -> None:
    """Raise, listing them, when the plan would replace existing figures by different ones."""
    if plan.overwrites:
        raise ParamsErrors([
            ParamsError(c.file, c.target, "no existing value (pass --replace to replace it)", f"{_show(c.old)} → {_show(c.new)}")
            for c in plan.overwrites
        ])


def commit(plan: ImportPlan, replace: bool = False) -> list[Path]:
    """Validate the staged files, then write all of them at once (or none).

    Existing figures are replaced only with ``replace``; otherwise nothing is written.
    """
    from ..atomic import write_files

    if not plan.texts:
        return []
    if not replace:
        refuse_overwrites(plan)
    validate_staged(plan)
    written = write_files(plan.texts)
    log.info("intake: wrote %s", ", ".join(p.name for p in written))
    return written
