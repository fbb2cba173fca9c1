"""Every figure the dashboard shows, in one plain document (written as ``dashboard.json``)."""

from __future__ import annotations

from pathlib import Path

SCHEMA_VERSION = 1


def collect(fiscal_year: int, out_dir, manifest: dict, params_dir) -> dict:
    """The dashboard document of ``fiscal_year`` (see the README for its schema).

    ``params_dir`` is the batch's params directory: the standards, community and
    roadmap parts read their data there with the parameters of the year's
    reports (from the manifest). A part that cannot be read says so in Thai
    (``available: False``, ``note_th``) and keeps its error for the run status;
    the rest of the page is unaffected.
    """
    from ..fiscal import FiscalYear
    from ..runjob import now_iso
    from .community_part import community_part
    from .kpis import scorecard_part
    from .roadmap_part import roadmap_part
    from .run_status import reports_part, run_part
    from .standards_part import standards_part
    from .years import years_part

    fy = FiscalYear(int(fiscal_year))
    params_dir = Path(params_dir)
    return {
        "schema_version": SCHEMA_VERSION,
        "fiscal_year": int(fiscal_year),
        "period_th": fy.period_label(),
        "written": now_iso(),
        "scorecard": scorecard_part(out_dir, manifest),
        "standards": standards_part(fiscal_year, manifest, params_dir),
        "community": community_part(manifest, params_dir),
        "roadmap": roadmap_part(manifest, params_dir),
        "run": run_part(manifest),
        "reports": reports_part(manifest),
        "years": years_part(fiscal_year, out_dir),
    }
