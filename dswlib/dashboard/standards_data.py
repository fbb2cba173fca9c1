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
    """The year's standards scores, as plain data for the dashboard.

    Read from the year summary the province pages rank against
    (:func:`dswlib.standards.summary.load_year_summary`), so the dashboard's ranks,
    bands and means are the pages' own and no assessment file is re-read here.
    """
    import math

    from ..standards.charts import BAND_COLORS
    from ..standards.loading import SOURCE_REAL_TH, SOURCE_SYNTHETIC_TH, assessments_dir
    from ..standards.provinces import load_provinces
    from ..standards.rubric import load_rubric
    from ..standards.summary import INVALID, NO_FILE, OVERALL, load_year_summary
    from ..standards.wording import STATUS_TH

    fiscal_year = int(fiscal_year)
    rubric = load_rubric(params_dir)
    summary = load_year_summary(fiscal_year, params_dir, assessment_dir or "")
    synthetic = assessments_dir(fiscal_year, params_dir, assessment_dir or "") is None
    grade_bands = list(rubric.grade_bands)
    bands = [BandInfo(b.label_th, Decimal(b.min), Decimal(b.max), BAND_COLORS.get(i, "#bbbbbb"))
             for i, b in enumerate(grade_bands)]
    dims = [c for c in summary.score_columns if c != OVERALL and "." not in c]  # "D2", "D3", "D4"
    labels = [f"มิติที่ {c[1:]}" for c in dims]

    def dec(value):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else \
            Decimal(str(value)).quantize(Decimal("0.01"))

    rows, statuses = [], summary.offices["status"]
    for p in load_provinces(params_dir):
        status = statuses.get(p.code, NO_FILE)
        if status == NO_FILE:
            rows.append(ProvinceResult(p.code, p.name_th, p.output_id, {}, None, None, "ไม่มีแบบประเมิน"))
            continue
        if status == INVALID:
            rows.append(ProvinceResult(p.code, p.name_th, p.output_id, {}, None, None, "แบบประเมินใช้ไม่ได้"))
            continue
        o = summary.offices.loc[p.code]
        overall = dec(o[OVERALL])
        band = grade_bands[int(o["band"])].label_th if overall is not None and o["band"] is not None \
            and str(o["band"]) != "<NA>" else None
        rows.append(ProvinceResult(p.code, p.name_th, p.output_id,
                                   {label: dec(o[c]) for label, c in zip(labels, dims)}, overall, band,
                                   band or STATUS_TH["incomplete"]))
    return StandardsYear(fiscal_year, bands, rows, int((statuses != NO_FILE).sum() - (statuses == INVALID).sum()),
                         synthetic, SOURCE_SYNTHETIC_TH if synthetic else SOURCE_REAL_TH,
                         int((statuses == INVALID).sum()), labels)
