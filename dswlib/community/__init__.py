"""Community-strengthening evaluation (seed 003, FY2564).

Modules, one job each:

- :mod:`.criteria`          criteria YAML schema and loader (``params/community/criteria.yaml``)
- :mod:`.offices`           province -> สสว. office table (``params/community/province_offices.csv``)
- :mod:`.level_scale`       5-level percent scale of criterion 5.1 (70/75/80/85/90 %) and KPI 2.1 tiers
- :mod:`.milestones`        success-level KPI templates: cumulative level reached
- :mod:`.household_colour`  green / yellow / red by failed TP MAP dimensions
- :mod:`.best_practice`     household / community checks and one Best Practice per office
- :mod:`.dataset`           the community, household and milestone CSVs (load, validate, write)
- :mod:`.demo`              reproducible, clearly labelled synthetic data for 76 communities
- :mod:`.evaluate`          everything above applied to a dataset
- :mod:`.charts`            figures (matplotlib)
- :mod:`.tables`            the report tables as numeric ReportTables
- :mod:`.findings`          the documented problems of the source document as dswlib.findings.Finding
- :mod:`.provenance`        the technical appendix (files, codes, seed lines, decisions, demo seed)
- :mod:`.report`            :class:`CommunityReport`: load + one call per section
- :mod:`.jobs`, :mod:`.cli` batch jobs and the ``dsw community`` commands
"""

from .criteria import Criteria, load_criteria
from .level_scale import integration_percent, score_for_percent
from .milestones import level_reached
from .household_colour import colour_for_failed
from .best_practice import select_best_practice

__all__ = [
    "Criteria",
    "load_criteria",
    "integration_percent",
    "score_for_percent",
    "level_reached",
    "colour_for_failed",
    "select_best_practice",
]
from .report import CommunityReport  # noqa: E402  (the report object: one call per section)

__all__.append("CommunityReport")
