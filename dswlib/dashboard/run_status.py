"""The run's status and the list of the year's reports, from ``manifest.json``.

Failures carry the real error line (:func:`dswlib.runjob.error_line`); a failed
report has no link; a report whose inputs changed since it was produced is marked.
"""

from __future__ import annotations

from ..runjob import error_line
from .links import html_output, report_state
from .standards_part import JOB_PREFIX, OVERVIEW_JOB

DEFAULT_GROUP = "รายงาน"


def run_part(manifest: dict) -> dict:
    records = manifest.get("jobs", {})
    run = manifest.get("run", {})
    code = manifest.get("dswlib") or {}
    git = code.get("git") or {}
    failed = [{"name": n, "title": r.get("title") or n, "error": error_line(r.get("error")) or "ไม่ทราบสาเหตุ",
               "ended": r.get("ended")} for n, r in records.items() if r.get("status") != "ok"]
    stale = [{"name": n, "title": r.get("title") or n} for n, r in records.items()
             if r.get("status") == "ok" and r.get("stale")]
    scorecard = manifest.get("scorecard") or {}
    return {
        "reports": len(records),
        "ok": len(records) - len(failed),
        "failed": failed,
        "stale": stale,
        "started": run.get("started"), "ended": run.get("ended"), "seconds": run.get("seconds"),
        "ran": run.get("ran", 0), "skipped": run.get("skipped", 0),
        "interrupted": str(run.get("status", "")).startswith("interrupted"),
        "not_run": len(run.get("not_run") or []),
        "code_version": code.get("version"),
        "code_sha256": code.get("code_sha256"),
        "git_commit": git.get("commit"),
        "git_dirty": git.get("dirty"),
        "scorecard_error": scorecard.get("error"),
    }


def reports_part(manifest: dict) -> list[dict]:
    """Every report of the year by group, in the manifest's order."""
    groups: dict[str, list] = {}
    for name, rec in manifest.get("jobs", {}).items():
        groups.setdefault(rec.get("group") or DEFAULT_GROUP, []).append({
            "name": name, "title": rec.get("title") or name, "label": rec.get("label") or rec.get("title") or name,
            "href": html_output(rec), "state": report_state(rec),
            "province_page": name.startswith(JOB_PREFIX) and name != OVERVIEW_JOB,
        })
    return [{"group": g, "items": items} for g, items in groups.items()]
