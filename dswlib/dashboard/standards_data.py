"""The one door from the dashboard to the standards package.

Everything the dashboard shows about the provincial offices' standards comes
from :func:`standards_year`, which returns plain data (no standards-package
objects): it reads the standards year summary, the same scores the province
pages rank against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class BandInfo:
    label_th: str
    min: Decimal
    max: Decimal
    color: str  # fill colour of the band in charts (best band first)


@dataclass(frozen=True)
class ProvinceResult:
    code: str
    name_th: str
    output_id: str  # the province page is standards/<output_id>.html
    dimensions: dict  # "มิติที่ 2" -> mean (2 dp, as printed) or None
    overall: float | None  # mean over dimensions 2+3+4, 2 dp; None when it cannot be computed
    band: str | None  # the overall grade band's label; None without an overall mean
    status_th: str  # band label, or why there is none ("ไม่มีแบบประเมิน", "คำนวณไม่ได้ ...")
    rank: int | None = None  # among the offices with an overall mean; equal means share the better rank


@dataclass(frozen=True)
class StandardsYear:
    fiscal_year: int
    bands: list[BandInfo]  # best first
    provinces: list[ProvinceResult]  # every office of the province list, assessed or not
    assessments: int
    synthetic: bool
    source_th: str
    problems: int = 0  # assessment files that could not be used
    dimension_labels: list[str] = field(default_factory=list)


def standards_year(fiscal_year: int, params_dir, assessment_dir: str = "") -> StandardsYear:
    """The year's standards scores, as plain data for the dashboard.

    Read from the year summary the province pages rank against
    (:func:`dswlib.standards.summary.load_year_summary`), so the dashboard's ranks,
    bands and means are the pages' own and no assessment file is re-read here.
    """
    import pandas as pd

    from ..standards.charts import BAND_COLORS
    from ..standards.loading import SOURCE_REAL_TH, SOURCE_SYNTHETIC_TH, assessments_dir
    from ..standards.provinces import load_provinces
    from ..standards.rubric import load_rubric
    from ..standards.summary import INVALID, OVERALL, SCORED, load_year_summary
    from ..standards.tables import office_status_th

    fiscal_year = int(fiscal_year)
    rubric = load_rubric(params_dir)
    summary = load_year_summary(fiscal_year, params_dir, assessment_dir or "")
    synthetic = assessments_dir(fiscal_year, params_dir, assessment_dir or "") is None
    bands = [BandInfo(b.label_th, Decimal(b.min), Decimal(b.max), BAND_COLORS.get(i, "#bbbbbb"))
             for i, b in enumerate(rubric.grade_bands)]
    dims = [c for c in summary.score_columns if c != OVERALL and "." not in c]  # "D2", "D3", "D4"
    labels = [f"มิติที่ {c[1:]}" for c in dims]
    ranks = summary.ranks()

    def num(value):
        return None if pd.isna(value) else float(value)

    rows = []
    for p in load_provinces(params_dir):  # the summary has a row for every office of the list
        o = summary.offices.loc[p.code]
        status_th = office_status_th(rubric, o)
        if o["status"] != SCORED:
            rows.append(ProvinceResult(p.code, p.name_th, p.output_id, {}, None, None, status_th))
            continue
        overall = num(o[OVERALL])
        rows.append(ProvinceResult(p.code, p.name_th, p.output_id, {label: num(o[c]) for label, c in zip(labels, dims)},
                                   overall, status_th if overall is not None else None, status_th,
                                   int(ranks[p.code]) if p.code in ranks.index else None))
    statuses = summary.offices["status"]
    return StandardsYear(fiscal_year, bands, rows, int((statuses == SCORED).sum()),
                         synthetic, SOURCE_SYNTHETIC_TH if synthetic else SOURCE_REAL_TH,
                         int((statuses == INVALID).sum()), labels)
