"""Which report of the year can be linked: the manifest's record of a job, as the page shows it."""

from __future__ import annotations


def html_output(record: dict | None) -> str | None:
    """The report's HTML (relative to the year's directory) when its latest run succeeded; else None.

    A failed report has no link: its earlier page was removed when the run failed.
    """
    if not record or record.get("status") != "ok":
        return None
    return next((rel.replace("\\", "/") for rel in record.get("outputs") or {} if rel.endswith(".html")), None)


def report_state(record: dict | None) -> str:
    """``ok`` / ``stale`` (inputs changed since it was produced) / ``failed`` / ``missing`` (no such report)."""
    if not record:
        return "missing"
    if record.get("status") != "ok":
        return "failed"
    return "stale" if record.get("stale") else "ok"
