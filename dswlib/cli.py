"""``dsw``: the command line.

    dsw score <year> [--json]        scorecard of a fiscal year
    dsw check <year> [--json]        data-quality findings of a fiscal year's params
    dsw run [<year>] [--jobs N]      execute every report notebook of the year, HTML + index
    dsw scan-pii <path>...           national IDs and personal names in files (exit 1 if any)
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


@main.command()
@click.argument("fiscal_year", default="2564")
@click.option("--params", "params_dir", default=None, help="params directory (default: ./params of the repo)")
@click.option("--out", "out_root", default=None, help="output root (default: ./outputs of the repo)")
@click.option("--jobs", "-j", "workers", type=int, default=None, help="parallel workers (default: CPU count)")
@click.option("--only", multiple=True, help="run only jobs whose name matches this glob (repeatable)")
@click.option("--list", "list_only", is_flag=True, help="list the jobs and exit")
@click.option("--no-progress", is_flag=True, help="no progress bar")
@click.option("--fresh-kernels", is_flag=True,
              help="start a new kernel for every notebook (default: each worker reuses one warm kernel, namespace reset between notebooks)")
def run(fiscal_year, params_dir, out_root, workers, only, list_only, no_progress, fresh_kernels):
    """Execute every report notebook of FISCAL_YEAR (default 2564) in parallel.

    Writes outputs/<year>/<report>.ipynb and .html and outputs/<year>/index.html.
    Exits 1 when any report failed (all others are still produced), listing the failures.
    """
    import fnmatch
    from pathlib import Path

    from .batch import run_batch
    from .paths import repo_root, resolve_params_dir
    from .registry import collect_jobs

    year = _year(fiscal_year)
    root = repo_root()
    params = resolve_params_dir(params_dir)
    try:
        jobs = collect_jobs(year, params)
    except (ParamsError, FileNotFoundError, ValueError) as exc:
        _fail(exc)
    if only:
        jobs = [j for j in jobs if any(fnmatch.fnmatch(j.name, pat) for pat in only)]
    if not jobs:
        _fail(RuntimeError(f"no report jobs for fiscal year {year}"))
    if list_only:
        for j in jobs:
            click.echo(f"{j.name}\t{j.notebook}\t{j.output}")
        return
    out = Path(out_root) if out_root else root / "outputs"
    batch = run_batch(year, jobs, root, out, workers=workers, progress=not no_progress, reuse_kernels=not fresh_kernels)
    click.echo(f"{len(batch.results) - len(batch.failed)}/{len(batch.results)} reports written to {batch.out_dir}; index: {batch.index}")
    if batch.failed:
        click.echo(f"{len(batch.failed)} report(s) FAILED:", err=True)
        for r in batch.failed:
            click.echo(f"  {r.job.name}: {r.error.splitlines()[0] if r.error else 'unknown error'}", err=True)
        sys.exit(1)


@main.command("scan-pii")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--skip-unreadable", is_flag=True,
              help="list files (or parts) that could not be read but do not fail because of them")
@click.option("--allowlist", "allowlist", type=click.Path(dir_okay=False), default=None,
              help="YAML list of names meant to be published (default: params/pii_allowlist.yaml of the repo)")
@click.option("--no-allowlist", is_flag=True, help="flag every name, even those on the allow-list")
@click.option("--json", "as_json", is_flag=True, help="print the findings as JSON")
def scan_pii(paths, skip_unreadable, allowlist, no_allowlist, as_json):
    """Look for Thai national IDs and personal names in files and folders (recursively).

    \b
    Read: .html, .ipynb (sources, outputs of every type, attachments, metadata),
    .json/.jsonl, .csv, .tsv, .xlsx/.xlsm (every sheet and cell), .parquet,
    .md, .txt, .log, .yaml and other text files, and gzip files of any of these.
    IDs: 13 digits with a valid check digit, Arabic or Thai digits, any
    separators and grouping, HTML entities and \\u escapes decoded, also across
    adjacent table cells. Names: a Thai title (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ.,
    ranks, ดร. ...) followed by a given name and a surname.
    Not read: pictures (pixels are not OCR'd; PNG text chunks are read), PDF,
    .xls, .docx, zip and other binary files: they are listed as NOT SCANNED.

    \b
    Each finding shows file, place (line, row, cell, sheet) and a masked excerpt.
    Exit status: 0 nothing found and everything read; 1 personal data found;
    3 nothing found but something could not be read (0 with --skip-unreadable).
    """
    from .pii.scanner import scan_for_pii

    try:
        if no_allowlist:
            report = scan_for_pii(paths, allow=frozenset())
        else:
            report = scan_for_pii(paths, allowlist=allowlist)
    except (ParamsError, FileNotFoundError) as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for f in report.findings:
            click.echo(f"FOUND {f}")
        for n in report.not_scanned:
            click.echo(str(n))
        summary = (f"{len(report.findings)} finding(s) in {len(report.files)} file(s); "
                   f"{len(report.not_scanned)} file(s) or part(s) NOT SCANNED")
        if report.images_not_read:
            summary += f"; {report.images_not_read} embedded picture(s) not OCR'd"
        click.echo(summary)
    if report.findings:
        sys.exit(1)
    if report.not_scanned and not skip_unreadable:
        click.echo("some input was not scanned: see NOT SCANNED above (or pass --skip-unreadable)", err=True)
        sys.exit(3)


@main.group()
def synth():
    """Write clearly labelled SYNTHETIC data sets (never real people)."""


@synth.command("households")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--n", "n_households", type=int, default=4_100_000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
def synth_households(out_dir, n_households, seed, fmt):
    """TPMAP-style household register and development events for FY2566 KPI 3."""
    from .records.synthetic import write_synthetic_households

    result = write_synthetic_households(out_dir, n_households=n_households, seed=seed, fmt=fmt)
    click.echo(f"wrote {result}")


def _attach_subcommands() -> None:
    from .community.cli import community
    from .roadmap.cli import roadmap
    from .standards.cli import standards

    for command in (standards, community, roadmap):
        main.add_command(command)


_attach_subcommands()


if __name__ == "__main__":  # pragma: no cover
    main()
