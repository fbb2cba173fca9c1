"""Small HTML builders shared by the report modules; every text is escaped unless it is markup already."""

from __future__ import annotations

import html as _html


def esc(text) -> str:
    """HTML-escape any text that came from params before it is put into markup."""
    return _html.escape("" if text is None else str(text), quote=True)


def table_html(frame, *, classes: str = "dsw-table", na_rep: str = "-", empty: str | None = None, index: bool = False) -> str:
    """A DataFrame as an HTML table; pandas escapes every cell and header. ``empty`` is shown for no rows."""
    if empty is not None and (frame is None or len(frame) == 0):
        return f"<p>{esc(empty)}</p>"
    return frame.to_html(index=index, escape=True, border=0, na_rep=na_rep, classes=classes)


def html_list(items, *, ordered: bool = False, escape: bool = True, empty: str | None = None) -> str:
    """<ul>/<ol> of ``items``; ``escape=False`` for items that are markup built from escaped parts."""
    items = [i for i in items if i]
    if not items and empty is not None:
        return f"<p>{esc(empty)}</p>"
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{esc(i) if escape else i}</li>" for i in items) + f"</{tag}>"
