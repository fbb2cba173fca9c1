"""``dsw new-year <year> --from <previous>``: next year's KPI catalog from this year's.

Carried over: components and weights, KPIs with their names, kinds, weights, formulas,
directions, milestone criteria, target rules and trajectories, per-unit tables (the units, with
empty figures), the KPI descriptions. Not carried: results (the previous year's 12-month result
becomes a history point), the round narratives (actions, factors, obstacles, evidence), the
seed-specific notes.

Targets are derived by each KPI's documented rule (:mod:`dswlib.targets`) where the rule allows:

* ``interval`` with ``base_from: last_result``: base = the previous year's result;
* ``growth``: last = the previous year's score;
* ``midpoint``: last = the previous year's result, this/next year's targets from the trajectory.

A rule needs the previous year's *final* result: a 12-month one (a result imported for round 6
is not used). Targets stay empty, to be decided (``dsw check`` lists them,
:mod:`dswlib.decisions`), when the KPI has no rule or a ``fixed`` one (levels set by each year's
document), an ``interval`` around a goal, a missing result, or when the rule gives levels out of
order or outside 0-100 for a percentage. An existing year is never overwritten.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog, Kpi, load_catalog, year_dir
from .errors import ParamsError

log = logging.getLogger("dswlib.newyear")

ROUND_NARRATIVE = ("actions_th", "support_factors_th", "obstacles_th", "evidence_th")
DROP_CATALOG_KEYS = ("source_document", "scoring_note_th", "scoring_note_source", "derived_from")


@dataclass
class Derivation:
    kpi_id: str
    targets: tuple | None
    note: str  # how they were derived, or why they were not (English, for the command's output)


@dataclass
class NewYear:
    fiscal_year: int
    previous: int
    texts: dict[Path, str] = field(default_factory=dict)
    derivations: list[Derivation] = field(default_factory=list)


def final_result(kpi: Kpi):
    """The previous year's final (12-month) result value, or None."""
    r = kpi.result
    if r is None or r.value is None or r.round == 6:
        return None
    return r.value


def trajectory_value(kpi: Kpi, year: int):
    from .targets import trajectory

    t = kpi.trajectory
    if t is None:
        return None
    if year in t.printed and t.printed[year] is not None:
        return t.printed[year]
    values = trajectory(t.start_year, t.start_value, t.step, t.years, t.last_step)
    return None if year not in values else float(values[year])


def derive(kpi: Kpi, year: int) -> tuple[dict | None, tuple | None, str]:
    """``(new target_rule fields, targets or None, note)`` of one KPI for ``year``."""
    from .decisions import levels_problem
    from .targets import derive_targets

    rule = kpi.target_rule
    if not kpi.is_numeric:
        return None, None, "milestone criteria carried over: review them"
    if rule is None:
        return None, None, "no target rule: decide the targets"
    last = final_result(kpi)
    new: dict = {"rule": rule.rule}
    if rule.rule == "fixed":
        return new, None, "fixed targets are set by each year's document: decide the targets"
    if rule.rule == "interval":
        new["base"] = last if rule.base_from == "last_result" else None
        if rule.base_from:
            new["base_from"] = rule.base_from
        new["interval"] = rule.interval
    elif rule.rule == "growth":
        new.update(floor=rule.floor, last=last, pct=rule.pct)
    elif rule.rule == "midpoint":
        new.update(last=last, this_year_target=trajectory_value(kpi, year), next_year_target=trajectory_value(kpi, year + 1))
    if rule.source:
        new["source"] = rule.source
    names = {"interval": ("base", "interval"), "growth": ("last", "pct", "floor"),
             "midpoint": ("last", "this_year_target", "next_year_target")}[rule.rule]
    missing = [n for n in names if new.get(n) is None]
    if missing:
        return new, None, f"{rule.rule} rule lacks {', '.join(missing)}: decide the targets"
    levels = derive_targets(rule.rule, **{n: new[n] for n in names})
    problem = levels_problem(kpi, levels)
    if problem:
        return new, None, f"{rule.rule} rule gives {' / '.join(map(str, levels))}, unusable: decide the targets"
    return new, tuple(levels), f"{rule.rule} rule: {' / '.join(map(str, levels))}"


def _number(value):
    if value is None:
        return None
    from decimal import Decimal

    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def _kpi_map(prev_map, kpi: Kpi, prev_year: int, derivation: Derivation, rule_fields: dict | None):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from .yamlrt import flow_map

    out = CommentedMap()
    for key, value in prev_map.items():
        if key == "result":
            continue
        if key == "targets":
            continue  # re-inserted below when derived
        if key == "target_rule":
            if rule_fields is not None:
                out[key] = flow_map({k: _number(v) if k not in ("rule", "source", "base_from") else v
                                     for k, v in rule_fields.items() if v is not None})
            continue
        if key == "history":
            continue  # rebuilt below
        if key == "narrative":
            kept = CommentedMap((k, v) for k, v in value.items() if k not in ROUND_NARRATIVE)
            if kept:
                out[key] = kept
            continue
        if key == "units_table":
            table = CommentedMap((k, v) for k, v in value.items() if k != "as_of_th")
            if "title_th" in table:  # drop the previous round's period from the title
                table["title_th"] = re.sub(r"\s*รอบ\s*\d+\s*เดือน\s*\(.*?\)\s*$", "", str(table["title_th"]))
            out[key] = table
            continue
        out[key] = value
        if key == "source" and derivation.targets is not None:
            seq = CommentedSeq([_number(t) for t in derivation.targets])
            seq.fa.set_flow_style()
            out["targets"] = seq
    if derivation.targets is not None and "targets" not in out:
        seq = CommentedSeq([_number(t) for t in derivation.targets])
        seq.fa.set_flow_style()
        out.insert(len(out), "targets", seq)
    history = list(prev_map.get("history") or [])
    r = kpi.result
    if (kpi.is_numeric and final_result(kpi) is not None
            and not any(int(p.get("fiscal_year", 0)) == prev_year for p in history)):
        point = {"fiscal_year": prev_year, "value": _number(r.value)}
        if r.numerator is not None and r.denominator is not None:
            point.update(numerator=_number(r.numerator), denominator=_number(r.denominator))
        point["source"] = r.source or f"ผลการดำเนินงานปี {prev_year}"
        history.append(flow_map(point))
    if history:
        seq = CommentedSeq(history)
        keys = list(out.keys())
        anchor = max((keys.index(k) for k in ("formula", "trajectory", "target_rule", "criteria_th", "targets") if k in out),
                     default=len(keys) - 1)
        out.insert(anchor + 1, "history", seq)
    return out


def _roster_text(params_dir, prev_year: int, kpi: Kpi) -> str:
    """The per-unit CSV of the new year: the same units, every figure and source empty."""
    from .intake.layout import load_roster

    roster = load_roster(params_dir, prev_year, kpi)
    rows = []
    for row in roster.rows:
        new = list(row)
        for col in roster.inputs:
            new[roster.header.index(col)] = ""
        rows.append(new)
    buf = io.StringIO()
    csv.writer(buf, lineterminator=roster.newline).writerows([roster.header, *rows])
    return buf.getvalue()


def plan_new_year(params_dir, fiscal_year, previous, today: _dt.date | None = None) -> NewYear:
    """Every file of the new year and how each KPI's targets were set; writes nothing."""
    from ruamel.yaml.comments import CommentedMap

    from .fiscal import normalize_be_year
    from .paths import resolve_params_dir
    from .yamlrt import dump_rt, load_rt

    params = resolve_params_dir(params_dir)
    year, prev = normalize_be_year(fiscal_year), normalize_be_year(previous)
    if year != prev + 1:
        raise ParamsError(f"dsw new-year {year} --from {prev}", "--from", f"the year before {year} ({year - 1})", prev)
    new_dir = year_dir(params, year)
    if (new_dir / "kpis.yaml").exists():
        raise ParamsError(new_dir / "kpis.yaml", None, f"no catalog yet for fiscal year {year} (new-year never overwrites)",
                          "the file exists")
    catalog: Catalog = load_catalog(params, prev)
    data = load_rt(year_dir(params, prev) / "kpis.yaml")
    plan = NewYear(year, prev)
    today = today or _dt.date.today()
    out = CommentedMap()
    for key, value in data.items():
        if key in DROP_CATALOG_KEYS:
            continue
        if key == "fiscal_year":
            out[key] = year
        elif key == "title_th":
            out[key] = str(value).replace(str(prev), str(year))
        elif key == "draft":
            continue
        elif key == "scored":
            out[key] = True
        elif key == "kpis":
            kpis = []
            for kpi_map in value:
                kpi = catalog.kpi(str(kpi_map["id"]))
                rule_fields, targets, note = derive(kpi, year)
                derivation = Derivation(kpi.id, targets, note)
                plan.derivations.append(derivation)
                kpis.append(_kpi_map(kpi_map, kpi, prev, derivation, rule_fields))
                if kpi.units_table is not None:
                    path = new_dir / kpi.units_table.file
                    if path.exists():
                        raise ParamsError(path, None, f"no per-unit table yet for fiscal year {year} (new-year never overwrites)",
                                          "the file exists")
                    plan.texts[path] = _roster_text(params, prev, kpi)
            from ruamel.yaml.comments import CommentedSeq

            out[key] = CommentedSeq(kpis)
        else:
            out[key] = value
        if key == "fiscal_year":
            out["draft"] = True
    out["derived_from"] = prev
    out.yaml_set_start_comment(
        f"KPI catalog, fiscal year {year} (1 Oct {year - 1} - 30 Sep {year}): a planning draft written by\n"
        f"`dsw new-year {year} --from {prev}` on {today.isoformat()} from params/{prev}/kpis.yaml.\n"
        "Targets a documented rule could derive are filled in; the others are left empty and\n"
        f"`dsw check {year}` lists each as a decision to make. Results arrive through `dsw intake import`."
    )
    plan.texts[new_dir / "kpis.yaml"] = dump_rt(out)
    return plan


def write_new_year(params_dir, fiscal_year, previous, today=None) -> NewYear:
    """Plan, validate (the new catalog loads) and write the new year's files, all or none."""
    import tempfile

    from .atomic import write_files
    from .paths import resolve_params_dir

    params = resolve_params_dir(params_dir)
    plan = plan_new_year(params, fiscal_year, previous, today)
    with tempfile.TemporaryDirectory(prefix="dsw-new-year-") as tmp:
        staged = Path(tmp) / str(plan.fiscal_year)
        staged.mkdir()
        for path, text in plan.texts.items():
            (staged / path.name).write_text(text, encoding="utf-8", newline="")
        try:
            load_catalog(Path(tmp), plan.fiscal_year)
        except ParamsError as exc:  # a bug, not bad input: say which file it would have been
            exc.source = exc.source.replace(str(staged), str(year_dir(params, plan.fiscal_year)))
            raise
    written = write_files(plan.texts)
    log.info("new-year: wrote %s", ", ".join(str(p) for p in written))
    return plan
