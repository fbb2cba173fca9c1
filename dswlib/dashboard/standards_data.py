"""The one door from the dashboard to the standards package.

Everything the dashboard shows about the provincial offices' standards comes
from :func:`standards_year`, which returns plain data (no standards-package
objects). The standards package is being reworked; when it changes, only this
function is re-pointed. Today it uses :func:`dswlib.standards.report.load_year`
and :func:`~dswlib.standards.report.year_scores`.
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
    dimensions: dict  # "มิติที่ 2" -> mean (Decimal, 2 dp) or None
    overall: Decimal | None  # mean over dimensions 2+3+4, 2 dp; None when it cannot be computed
    band: str | None  # the overall grade band's label; None without an overall mean
    status_th: str  # band label, or why there is none ("ไม่มีแบบประเมิน", "คำนวณไม่ได้ ...")


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
    """The year's standards assessments, scored, as plain data for the dashboard."""
    from ..standards.aggregate import COMPLETE
    from ..standards.report import BAND_COLORS, band_label, load_year, year_scores

    data = load_year(int(fiscal_year), params_dir, assessment_dir or "")
    scores = year_scores(data)
    bands = [BandInfo(b.label_th, Decimal(b.min), Decimal(b.max), BAND_COLORS.get(i, "#bbbbbb"))
             for i, b in enumerate(data.rubric.grade_bands)]
    rows, labels = [], []
    for p in data.provinces:
        s = scores.get(p.code)
        if s is None:
            rows.append(ProvinceResult(p.code, p.name_th, p.output_id, {}, None, None, "ไม่มีแบบประเมิน"))
            continue
        dims = {f"มิติที่ {agg.key[1:]}": agg.mean_2dp for agg in s.dimensions}
        labels = labels or list(dims)
        complete = s.overall.status == COMPLETE
        rows.append(ProvinceResult(p.code, p.name_th, p.output_id, dims, s.overall.mean_2dp if complete else None,
                                   s.overall.band.label_th if complete else None, band_label(s.overall)))
    return StandardsYear(int(fiscal_year), bands, rows, len(data.assessments), bool(data.synthetic), data.source_th,
                         len(data.problems), labels)
