"""The COVID-19 lessons-learned report: ``CovidReport.load(...)`` then one call per section.

```python
rep = CovidReport.load(fiscal_year=2564, params_dir="params", baseline_years=None)
rep.cover()                # title and what the report is built from
rep.impacts_intro()        # part 1
rep.ways_of_working()      # 1.1 with the staff-ratio table
rep.affected_kpis()        # 1.2 Table 1
rep.computed_impact()      # 1.3 baseline and the computed impact table
rep.comparison()           # data vs Table 1
rep.conclusions()          # what the figures can and cannot tell
rep.before_during()        # chart per KPI
rep.provinces()            # KPI 4 by province (chart)
rep.responses()            # part 2, Table 2
rep.supporting_tables()    # ตารางประกอบ ก-จ (printed and recomputed figures)
rep.good_practices()       # part 3
rep.policy_recommendations(); rep.practical_recommendations()   # 4.1, 4.2
rep.data_quality()         # findings (Thai)
rep.appendix()             # ภาคผนวก: files, seed lines, findings' codes
```

Every section is a :class:`dswlib.display.Section` (it displays itself; ``.tables()``
gives its :class:`~dswlib.display.ReportTable` objects, whose ``.data`` are numeric).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..display import Figure, ReportTable, Section, para
from ..errors import ParamsError
from ..findings import Finding, findings_table
from ..thainum import format_number
from . import sections, tables
from .consistency import Checked, all_checks
from .impact import KpiImpact, compare_with_narrative, compute_impacts, impact_frame
from .model import CovidSection, load_covid

PARAMETERS = "notebook parameters"


@dataclass
class ProvinceTable:
    """KPI 4 per-province rows (unit, numerator, denominator, printed percent) and the printed total."""

    rows: object  # DataFrame: province_th, users, returned, percent
    total: dict | None
    title_th: str
    as_of_th: str
    source: Path
    sources: str = ""  # seed lines of the rows ("002 L569-653")


def _line_ranges(sources) -> str:
    """``["002 L569", "002 L570", ...]`` -> ``"002 L569-653"`` (one range per document)."""
    lines: dict[str, list[int]] = {}
    for source in sources:
        for code, start, end in re.findall(r"(\d{3}) L(\d+)(?:-(\d+))?", str(source or "")):
            lines.setdefault(code, []).extend([int(start), int(end or start)])
    return "; ".join(f"{code} L{min(v)}" + (f"-{max(v)}" if max(v) != min(v) else "") for code, v in lines.items())


def catalog_targets(params_dir, fiscal_year):
    """``({kpi_id: (t50, t75, t100)}, [kpi ids])`` from the year's KPI catalog (``params/<fy>/kpis.yaml``)."""
    from ..catalog import load_catalog

    catalog = load_catalog(params_dir, fiscal_year)
    targets = {k.id: tuple(k.targets) for k in catalog.kpis if k.targets and all(t is not None for t in k.targets)}
    return targets, [k.id for k in catalog.kpis]


def province_table(params_dir, fiscal_year, kpi_id: str = "4") -> ProvinceTable | None:
    """The catalog's per-unit table of ``kpi_id`` (FY2564 KPI 4: 77 provinces), or None if there is none."""
    import pandas as pd

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
    cited = list(table.rows["source"]) if "source" in table.rows else []
    if table.total is not None and table.total.get("source"):
        cited.append(table.total["source"])
    return ProvinceTable(rows=rows, total=total, title_th=spec.title_th, as_of_th=spec.as_of_th, source=table.path,
                         sources=_line_ranges(cited))


def _fiscal_year(value) -> int:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ParamsError(PARAMETERS, "fiscal_year", "a B.E. fiscal year such as 2564", value) from None
    if not 2500 <= year < 2700:
        raise ParamsError(PARAMETERS, "fiscal_year", "a B.E. fiscal year such as 2564", value)
    return year


def _baseline_years(value, fiscal_year: int):
    if value is None:
        return None
    if isinstance(value, (int, str)):
        value = [value]
    try:
        years = tuple(sorted(int(str(y).strip()) for y in value))
    except (TypeError, ValueError):
        raise ParamsError(PARAMETERS, "baseline_years", "None or a list of B.E. fiscal years such as [2562]",
                          value) from None
    if not years or any(y >= fiscal_year for y in years):
        raise ParamsError(PARAMETERS, "baseline_years", f"years before the fiscal year {fiscal_year}", value)
    return years


@dataclass
class CovidReport:
    """The loaded and computed COVID section of one fiscal year; each section method returns a Section."""

    fiscal_year: int
    params_dir: Path
    section: CovidSection
    series: object
    baseline_years: tuple[int, ...]
    targets: dict
    kpi_ids: list[str]
    impacts: list[KpiImpact]
    comparison_frame: object
    checks: list[Checked]
    province_data: ProvinceTable | None = None
    notes: list[str] = field(default_factory=list)
    first_wave_years: tuple[int, ...] = ()
    terms: tuple[str, ...] | None = None  # the year's names of the levels 50 / 75 / 100
    titles: dict = field(default_factory=dict)  # document code -> Thai title
    baseline_given: bool = False

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, fiscal_year=2564, params_dir="params", baseline_years=None, *, setup: bool = True) -> "CovidReport":
        """Load covid.yaml, the KPI series and catalog; compute impacts, comparison and checks.

        Takes the notebook's parameters. ``baseline_years`` defaults to ``pre_covid_years``
        of covid.yaml (FY2564: 2562 only); the ``first_wave_years`` (FY2563) are shown on
        their own unless the caller puts them in the baseline, which the report then notes.
        ``setup`` prepares the notebook (Thai font in charts).
        """
        from ..catalog import load_catalog
        from ..notebook import setup as notebook_setup
        from ..paths import resolve_params_dir
        from ..series import load_series
        from ..sourcedocs import document_titles

        if setup:
            notebook_setup()
        fiscal_year = _fiscal_year(fiscal_year)
        given = _baseline_years(baseline_years, fiscal_year)
        params = resolve_params_dir(params_dir)
        section = load_covid(params, fiscal_year)
        series = load_series(params)
        years = given or tuple(sorted(int(y) for y in section.pre_covid_years))
        first_wave = tuple(y for y in section.first_wave_years if y not in years)
        notes: list[str] = []
        inside = sorted(set(years) & set(section.first_wave_years))
        if inside:
            notes.append(f"ค่าฐานที่กำหนดสำหรับรายงานนี้รวมปีงบประมาณ {', '.join(map(str, inside))} ซึ่งมีการระบาดระลอกแรกแล้ว "
                         "ค่าฐานจึงไม่ใช่ค่าก่อนโควิดโดยแท้")
        targets, kpi_ids = catalog_targets(params, fiscal_year)
        terms = load_catalog(params, fiscal_year).terms
        impacts = compute_impacts(series, fiscal_year, years, targets, terms, first_wave)
        return cls(
            fiscal_year=fiscal_year, params_dir=params, section=section, series=series, baseline_years=years,
            targets=targets, kpi_ids=kpi_ids, impacts=impacts,
            comparison_frame=compare_with_narrative(impacts, section.listed_kpi_ids(), kpi_ids),
            checks=all_checks(section, series), province_data=province_table(params, fiscal_year), notes=notes,
            first_wave_years=first_wave, terms=terms, titles=document_titles(params), baseline_given=given is not None,
        )

    # ------------------------------------------------------------------ data for analysts
    @property
    def findings(self) -> list[Finding]:
        """The data-quality findings (problems only), numbered in this order in the body and the appendix."""
        return [c.finding for c in self.checks if not c.ok]

    def document_codes(self) -> list[str]:
        from ..sourcedocs import document_codes

        sources = [self.section.source, *(i.source for i in self.impacts), *(f.source for f in self.findings)]
        if self.province_data is not None:
            sources.append(self.province_data.sources)
        return document_codes(*sources)

    @property
    def document_th(self) -> str:
        """The Thai name of the document the section comes from (FY2564: seed 002's title)."""
        from ..sourcedocs import document_names

        return document_names([self.section.source], self.titles)

    def impact_table(self) -> ReportTable:
        """The computed impact per KPI (numbers; headers carry the years)."""
        from ..sourcedocs import document_names

        frame = impact_frame(self.impacts, self.terms, self.baseline_years, self.first_wave_years)
        used = self.series[self.series["series_id"].isin([i.series_id for i in self.impacts])
                           & (self.series["fiscal_year"] <= self.fiscal_year)]
        source = "ผลการดำเนินงานย้อนหลังจาก" + document_names(list(used["source"]), self.titles)
        return tables.impact_table(frame, source)

    def comparison_table(self) -> ReportTable:
        return tables.comparison_table(self.comparison_frame)

    def supporting_table_list(self) -> list[ReportTable]:
        """ตารางประกอบ ก-จ (printed figures with their recomputation)."""
        src = self.document_th
        return [
            tables.relief_table(self.section, src),
            tables.outcome_table(self.section, "screening_point", src),
            tables.protection_users_table(self.section, src),
            tables.outcome_table(self.section, "shelter_outcomes", src),
            tables.online_training_table(self.section, src),
        ]

    # ------------------------------------------------------------------ sections
    def cover(self) -> Section:
        from ..display import Heading

        return Section().add(
            Heading(f"{self.section.title_th} ปีงบประมาณ พ.ศ. {self.fiscal_year}", 1),
            para(f"เรียบเรียงจากส่วนผลการถอดบทเรียนของ{self.document_th} ตัวเลขทุกตัวคงไว้ตามที่พิมพ์ "
                 "และเพิ่มการคำนวณผลกระทบจากข้อมูลผลการดำเนินงานย้อนหลัง แหล่งที่มาของแต่ละข้อความและตัวเลข "
                 "(เลขบรรทัดในเอกสารต้นฉบับ) อยู่ในภาคผนวกท้ายรายงาน"))

    def impacts_intro(self) -> Section:
        return Section().add(para(self.section.impacts.intro_th))

    def ways_of_working(self) -> Section:
        sec = self.section
        return Section().add(sections.dimension_block(sec, sec.impacts.ways_of_working),
                             tables.staff_ratio_table(sec, self.document_th))

    def affected_kpis(self) -> Section:
        sec = self.section
        return Section().add(para(sec.impacts.affected_kpis_intro_th), tables.affected_kpis_table(sec, self.document_th))

    def computed_impact(self) -> Section:
        return Section().add(
            sections.baseline_block(self.section, self.baseline_years, self.first_wave_years, self.notes),
            self.impact_table())

    def comparison(self) -> Section:
        return Section().add(self.comparison_table())

    def conclusions(self) -> Section:
        return sections.conclusions_block(self.impacts, self.baseline_years, self.section.listed_kpi_ids())

    def before_during(self) -> Section:
        from . import charts

        if not self.impacts:
            return Section().add(para("ไม่มีตัวชี้วัดที่มีอนุกรมข้อมูลเชิงปริมาณ จึงไม่มีกราฟก่อนและระหว่างการระบาด"))
        fig = charts.before_during_chart(self.series, self.impacts, self.baseline_years, self.first_wave_years,
                                         self.terms)
        alt = fig._suptitle.get_text() if fig._suptitle else ""
        return Section().add(Figure.from_matplotlib(fig, alt=alt))

    def provinces(self, kpi_id: str = "4") -> Section:
        from . import charts

        if self.province_data is None:
            return Section().add(para(f"ไม่มีตารางรายจังหวัดของตัวชี้วัดที่ {kpi_id} ของปีนี้"))
        impact = next((i for i in self.impacts if i.kpi_id == kpi_id), None)
        total = self.province_data.total or {}
        national = total.get("percent") or (impact.value if impact else None)
        previous = impact.previous if impact else None
        target = impact.targets[0] if impact and impact.targets else None
        p = self.province_data
        label = f"{p.title_th} ({p.as_of_th})" if p.as_of_th else p.title_th
        fig = charts.province_chart(p.rows, national=national, previous=previous, target=target, title=label,
                                    terms=self.terms)
        out = Section().add(Figure.from_matplotlib(fig))
        if national is not None:
            below = int((p.rows["percent"].astype(float) < float(national)).sum())
            out.add(para(f"จังหวัดทั้งหมด {len(p.rows)} จังหวัด มี {below} จังหวัดที่ผลต่ำกว่าค่าทั้งประเทศ "
                         f"(ร้อยละ {format_number(national, 2)})"))
        out.add(sections.source_note(self.document_th))
        return out

    def responses(self) -> Section:
        return Section().add(para(self.section.responses.intro_th), sections.responses_block(self.section))

    def supporting_tables(self) -> Section:
        return Section().add(*self.supporting_table_list())

    def good_practices(self) -> Section:
        sec = self.section
        return Section().add(para(sec.good_practices.intro_th),
                             sections.dimension_block(sec, sec.good_practices.by_dimension, numbering="part", part="3"))

    def _recommendations(self, part) -> Section:
        return Section().add(para(part.intro_th), sections.dimension_block(self.section, part.by_dimension))

    def policy_recommendations(self) -> Section:
        return self._recommendations(self.section.recommendations.policy)

    def practical_recommendations(self) -> Section:
        return self._recommendations(self.section.recommendations.practical)

    def data_quality(self) -> Section:
        passed = sum(1 for c in self.checks if c.ok)
        problems = len(self.checks) - passed
        return Section().add(
            para(f"ตรวจความสอดคล้องของตัวเลขทั้งหมด {len(self.checks)} รายการ: ตรงกัน {passed} รายการ "
                 f"และพบประเด็นที่ต้องบันทึก {problems} รายการ (ตัวเลขคงไว้ตามที่พิมพ์ ไม่แก้ไข) "
                 "ตำแหน่งในแฟ้มข้อมูลและเลขบรรทัดในเอกสารต้นฉบับของแต่ละข้ออยู่ในภาคผนวก (ลำดับเดียวกัน)"),
            findings_table(self.findings, empty="ไม่พบความไม่สอดคล้องของตัวเลข"))

    def appendix(self) -> Section:
        from .appendix import appendix_section

        return appendix_section(self)
