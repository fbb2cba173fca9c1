"""``dsw roadmap <year> [--round 6] [--json]``: print the action-plan summary."""

from __future__ import annotations

import json
import sys

import click

from ..errors import ParamsError


@click.command("roadmap")
@click.argument("year")
@click.option("--round", "round_months", type=click.Choice(["6", "12"]), default="6", show_default=True,
              help="Reporting round in months.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON instead of a table.")
@click.option("--params-dir", default=None, help="Params directory (default: <repo>/params).")
def roadmap(year, round_months, as_json, params_dir):
    """Summary of action-plan progress for fiscal YEAR (B.E., e.g. 2569)."""
    from ..fiscal import normalize_be_year
    import pandas as pd

    from .gantt import shorten
    from .summary_json import summary_records
    from .tables import plan_table
    from .view import load_view
    from .wording import fmt_pct

    try:
        fy = normalize_be_year(year)
        view = load_view(fy, int(round_months), params_dir)
    except ParamsError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(summary_records(view), ensure_ascii=False, indent=2))
        return
    t = view.totals
    behind = f" (no {round_months}-month report: status as of the {view.as_of}-month report)" if view.report_behind else ""
    click.echo(f"FY{fy} round {round_months}" + (" (plan only: no progress reported, nothing is late)" if view.plan_only else behind))
    if view.plan_only:
        df = plan_table(view).data
        for row in df.itertuples(index=False):
            due = "–" if row[2] is pd.NA else row[2]
            click.echo(f"  {shorten(row[0], 70)}: {row[1]} activities, due by round {due}, unknown months {row[3]}")
        return
    click.echo(f"activities due by the round {t.due}, done {t.due_done} ({fmt_pct(t.percent_due_done)} %), "
               f"late {t.late}" + (f", due after the report {t.due_after_report}" if t.due_after_report else "")
               + f"; months unknown for {t.activities - t.activities_known_schedule} of {t.activities}")
    for proj in summary_records(view)["projects"]:
        due = f"{proj['due_done']}/{proj['due']} due done" if proj["due"] else "due unknown"
        line = f"  {proj['id']:<24} reported={proj['reported_status'] or '-':<12} computed={proj['computed_status']:<12} {due}"
        for k in proj["kpis"]:
            if k["percent"] is not None:
                line += f" | {k['id']} {k['percent']:.2f}% (target {k['target'] if k['target'] is not None else '-'}"
                if k["forecast_12m"] is not None:
                    line += f", forecast 12m {k['forecast_12m']:.2f}%"
                    if k["forecast_low"] != k["forecast_high"]:
                        line += f" [{k['forecast_low']:.2f}-{k['forecast_high']:.2f}]"
                line += ")"
        click.echo(line)
        for late in proj["late"]:
            click.echo(f"      late: activity {late['activity']}, {late['months_overdue']} month(s) past plan"
                       + (f", expected delay {late['expected_delay']}" if late["expected_delay"] is not None else ""))


main = roadmap

if __name__ == "__main__":  # pragma: no cover
    sys.exit(roadmap())
