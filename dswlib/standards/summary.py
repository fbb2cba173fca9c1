"""The year summary: every office's scores in one small table, computed once and shared.

A province page needs the other offices only for its rank and for the national and
regional (สสว.) means. Reading 76 (or 760) assessment files for every page would make
the batch grow with the square of the number of offices, so the scores of the year are
summarised once -- per office: region, overall / dimension / area means (2 decimals, as
printed), total, indicator scores -- and written to
``<params_dir>/.cache/standards/summary_<year>.json``.

* The file holds **scores only** (no dates, notes, problems text or file stamps), written
  deterministically: a change in an assessment that does not move a score leaves it
  byte-identical, so its hash -- part of every province job's fingerprint
  (:func:`dswlib.standards.jobs.inputs`) -- does not change and only that province's
  page and the overview re-run. A change of any score changes it, and every province
  page re-runs (its rank and the means may have moved).
* It is rebuilt when any source is newer than it (``make``-style on modification
  times: the rubric, the province list, the assessment directory and its files, the
  scoring code), using ``stat`` only -- a province report opens the summary file and
  its own assessment, nothing else. The batch refreshes it before fingerprinting
  (:func:`dswlib.standards.jobs.jobs`); a notebook run on its own refreshes it itself.
* A file that cannot be used is left out (status ``invalid``), exactly as in the
  overview: one malformed file never fails another province's page.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..filecache import cached_on_files
from ..thainum import round_half_up
from .aggregate import COMPLETE, Scores

SUMMARY_VERSION = 1
CACHE_DIR = ".cache/standards"
#: office status in the summary
SCORED, NO_FILE, INVALID = "scored", "no_file", "invalid"
OVERALL = "overall"


@dataclass
class YearSummary:
    """Every office's scores of one year (frames indexed by province code, numbers as numbers)."""

    fiscal_year: int
    offices: object  # DataFrame: region, status, total, n_scored, band, overall, D2..D4, D2.A1..D4.A10
    indicators: object  # DataFrame: one column per scored indicator id (score, NaN when na/missing)
    score_columns: tuple = ()  # "overall", "D2", ..., "D4.A10" in report order

    # ------------------------------------------------------------------ building

    @classmethod
    def from_scores(cls, fiscal_year: int, rubric, provinces, scores: dict[str, Scores],
                    invalid: set[str] = frozenset()) -> "YearSummary":
        rows = []
        for p in provinces:
            s = scores.get(p.code)
            row = {"code": p.code, "region": p.ssw_office,
                   "status": SCORED if s is not None else (INVALID if p.code in invalid else NO_FILE)}
            if s is not None:
                row.update(_score_row(rubric, s))
            rows.append(row)
        return cls.from_records(fiscal_year, rubric, rows)

    @classmethod
    def from_year(cls, fiscal_year: int, data) -> "YearSummary":
        """From a loaded year (:func:`dswlib.standards.loading.load_year`)."""
        from .loading import file_province_id, year_scores

        by_id = {p.output_id: p.code for p in data.provinces}
        invalid = {by_id[file_province_id(Path(f.where))] for f in data.problems
                   if file_province_id(Path(f.where)) in by_id}
        return cls.from_scores(fiscal_year, data.rubric, data.provinces, year_scores(data), invalid)

    @classmethod
    def from_records(cls, fiscal_year: int, rubric, rows: list[dict]) -> "YearSummary":
        import pandas as pd

        columns = score_columns(rubric)
        ind_ids = [i.id for i in rubric.scored_indicators()]
        offices = pd.DataFrame(
            [{"code": r["code"], "region": r.get("region"), "status": r["status"],
              "total": _num(r.get("total")), "n_scored": r.get("n_scored"), "band": r.get("band"),
              **{c: _num(r.get("means", {}).get(c)) for c in columns}} for r in rows]).set_index("code")
        offices["region"] = offices["region"].astype("Int64")
        offices["n_scored"] = offices["n_scored"].astype("Int64")
        offices["band"] = offices["band"].astype("Int64")
        indicators = pd.DataFrame([{"code": r["code"], **{i: _num(r.get("indicators", {}).get(i)) for i in ind_ids}}
                                   for r in rows]).set_index("code")
        return cls(int(fiscal_year), offices, indicators, tuple(columns))

    # ------------------------------------------------------------------ file form

    def to_json(self) -> str:
        """Deterministic JSON of the scores (the same scores give the same bytes)."""
        rows = []
        for code, o in self.offices.iterrows():
            row = {"code": code, "region": _int(o["region"]), "status": o["status"]}
            if o["status"] == SCORED:
                row.update({"total": _dec(o["total"]), "n_scored": _int(o["n_scored"]), "band": _int(o["band"]),
                            "means": {c: _dec(o[c]) for c in self.score_columns if _dec(o[c]) is not None},
                            "indicators": {i: _dec(v) for i, v in self.indicators.loc[code].items()
                                           if _dec(v) is not None}})
            rows.append(row)
        doc = {"version": SUMMARY_VERSION, "fiscal_year": self.fiscal_year, "offices": rows}
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str, rubric) -> "YearSummary":
        doc = json.loads(text)
        if doc.get("version") != SUMMARY_VERSION:
            raise ValueError(f"year summary version {doc.get('version')}, expected {SUMMARY_VERSION}")
        return cls.from_records(doc["fiscal_year"], rubric, doc["offices"])

    # ------------------------------------------------------------------ questions

    @property
    def ranked(self):
        """Offices with a complete overall score."""
        return self.offices[self.offices[OVERALL].notna()]

    def ranks(self):
        """Rank by overall score (2 decimals, as printed), highest first; ties share the best rank."""
        return self.ranked[OVERALL].rank(method="min", ascending=False).astype(int)

    def rank_of(self, code: str) -> tuple[int | None, int, int]:
        """(rank, number of ranked offices, number of offices sharing that rank) of ``code``."""
        ranks = self.ranks()
        if code not in ranks.index:
            return None, len(ranks), 0
        r = int(ranks[code])
        return r, len(ranks), int((ranks == r).sum())

    def means(self, region: int | None = None) -> dict:
        """``{column: (mean, n)}``: the mean of the offices' printed 2-decimal scores, half-up to 2
        decimals (Decimal; None when no office has the score); national, or of one สสว. region."""
        memo = self.__dict__.setdefault("_means", {})
        if region not in memo:
            frame = self.offices if region is None else self.offices[self.offices["region"] == region]
            out = {}
            for col in self.score_columns:
                # the scores are 2-decimal figures: their sum in hundredths is an exact integer
                values = frame[col].dropna()
                cents = int((values * 100).round().astype("int64").sum())
                out[col] = (round_half_up(Decimal(cents) / 100 / len(values), 2) if len(values) else None, len(values))
            memo[region] = out
        return dict(memo[region])


def score_columns(rubric) -> list[str]:
    dims = [f"D{d.number}" for d in rubric.dimensions if d.scored]
    areas = [f"D{d.number}.A{a.number}" for d, a in rubric.scored_areas()]
    return [OVERALL, *dims, *areas]


def _score_row(rubric, s: Scores) -> dict:
    means = {a.key: a.mean_2dp for a in [*s.dimensions, *s.areas] if a.status == COMPLETE}
    if s.overall.status == COMPLETE:
        means[OVERALL] = s.overall.mean_2dp
    band = list(rubric.grade_bands).index(s.overall.band) if s.overall.band is not None else None
    return {"total": s.overall.total, "n_scored": s.overall.n_scored, "band": band, "means": means,
            "indicators": {i: r.score for i, r in s.indicators.items() if r.status == "scored"}}


def _num(value):
    return float(Decimal(str(value))) if value is not None else float("nan")


def _dec(value) -> str | None:
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def _int(value):
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


# ---------------------------------------------------------------------- the cached file

def summary_path(fiscal_year: int, params_dir="params", assessment_dir="") -> Path:
    """``<params_dir>/.cache/standards/summary_<year>.json`` (a directory-specific name for ``assessment_dir``)."""
    from ..paths import resolve_params_dir

    base = resolve_params_dir(params_dir) / CACHE_DIR
    if not assessment_dir:
        return base / f"summary_{int(fiscal_year)}.json"
    from .loading import assessments_dir

    key = hashlib.sha1(str(assessments_dir(fiscal_year, params_dir, assessment_dir)).encode()).hexdigest()[:10]
    return base / f"summary_{int(fiscal_year)}_{key}.json"


def summary_input(fiscal_year: int, params_dir, assessment_dir="") -> str:
    """The summary as a declared job input (a path relative to ``params_dir``)."""
    from ..paths import resolve_params_dir

    rel = os.path.relpath(summary_path(fiscal_year, params_dir, assessment_dir), resolve_params_dir(params_dir))
    return rel.replace(os.sep, "/")


def _sources(fiscal_year: int, params_dir, assessment_dir) -> list[Path]:
    """What the summary is computed from (checked with ``stat`` only: nothing is opened)."""
    from .loading import _assessment_files, assessments_dir
    from .provinces import provinces_path
    from .rubric import rubric_path

    out = [rubric_path(params_dir), provinces_path(params_dir)]
    out += sorted(Path(__file__).parent.glob("*.py"))  # the scoring code
    directory = assessments_dir(fiscal_year, params_dir, assessment_dir)
    if directory is None:  # demo year: a directory appearing later is caught by the job's declared glob
        return out
    return out + [directory, *_assessment_files(directory)]


def _newest(paths) -> int:
    newest = 0
    for p in paths:
        try:
            newest = max(newest, os.stat(p).st_mtime_ns)
        except FileNotFoundError:
            continue
    return newest


def build_year_summary(fiscal_year: int, params_dir="params", assessment_dir="") -> YearSummary:
    """Read every assessment of the year (or generate the demo year) and summarise it."""
    from .loading import load_year

    return YearSummary.from_year(fiscal_year, load_year(fiscal_year, params_dir, assessment_dir))


def ensure_year_summary(fiscal_year: int, params_dir="params", assessment_dir="") -> Path | None:
    """Rebuild the summary file when a source is newer than it; its path (None if it cannot be written)."""
    from ..atomic import write_text

    path = summary_path(fiscal_year, params_dir, assessment_dir)
    try:
        mtime = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        mtime = None
    if mtime is not None and mtime > _newest(_sources(fiscal_year, params_dir, assessment_dir)):
        return path
    text = build_year_summary(fiscal_year, params_dir, assessment_dir).to_json()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if mtime is not None and path.read_text(encoding="utf-8") == text:
            os.utime(path)  # same scores: same bytes (same hash), newer than its sources
        else:
            write_text(path, text)
    except OSError:
        return None
    return path


@cached_on_files(lambda path, rubric_file: [path, rubric_file], maxsize=8)
def _read(path: str, rubric_file: str) -> YearSummary:
    from .rubric import load_rubric

    return YearSummary.from_json(Path(path).read_text(encoding="utf-8"), load_rubric(Path(rubric_file).parents[1]))


def load_year_summary(fiscal_year: int, params_dir="params", assessment_dir="") -> YearSummary:
    """The year's summary, from its file (refreshed first if a source changed)."""
    from .rubric import rubric_path

    path = ensure_year_summary(fiscal_year, params_dir, assessment_dir)
    if path is None:  # params directory not writable: summarise in memory
        return build_year_summary(fiscal_year, params_dir, assessment_dir)
    return _read(str(path), str(rubric_path(params_dir)))
