"""Action plans as data: development issues -> projects -> activities with planned
months, KPIs with 12-month targets, and progress per round.

Modules: ``vocab`` (statuses, KPI kinds, months), ``model`` (schema),
``loader`` (validated loading), ``progress`` (due / late / status rules),
``forecast`` (12-month forecast), ``quality`` (data-quality findings),
``seedrefs`` (seed line references in params text), ``view`` (what a report computes),
``wording`` (Thai phrases), ``tables`` (numeric report tables), ``pages`` (cover and project
pages), ``provenance`` (technical appendix), ``gantt`` (chart), ``report`` (:class:`RoadmapReport`,
one call per section), ``summary_json`` (``dsw roadmap --json``), ``jobs`` (batch),
``cli`` (``dsw roadmap``).
"""

from .forecast import Forecast, forecast_12m
from .loader import load_plan, load_plan_file, plan_path, validate_plan
from .model import Activity, Kpi, KpiResult, Plan, Project, Section
from .progress import activity_progress, plan_progress, project_progress, totals
from .report import RoadmapReport
from .vocab import KpiKind, MonthRef, Status, parse_month, parse_status

__all__ = [
    "Activity", "Forecast", "Kpi", "KpiKind", "KpiResult", "MonthRef", "Plan", "Project", "RoadmapReport", "Section", "Status",
    "activity_progress", "forecast_12m", "load_plan", "load_plan_file", "parse_month", "parse_status",
    "plan_path", "plan_progress", "project_progress", "totals", "validate_plan",
]
