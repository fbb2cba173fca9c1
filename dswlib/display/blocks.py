"""Displayable pieces of a report: every section a report returns shows itself.

A :class:`Section` is a list of parts (headings, paragraphs, lists, notes,
tables, figures). It renders through ``_repr_html_``, so the same object works
in JupyterLab, in a batch notebook and in tests (``section.to_html()``).

Text is always escaped here; only :class:`Markup` carries HTML, and only the
library builds it (from escaped parts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..htmlparts import esc


class Markup(str):
    """HTML built by the library from escaped parts (never from raw params text)."""

    def to_html(self) -> str:
        return str(self)


def _html_of(part) -> str:
    if part is None:
        return ""
    if isinstance(part, Markup):
        return str(part)
    if hasattr(part, "to_html"):
        return part.to_html()
    if hasattr(part, "_repr_html_"):
        return part._repr_html_()
    return f"<p>{esc(part)}</p>"


@dataclass
class Heading:
    text: str
    level: int = 2
    anchor: str = ""

    def to_html(self) -> str:
        ident = f' id="{esc(self.anchor)}"' if self.anchor else ""
        return f"<h{self.level}{ident}>{esc(self.text)}</h{self.level}>"


@dataclass
class Para:
    """A paragraph of plain text; ``strong`` parts are shown in bold."""

    text: str
    css: str = ""

    def to_html(self) -> str:
        cls = f' class="{esc(self.css)}"' if self.css else ""
        return f"<p{cls}>{esc(self.text)}</p>"


def para(*pieces, css: str = "") -> Markup:
    """A paragraph from text pieces; a piece wrapped in :func:`strong` is bold. Everything is escaped."""
    body = "".join(p if isinstance(p, Markup) else esc(p) for p in pieces if p is not None)
    cls = f' class="{esc(css)}"' if css else ""
    return Markup(f"<p{cls}>{body}</p>")


def strong(text) -> Markup:
    return Markup(f"<strong>{esc(text)}</strong>")


def note(text) -> Markup:
    """A highlighted remark (e.g. monitoring-only, synthetic data)."""
    return Markup(f'<p class="dsw-note">{esc(text)}</p>')


@dataclass
class Bullets:
    items: list
    ordered: bool = False
    empty: str = "-"

    def to_html(self) -> str:
        items = [i for i in self.items if i not in (None, "")]
        if not items:
            return f"<p>{esc(self.empty)}</p>" if self.empty else ""
        tag = "ol" if self.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{tag}>"


def _inline(item) -> str:
    if isinstance(item, Markup):
        return str(item)
    if hasattr(item, "to_html"):
        return item.to_html()
    return esc(item)


@dataclass
class Figure:
    """A chart embedded in the page: inline SVG drawn once from a matplotlib figure
    (:func:`dswlib.chartimage.figure_svg`: text drawn by the page's own Thai font), or a
    compact PNG (:func:`dswlib.chartimage.figure_png`) for a picture with ``raster=True``."""

    png: bytes = b""
    alt: str = ""
    width: int | None = None
    svg: str = ""  # inline markup from chartimage.figure_svg (never from params text)

    @classmethod
    def from_matplotlib(cls, fig, alt: str = "", dpi: int = 110, raster: bool = False) -> "Figure":
        if not alt and fig.axes:
            alt = fig.axes[0].get_title() or (fig._suptitle.get_text() if fig._suptitle else "")
        if raster:
            from ..chartimage import figure_png

            return cls(figure_png(fig, dpi=dpi), alt)
        from ..chartimage import figure_svg

        return cls(alt=alt, svg=figure_svg(fig, alt))

    def to_html(self) -> str:
        import base64

        width = f' style="max-width:{int(self.width)}px"' if self.width else ""
        if self.svg:
            return f'<figure class="dsw-figure"{width}>{self.svg}</figure>'
        data = base64.b64encode(self.png).decode("ascii")
        return f'<figure class="dsw-figure"><img alt="{esc(self.alt)}" src="data:image/png;base64,{data}"{width}></figure>'

    def _repr_html_(self) -> str:
        return self.to_html()


@dataclass
class Section:
    """An ordered list of parts that displays itself; ``+=``/``add`` append parts."""

    parts: list = field(default_factory=list)

    def add(self, *parts) -> "Section":
        for part in parts:
            if part is None:
                continue
            if _is_mpl_figure(part):
                part = Figure.from_matplotlib(part)
            self.parts.append(part)
        return self

    def __iadd__(self, part):
        return self.add(part)

    def to_html(self) -> str:
        return "".join(_html_of(p) for p in self.parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def tables(self) -> list:
        """The report tables of this section (for analysts and tests)."""
        from .table import ReportTable

        out = []
        for p in self.parts:
            if isinstance(p, ReportTable):
                out.append(p)
            elif isinstance(p, Section):
                out.extend(p.tables())
        return out

    def __repr__(self) -> str:
        return f"Section({len(self.parts)} parts)"


def _is_mpl_figure(obj) -> bool:
    try:
        from matplotlib.figure import Figure as MplFigure
    except ImportError:  # pragma: no cover
        return False
    return isinstance(obj, MplFigure)


def section(*parts) -> Section:
    return Section().add(*parts)
