"""The reporting cycle on the command line: ``dsw intake template|import|demo`` and ``dsw new-year``.

    dsw new-year 2567 --from 2566                    next year's catalog, targets by rule
    dsw intake template 2566 --round 6 -o BOOK.xlsx  the workbook units fill in
    dsw intake import 2566 BOOK.xlsx                 validate all, write params atomically, run the checks
"""

from __future__ import annotations

import sys

import click

from .errors import ParamsError


def _fail(exc: Exception) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


def _year(value) -> int:
    from .fiscal import normalize_be_year

    try:
        return normalize_be_year(value)
    except ParamsError as exc:
        raise click.BadParameter(str(exc)) from None


def _print_findings(findings) -> None:
    for f in findings:
        click.echo(f"[{f.severity}] {f.code}: {f.where}: {f.message}" + (f" ({f.source})" if f.source else ""))
    click.echo(f"{len(findings)} findings")


@click.group("intake")
def intake():
    """Collect a round's results in an Excel workbook and import them into params."""


@intake.command("template")
@click.argument("fiscal_year")
@click.option("--round", "round_", type=click.Choice(["6", "12"]), default="12", show_default=True)
@click.option("--filled", is_flag=True, help="write the current params values in (round trip, corrections)")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="the workbook to write (.xlsx)")
@click.option("--params", "params_dir", default=None, help="params directory (default: ./params of the repo)")
def template(fiscal_year, round_, filled, out, params_dir):
    """Write the intake workbook of FISCAL_YEAR: one sheet per KPI, units pre-filled, inputs unlocked."""
    from .intake.template import write_template

    try:
        path = write_template(params_dir, _year(fiscal_year), out, int(round_), filled)
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    click.echo(str(path))


@intake.command("import")
@click.argument("fiscal_year")
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--round", "round_", type=click.Choice(["6", "12"]), default=None,
              help="the round the workbook must be for (default: the round written in it)")
@click.option("--replace", is_flag=True, help="replace results that params already has")
@click.option("--as-printed", is_flag=True,
              help="the workbook transcribes a printed document: keep per-unit rows whose numerator exceeds the "
                   "denominator as printed (reported by the checks) instead of refusing them")
@click.option("--dry-run", is_flag=True, help="validate and list the changes, write nothing")
@click.option("--params", "params_dir", default=None, help="params directory (default: ./params of the repo)")
def import_(fiscal_year, workbook, round_, replace, as_printed, dry_run, params_dir):
    """Validate WORKBOOK completely, then write its results into params/FISCAL_YEAR (all files or none).

    Prints every change (old → new, with the workbook cell), records where each figure came from
    in params/<year>/provenance.yaml, then prints the findings of `dsw check`.
    """
    from .catalog import load_catalog
    from .checks import check_year
    from .intake.apply import commit, plan_import
    from .intake.reader import read_workbook
    from .paths import resolve_params_dir

    year = _year(fiscal_year)
    try:
        params = resolve_params_dir(params_dir)
        catalog = load_catalog(params, year)
        read = read_workbook(workbook, catalog, params, round_, as_printed)
        plan = plan_import(params, read, replace=replace)
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    click.echo(f"{read.path.name}: FY{read.fiscal_year} round {read.round}, {len(read.kpis)} KPI sheet(s) with results")
    for change in plan.changes:
        click.echo("  " + change.line())
    if not plan.changes:
        click.echo("nothing to change: params already hold these figures")
        return
    if plan.overwrites and not replace:
        click.echo(f"error: {len(plan.overwrites)} figure(s) already have a different value in params "
                   "(listed above with their old value); nothing written. Re-run with --replace to replace them.", err=True)
        sys.exit(2)
    if dry_run:
        click.echo(f"dry run: {len(plan.changes)} change(s), nothing written")
        return
    try:
        written = commit(plan, replace=replace)
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    click.echo(f"{len(plan.changes)} change(s) written: {', '.join(p.name for p in written)}")
    click.echo(f"dsw check {year}:")
    try:
        _print_findings(check_year(params, year))
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)


@intake.command("demo")
@click.argument("fiscal_year")
@click.option("--round", "round_", type=click.Choice(["6", "12"]), default="6", show_default=True)
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False))
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--params", "params_dir", default=None)
def demo(fiscal_year, round_, out, seed, params_dir):
    """Write a workbook filled with SYNTHETIC results (to try the cycle; never import it into the real params)."""
    from .intake.demo import write_synthetic_workbook

    try:
        path = write_synthetic_workbook(params_dir, _year(fiscal_year), out, int(round_), seed)
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    click.echo(str(path))


@click.command("new-year")
@click.argument("fiscal_year")
@click.option("--from", "previous", required=True, help="the previous fiscal year, whose catalog is carried over")
@click.option("--params", "params_dir", default=None, help="params directory (default: ./params of the repo)")
def new_year(fiscal_year, previous, params_dir):
    """Write params/FISCAL_YEAR/kpis.yaml from the previous year's catalog, targets derived by each KPI's rule.

    Targets a rule cannot derive are left empty; `dsw check FISCAL_YEAR` lists each as a decision.
    Never overwrites an existing year.
    """
    from .checks import check_year
    from .newyear import write_new_year
    from .paths import resolve_params_dir

    try:
        params = resolve_params_dir(params_dir)
        plan = write_new_year(params, _year(fiscal_year), _year(previous))
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    for path in plan.texts:
        click.echo(f"wrote {path}")
    for d in plan.derivations:
        click.echo(f"  KPI {d.kpi_id}: {d.note}")
    click.echo(f"decisions to make (dsw check {plan.fiscal_year}):")
    _print_findings([f for f in check_year(params, plan.fiscal_year) if f.code == "target_decision"])
