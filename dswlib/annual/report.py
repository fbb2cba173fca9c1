"""The annual KPI report of one fiscal year: one object, one call per section.

```python
rep = AnnualReport.load(fiscal_year=2564, round=12, params_dir="params")
rep.cover(); rep.foreword(); rep.strategy_map(); rep.kpi_weights(); rep.kpi_pages()
rep.covid_chapter(); rep.summary(); rep.data_quality(); rep.appendix()
```

Every section method returns a :class:`dswlib.display.Section` (it displays itself in
JupyterLab and in the batch; ``.tables()`` gives its numeric tables). The table
builders (``score_table()``, ``kpi_page_tables`` ...) return
:class:`dswlib.display.ReportTable`. The work is done by the modules of this package,
one job each: :mod:`.front`, :mod:`.kpi_page`, :mod:`.tables`, :mod:`.summary`,
:mod:`.quality`, :mod:`.covid_link`, :mod:`.appendix`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog, Kpi, load_catalog, year_dir
from ..display import ReportTable, Section
from ..errors import ParamsError
from ..fiscal import ROUNDS, FiscalYear
from ..scorecard import Scorecard, load_scorecard
from . import appendix, covid_link, front, kpi_page, quality, summary, tables


@dataclass
class AnnualReport:
    fiscal_year: int
    round: int
    params_dir: Path
    catalog: Catalog
    scorecard: Scorecard
    strategy: dict | None

    @classmethod
    def load(cls, fiscal_year, round=12, params_dir="params") -> "AnnualReport":
        """Load the year's catalog, scorecard and strategy map; the notebook's parameters, validated."""
        from ..fiscal import normalize_be_year
        from ..notebook import setup
        from ..paths import resolve_params_dir
        from ..yamlio import load_yaml

        try:
            round_months = int(round)
        except (TypeError, ValueError):
            round_months = None
        if round_months not in ROUNDS:
            raise ParamsError("notebook parameters", "round", "6 or 12 (the reporting round in months)", round)
        params = resolve_params_dir(params_dir)
        year = normalize_be_year(fiscal_year)
        catalog = load_catalog(params, year)
        card = load_scorecard(params, year)
        strategy_path = year_dir(params, year) / "strategy.yaml"
        strategy = load_yaml(strategy_path) if strategy_path.exists() else None
        setup()
        return cls(catalog.fiscal_year, round_months, params, catalog, card, strategy)

    @property
    def fy(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    # ------------------------------------------------------------------ sections (in report order)
    def cover(self) -> Section:
        """Cover page; the table of contents follows it in the rendered report."""
        return front.cover(self)

    def foreword(self) -> Section:
        """คำนำ: frame of the assessment, the monitoring-only note, the scoring rule, the round."""
        return front.foreword(self)

    def strategy_map(self) -> Section:
        """The linkage of national strategy and plans with the department's KPIs."""
        return front.strategy_map(self)

    def kpi_weights(self) -> Section:
        """The KPIs with their strategic linkage and weights."""
        return front.kpi_weights(self)

    def kpi_pages(self) -> Section:
        """Every KPI's page, in catalog order (a composite KPI is named on its sub-KPIs' pages)."""
        return Section().add(*(self.kpi_page(k.id) for k in self.result_kpis()))

    def kpi_page(self, kpi_id: str) -> Section:
        """The page of one KPI."""
        return kpi_page.kpi_page(self, self.catalog.kpi(kpi_id))

    def covid_chapter(self) -> Section:
        """Summary of and link to the COVID-19 lessons-learned chapter (empty for a year without one)."""
        return covid_link.covid_chapter(self)

    def summary(self) -> Section:
        """Total, level, every KPI's score, the components and the chart."""
        return summary.summary(self)

    def data_quality(self) -> Section:
        """Findings in Thai, numbered; their technical provenance is in the appendix under the same numbers."""
        return quality.data_quality(self)

    def appendix(self) -> Section:
        """ภาคผนวก: findings' codes and places, input files, seed lines, decisions."""
        return appendix.appendix(self)

    # ------------------------------------------------------------------ tables and data for analysts
    def result_kpis(self) -> list[Kpi]:
        """KPIs that get a page (composites get named inside their sub-KPIs' pages)."""
        return [k for k in self.catalog.kpis if k.kind != "composite"]

    def score_table(self) -> ReportTable:
        return tables.score_table(self)

    def components_table(self) -> ReportTable:
        return tables.components_table(self)

    def kpi_weights_table(self) -> ReportTable:
        return tables.kpi_weights_table(self)

    def targets_table(self, kpi_id: str) -> ReportTable:
        return tables.targets_table(self, self.catalog.kpi(kpi_id))

    def history_table(self, kpi_id: str) -> ReportTable | None:
        return tables.history_table(self, self.catalog.kpi(kpi_id))

    def units_table(self, kpi_id: str) -> ReportTable | None:
        return tables.units_table(self, self.catalog.kpi(kpi_id))

    def findings(self):
        """The year's findings (:class:`dswlib.findings.Finding`), in the order the report numbers them."""
        return list(self.scorecard.findings)

    # ------------------------------------------------------------------ helpers used by the sections
    def covid_page(self) -> str | None:
        """File name of the year's COVID chapter page in the same output folder, or None."""
        return covid_link.chapter_page(self)

    def covid_chapter_title(self) -> str:
        """The COVID chapter's title (as the source document prints it), or "" for a year without one."""
        if "_covid_title" not in self.__dict__:  # read once per report object
            title = ""
            if self.covid_page() is not None:
                from ..covid.model import load_covid

                title = load_covid(self.params_dir, self.fiscal_year).title_th
            self.__dict__["_covid_title"] = title
        return self.__dict__["_covid_title"]

    def units_sources(self, kpi: Kpi) -> list[str]:
        """The seed citations of a KPI's per-unit table rows."""
        from ..units import load_units_table

        if kpi.units_table is None:
            return []
        try:
            table = load_units_table(self.params_dir, self.fiscal_year, kpi)
        except (ParamsError, ValueError):
            return []
        return [s for s in table.printed.get("source", []) if isinstance(s, str)]
