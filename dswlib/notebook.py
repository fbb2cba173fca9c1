"""Set-up shared by every report notebook: Thai font in charts, pandas display, safe headings.

Reports display themselves (:mod:`dswlib.display`): a notebook calls ``<Kind>Report.load``
(which calls :func:`setup`) and one method per section.
"""

from __future__ import annotations

from .htmlparts import esc  # noqa: F401  (re-exported)


def setup() -> None:
    """Call once before the first chart (every ``<Kind>Report.load`` does)."""
    import matplotlib
    import pandas as pd

    from .chartstyle import apply

    apply()
    matplotlib.rcParams["figure.dpi"] = 110
    matplotlib.rcParams["savefig.bbox"] = "tight"
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 50)


def heading_html(text, level: int = 2) -> str:
    """``<hN>`` with ``text`` escaped: params text never goes through Markdown, so
    ``[x](javascript:...)`` stays literal text and no link can come out of it."""
    level = min(max(int(level), 1), 6)
    return f"<h{level}>{esc(text)}</h{level}>"
