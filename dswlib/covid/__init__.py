"""COVID-19 lessons-learned section (seed 002 L807-1030).

* :mod:`.model`        schema + loader of ``params/<fy>/covid.yaml`` (pydantic; errors name file and field)
* :mod:`.impact`       computed impact on the KPIs from ``params/series/kpi_results.csv``
                       and the comparison with the KPIs the narrative lists as affected
* :mod:`.consistency`  figure checks of the section (sums, shares, rounding) -> findings
* :mod:`.charts`       before/during COVID per KPI; KPI 4 by province
* :mod:`.render`       escaped HTML of the section's tables and lists
* :mod:`.report`       one call that loads and computes everything for the notebook
* :mod:`.jobs`         batch job (``notebooks/covid_lessons.ipynb``)
"""

from .model import CovidSection, load_covid  # noqa: F401
