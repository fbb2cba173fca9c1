"""Small HTML builders shared by the report modules; every text is escaped unless it is markup already."""

from __future__ import annotations

import html as _html
import re

#: whitespace before a table-structure tag: pandas indents every row and cell, browsers ignore it
_TABLE_WHITESPACE = re.compile(r">\s+<(/?(?:table|caption|colgroup|col|thead|tbody|tfoot|tr|th|td)\b)", re.I)


def squeeze_tables(markup: str) -> str:
    """``markup`` without the indentation between table tags (same page, some 10 KB less a province report)."""
    return _TABLE_WHITESPACE.sub(r"><\1", markup)


def esc(text) -> str:
    """HTML-escape any text that came from params before it is put into markup."""
    return _html.escape("" if text is None else str(text), quote=True)


def table_html(frame, *, classes: str = "dsw-table", na_rep: str = "-", empty: str | None = None, index: bool = False) -> str:
    """A DataFrame as an HTML table; pandas escapes every cell and header. ``empty`` is shown for no rows."""
    if empty is not None and (frame is None or len(frame) == 0):
        return f"<p>{esc(empty)}</p>"
    return squeeze_tables(frame.to_html(index=index, escape=True, border=0, na_rep=na_rep, classes=classes))


def html_list(items, *, ordered: bool = False, escape: bool = True, empty: str | None = None) -> str:
    """<ul>/<ol> of ``items``; ``escape=False`` for items that are markup built from escaped parts."""
    items = [i for i in items if i]
    if not items and empty is not None:
        return f"<p>{esc(empty)}</p>"
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{esc(i) if escape else i}</li>" for i in items) + f"</{tag}>"
