"""Plain-JSON summary of an action-plan view (``dsw roadmap --json``); the schema is in the README."""

from __future__ import annotations

from decimal import Decimal

from .forecast import forecast_for
from .view import RoadmapView


def summary_records(view: RoadmapView) -> dict:
    """Plain-JSON summary (for ``dsw roadmap --json``)."""

    def num(v):
        return None if v is None else (int(v) if v == int(v) else float(v)) if isinstance(v, Decimal) else v

    projects = []
    for pp in view.progress:
        kpis = []
        for o in pp.kpis:
            f = forecast_for(pp, o)
            n = f.needed
            kpis.append({
                "id": o.kpi.id, "kind": o.kpi.kind.value,
                "target": num(o.kpi.target.value) if o.kpi.target else None,
                "achieved": num(o.result.achieved) if o.result else None,
                "base": num(o.result.base) if o.result else None,
                "percent": num(o.percent),
                "percent_printed": num(o.result.percent_printed) if o.result else None,
                "target_met": o.target_met,
                "forecast_12m": num(f.value), "forecast_low": num(f.low), "forecast_high": num(f.high),
                "forecast_method": f.method, "forecast_range_meets_target": f.range_meets,
                "needed": None if n is None else {
                    "months_left": n.months_left, "target_count": num(n.target_count), "remaining": num(n.remaining),
                    "per_month": num(n.per_month), "current_per_month": num(n.current_per_month),
                    "share_of_remaining_cases": num(n.share_needed), "reachable": n.reachable,
                },
            })
        reported = pp.as_of is not None
        projects.append({
            "id": pp.project.id, "title": pp.project.title,
            "reported_status": pp.reported.value if pp.reported else None,
            "computed_status": pp.status.value,
            "activities": len(pp.activities), "due": len(pp.due),
            "due_done": len(pp.due_done) if reported else None,
            "percent_due_done": num(pp.percent_due_done),
            "late": [{"activity": a.number, "months_overdue": a.months_overdue,
                      "expected_delay": a.expected_delay} for a in pp.late],
            "due_after_report": [a.number for a in pp.activities if a.due_after_report],
            "kpis": kpis,
        })
    t = view.totals
    return {
        "fiscal_year": view.plan.fiscal_year, "round": view.round_months, "plan_only": view.plan_only,
        "as_of_round": view.as_of,
        "totals": {"projects": t.projects, "activities": t.activities, "known_schedule": t.activities_known_schedule,
                   "due": t.due, "due_done": t.due_done, "late": t.late, "due_after_report": t.due_after_report,
                   "percent_due_done": num(t.percent_due_done)},
        "projects": projects,
        "findings": len(view.findings),
    }
