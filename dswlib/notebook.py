"""Set-up shared by every report notebook: Thai font, pandas display, safe HTML."""

from __future__ import annotations

import html as _html


def setup() -> None:
    """Call once in a notebook's first code cell."""
    import matplotlib

    matplotlib.use("Agg") if not _in_ipython_inline() else None
    import pandas as pd

    from .thaifont import use_in_matplotlib

    use_in_matplotlib()
    matplotlib.rcParams["figure.dpi"] = 110
    matplotlib.rcParams["savefig.bbox"] = "tight"
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 50)


def _in_ipython_inline() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def esc(text) -> str:
    """HTML-escape any text that came from params before it is put into markup."""
    return _html.escape("" if text is None else str(text), quote=True)


def show_html(markup: str) -> None:
    """Display pre-built (already escaped) HTML in the notebook output."""
    from IPython.display import HTML, display

    display(HTML(markup))


def heading(text, level: int = 2) -> None:
    """Display an escaped heading that nbconvert keeps in the reviewer HTML."""
    from IPython.display import Markdown, display

    # Markdown output keeps headings in the table of contents; escape params text.
    display(Markdown("#" * level + " " + esc(text)))
