"""Read and validate an action-plan params file.

Files (one per fiscal year, under ``params/<B.E. year>/``):

* ``roadmap.yaml``       plans with progress per round (FY2569, seed 001)
* ``action_plans.yaml``  monthly plans only (FY2566, seed 000)

Every problem is raised as :class:`~dswlib.errors.ParamsError` naming the
file, the place (with the project id) and what was expected.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import ParamsError, ParamsErrors
from ..paths import resolve_params_dir
from .model import Plan
from .vocab import KpiKind, fiscal_index_of_date
from ..yamlio import field_path as _loc_text
from ..yamlio import load_yaml

FILE_NAMES = ("roadmap.yaml", "action_plans.yaml")


def plan_path(fiscal_year: int, params_dir=None) -> Path | None:
    """The action-plan file of ``fiscal_year`` in ``params_dir``, or None if there is none."""
    base = resolve_params_dir(params_dir) / str(int(fiscal_year))
    for name in FILE_NAMES:
        if (base / name).is_file():
            return base / name
    return None


def load_plan(fiscal_year: int, params_dir=None) -> Plan:
    """Load and validate the plan of ``fiscal_year`` (B.E.)."""
    path = plan_path(fiscal_year, params_dir)
    if path is None:
        base = resolve_params_dir(params_dir) / str(int(fiscal_year))
        raise ParamsError(base, None, f"{' or '.join(FILE_NAMES)} with the action plans of FY{fiscal_year}", "no such file")
    plan = load_plan_file(path)
    if plan.fiscal_year != int(fiscal_year):
        raise ParamsError(path, "fiscal_year", f"{fiscal_year} (the folder's year)", plan.fiscal_year)
    return plan


def load_plan_file(path) -> Plan:
    path = Path(path)
    return validate_plan(load_yaml(path), source=path)


def validate_plan(raw, source="<input>") -> Plan:
    """Validate already-parsed YAML data; ``source`` names the file in errors."""
    if not isinstance(raw, dict):
        raise ParamsError(source, None, "a mapping with fiscal_year, document and sections", type(raw).__name__)
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        raise ParamsErrors([_convert(source, raw, err) for err in exc.errors()]) from None
    problems = list(_cross_checks(plan, source))
    if problems:
        raise ParamsErrors(problems)
    return plan


# ----------------------------------------------------------------- errors


def _project_of(raw, loc) -> str | None:
    """Id of the innermost project on the path ``loc`` (for readable error places)."""
    node, found, prev = raw, None, None
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if prev == "projects" and isinstance(node, dict) and node.get("id"):
            found = node["id"]
        prev = part
    return found


def _convert(source, raw, err) -> ParamsError:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    where = _loc_text(loc)
    project = _project_of(raw, loc)
    if project:
        where = f"project {project}: {where}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    elif err["type"] == "extra_forbidden":
        msg = "no such field (check the spelling)"
    elif err["type"] == "missing":
        msg = "this field (it is required)"
    got = err.get("input") if err["type"] != "missing" else None
    if isinstance(got, (dict, list)):
        got = type(got).__name__
    return ParamsError(source, where, msg, got)


def _cross_checks(plan: Plan, source):
    seen_ids = set()
    for path, project in plan.iter_projects():
        where = f"project {project.id}"
        if project.id in seen_ids:
            yield ParamsError(source, where, "a unique project id", project.id)
        seen_ids.add(project.id)
        numbers = [a.number for a in project.activities]
        for no in sorted({n for n in numbers if numbers.count(n) > 1}):
            yield ParamsError(source, f"{where}: activities", "unique activity numbers", no)
        for a in project.activities:
            if a.months is not None:
                idx = [m.fiscal_index(plan.fiscal_year) for m in a.months]
                if len(set(idx)) != len(idx):
                    yield ParamsError(source, f"{where}: activity {a.number}: months", "each month once", [str(m) for m in a.months])
                for m, i in zip(a.months, idx):
                    if not 0 <= i <= 13:
                        yield ParamsError(
                            source, f"{where}: activity {a.number}: months",
                            f"a month of FY{plan.fiscal_year} (or the month just before/after it)", str(m),
                        )
            if a.deadline is not None:
                i = fiscal_index_of_date(a.deadline, plan.fiscal_year)
                if not 1 <= i <= 13:
                    yield ParamsError(
                        source, f"{where}: activity {a.number}: deadline",
                        f"a date within FY{plan.fiscal_year} (Oct {plan.fiscal_year - 544} - Sep {plan.fiscal_year - 543}) "
                        "or in the month just after it", a.deadline.isoformat(),
                    )
        kpi_ids = [k.id for k in project.kpis]
        for kid in sorted({k for k in kpi_ids if kpi_ids.count(k) > 1}):
            yield ParamsError(source, f"{where}: kpis", "unique KPI ids", kid)
        for k in project.kpis:
            t = k.target
            if t is not None and t.value is not None and k.is_percentage and not 0 <= t.value <= 100:
                yield ParamsError(source, f"{where}: kpi {k.id}: target.value",
                                  "a percentage 0-100 (the KPI is measured in ร้อยละ)", str(t.value))
            if k.basis == "activities":
                if k.kind is not KpiKind.COMPLETION:
                    yield ParamsError(source, f"{where}: kpi {k.id}: basis", "basis: activities only for a completion KPI", k.kind.value)
                if not project.activities or any(a.months is None and a.deadline is None for a in project.activities):
                    yield ParamsError(source, f"{where}: kpi {k.id}: basis",
                                      "basis: activities only where every activity has planned months or a deadline",
                                      "activities without a schedule")
        for rnd, prog in project.progress.items():
            rwhere = f"{where}: progress[{rnd}]"
            if rnd not in (6, 12):
                yield ParamsError(source, rwhere, "a round of 6 or 12 months", rnd)
            elif rnd not in plan.rounds_reported:
                yield ParamsError(source, rwhere, f"a round listed in rounds_reported {plan.rounds_reported}", rnd)
            for no in prog.activities:
                if project.activity(no) is None:
                    yield ParamsError(source, f"{rwhere}.activities", f"an activity number of the project {numbers}", no)
            for no, month in prog.rescheduled.items():
                if project.activity(no) is None:
                    yield ParamsError(source, f"{rwhere}.rescheduled", f"an activity number of the project {numbers}", no)
                if not 1 <= month.fiscal_index(plan.fiscal_year) <= 13:
                    yield ParamsError(
                        source, f"{rwhere}.rescheduled.{no}",
                        f"a month within FY{plan.fiscal_year} or the month just after it (e.g. ต.ค. {str(plan.fiscal_year)[-2:]})",
                        str(month),
                    )
            for kid, res in prog.kpi_results.items():
                kpi = project.kpi(kid)
                if kpi is None:
                    yield ParamsError(source, f"{rwhere}.kpi_results", f"a KPI id of the project {kpi_ids}", kid)
                    continue
                yield from _check_result(source, f"{rwhere}.kpi_results.{kid}", kpi, res)
                if kpi.basis == "activities" and res.base is not None and res.base != len(project.activities):
                    yield ParamsError(source, f"{rwhere}.kpi_results.{kid}.base",
                                      f"the number of the project's activities ({len(project.activities)}) for basis: activities",
                                      str(res.base))
            for i, fig in enumerate(prog.figures):
                fwhere = f"{rwhere}.figures[{i}]"
                for name in ("value", "base"):
                    v = getattr(fig, name)
                    if v is not None and v < 0:
                        yield ParamsError(source, f"{fwhere}.{name}", "a number >= 0", str(v))
                if fig.value is not None and fig.base is not None and fig.base > 0 and fig.value > fig.base and fig.unit != "index":
                    yield ParamsError(source, f"{fwhere}.value", f"at most the base {fig.base}", str(fig.value))
                if fig.percent_printed is not None and not 0 <= fig.percent_printed <= 100:
                    yield ParamsError(source, f"{fwhere}.percent_printed", "a percentage 0-100", str(fig.percent_printed))
            labels = [b.label for b in prog.breakdowns]
            for i, b in enumerate(prog.breakdowns):
                if b.within is None:
                    continue
                bwhere = f"{rwhere}.breakdowns[{i}].within"
                parent = next((x for x in prog.breakdowns if x.label == b.within and x is not b), None)
                if parent is None:
                    yield ParamsError(source, bwhere, f"the label of another breakdown of the round {labels}", b.within)
                    continue
                known = [p.label for p in parent.parts]
                for part in b.parts:
                    if part.label not in known:
                        yield ParamsError(source, f"{rwhere}.breakdowns[{i}].parts", f"a part label of {b.within!r}: {known}", part.label)


def _check_result(source, where, kpi, res):
    kind = kpi.kind
    for name in ("achieved", "base"):
        v = getattr(res, name)
        if v is not None and v < 0:
            yield ParamsError(source, f"{where}.{name}", "a number >= 0", str(v))
    if res.pending and res.achieved is not None:
        yield ParamsError(source, where, "either pending: true or an achieved figure, not both", str(res.achieved))
    if kind.capped_by_base and res.achieved is not None and res.base is not None and res.achieved > res.base:
        yield ParamsError(
            source, f"{where}.achieved",
            f"at most the base {res.base} (a {kind.value} KPI cannot exceed its base)", str(res.achieved),
        )
    if res.percent_printed is not None and kpi.is_percentage and not 0 <= res.percent_printed <= 100:
        yield ParamsError(source, f"{where}.percent_printed", "a percentage 0-100", str(res.percent_printed))
