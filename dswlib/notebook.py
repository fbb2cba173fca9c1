"""Set-up shared by every report notebook: Thai font in charts, pandas display.

Reports display themselves (:mod:`dswlib.display`): a notebook calls ``<Kind>Report.load``
(which calls :func:`setup`) and one method per section.
"""

from __future__ import annotations


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
