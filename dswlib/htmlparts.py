"""The one escaping helper: every text that came from params is escaped before it meets markup.

Tables and lists are built by :mod:`dswlib.display` (ReportTable, Bullets).
"""

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
