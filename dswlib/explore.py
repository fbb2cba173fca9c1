"""What ``notebooks/explore.ipynb`` calls: analyst frames (numbers as numbers) and the lab set-up.

Every function returns a pandas DataFrame or a matplotlib figure; with the ``lab`` extra
(``pip install -e '.[lab]'``) :func:`setup_lab` turns every DataFrame a cell shows into an
interactive table (itables: sort, search, a filter per column), offline.
"""

from __future__ import annotations

import logging

log = logging.getLogger("dswlib.explore")


def setup_lab(interactive: bool = True) -> bool:
    """Thai charts and pandas display; interactive tables when itables is installed. True if they are on."""
    from .notebook import setup

    setup()
    if not interactive:
        return False
    try:
        import itables
        import itables.options as opt
    except ImportError:
        log.info("itables is not installed (pip install -e '.[lab]'): tables are shown as plain HTML")
        return False
    itables.init_notebook_mode(all_interactive=True, connected=False)  # the table library is embedded: works offline
    opt.column_filters = "footer"
    opt.maxBytes = "4MB"
    opt.classes = "display nowrap compact"
    return True


def findings_data(fiscal_year, params_dir=None):
    """Every data-quality finding of a year (``dsw check``) as a DataFrame: code, severity, places, Thai message, seed line."""
    import pandas as pd

    from .checks import check_year
    from .findings import Finding

    columns = list(Finding.__dataclass_fields__)
    return pd.DataFrame([f.to_dict() for f in check_year(params_dir, fiscal_year)], columns=columns)


def series_chart(params_dir=None):
    """Small multiples of every cross-year series (``params/series/kpi_results.csv``), as an embedded PNG."""
    from .charts import series_panel
    from .display import Figure
    from .series import load_series

    return Figure.from_matplotlib(series_panel(load_series(params_dir), "ผลการดำเนินงานรายปี (ปีงบประมาณ พ.ศ.)"),
                                  raster=True)  # JupyterLab has no Sarabun: a picture keeps its Thai
