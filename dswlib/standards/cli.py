"""``dsw standards ...``: score an assessment file, write a blank form, write a synthetic year."""

from __future__ import annotations

import json
import sys

import click

from ..errors import ParamsError


def _fail(exc: Exception):
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


def _num(x):
    return None if x is None else float(x)


def _agg(agg) -> dict:
    return {
        "key": agg.key, "name_th": agg.name_th, "status": agg.status,
        "total": _num(agg.total), "n_scored": agg.n_scored, "n_indicators": agg.n_indicators,
        "mean": _num(agg.mean_2dp), "band_th": agg.band.label_th if agg.band else None,
        "passed": agg.band.passed if agg.band else None,
        "not_applicable": list(agg.na_ids), "missing": list(agg.missing_ids),
    }


def scores_dict(rubric, assessment, scores, checks) -> dict:
    """The JSON document printed by ``dsw standards score --json``."""
    inds = []
    for ind in rubric.scored_indicators():
        r = scores.indicators[ind.id]
        d, a, s = rubric.context(ind.id)
        inds.append({
            "id": ind.id, "dimension": d.number, "area": a.number, "standard": s.number,
            "name_th": ind.name_th, "status": r.status, "score": _num(r.score),
            "level_th": rubric.score_level_label(r.score) if r.score is not None else None,
            "band_printed_th": r.band_th, "result_th": r.result_th, "note_th": r.note_th or None,
            "target_score": _num(ind.target_score),
        })
    return {
        "source": assessment.source,
        "province_code": assessment.province_code,
        "fiscal_year": assessment.fiscal_year,
        "synthetic": assessment.synthetic,
        "indicators": inds,
        "areas": [_agg(a) for a in scores.areas],
        "dimensions": [_agg(a) for a in scores.dimensions],
        "overall": _agg(scores.overall),
        "input_checks": [{"id": c.id, "status": c.status, "meets": c.meets, "result_th": c.result_th} for c in checks.values()],
    }


@click.group("standards")
def standards():
    """Performance standards of the provincial offices (seed 004)."""


@standards.command("score")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print indicator, area, dimension and overall scores as JSON.")
@click.option("--params-dir", default="params", show_default=True)
def score(file, as_json, params_dir):
    """Score one assessment FILE (.csv or .xlsx)."""
    from .assessment import read_assessment, score_assessment
    from .rubric import load_rubric

    try:
        rubric = load_rubric(params_dir)
        a = read_assessment(file, rubric, params_dir)
    except ParamsError as exc:
        _fail(exc)
    scores, checks = score_assessment(rubric, a)
    doc = scores_dict(rubric, a, scores, checks)
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(f"{a.source}  province {a.province_code}  FY{a.fiscal_year}" + ("  [SYNTHETIC]" if a.synthetic else ""))
    for i in doc["indicators"]:
        score_txt = "-" if i["score"] is None else f"{i['score']:g}"
        click.echo(f"  {i['id']:<7} {score_txt:>4}  {i['status']:<8} {i['result_th']}")
    for level in doc["areas"] + doc["dimensions"] + [doc["overall"]]:
        mean = "-" if level["mean"] is None else f"{level['mean']:.2f}"
        click.echo(f"{level['key']:<8} {mean:>6}  ({level['n_scored']}/{level['n_indicators']})  {level['band_th'] or level['status']}")


@standards.command("template")
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--province", default=None, help="Province code or name to pre-fill.")
@click.option("--year", "fiscal_year", default=None, help="Fiscal year (B.E.) to pre-fill.")
@click.option("--params-dir", default="params", show_default=True)
def template(out, province, fiscal_year, params_dir):
    """Write a blank evaluation form to OUT (.csv or .xlsx)."""
    from ..fiscal import normalize_be_year
    from .provinces import find_province
    from .rubric import load_rubric
    from .template import write_template

    try:
        rubric = load_rubric(params_dir)
        prov = find_province(province, params_dir) if province else None
        year = normalize_be_year(fiscal_year) if fiscal_year else None
        path = write_template(out, rubric, province=prov, fiscal_year=year)
    except ParamsError as exc:
        _fail(exc)
    click.echo(str(path))


@standards.command("demo")
@click.argument("year")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--seed", default=None, type=int, help="Random seed (default: the fixed demo seed).")
@click.option("--xlsx", is_flag=True, help="Write .xlsx files instead of .csv.")
@click.option("--params-dir", default="params", show_default=True)
def demo(year, out_dir, seed, xlsx, params_dir):
    """Write a SYNTHETIC assessment file per province for YEAR into OUT_DIR."""
    from ..fiscal import normalize_be_year
    from .demo import DEFAULT_SEED, write_demo
    from .provinces import load_provinces
    from .rubric import load_rubric

    try:
        fy = normalize_be_year(year)
        rubric = load_rubric(params_dir)
        paths = write_demo(rubric, load_provinces(params_dir), fy, out_dir,
                           DEFAULT_SEED if seed is None else seed, ".xlsx" if xlsx else ".csv")
    except ParamsError as exc:
        _fail(exc)
    click.echo(f"{len(paths)} synthetic assessments written to {out_dir}")


if __name__ == "__main__":  # pragma: no cover
    standards()
