"""The one escaping helper: every text that came from params is escaped before it meets markup.

Tables and lists are built by :mod:`dswlib.display` (ReportTable, Bullets).
"""

from __future__ import annotations

import html as _html


def esc(text) -> str:
    """HTML-escape any text that came from params before it is put into markup."""
    return _html.escape("" if text is None else str(text), quote=True)
