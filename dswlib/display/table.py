"""One table layer: numeric data in, formatted HTML out (pandas Styler).

A :class:`ReportTable` keeps the frame as data (numbers stay numbers, missing
values stay ``NaN``/``None``) and knows how each column is shown: decimals,
thousands separators, half-up rounding as the documents print, Thai digits when
asked, "-" for missing. Only :meth:`ReportTable.to_html` formats; ``.data`` is
what an analyst sorts, filters and computes with.

Every text cell and every header is HTML-escaped by the Styler, so text from
params can never become markup.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Callable

from ..htmlparts import esc, squeeze_tables

#: what the Styler writes for its own CSS hooks: element ids, position classes, empty <style>
_STYLER_ID = re.compile(r' id="T_[A-Za-z0-9]+_[A-Za-z0-9_]+"')  # cell ids; the table keeps its own
_STYLER_CLASS = re.compile(r' class="(?:data|col_heading|row_heading|index_name|blank)(?: level\d+)?(?: row\d+)?(?: col\d+)?'
                           r'(?: ([^"]*))?"')
_TAG_SPACE = re.compile(r"<(td|th|tr) >")
_EMPTY_STYLE = re.compile(r'<style type="text/css">\s*</style>\s*')


def lean_styler_html(markup: str) -> str:
    """The Styler's table without its CSS hooks (cell ids ``id="T_…_row3_col2"``, ``class="data row3 col2"``,
    an empty ``<style>``): the page styles tables by its own classes only, and a province page is
    tens of KB lighter. Classes the table set itself (``dsw-right``, ``dsw-total``) are kept."""
    markup = _EMPTY_STYLE.sub("", _STYLER_ID.sub("", markup))
    markup = _STYLER_CLASS.sub(lambda m: f' class="{m.group(1)}"' if m.group(1) else "", markup)
    return squeeze_tables(_TAG_SPACE.sub(r"<\1>", markup))

MISSING = "-"


@dataclass(frozen=True)
class Col:
    """How one column is shown.

    ``decimals``: fixed decimals for numbers (half-up); ``None`` shows integers
    without decimals and other numbers as they are. ``signed`` prints "+2.87".
    ``fmt`` overrides everything with a function of the value (text out; escaped).
    ``unit`` is metadata for analysts (kept in ``ReportTable.units``); the header
    already names it where a reader needs it. ``missing`` is what a missing value
    shows ("-" unless the column says otherwise, e.g. "ยังไม่กำหนด").
    """

    decimals: int | None = None
    signed: bool = False
    unit: str = ""
    fmt: Callable | None = None
    align: str | None = None  # "left" | "right" | "center"; numbers default to right
    missing: str = MISSING


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_cell(value, col: Col | None, thai_digits: bool = False) -> str:
    """The text a reader sees for one cell (not yet escaped)."""
    from decimal import Decimal

    from ..thainum import format_change, format_number, to_thai_digits

    if _is_missing(value):
        return col.missing if col is not None else MISSING
    col = col or Col()
    if col.fmt is not None:
        text = col.fmt(value)
    elif isinstance(value, bool):
        text = "ใช่" if value else "ไม่ใช่"
    elif isinstance(value, (int, float, Decimal)) or _is_numpy_number(value):
        if col.signed:
            text = format_change(value, col.decimals if col.decimals is not None else 2)
        else:
            text = format_number(_plain(value), col.decimals)
    else:
        return str(value)  # text is shown as it is (digits in names are not converted)
    return to_thai_digits(text) if thai_digits else text


def safe_href(href: str) -> str:
    """``href`` if it is a relative link to a page of the batch (``standards/50-chiang-mai.html``,
    ``overview.html#rank``); ValueError otherwise (no scheme, no absolute path, no ``..``)."""
    text = str(href)
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._/-]*\.html(#[A-Za-z0-9_-]+)?", text) or ".." in text:
        raise ValueError(f"not a relative page link: {href!r}")
    return text


def _is_numpy_number(value) -> bool:
    import numpy as np

    return isinstance(value, (np.integer, np.floating))


def _plain(value):
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


@dataclass
class ReportTable:
    """A table of a report: ``data`` (numeric DataFrame) plus how to show it.

    ``cols`` maps column names to :class:`Col`; ``caption`` is shown above,
    ``source`` and ``notes`` below; ``emphasis`` is a boolean Series/list marking
    rows shown in bold (total rows); ``index`` shows the frame's index.
    ``row_cols`` shows some rows of a column differently: ``{column: [(mask, Col), ...]}``
    where ``mask`` is a boolean list over the rows, e.g. a sub-KPI's weight 10 shown
    "(10)" as the documents print it, while the data holds 10.
    """

    data: object  # pandas.DataFrame
    cols: dict = field(default_factory=dict)
    caption: str = ""
    source: str = ""
    notes: tuple = ()
    emphasis: object = None
    index: bool = False
    thai_digits: bool = False
    empty: str = "ไม่มีรายการ"
    css_class: str = "dsw-table"
    row_cols: dict = field(default_factory=dict)
    #: ``{column: [href or None per row]}``: the cell's text becomes a link to a page of the
    #: same batch. Only relative ``*.html`` paths built by the library are accepted.
    links: dict = field(default_factory=dict)

    @property
    def units(self) -> dict:
        return {name: c.unit for name, c in self.cols.items() if c.unit}

    def __len__(self) -> int:
        return len(self.data)

    def styler(self):
        """The pandas Styler that renders this table (every cell and header escaped)."""
        frame = self.data
        sty = frame.style
        cols = self.cols
        for name in frame.columns:
            col = cols.get(name)
            sty = sty.format(lambda v, _c=col: format_cell(v, _c, self.thai_digits), subset=[name], escape="html")
        for name, overrides in self.row_cols.items():
            for mask, col in overrides:
                rows = frame.index[[bool(m) for m in mask]]
                if len(rows):
                    sty = sty.format(lambda v, _c=col: format_cell(v, _c, self.thai_digits), subset=(rows, [name]),
                                     escape="html")
        for name, hrefs in self.links.items():
            col = cols.get(name)
            for row, href in zip(frame.index, hrefs):
                if href:
                    sty = sty.format(lambda v, _c=col, _h=safe_href(href): (
                        f'<a href="{esc(_h)}">{esc(format_cell(v, _c, self.thai_digits))}</a>'),
                        subset=([row], [name]), escape=None)
        sty = sty.format_index(escape="html", axis=1)
        if self.index:
            sty = sty.format_index(escape="html", axis=0)
        else:
            sty = sty.hide(axis="index")
        classes = self._cell_classes()
        if classes is not None:
            sty = sty.set_td_classes(classes)
        sty = sty.set_table_attributes(f'class="{self.css_class}"')
        return sty

    def _cell_classes(self):
        import pandas as pd

        frame = self.data
        out = pd.DataFrame("", index=frame.index, columns=frame.columns)
        any_class = False
        for name in frame.columns:
            col = self.cols.get(name) or Col()
            align = col.align
            if align is None and pd.api.types.is_numeric_dtype(frame[name]) and not pd.api.types.is_bool_dtype(frame[name]):
                align = "right"
            if align:
                out[name] = f"dsw-{align}"
                any_class = True
        if self.emphasis is not None:
            mask = list(self.emphasis)
            for pos, flag in enumerate(mask):
                if flag:
                    out.iloc[pos] = (out.iloc[pos] + " dsw-total").str.strip()
                    any_class = True
        return out if any_class else None

    def to_html(self) -> str:
        parts = []
        if self.caption:
            parts.append(f'<p class="dsw-caption"><strong>{esc(self.caption)}</strong></p>')
        if self.data is None or len(self.data) == 0:
            parts.append(f"<p>{esc(self.empty)}</p>")
        else:
            parts.append(lean_styler_html(self.styler().to_html(doctype_html=False, table_uuid=self._uuid())))
        for note in self.notes:
            if note:
                parts.append(f'<p class="dsw-table-note">{esc(note)}</p>')
        if self.source:
            parts.append(f'<p class="dsw-source">ที่มา: {esc(self.source)}</p>')
        return '<div class="dsw-table-wrap">' + "".join(parts) + "</div>"

    def _uuid(self) -> str:
        """A stable id prefix for the Styler's element ids (unique per table content, same on every run)."""
        import hashlib

        payload = (self.caption + "|" + self.data.to_json(force_ascii=False, default_handler=str)).encode("utf-8")
        return "t" + hashlib.sha1(payload).hexdigest()[:8]

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:  # plain-text consoles get the numbers
        return f"ReportTable({self.caption!r})\n{self.data!r}"
