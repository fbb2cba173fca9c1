"""Everything the COVID lessons-learned notebook shows, loaded and computed in one call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .consistency import CheckResult, all_findings
from .impact import KpiImpact, compare_with_narrative, compute_impacts
from .model import CovidSection, load_covid


@dataclass
class ProvinceTable:
    """KPI 4 per-province rows (unit, numerator, denominator, printed percent) and the printed total."""

    rows: object  # DataFrame: province_th, users, returned, percent
    total: dict | None
    title_th: str
    as_of_th: str
    source: Path


@dataclass
class CovidReport:
    fiscal_year: int
    params_dir: Path
    section: CovidSection
    series: object
    baseline_years: tuple[int, ...]
    targets: dict
    kpi_ids: list[str]
    impacts: list[KpiImpact]
    comparison: object
    checks: list[CheckResult]
    provinces: ProvinceTable | None = None
    notes: list[str] = field(default_factory=list)
    first_wave_years: tuple[int, ...] = ()
    terms: tuple[str, ...] | None = None  # the year's names of the levels 50 / 75 / 100


def catalog_targets(params_dir, fiscal_year):
    """``({kpi_id: (t50, t75, t100)}, [kpi ids])`` from the year's KPI catalog (``params/<fy>/kpis.yaml``)."""
    from ..catalog import load_catalog

    catalog = load_catalog(params_dir, fiscal_year)
    targets = {k.id: tuple(k.targets) for k in catalog.kpis if k.targets and all(t is not None for t in k.targets)}
    return targets, [k.id for k in catalog.kpis]


def province_table(params_dir, fiscal_year, kpi_id: str = "4") -> ProvinceTable | None:
    """The catalog's per-unit table of ``kpi_id`` (FY2564 KPI 4: 77 provinces), or None if there is none."""
    from ..catalog import load_catalog
    from ..units import load_units_table

    catalog = load_catalog(params_dir, fiscal_year)
    try:
        kpi = catalog.kpi(kpi_id)
    except (KeyError, ValueError):
        return None
    if kpi.units_table is None:
        return None
    table = load_units_table(params_dir, fiscal_year, kpi)
    spec = table.spec
    import pandas as pd

    rows = pd.DataFrame({
        "province_th": table.rows[spec.unit].astype(str),
        "users": table.rows[spec.denominator].astype(float),
        "returned": table.rows[spec.numerator].astype(float),
        "percent": table.rows[spec.percent].astype(float) if spec.percent else None,
    })
    total = None
    if table.total is not None:
        total = {
            "users": table.total.get(spec.denominator),
            "returned": table.total.get(spec.numerator),
            "percent": table.total.get(spec.percent) if spec.percent else None,
        }
    return ProvinceTable(rows=rows, total=total, title_th=spec.title_th, as_of_th=spec.as_of_th, source=table.path)


def build_report(fiscal_year, params_dir=None, baseline_years=None) -> CovidReport:
    """Load covid.yaml, the KPI series and catalog; compute impacts, comparison and checks.

    ``baseline_years`` defaults to ``pre_covid_years`` of covid.yaml (FY2564: 2562 only); the
    ``first_wave_years`` of covid.yaml (FY2563) are shown on their own unless the caller puts
    them in the baseline, which the report then notes.
    """
    from ..paths import resolve_params_dir
    from ..series import load_series

    from ..catalog import load_catalog

    params = resolve_params_dir(params_dir)
    fiscal_year = int(fiscal_year)
    section = load_covid(params, fiscal_year)
    series = load_series(params)
    years = tuple(sorted(int(y) for y in (baseline_years or section.pre_covid_years)))
    first_wave = tuple(y for y in section.first_wave_years if y not in years)
    notes: list[str] = []
    inside = sorted(set(years) & set(section.first_wave_years))
    if inside:
        notes.append(f"ค่าฐานที่กำหนดสำหรับรายงานนี้รวมปีงบประมาณ {', '.join(map(str, inside))} ซึ่งมีการระบาดระลอกแรกแล้ว "
                     "ค่าฐานจึงไม่ใช่ค่าก่อนโควิดโดยแท้")
    targets, kpi_ids = catalog_targets(params, fiscal_year)
    terms = load_catalog(params, fiscal_year).terms
    impacts = compute_impacts(series, fiscal_year, years, targets, terms, first_wave)
    comparison = compare_with_narrative(impacts, section.listed_kpi_ids(), kpi_ids)
    checks = all_findings(section, series)
    provinces = province_table(params, fiscal_year)
    return CovidReport(
        fiscal_year=fiscal_year, params_dir=params, section=section, series=series, baseline_years=years,
        targets=targets, kpi_ids=kpi_ids, impacts=impacts, comparison=comparison, checks=checks,
        provinces=provinces, notes=notes, first_wave_years=first_wave, terms=terms,
    )
