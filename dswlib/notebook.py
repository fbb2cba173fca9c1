"""Set-up shared by every report notebook: Thai font, pandas display, safe HTML."""

from __future__ import annotations

from .htmlparts import esc, table_html  # noqa: F401  (esc is re-exported for the notebooks)


def setup() -> None:
    """Call once in a notebook's first code cell."""
    import matplotlib
    import pandas as pd

    from .chartstyle import apply

    apply()
    matplotlib.rcParams["figure.dpi"] = 110
    matplotlib.rcParams["savefig.bbox"] = "tight"
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 50)


def show_html(markup: str) -> None:
    """Display pre-built (already escaped) HTML in the notebook output."""
    from IPython.display import HTML, display

    display(HTML(markup))


def heading_html(text, level: int = 2) -> str:
    """``<hN>`` with ``text`` escaped: params text never goes through Markdown, so
    ``[x](javascript:...)`` stays literal text and no link can come out of it."""
    level = min(max(int(level), 1), 6)
    return f"<h{level}>{esc(text)}</h{level}>"


def heading(text, level: int = 2) -> None:
    """Display a heading (HTML output, text escaped); the report template lists h2/h3 in the table of contents."""
    show_html(heading_html(text, level))


def show_figure(fig) -> None:
    """Display a matplotlib figure as a compact PNG (whatever the backend) and release it."""
    from IPython.display import Image, display

    from .chartimage import figure_png

    display(Image(data=figure_png(fig), format="png"))


def show_table(frame, *, index: bool = False, caption: str | None = None) -> None:
    """Display a DataFrame as an escaped HTML table (cells and headers from params are escaped)."""
    markup = table_html(frame, index=index)
    if caption:
        markup = f"<p><strong>{esc(caption)}</strong></p>" + markup
    show_html(markup)


def show_interactive(frame, **kwargs) -> None:
    """A sortable, searchable table in JupyterLab (itables, from the ``lab`` extra); a plain table otherwise."""
    try:
        from itables import show
    except ImportError:
        show_table(frame)
        return
    show(frame, **kwargs)
