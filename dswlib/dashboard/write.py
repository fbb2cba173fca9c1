"""Write ``dashboard.json`` and ``index.html`` of a year (atomically), and refresh the other years' links."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..atomic import write_text

DASHBOARD_JSON = "dashboard.json"
INDEX_HTML = "index.html"
log = logging.getLogger("dswlib.batch")


def _write(out_dir: Path, doc: dict) -> Path:
    from .page import render

    html = render(doc)  # rendered before anything is written: a rendering error leaves both files as they were
    write_text(out_dir / DASHBOARD_JSON, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return write_text(out_dir / INDEX_HTML, html)


def write_dashboard(fiscal_year: int, out_dir, manifest: dict, params_dir) -> Path:
    """Collect the year's figures, write ``dashboard.json`` and ``index.html``; the path of ``index.html``."""
    from .figures import collect

    out_dir = Path(out_dir)
    index = _write(out_dir, collect(fiscal_year, out_dir, manifest, params_dir))
    refresh_year_links(out_dir)
    return index


def refresh_year_links(out_dir) -> list[Path]:
    """Re-render the other years' pages with the current list of years (their figures are untouched).

    A page is re-rendered from its own ``dashboard.json``; a year without one (or of
    another schema) is left as it is.
    """
    from .figures import SCHEMA_VERSION
    from .years import years_part

    out_dir = Path(out_dir)
    done = []
    for entry in years_part(int(out_dir.name), out_dir) if out_dir.name.isdigit() else []:
        sibling = out_dir.parent / str(entry["year"])
        if entry["current"] or not (sibling / DASHBOARD_JSON).is_file():
            continue
        try:
            doc = json.loads((sibling / DASHBOARD_JSON).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if doc.get("schema_version") != SCHEMA_VERSION:
            continue
        years = years_part(entry["year"], sibling)
        if years == doc.get("years"):
            continue
        doc["years"] = years
        try:
            done.append(_write(sibling, doc))
        except Exception as exc:  # noqa: BLE001 - another year's page is not this run's business to fail on
            log.warning("index of FY%s not refreshed: %s", entry["year"], exc)
    return done
