"""``outputs/<year>/index.html``: the year at a glance (issue 12, point 4).

The dashboard is written by the batch after the manifest and the scorecard
(:func:`dswlib.batch.run_batch`), in two steps with one module each:

1. :mod:`.figures` collects every figure the page shows into one plain document,
   written as ``outputs/<year>/dashboard.json``; its parts come from
   :mod:`.kpis` (the year's ``scorecard.json``, so the page equals it),
   :mod:`.standards_part` (through the one adapter :mod:`.standards_data`),
   :mod:`.community_part`, :mod:`.roadmap_part`, :mod:`.run_status` (the
   manifest: failures with their real error, time, code version, stale reports)
   and :mod:`.years` (the other fiscal years in ``outputs/``);
2. :mod:`.page` renders ``index.html`` from that document alone (Jinja2 template
   ``dswlib/templates/dashboard/``, autoescaped; charts are inline SVG drawn here,
   :mod:`.charts`): no script, nothing loaded from the network.

Because the page is rendered from ``dashboard.json`` only, the other years'
pages are re-rendered with an up-to-date list of years (:func:`refresh_year_links`)
without touching their figures.
"""

from __future__ import annotations

from .write import DASHBOARD_JSON, refresh_year_links, write_dashboard

__all__ = ["DASHBOARD_JSON", "write_dashboard", "refresh_year_links"]
