"""``dsw``: the command line.

    dsw score <year> [--json]        scorecard of a fiscal year
    dsw check <year> [--json]        data-quality findings of a fiscal year's params
    dsw run [<year>] [--jobs N]      execute every report notebook of the year, HTML + index
"""

from __future__ import annotations

import json
import sys

import click

from .errors import ParamsError


def _year(value) -> int:
    from .fiscal import normalize_be_year

    try:
        return normalize_be_year(value)
    except ParamsError as exc:
        raise click.BadParameter(str(exc)) from None


def _fail(exc: Exception) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dswlib")
def main():
    """dswlib: KPI scoring and Thai performance reports for DSDW."""


@main.command()
@click.argument("fiscal_year")
@click.option("--params", "params_dir", default=None, help="params directory (default: ./params of the repo)")
@click.option("--json", "as_json", is_flag=True, help="print the stable JSON document")
@click.option("--between", type=click.Choice(["linear", "step"]), default=None, help="scoring between target levels")
@click.option("--below", type=click.Choice(["zero", "linear_from_zero"]), default=None, help="scoring below ขั้นต้น")
def score(fiscal_year, params_dir, as_json, between, below):
    """Print the scorecard of FISCAL_YEAR (B.E., e.g. 2564)."""
    from .scorecard import load_scorecard, rule_for, scorecard_dict
    from .scoring import ScoringRule

    year = _year(fiscal_year)
    try:
        rule = None
        if between or below:
            rule = ScoringRule(between=between or "linear", below=below or "zero")
        card = load_scorecard(params_dir, year, rule)
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    doc = scorecard_dict(card)
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    from .scorecard_text import render_text

    click.echo(render_text(doc))


@main.command()
@click.argument("fiscal_year")
@click.option("--params", "params_dir", default=None)
@click.option("--json", "as_json", is_flag=True)
def check(fiscal_year, params_dir, as_json):
    """List data-quality findings of FISCAL_YEAR's params (exit 0; findings are data, not failures)."""
    from .checks import check_year

    try:
        findings = check_year(params_dir, _year(fiscal_year))
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    for f in findings:
        click.echo(f"[{f.severity}] {f.code}: {f.where}: {f.message}" + (f" ({f.source})" if f.source else ""))
    click.echo(f"{len(findings)} findings")


if __name__ == "__main__":  # pragma: no cover
    main()
