"""``dsw``: the command line.

    dsw score <year> [--json]        scorecard of a fiscal year
    dsw check <year> [--json]        data-quality findings of a fiscal year's params
    dsw run [<year>] [-j N] [-p NAME VALUE] [--force] [--scheduler ADDRESS]
                                     execute the year's report notebooks (incremental), HTML + index + manifest
    dsw pdf FILE.html...             A4 PDF beside each reviewer page (Debian chromium)
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
@click.option("--below", type=click.Choice(["zero", "linear_from_zero"]), default=None, help="scoring below the lowest target level (50)")
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
@click.option("-p", "--parameter", "overrides", nargs=2, multiple=True, metavar="NAME VALUE",
              help="set a notebook parameter for every job whose notebook has it (repeatable), e.g. -p round 6")
@click.option("--force", is_flag=True, help="re-run every selected job, even those whose inputs are unchanged")
@click.option("--list", "list_only", is_flag=True, help="list the jobs with their parameters and exit")
@click.option("--no-progress", is_flag=True, help="no progress bar")
@click.option("--fresh-kernels", is_flag=True,
              help="start a new kernel for every notebook with papermill's own engine "
                   "(default: each worker reuses one warm kernel, engine dsw-warm)")
@click.option("--cell-timeout", type=int, default=None,
              help="seconds a notebook cell may run before the report fails (default 600; 0: no limit)")
@click.option("--kernel", "kernel_name", default="python3", show_default=True, help="Jupyter kernel to run notebooks in")
@click.option("--pdf", "with_pdf", is_flag=True, help="also print every written HTML to an A4 PDF beside it (Debian chromium)")
@click.option("--full-notebooks", is_flag=True, envvar="DSW_FULL_NOTEBOOKS",
              help="keep each executed notebook whole, with every table and chart output, e.g. to open it in "
                   "JupyterLab (env DSW_FULL_NOTEBOOKS=1; default: the .ipynb is a record of the run, its display "
                   "outputs replaced by their size and sha256 since the HTML page shows them)")
@click.option("--scheduler", envvar="DSW_SCHEDULER", default=None, metavar="ADDRESS",
              help="run the reports on the Dask distributed cluster at ADDRESS (e.g. tcp://host:8786; "
                   "env DSW_SCHEDULER); repository, params and --out must be on a path shared by every worker")
@click.option("-v", "--verbose", count=True, help="more detail on the terminal (-v jobs, -vv debug); run.log has it all")
def run(fiscal_year, params_dir, out_root, workers, only, overrides, force, list_only, no_progress, fresh_kernels,
        cell_timeout, kernel_name, with_pdf, full_notebooks, scheduler, verbose):
    """Execute every report notebook of FISCAL_YEAR (default 2564) in parallel.

    Writes outputs/<year>/<report>.ipynb and .html, index.html (the year's dashboard), dashboard.json, manifest.json, scorecard.json and run.log;
    with --pdf also <report>.pdf for each report run and index.pdf (a run without --pdf removes index.pdf and the PDF of each report it re-runs).
    Reports whose inputs are unchanged since their last successful run are skipped (--force re-runs them).
    The .html page is the report; the .ipynb records how it was produced (parameters, papermill's timings,
    streams, errors) with each display output replaced by a line giving its size and sha256
    (--full-notebooks keeps them; switching re-runs the reports written the other way).
    Exits 1 when any report failed (all others are still produced), listing the failures; 2 when a job's
    parameters are refused (nothing is written); 130 when interrupted (SIGINT/SIGTERM).
    """
    import fnmatch
    from pathlib import Path

    from .batch import run_batch
    from .jobparams import JobsRefused, apply_overrides, check_jobs, parse_overrides
    from .paths import repo_root, resolve_params_dir
    from .registry import collect_jobs
    from .runjob import DEFAULT_CELL_TIMEOUT

    year = _year(fiscal_year)
    root = repo_root()
    params = resolve_params_dir(params_dir)
    try:
        all_jobs = collect_jobs(year, params, root=root)
    except (ParamsError, FileNotFoundError, ValueError) as exc:
        _fail(exc)
    jobs = all_jobs
    if only:
        jobs = [j for j in jobs if any(fnmatch.fnmatch(j.name, pat) for pat in only)]
    if not jobs:
        _fail(RuntimeError(f"no report jobs for fiscal year {year}" + (f" matching {' '.join(only)}" if only else "")))
    try:
        values = parse_overrides(overrides)
        all_jobs = apply_overrides(all_jobs, values, root / "notebooks", params)
        by_name = {j.name: j for j in all_jobs}
        jobs = [by_name[j.name] for j in jobs]
        if list_only:
            for j in jobs:
                shown = " ".join(f"{k}={v!r}" for k, v in j.parameters.items())
                click.echo(f"{j.name}\t{j.notebook}\t{shown}")
        check_jobs(jobs, root / "notebooks", root, year)
    except JobsRefused as exc:
        click.echo(f"error: {len(exc.problems)} job parameter problem(s); nothing was run or written:", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(2)
    if list_only:
        return
    if with_pdf:  # no browser: refuse before anything runs, naming the Debian package
        from .browser import BrowserMissing, find_chromium

        try:
            find_chromium()
        except BrowserMissing as exc:
            click.echo(f"error: --pdf: {exc}; nothing was run or written", err=True)
            sys.exit(2)
    out = Path(out_root) if out_root else root / "outputs"
    timeout = DEFAULT_CELL_TIMEOUT if cell_timeout is None else (cell_timeout or None)
    from .daskexec import SchedulerError

    try:
        batch = run_batch(year, jobs, root, out, workers=workers, progress=not no_progress, kernel_name=kernel_name,
                          reuse_kernels=not fresh_kernels, force=force, cell_timeout=timeout, params_dir=params,
                          all_jobs=all_jobs, verbosity=verbose, pdf=with_pdf, full_notebooks=full_notebooks,
                          scheduler=scheduler or None)
    except SchedulerError as exc:
        click.echo(f"error: {exc}; nothing was run", err=True)
        sys.exit(2)
    ok = len(batch.results) - len(batch.failed) + len(batch.skipped)
    click.echo(f"{ok}/{len(jobs)} reports in {batch.out_dir} ({len(batch.results) - len(batch.failed)} written, "
               f"{len(batch.skipped)} up to date, {len(batch.failed)} failed); index: {batch.index}")
    if batch.failed:
        click.echo(f"{len(batch.failed)} report(s) FAILED:", err=True)
        for r in batch.failed:
            click.echo(f"  {r.job.name}: {r.error or 'unknown error'}", err=True)
    if batch.index_pdf_error:
        click.echo(f"index.pdf FAILED: {batch.index_pdf_error}", err=True)
    if batch.interrupted:
        click.echo(f"interrupted: {len(batch.not_run)} report(s) not run; index and manifest list what finished",
                   err=True)
        sys.exit(130)
    if batch.failed or batch.index_pdf_error:
        sys.exit(1)


@main.command("pdf")
@click.argument("html_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--jobs", "-j", "workers", type=int, default=None, help="parallel Chromium processes (default: CPU count)")
def pdf_command(html_files, workers):
    """Print each HTML_FILE to an A4 PDF beside it (report.html -> report.pdf) with Debian's Chromium.

    Exits 1 listing the files that could not be printed (the others are still written),
    2 when Chromium is not installed.
    """
    from .browser import BrowserMissing
    from .pdf import convert_many

    try:
        results = convert_many(html_files, workers=workers)
    except BrowserMissing as exc:
        _fail(exc)
    for r in results:
        if r.ok:
            click.echo(f"wrote {r.pdf}")
    failed = [r for r in results if not r.ok]
    if failed:
        click.echo(f"{len(failed)} PDF(s) FAILED:", err=True)
        for r in failed:
            click.echo(f"  {r.html}: {r.error}", err=True)
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
    .md, .txt, .log, .yaml and other text files, PDF (page by page with poppler-utils'
    pdftotext), and gzip files of any of these.
    IDs: 13 digits with a valid check digit, Arabic or Thai digits, any
    separators and grouping, HTML entities and \\u escapes decoded, also across
    adjacent table cells. Names: a Thai title (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ.,
    ranks, ดร. ...) followed by a given name and a surname.
    Not read: pictures (pixels are not OCR'd; PNG text chunks are read), PDF
    without poppler-utils or damaged, .xls, .docx, zip and other binary files:
    they are listed as NOT SCANNED.

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
    from .cycle_cli import intake, new_year
    from .roadmap.cli import roadmap
    from .standards.cli import standards

    for command in (standards, community, roadmap, intake, new_year):
        main.add_command(command)


_attach_subcommands()


if __name__ == "__main__":  # pragma: no cover
    main()
