"""Progress of activities and projects at the end of a round (6 or 12 months).

Rules (all months are fiscal indices: 1 = ต.ค. ... 12 = ก.ย.):

* An activity's planned end is its last planned month, or the month of its
  deadline when the months are unknown.  No months and no deadline: unknown.
* It is *due* by round ``r`` when its planned end <= r (a fact of the plan).
* Progress is read from the latest report at or before the round, its
  *as-of* round ``a`` (the 6-month report for a 12-month view when no
  12-month report exists).  **Lateness exists only where progress was
  reported**: with no report at all (a plan-only year) every activity is
  ``not_reported`` and nothing is late.
* Effective status, as of the report:
    - no report covers the round            -> not_reported
    - reported done                        -> done
    - planned end unknown                  -> the reported status, else unknown
    - planned end <= a and not done        -> late
    - otherwise (not yet due at the report): reported late -> late,
      reported in progress/on track -> in_progress, else -> not_started
  An activity due between the report and the round (a < end <= r) is not
  called late: nobody has reported on it yet.
* Months overdue of a late activity = a - planned end (0 = it was due in the
  report's last month).  When the report moves it to a later month, the
  expected delay = new month - planned end.
* Project status (computed):
    - no report covers the round                 -> not_reported
    - every activity done                       -> done
    - any activity late                         -> late
    - every activity's planned end known         -> on_track (not_started if
                                                   nothing was started or due)
    - otherwise (some months unknown)            -> in_progress when anything was
      done or started, else the reported status (or unknown)
  "on track" needs a known schedule; with unknown months the best that can be
  said is "in progress".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..thainum import percent
from .model import Activity, Kpi, KpiResult, Plan, Project
from .vocab import KpiKind, Status, fiscal_index_of_date


@dataclass(frozen=True)
class ActivityProgress:
    number: int
    name: str | None
    planned: tuple[int, ...] | None
    planned_end: int | None
    reported: Status | None
    status: Status
    due: bool | None
    months_overdue: int | None
    rescheduled_to: int | None
    expected_delay: int | None
    as_of: int | None = None  # the round of the report the status comes from (None: no report)

    @property
    def late(self) -> bool | None:
        if self.status is Status.LATE:
            return True
        if self.status in (Status.UNKNOWN, Status.NOT_REPORTED):
            return None
        return False

    @property
    def due_after_report(self) -> bool:
        """Due by the round but after the last report: its outcome is not known yet."""
        return bool(self.due) and self.as_of is not None and self.planned_end > self.as_of and self.status is not Status.DONE


@dataclass(frozen=True)
class KpiOutcome:
    kpi: Kpi
    result: KpiResult | None
    percent: Decimal | None  # recomputed from achieved / base, half-up 2 dp
    printed_matches: bool | None  # None when nothing to compare
    target_met: bool | None
    gap: Decimal | None  # percent (or count) minus target

    @property
    def pending(self) -> bool:
        return self.result is None or self.result.pending


@dataclass(frozen=True)
class ProjectProgress:
    project: Project
    round_months: int
    reported: Status | None
    status: Status
    activities: list[ActivityProgress]
    kpis: list[KpiOutcome] = field(default_factory=list)
    as_of: int | None = None  # round of the report used (None: no report)

    @property
    def due(self) -> list[ActivityProgress]:
        return [a for a in self.activities if a.due]

    @property
    def due_done(self) -> list[ActivityProgress]:
        return [a for a in self.due if a.status is Status.DONE]

    @property
    def unknown_schedule(self) -> list[ActivityProgress]:
        return [a for a in self.activities if a.due is None]

    @property
    def late(self) -> list[ActivityProgress]:
        return [a for a in self.activities if a.status is Status.LATE]

    @property
    def done(self) -> list[ActivityProgress]:
        return [a for a in self.activities if a.status is Status.DONE]

    @property
    def percent_due_done(self) -> Decimal | None:
        """Percent of the activities due by the round (known schedule) that are done (None without a report)."""
        return percent(len(self.due_done), len(self.due)) if self.due and self.as_of is not None else None

    @property
    def percent_done(self) -> Decimal | None:
        """Percent of all the project's activities that are done (None without a report)."""
        return percent(len(self.done), len(self.activities)) if self.activities and self.as_of is not None else None


def planned_end(activity: Activity, fiscal_year: int) -> int | None:
    if activity.months:
        return max(m.fiscal_index(fiscal_year) for m in activity.months)
    if activity.months is not None:  # [] = explicitly no month planned
        return None
    if activity.deadline is not None:
        return fiscal_index_of_date(activity.deadline, fiscal_year)
    return None


def report_round(plan: Plan, round_months: int) -> int | None:
    """The latest reported round at or before ``round_months`` (None: no progress report covers it)."""
    if plan.kind != "progress":
        return None
    rounds = [r for r in plan.rounds_reported if r <= round_months]
    return max(rounds) if rounds else None


def activity_progress(plan: Plan, project: Project, activity: Activity, round_months: int) -> ActivityProgress:
    _check_round(round_months)
    as_of = report_round(plan, round_months)
    prog = project.progress.get(as_of) if as_of is not None else None
    reported = prog.activities.get(activity.number) if prog else None
    end = planned_end(activity, plan.fiscal_year)
    due = None if end is None else end <= round_months
    if as_of is None:
        status = Status.NOT_REPORTED
    elif reported is Status.DONE:
        status = Status.DONE
    elif end is None:
        status = reported or Status.UNKNOWN
    elif end <= as_of:
        status = Status.LATE
    elif reported is Status.LATE:
        status = Status.LATE
    elif reported in (Status.IN_PROGRESS, Status.ON_TRACK):
        status = Status.IN_PROGRESS
    else:
        status = Status.NOT_STARTED
    overdue = as_of - end if status is Status.LATE and end is not None and end <= as_of else None
    moved = prog.rescheduled.get(activity.number) if prog else None
    moved_idx = moved.fiscal_index(plan.fiscal_year) if moved is not None else None
    delay = moved_idx - end if moved_idx is not None and end is not None else None
    planned = tuple(sorted(m.fiscal_index(plan.fiscal_year) for m in activity.months)) if activity.months is not None else None
    return ActivityProgress(
        number=activity.number,
        name=activity.name,
        planned=planned,
        planned_end=end,
        reported=reported,
        status=status,
        due=due,
        months_overdue=overdue,
        rescheduled_to=moved_idx,
        expected_delay=delay,
        as_of=as_of,
    )


def kpi_outcome(kpi: Kpi, result: KpiResult | None) -> KpiOutcome:
    pct = None
    if result is not None and result.achieved is not None and result.base:
        pct = percent(result.achieved, result.base)
    printed_matches = None
    if pct is not None and result.percent_printed is not None:
        printed_matches = pct == result.percent_printed
    met = gap = None
    target = kpi.target.value if kpi.target is not None else None
    if target is not None and result is not None and not result.pending:
        if kpi.kind is KpiKind.COUNT and result.achieved is not None:
            gap = result.achieved - target
        elif kpi.kind.capped_by_base:
            value = pct if pct is not None else result.percent_printed
            if value is not None:
                gap = value - target
        if gap is not None:
            met = gap >= 0
    return KpiOutcome(kpi, result, pct, printed_matches, met, gap)


def project_progress(plan: Plan, project: Project, round_months: int) -> ProjectProgress:
    _check_round(round_months)
    as_of = report_round(plan, round_months)
    prog = project.progress.get(as_of) if as_of is not None else None
    acts = [activity_progress(plan, project, a, round_months) for a in project.activities]
    reported = prog.status if prog else None
    status = Status.NOT_REPORTED if as_of is None else rollup_status(acts, reported)
    results = prog.kpi_results if prog else {}
    kpis = [kpi_outcome(k, results.get(k.id)) for k in project.kpis]
    return ProjectProgress(project, round_months, reported, status, acts, kpis, as_of)


def rollup_status(acts: list[ActivityProgress], reported: Status | None) -> Status:
    """Project status from its activities (see the module docstring)."""
    if not acts:
        return reported or Status.UNKNOWN
    if all(a.status is Status.NOT_REPORTED for a in acts):
        return Status.NOT_REPORTED
    if all(a.status is Status.DONE for a in acts):
        return Status.DONE
    if any(a.status is Status.LATE for a in acts):
        return Status.LATE
    started = any(a.status in (Status.DONE, Status.IN_PROGRESS, Status.ON_TRACK) for a in acts)
    if all(a.planned_end is not None for a in acts):
        return Status.ON_TRACK if started or any(a.due for a in acts) else Status.NOT_STARTED
    if started:
        return Status.IN_PROGRESS
    return reported or Status.UNKNOWN


def plan_progress(plan: Plan, round_months: int) -> list[ProjectProgress]:
    return [project_progress(plan, p, round_months) for p in plan.projects]


@dataclass(frozen=True)
class Totals:
    projects: int
    activities: int
    activities_known_schedule: int
    due: int
    due_done: int | None  # None: no report covers the round
    late: int | None  # None: no report covers the round (lateness exists only where progress was reported)
    done: int | None
    due_after_report: int = 0  # due by the round but after the last report (outcome not reported yet)

    @property
    def percent_due_done(self) -> Decimal | None:
        return percent(self.due_done, self.due) if self.due and self.due_done is not None else None


def totals(progress: list[ProjectProgress]) -> Totals:
    acts = [a for p in progress for a in p.activities]
    reported = any(p.as_of is not None for p in progress)
    return Totals(
        projects=len(progress),
        activities=len(acts),
        activities_known_schedule=sum(1 for a in acts if a.planned_end is not None),
        due=sum(1 for a in acts if a.due),
        due_done=sum(1 for a in acts if a.due and a.status is Status.DONE) if reported else None,
        late=sum(1 for a in acts if a.status is Status.LATE) if reported else None,
        done=sum(1 for a in acts if a.status is Status.DONE) if reported else None,
        due_after_report=sum(1 for a in acts if a.due_after_report),
    )


def _check_round(round_months: int) -> None:
    if round_months not in (6, 12):
        raise ValueError(f"round must be 6 or 12 months, got {round_months!r}")
