"""COVID-19 lessons-learned section (seed 002 L807-1030).

* :mod:`.model`        schema + loader of ``params/<fy>/covid.yaml`` (pydantic; errors name file and field)
* :mod:`.impact`       computed impact on the KPIs from ``params/series/kpi_results.csv``
                       and the comparison with the KPIs the narrative lists as affected
* :mod:`.consistency`  figure checks of the section (sums, shares, rounding) -> :class:`dswlib.findings.Finding`
* :mod:`.places`       where things are, in the report's Thai terms (for the body and the findings)
* :mod:`.charts`       before/during COVID per KPI; KPI 4 by province
* :mod:`.tables`       the section's tables as numeric :class:`dswlib.display.ReportTable`
* :mod:`.sections`     narrative blocks of the body (no seed lines, no file names)
* :mod:`.appendix`     the technical appendix (files, seed lines, findings' codes)
* :mod:`.report`       :class:`CovidReport`: ``CovidReport.load(...)`` then one call per section
* :mod:`.jobs`         batch job (``notebooks/covid_lessons.ipynb``)
"""

from .model import CovidSection, load_covid  # noqa: F401
from .report import CovidReport  # noqa: F401
