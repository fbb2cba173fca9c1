"""Everything one action-plan report shows, computed once: the plan, progress at the round, totals, findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding
from ..fiscal import FiscalYear
from .loader import load_plan, plan_path
from .model import Plan
from .progress import ProjectProgress, Totals, plan_progress, report_round, totals
from .quality import findings

ROUNDS = (6, 12)


@dataclass(frozen=True)
class RoadmapView:
    plan: Plan
    round_months: int
    progress: list[ProjectProgress]
    totals: Totals
    findings: list[Finding]
    as_of: int | None = None  # the round of the latest report at or before round_months (None: plan only)
    source_path: Path | None = None  # the params file the plan was read from

    @property
    def plan_only(self) -> bool:
        """No progress report covers the round: the plan is shown, nothing is late."""
        return self.as_of is None

    @property
    def report_behind(self) -> bool:
        """The round asked for has no report of its own (e.g. round 12 shown from the 6-month report)."""
        return self.as_of is not None and self.as_of < self.round_months

    @property
    def fy(self) -> FiscalYear:
        return FiscalYear(self.plan.fiscal_year)

    @property
    def shown_round(self) -> int:
        """The round whose figures the report shows (the report's round, else the round asked for)."""
        return self.as_of if self.as_of is not None else self.round_months


def check_round(round_months) -> int:
    if round_months not in ROUNDS:
        raise ValueError(f"round must be 6 or 12 months, got {round_months!r}")
    return int(round_months)


def load_view(fiscal_year: int, round_months: int = 6, params_dir=None) -> RoadmapView:
    """Load the plan of ``fiscal_year`` and compute everything the report shows."""
    check_round(round_months)
    plan = load_plan(int(fiscal_year), params_dir)
    return view_of(plan, round_months, plan_path(int(fiscal_year), params_dir))


def view_of(plan: Plan, round_months: int, source_path=None) -> RoadmapView:
    check_round(round_months)
    prog = plan_progress(plan, round_months)
    as_of = report_round(plan, round_months)
    path = Path(source_path) if source_path is not None else None
    found = findings(plan, as_of, file_name=path.name if path is not None else "")
    return RoadmapView(plan, round_months, prog, totals(prog), found, as_of, path)
