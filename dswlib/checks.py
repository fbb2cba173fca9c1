"""Consistency checker: recompute what the documents print and list what does not agree.

* every stated percentage from its numerator and denominator (half-up, 2 decimals);
* every totals row re-added, every breakdown (parts add up to the whole);
* numerators above denominators;
* printed year-on-year changes against the difference of the printed results;
* PMQA totals (mean of 7 categories) and status (total / 125);
* derived targets against their rule (seed 000);
* documented issues that cannot be recomputed (``params/<year>/known_issues.yaml``);
* the action plans' findings (``roadmap.yaml`` / ``action_plans.yaml``);
* the community criteria's documented problems (``community/criteria.yaml``, for its fiscal year only).

:func:`check_year` runs every checker of :data:`CHECKERS` whose params the year
has, so a year with only action plans (FY2569) is checkable too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

from .catalog import Catalog, Kpi, load_catalog, year_dir
from .decisions import target_decisions
from .errors import ParamsError
from .findings import Finding
from .thainum import format_number, percent, round_half_up, truncate


def _fmt(value, places=2) -> str:
    return format_number(value, places)


def _close(a, b, places=2) -> bool:
    return round_half_up(a, places) == round_half_up(b, places)


def kpi_th(kpi_id) -> str:
    """The reader's name of a KPI: "ตัวชี้วัดที่ 3.1"."""
    return f"ตัวชี้วัดที่ {kpi_id}"


def check_ratio(where, numerator, denominator, printed, source="", code_prefix="", where_th="") -> list[Finding]:
    """A printed percentage against numerator / denominator × 100 (``where_th``: the place in the reader's terms)."""
    out = []
    if denominator in (None, 0) or numerator is None:
        return out
    if numerator > denominator:
        out.append(Finding(
            "numerator_above_denominator", "error", where,
            f"ตัวตั้ง ({_fmt(numerator, 0)}) มากกว่าตัวหาร ({_fmt(denominator, 0)}) คิดเป็นร้อยละ "
            f"{_fmt(percent(numerator, denominator))} ซึ่งเกินร้อยละ 100",
            source, printed=f"{_fmt(numerator, 0)}/{_fmt(denominator, 0)}", where_th=where_th,
        ))
    if printed is None:
        return out
    computed = percent(numerator, denominator)
    if not _close(computed, printed):
        cut = truncate(Decimal(str(numerator)) * 100 / Decimal(str(denominator)))
        how = "ตรงกับการตัดทศนิยม (ไม่ใช่การปัดเศษ)" if _close(cut, printed) else "ไม่ตรงกับการคำนวณ"
        out.append(Finding(
            code_prefix + "percent_mismatch", "warning", where,
            f"ร้อยละที่พิมพ์ {_fmt(printed)} แต่ {_fmt(numerator, 0)}/{_fmt(denominator, 0)} = {_fmt(computed)} ({how})",
            source, expected=_fmt(computed), printed=_fmt(printed), where_th=where_th,
        ))
    return out


def check_kpi_result(catalog: Catalog, kpi: Kpi) -> list[Finding]:
    r = kpi.result
    if r is None or r.numerator is None or r.denominator is None:
        return []
    return check_ratio(f"KPI {kpi.id} result", r.numerator, r.denominator, r.value, r.source,
                       where_th=f"{kpi_th(kpi.id)} ผลการดำเนินงาน")


def check_history(kpi: Kpi) -> list[Finding]:
    out = []
    prev = None
    for point in kpi.history:
        where = f"KPI {kpi.id} history {point.fiscal_year}"
        where_th = f"{kpi_th(kpi.id)} ข้อมูลย้อนหลังปี {point.fiscal_year}"
        if point.numerator is not None and point.denominator is not None:
            out += check_ratio(where, point.numerator, point.denominator, point.value, point.source, where_th=where_th)
        if point.change_printed and prev is not None and point.value is not None and prev.value is not None:
            from .thainum import parse_number

            printed = parse_number(point.change_printed)
            diff = round_half_up(Decimal(str(point.value)) - Decimal(str(prev.value)))
            if printed != diff:
                out.append(Finding(
                    "change_mismatch", "warning", where,
                    f"การเปลี่ยนแปลงที่พิมพ์ {point.change_printed} แต่ {_fmt(point.value)} - {_fmt(prev.value)} = {diff:+.2f}",
                    point.source, expected=f"{diff:+.2f}", printed=point.change_printed, where_th=where_th,
                ))
        prev = point
    if kpi.result is not None and kpi.result.value is not None:
        same_year = [p for p in kpi.history if p.value is not None]
        # the last history point of a reporting year is the result itself
        if same_year and kpi.result.numerator is not None and same_year[-1].numerator is not None:
            last = same_year[-1]
            if (last.numerator, last.denominator) == (kpi.result.numerator, kpi.result.denominator) and not _close(last.value, kpi.result.value):
                out.append(Finding(
                    "history_result_mismatch", "warning", f"KPI {kpi.id}",
                    f"ผลในตารางข้อมูลย้อนหลัง ({_fmt(last.value)}) ไม่ตรงกับผลการดำเนินงาน ({_fmt(kpi.result.value)})",
                    last.source, where_th=f"{kpi_th(kpi.id)} ข้อมูลย้อนหลัง",
                ))
    return out


def check_units_table(params_dir, catalog: Catalog, kpi: Kpi) -> list[Finding]:
    from .units import column_label_th, load_units_table

    table = load_units_table(params_dir, catalog.fiscal_year, kpi)
    spec = table.spec
    name = spec.file
    table_th = _table_th(kpi)
    if spec.kind == "pmqa":
        return check_pmqa_table(table, kpi)
    out: list[Finding] = []
    rows = table.rows
    for i, row in rows.iterrows():
        label = row.get("row_no", i + 1)
        unit = row.get(spec.unit, "")
        where = f"{name} แถว {label} ({unit})"
        where_th = f"{table_th} แถวที่ {label} ({unit})"
        src = row.get("source", "")
        printed_pct = row.get(spec.percent) if spec.percent else None
        out += check_ratio(where, row[spec.numerator], row[spec.denominator], printed_pct, src, where_th=where_th)
        if spec.parts:
            parts_sum = sum(row[p] or 0 for p in spec.parts)
            if parts_sum != row[spec.numerator]:
                parts_th = " + ".join(_bare(column_label_th(p)) for p in spec.parts)
                out.append(Finding(
                    "breakdown_mismatch", "warning", where,
                    f"ผลรวมของ{parts_th} = {_fmt(parts_sum, 0)} ไม่เท่ากับ{_bare(column_label_th(spec.numerator))} "
                    f"= {_fmt(row[spec.numerator], 0)}",
                    src, expected=_fmt(parts_sum, 0), printed=_fmt(row[spec.numerator], 0), where_th=where_th,
                ))
    if table.total is not None:
        src = table.total.get("source", "")
        for col in [spec.denominator, spec.numerator, *spec.parts]:
            added = sum(v or 0 for v in rows[col])
            if added != table.total[col]:
                out.append(Finding(
                    "total_mismatch", "warning", f"{name} แถวรวม คอลัมน์ {col}",
                    f"แถวรวมพิมพ์ {_fmt(table.total[col], 0)} แต่ผลบวกรายแถวได้ {_fmt(added, 0)}",
                    src, expected=_fmt(added, 0), printed=_fmt(table.total[col], 0),
                    where_th=f"{table_th} แถวรวม คอลัมน์{_bare(column_label_th(col))}",
                ))
        if spec.percent:
            out += check_ratio(f"{name} แถวรวม", table.total[spec.numerator], table.total[spec.denominator], table.total[spec.percent], src,
                               where_th=f"{table_th} แถวรวม")
    out += _rows_against_result(table, kpi)
    return out


def _rows_against_result(table, kpi: Kpi) -> list[Finding]:
    """The unit rows must add up to the KPI's numerator and denominator, whether or not a total row is printed."""
    spec = table.spec
    r = kpi.result
    if r is None or r.numerator is None or r.denominator is None:
        return []
    rows = table.rows
    added = (sum(v or 0 for v in rows[spec.numerator]), sum(v or 0 for v in rows[spec.denominator]))
    out = []
    if added != (r.numerator, r.denominator):
        no_total = "" if table.total is not None else " (ตารางไม่มีแถวรวม)"
        out.append(Finding(
            "result_table_mismatch", "warning", f"KPI {kpi.id}",
            f"ผลบวกรายแถวของตาราง{spec.title_th and ' ' + spec.title_th} ได้ {_fmt(added[0], 0)}/{_fmt(added[1], 0)} "
            f"ไม่ตรงกับตัวตั้ง/ตัวหารของผลการดำเนินงาน {_fmt(r.numerator, 0)}/{_fmt(r.denominator, 0)}{no_total}",
            r.source, expected=f"{_fmt(r.numerator, 0)}/{_fmt(r.denominator, 0)}",
            printed=f"{_fmt(added[0], 0)}/{_fmt(added[1], 0)}", where_th=f"{_table_th(kpi)} เทียบกับผลการดำเนินงาน",
        ))
    if table.total is not None:
        printed_total = (table.total[spec.numerator], table.total[spec.denominator])
        if printed_total != (r.numerator, r.denominator) and printed_total != added:
            out.append(Finding(
                "result_total_row_mismatch", "warning", f"KPI {kpi.id}",
                f"ผลการดำเนินงาน {_fmt(r.numerator, 0)}/{_fmt(r.denominator, 0)} ไม่ตรงกับแถวรวมของตาราง "
                f"{_fmt(printed_total[0], 0)}/{_fmt(printed_total[1], 0)}",
                r.source, where_th=f"{_table_th(kpi)} แถวรวม",
            ))
    return out


def check_within(params_dir, catalog: Catalog, kpi: Kpi) -> list[Finding]:
    """Cross-table subsets (``units_table.within``): a count of one table bounded by a count of another, row by row."""
    from .units import load_units_table

    spec = kpi.units_table
    if spec is None or not spec.within:
        return []
    table = load_units_table(params_dir, catalog.fiscal_year, kpi)
    out: list[Finding] = []
    for rule in spec.within:
        other_kpi = catalog.kpi(rule.kpi)
        other = load_units_table(params_dir, catalog.fiscal_year, other_kpi)
        for loaded in (table, other):
            if rule.match_on not in loaded.printed.columns:
                raise ParamsError(loaded.path, "header", f"a column {rule.match_on} to match the rows of "
                                  f"{spec.file} and {other.spec.file}", list(loaded.printed.columns))
        bounds = {}
        for _, row in other.rows.iterrows():
            bounds[str(row[rule.match_on]).strip()] = row
        for _, row in table.rows.iterrows():
            key = str(row[rule.match_on]).strip()
            if key not in bounds:
                out.append(Finding(
                    "unit_missing_in_other_table", "warning", f"{spec.file} แถว {key} ({row.get(spec.unit, '')})",
                    f"ไม่มีแถวที่ {key} ในตารางของตัวชี้วัด {rule.kpi} จึงตรวจ{rule.column_label_th}กับ{rule.other_label_th}ไม่ได้",
                    row.get("source", ""), where_th=f"{_table_th(kpi)} แถวที่ {key} ({row.get(spec.unit, '')})",
                ))
                continue
            mine = _value(table, row, rule.column)
            bound = _value(other, bounds[key], rule.other_column)
            if mine is None or bound is None or mine <= bound:
                continue
            src = ", ".join(s for s in (row.get("source", ""), bounds[key].get("source", "")) if s)
            out.append(Finding(
                "subset_exceeds_group", rule.severity,
                f"{spec.file} แถว {key} ({row.get(spec.unit, '')}) / {other.spec.file} แถว {key}",
                f"{rule.why_th} แต่{rule.column_label_th} {_fmt(mine, 0)} คน (ตัวชี้วัด {kpi.id}) มากกว่า"
                f"{rule.other_label_th} {_fmt(bound, 0)} คน (ตัวชี้วัด {rule.kpi}) ของหน่วยงานเดียวกัน",
                src or rule.source, expected=f"≤ {_fmt(bound, 0)}", printed=_fmt(mine, 0),
                where_th=f"{_table_th(kpi)} แถวที่ {key} ({row.get(spec.unit, '')}) เทียบกับ{_table_th(other_kpi)} แถวที่ {key}",
            ))
    return out


def _table_th(kpi: Kpi) -> str:
    """The reader's name of a KPI's per-unit table: "ตารางตัวชี้วัดที่ 3.2"."""
    return f"ตาราง{kpi_th(kpi.id)}"


def _bare(label: str) -> str:
    """A column header without its unit: "มีสมรรถภาพดีขึ้น (คน)" -> "มีสมรรถภาพดีขึ้น"."""
    import re

    return re.sub(r"\s*\([^()]*\)$", "", label)


def _value(table, row, column):
    """A row's number in ``column`` (parsed if it is a numeric column of the table, else parsed here)."""
    from .thainum import parse_number

    value = row.get(column)
    if value is None or isinstance(value, float):
        return value
    return float(parse_number(value, source=table.path, where=f"column {column}", allow_missing=True) or 0)


def check_pmqa_table(table, kpi: Kpi) -> list[Finding]:
    from .pmqa import N_CATEGORIES, pmqa_status, pmqa_total
    from .units import column_label_th

    table_th = _table_th(kpi)

    out = []
    raw = table.printed
    rows = table.rows
    first_col = raw.columns[0]
    categories = rows[rows[first_col].str.startswith("หมวด")]
    total_row = rows[rows[first_col].str.startswith("คะแนนรวม")]
    status_row = rows[rows[first_col].str.contains("ระบบราชการ")]
    source = kpi.result.source if kpi.result else ""
    if len(categories) != N_CATEGORIES:
        # nothing can be recomputed from an incomplete table: say so instead of failing
        return [Finding("pmqa_category_count", "warning", table.spec.file,
                        f"ตารางมี {len(categories)} หมวด แต่ PMQA 4.0 มี {N_CATEGORIES} หมวด จึงคำนวณคะแนนรวมซ้ำไม่ได้", source,
                        expected=str(N_CATEGORIES), printed=str(len(categories)), where_th=table_th)]
    for col in [c for c in rows.columns if c.endswith("_score")]:
        computed = pmqa_total(categories[col].tolist())
        if len(total_row):
            printed = total_row[col].iloc[0]
            src = total_row["source"].iloc[0] if "source" in total_row else ""
            if not _close(computed, printed):
                out.append(Finding("pmqa_total_mismatch", "warning", f"{table.spec.file} {col}",
                                   f"คะแนนรวมพิมพ์ {_fmt(printed)} แต่ค่าเฉลี่ย 7 หมวด = {_fmt(computed)}", src,
                                   expected=_fmt(computed), printed=_fmt(printed),
                                   where_th=f"{table_th} คอลัมน์{column_label_th(col)}"))
            if len(status_row):
                status = pmqa_status(printed)
                p_status = status_row[col].iloc[0]
                if not _close(status, p_status):
                    out.append(Finding("pmqa_status_mismatch", "warning", f"{table.spec.file} {col}",
                                       f"สถานะพิมพ์ {_fmt(p_status)} แต่ {_fmt(printed)}/125 = {_fmt(status)}", src,
                                       where_th=f"{table_th} คอลัมน์{column_label_th(col)}"))
    result = kpi.result.value if kpi.result is not None else None
    if result is not None and "assessor_score" in rows.columns:
        # the categories must give the result even when the total row is missing or removed
        computed = pmqa_total(categories["assessor_score"].tolist())
        if not _close(computed, result):
            none = "" if len(total_row) else " (ตารางไม่มีแถวคะแนนรวม)"
            out.append(Finding("pmqa_result_mismatch", "warning", f"KPI {kpi.id}",
                               f"ผลการดำเนินงาน {_fmt(result)} ไม่ตรงกับค่าเฉลี่ยคะแนนจากผู้ตรวจของ 7 หมวด "
                               f"= {_fmt(computed)}{none}", source, expected=_fmt(computed), printed=_fmt(result),
                               where_th=f"{kpi_th(kpi.id)} ผลการดำเนินงาน"))
        elif len(total_row) and not _close(total_row["assessor_score"].iloc[0], result):
            out.append(Finding("pmqa_result_mismatch", "warning", f"KPI {kpi.id}",
                               f"ผลการดำเนินงาน {_fmt(result)} ไม่ตรงกับคะแนนรวมจากผู้ตรวจที่พิมพ์ในตาราง", source,
                               where_th=f"{kpi_th(kpi.id)} ผลการดำเนินงาน"))
    return out


def check_target_rule(kpi: Kpi) -> list[Finding]:
    from .decisions import RULE_TH
    from .targets import derive_targets, trajectory

    out = []
    rule = kpi.target_rule
    if rule is not None and rule.rule != "fixed" and kpi.targets:
        derived = derive_targets(rule.rule, **rule.kwargs())
        for level, want, got in zip((50, 75, 100), derived, kpi.targets):
            if not _close(want, got):
                out.append(Finding(
                    "target_rule_mismatch", "warning", f"KPI {kpi.id} เป้าหมายระดับ {level}",
                    f"เป้าหมายที่พิมพ์ {_fmt(got)} แต่{RULE_TH.get(rule.rule, 'กฎการคำนวณค่าเป้าหมาย')}ให้ {_fmt(want)}", rule.source,
                    expected=_fmt(want), printed=_fmt(got), where_th=f"{kpi_th(kpi.id)} ค่าเป้าหมายระดับ {level}",
                ))
    traj = kpi.trajectory
    if traj is not None:
        values = trajectory(traj.start_year, traj.start_value, traj.step, traj.years, traj.last_step)
        for year, printed in traj.printed.items():
            if year in values and not _close(values[year], printed):
                out.append(Finding(
                    "trajectory_mismatch", "warning", f"KPI {kpi.id} ค่าเป้าหมายปี {year}",
                    f"ค่าเป้าหมายที่พิมพ์ {_fmt(printed)} แต่เส้นทางเป้าหมายให้ {_fmt(values[year])}", traj.source,
                    where_th=f"{kpi_th(kpi.id)} ค่าเป้าหมายปี {year}",
                ))
        if traj.last_step is not None and traj.last_step != traj.step:
            out.append(Finding(
                "trajectory_uneven_step", "info", f"KPI {kpi.id} เส้นทางเป้าหมาย",
                f"เพิ่มปีละ {_fmt(traj.step)} จุด ยกเว้นปีสุดท้ายเพิ่ม {_fmt(traj.last_step)} จุด (เพื่อให้ถึงร้อยละ 100)",
                traj.source, where_th=f"{kpi_th(kpi.id)} เส้นทางค่าเป้าหมาย",
            ))
    return out


def check_known_issues(params_dir, fiscal_year) -> list[Finding]:
    """Documented problems that cannot be recomputed, from ``known_issues.yaml``."""
    from .yamlio import load_yaml, validate
    from pydantic import BaseModel, ConfigDict

    path = year_dir(params_dir, fiscal_year) / "known_issues.yaml"
    if not path.exists():
        return []

    class Issue(BaseModel):
        model_config = ConfigDict(extra="forbid")
        code: str
        severity: str = "info"
        where: str
        where_th: str = ""  # the place in the reader's terms (the report body shows this, not ``where``)
        message_th: str
        source: str = ""

    class Issues(BaseModel):
        model_config = ConfigDict(extra="forbid")
        issues: list[Issue]

    data = validate(Issues, load_yaml(path), path)
    return [Finding(i.code, i.severity, i.where, i.message_th, i.source, where_th=i.where_th or _where_th(i.where))
            for i in data.issues]


def _where_th(where: str) -> str:
    """A reader's place from a technical one that names a KPI ("KPI 4 สูตรการคำนวณ" -> "ตัวชี้วัดที่ 4 สูตรการคำนวณ");
    a place that names a file gets none (the params entry should give ``where_th``)."""
    import re

    if re.search(r"\.(csv|ya?ml|xlsx)\b", where):
        return ""
    return re.sub(r"\bKPI (?=\d)", "ตัวชี้วัดที่ ", where)


def check_series_agreement(catalog: Catalog, params_dir) -> list[Finding]:
    """The catalog's history points against ``params/series/kpi_results.csv`` (same year, same KPI id)."""
    from .series import load_series, series_path

    if not series_path(params_dir).exists():
        return []
    frame = load_series(params_dir)
    out = []
    for kpi in catalog.kpis:
        for point in kpi.history:
            rows = frame[(frame["kpi_id"] == kpi.id) & (frame["fiscal_year"] == point.fiscal_year)]
            for _, row in rows.iterrows():
                if point.value is not None and not _close(row["value"], point.value):
                    out.append(Finding(
                        "series_mismatch", "warning", f"KPI {kpi.id} history {point.fiscal_year}",
                        f"ข้อมูลย้อนหลังของตัวชี้วัดให้ {_fmt(point.value)} แต่ชุดข้อมูลผลการดำเนินงานรายปี "
                        f"({row['label_th']}) ให้ {_fmt(row['value'])}",
                        point.source, expected=_fmt(row["value"]), printed=_fmt(point.value),
                        where_th=f"{kpi_th(kpi.id)} ข้อมูลย้อนหลังปี {point.fiscal_year}",
                    ))
    return out


def check_catalog(catalog: Catalog, params_dir) -> list[Finding]:
    from .units import awaiting_figures

    out: list[Finding] = []
    for kpi in catalog.kpis:
        out += check_kpi_result(catalog, kpi)
        out += check_history(kpi)
        out += check_target_rule(kpi)
        if kpi.units_table is not None and not awaiting_figures(params_dir, catalog.fiscal_year, kpi):
            out += check_units_table(params_dir, catalog, kpi)
            out += check_within(params_dir, catalog, kpi)
    out += target_decisions(catalog, params_dir)  # planning years: targets still to decide
    return out + check_series_agreement(catalog, params_dir)


# ------------------------------------------------------------------ the checker of a year
#
# ``dsw check <year>`` runs every registered checker whose kind of params the
# year has.  A checker is a name, a test "does this year have my params?" and a
# function returning findings; adding a kind of params (COVID, standards ...) is
# one ``register_checker`` call.


@dataclass(frozen=True)
class YearChecker:
    name: str  # short English id, e.g. "annual", "roadmap"
    describes: str  # what params it needs, for the error of a year without any
    applies: Callable[[Path, int], bool]
    run: Callable[[Path, int], list[Finding]]


CHECKERS: list[YearChecker] = []


def register_checker(name: str, describes: str, applies: Callable[[Path, int], bool]):
    """Decorator: add ``run(params_dir, fiscal_year) -> list[Finding]`` to the checkers of ``dsw check``.

    A checker registered again under the same name replaces the earlier one.
    """

    def deco(run):
        CHECKERS[:] = [c for c in CHECKERS if c.name != name]
        CHECKERS.append(YearChecker(name, describes, applies, run))
        return run

    return deco


def _has(file_name: str) -> Callable[[Path, int], bool]:
    return lambda params_dir, year: (year_dir(params_dir, year) / file_name).is_file()


@register_checker("annual", "kpis.yaml (the KPI catalog)", _has("kpis.yaml"))
def _annual(params_dir, fiscal_year) -> list[Finding]:
    return check_catalog(load_catalog(params_dir, fiscal_year), params_dir)


@register_checker("known_issues", "known_issues.yaml", _has("known_issues.yaml"))
def _known(params_dir, fiscal_year) -> list[Finding]:
    return check_known_issues(params_dir, fiscal_year)


def _has_plan(params_dir, fiscal_year) -> bool:
    from .roadmap.loader import plan_path

    return plan_path(fiscal_year, params_dir) is not None


@register_checker("roadmap", "roadmap.yaml or action_plans.yaml (action plans)", _has_plan)
def _roadmap(params_dir, fiscal_year) -> list[Finding]:
    """The action plans' findings (as in the report's data-quality section) for every reported round."""
    from .roadmap.loader import load_plan, plan_path
    from .roadmap.quality import findings

    plan = load_plan(fiscal_year, params_dir)
    return findings(plan, file_name=plan_path(fiscal_year, params_dir).name)


@register_checker("covid", "covid.yaml (COVID-19 lessons learned)", _has("covid.yaml"))
def _covid(params_dir, fiscal_year) -> list[Finding]:
    """The COVID section's arithmetic findings (sums of rounded parts, truncated percentages, percent off its count)."""
    from .covid.consistency import year_findings as covid_findings

    return covid_findings(params_dir, fiscal_year)


def _has_community_criteria(params_dir, fiscal_year) -> bool:
    """The community criteria are written for one fiscal year (FY2564): they apply to that year only."""
    from .community.criteria import CRITERIA_FILE, load_criteria_file

    path = Path(params_dir) / "community" / CRITERIA_FILE
    return path.is_file() and load_criteria_file(path).fiscal_year_be == int(fiscal_year)


@register_checker("community", "community/criteria.yaml (community strengthening, its fiscal year only)",
                  _has_community_criteria)
def _community(params_dir, fiscal_year) -> list[Finding]:
    """The community criteria's documented problems of the source document (as in the report's section 5)."""
    from .community.criteria import load_criteria
    from .community.findings import criteria_findings

    return criteria_findings(load_criteria(params_dir))


def checkers_for(params_dir, fiscal_year) -> list[YearChecker]:
    """The registered checkers that apply to ``fiscal_year``'s params."""
    from .paths import resolve_params_dir

    params_dir = resolve_params_dir(params_dir)
    return [c for c in CHECKERS if c.applies(params_dir, int(fiscal_year))]


def check_year(params_dir, fiscal_year) -> list[Finding]:
    """All findings of one fiscal year's params, whatever kinds of params the year has.

    A year with no params at all is an error naming the folder and what it could hold.
    """
    from .errors import ParamsError
    from .paths import resolve_params_dir

    params_dir = resolve_params_dir(params_dir)
    fiscal_year = int(fiscal_year)
    applicable = checkers_for(params_dir, fiscal_year)
    if not applicable:
        raise ParamsError(year_dir(params_dir, fiscal_year), None,
                          f"params of FY{fiscal_year}: " + ", ".join(c.describes for c in CHECKERS), "none found")
    return [f for c in applicable for f in c.run(params_dir, fiscal_year)]


def year_findings(catalog: Catalog, params_dir) -> list[Finding]:
    """Recomputed findings of a loaded catalog plus the documented ones of its year (the scorecard's)."""
    return check_catalog(catalog, params_dir) + check_known_issues(params_dir, catalog.fiscal_year)
