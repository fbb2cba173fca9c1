"""``dsw community ...``: score a data directory, write the synthetic demo, score one percent.

The lead attaches :data:`community` to the main ``dsw`` group.
"""

from __future__ import annotations

import json
import sys

import click

from ..errors import ParamsError
from .demo import DEFAULT_SEED


def _load(params_dir):
    from .criteria import load_criteria
    from .offices import load_province_offices

    return load_criteria(params_dir), load_province_offices(params_dir)


def _fail(exc: ParamsError):
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


@click.group(name="community")
def community():
    """Community-strengthening evaluation (seed 003)."""


@community.command()
@click.argument("path", type=click.Path(exists=True))
@click.option("--params-dir", default=None, help="params directory (default: <repo>/params)")
@click.option("--json", "as_json", is_flag=True, help="print the full result as JSON")
def score(path, params_dir, as_json):
    """Evaluate the data directory PATH (communities.csv, households.csv, milestones.csv)."""
    from .dataset import load_dataset
    from .evaluate import evaluate, summary
    from .offices import office_label

    try:
        criteria, provinces = _load(params_dir)
        ev = evaluate(load_dataset(path, criteria, provinces), criteria, provinces)
    except ParamsError as exc:
        _fail(exc)
    result = summary(ev)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if result["synthetic"]:
        click.echo("*** synthetic demo data / ข้อมูลสังเคราะห์ ***")
    click.echo(f"communities: {result['communities']}")
    click.echo("score 5.1: " + ", ".join(f"{k}={v}" for k, v in result["score_5_1"].items()))
    click.echo("KPI 2.1 points: " + ", ".join(f"{k}={v}" for k, v in result["kpi_2_1_points"].items()))
    click.echo("pmj level 12 months: " + ", ".join(f"{k}={v}" for k, v in result["pmj_level_12"].items()))
    click.echo("households: " + ", ".join(f"{k}={v}" for k, v in result["households"].items()))
    click.echo(f"communities below the minimum of target households: {len(result['communities_below_min_targets'])}")
    for o in result["offices"]:
        chosen = o["best_practice"] or "none eligible"
        click.echo(
            f"{office_label(o['office_no'])}: ssw level 6m={o['ssw_level_6']} 12m={o['ssw_level_12']}, "
            f"best practice={chosen} ({o['eligible_communities']} eligible)"
        )


@community.command()
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--seed", default=DEFAULT_SEED, show_default=True, type=int, help="random seed")
@click.option("--params-dir", default=None, help="params directory (default: <repo>/params)")
def demo(out, seed, params_dir):
    """Write clearly labelled synthetic data for 76 communities into OUT."""
    from .dataset import write_dataset
    from .demo import generate_demo

    try:
        criteria, provinces = _load(params_dir)
    except ParamsError as exc:
        _fail(exc)
    paths = write_dataset(generate_demo(criteria, provinces, seed=seed), criteria, out)
    for p in paths:
        click.echo(str(p))


@community.command()
@click.argument("percent")
@click.option("--params-dir", default=None, help="params directory (default: <repo>/params)")
def level(percent, params_dir):
    """Score of criterion 5.1 (0-5) for PERCENT, e.g. "77.5" or "ร้อยละ ๗๗.๕"."""
    from ..tabular import NOT_APPLICABLE, parse_cell_number
    from .criteria import load_criteria
    from .level_scale import check_percent, points_kpi_2_1, score_integration

    try:
        criteria = load_criteria(params_dir)
        value = parse_cell_number(percent, source="command line", where="PERCENT", negative="allow")
        if value is None or value is NOT_APPLICABLE:
            raise ParamsError("command line", "PERCENT", "a percentage 0-100, e.g. 77.5 or ร้อยละ ๗๗.๕", percent)
        check_percent(value, source="command line", where="PERCENT", raw=percent)
    except ParamsError as exc:
        _fail(exc)
    click.echo(f"5.1 score: {score_integration(value, criteria)}")
    click.echo(f"KPI 2.1 points: {points_kpi_2_1(value, criteria)}")


main = community

if __name__ == "__main__":  # pragma: no cover
    community()
