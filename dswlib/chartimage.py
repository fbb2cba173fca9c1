"""A chart as the small PNG a page embeds.

matplotlib draws the figure (``bbox_inches="tight"``) into a PNG written with
light compression; Pillow reduces it to a palette of at most 128 colours (fast
octree, no dithering: charts are flat colours and anti-aliased text, which keep
their look) and writes it with full compression: a chart's PNG is about a
quarter of matplotlib's default. A figure with too many colours for a palette
(a photo, a smooth colour map) is kept as it was drawn.
"""

from __future__ import annotations

import io
import re

from .thaifont import FAMILY, MATPLOTLIB_FAMILIES

DPI = 110
PALETTE_COLORS = 128


def figure_png(fig, dpi: int = DPI, close: bool = True) -> bytes:
    """``fig`` as compact PNG bytes (any matplotlib backend); the figure is closed unless ``close=False``.

    Drawn by ``savefig(bbox_inches="tight")``, written with light compression (it is
    decoded again at once) and reduced by :func:`compact_png`.
    """
    try:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pil_kwargs={"compress_level": 1})
        return compact_png(buf.getvalue())
    finally:
        if close:
            import matplotlib.pyplot as plt

            plt.close(fig)


def compact_png(png: bytes, colors: int = PALETTE_COLORS) -> bytes:
    """``png`` reduced to a palette of at most ``colors`` colours when that loses nothing visible."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image.load()
        if image.mode not in ("RGB", "RGBA"):
            return png
        data = compact_image(image, colors)
    return data if len(data) < len(png) else png


def compact_image(image, colors: int = PALETTE_COLORS) -> bytes:
    """A Pillow RGB(A) image as PNG bytes, on a palette of at most ``colors`` colours unless it is photo-like."""
    from PIL import Image

    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:  # fully opaque
        image = image.convert("RGB")
    out = io.BytesIO()
    distinct = image.getcolors(maxcolors=1 << 16)  # one pass over the pixels
    if distinct is None or (len(distinct) > colors and _photo_like(distinct)):  # too many colours, photo-like
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    quantized = image.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    quantized.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _photo_like(colors: list) -> bool:
    """Many colours each used a little: not a chart (a chart's pixels are mostly a few flat colours)."""
    total = sum(n for n, _ in colors)
    top = sorted((n for n, _ in colors), reverse=True)[:PALETTE_COLORS]
    return sum(top) < 0.9 * total


# --------------------------------------------------------------------------- inline SVG
#: the page's own font draws the chart's text (the page embeds Sarabun, subset to every character
#: it carries, the chart's labels included); outside a report page (JupyterLab) a system Thai font
SVG_FONT = f"'{FAMILY}','Noto Sans Thai','Leelawadee UI',Tahoma,'DejaVu Sans',sans-serif"
_HEAD = re.compile(r"^.*?(?=<svg\b)", re.S)  # XML declaration and DOCTYPE
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)
_TAG = re.compile(r"<[^>]+>")
_LONG_DECIMAL = re.compile(r"(\d\.\d\d)\d+")
# the families matplotlib writes on every text (dswlib.thaifont), named once on the root instead
_FONT_FAMILY = re.compile(r"\s*font-family:\s*" + r",\s*".join(f"'{re.escape(f)}'" for f in MATPLOTLIB_FAMILIES) + ";?")
_NO_ROTATION = re.compile(r'\s*transform="rotate\(-?0 [-\d.e]+ [-\d.e]+\)"')
_ID = re.compile(r' id="([^"]+)"')
_ROOT_SIZE = re.compile(r'width="([\d.]+)pt" height="([\d.]+)pt"')
_REF = re.compile(r'(?:url\(#|href="#)([^)"]+)')


def figure_svg(fig, alt: str = "", close: bool = True) -> str:
    """``fig`` as inline SVG markup for an HTML page; the figure is closed unless ``close=False``.

    Vector shapes, and text left as text (``svg.fonttype = "none"``) for the browser to draw
    with the page's embedded Sarabun: Thai marks are placed by the font's own rules, text can
    be searched and copied, the chart prints sharp, and its text is read by the
    personal-data scanner like the rest of the page. Drawn by ``savefig(bbox_inches="tight")``
    with a fixed hash salt (the same figure gives the same markup), then trimmed: no XML
    declaration or metadata, coordinates to 0.01 pt, the font named once on the root element,
    ids prefixed with a digest of the chart so two charts on a page never share one, shown as
    large as a PNG at :data:`DPI` (px, not pt), a label's own spaces kept (``white-space: pre``).
    ``alt`` becomes the image's accessible name (``role="img"``, ``aria-label``, ``<title>``).
    """
    import matplotlib

    try:
        buf = io.BytesIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "dswlib"}):
            fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
        return tidy_svg(buf.getvalue().decode("utf-8"), alt)
    finally:
        if close:
            import matplotlib.pyplot as plt

            plt.close(fig)


def tidy_svg(svg: str, alt: str = "") -> str:
    """matplotlib's SVG document as compact inline markup (see :func:`figure_svg`)."""
    import hashlib
    from html import escape

    svg = _METADATA.sub("", _HEAD.sub("", svg, count=1))
    svg = re.sub(r">\s+<", "><", svg).strip()
    svg = _TAG.sub(lambda m: _tidy_tag(m.group(0)), svg)
    # only ids something refers to (clip paths, markers, embedded pictures) are kept, prefixed
    referenced = set(_REF.findall(svg))
    svg = _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    prefix = "c" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8] + "-"
    for old in referenced:
        svg = svg.replace(f'id="{old}"', f'id="{prefix}{old}"').replace(f"#{old})", f"#{prefix}{old})")
        svg = svg.replace(f'href="#{old}"', f'href="#{prefix}{old}"')
    svg = _unwrap_bare_groups(svg)
    # matplotlib's document-wide rule, kept to this chart (inline, it would reach the whole page)
    svg = svg.replace("<style type=\"text/css\">*{", "<style>svg.dsw-chart *{", 1)
    # a label's own spaces (" 13.90" set off from its bar) are kept, as matplotlib drew them
    svg = svg.replace("</style>", "svg.dsw-chart text{white-space:pre}</style>", 1)
    # shown as large as the PNG at DPI was (matplotlib sizes SVG in pt, which a browser shows at 96/72 px)
    svg = _ROOT_SIZE.sub(lambda m: f'width="{float(m.group(1)) * DPI / 72:.0f}" height="{float(m.group(2)) * DPI / 72:.0f}"',
                         svg, count=1)
    label = escape(alt, quote=True)
    root = f'<svg class="dsw-chart" role="img"{f" aria-label={chr(34)}{label}{chr(34)}" if alt else ""} ' \
           f'style="font-family:{SVG_FONT}" '
    svg = svg.replace("<svg ", root, 1)
    if alt:
        end = svg.index(">") + 1
        svg = svg[:end] + f"<title>{label}</title>" + svg[end:]
    return svg


def _tidy_tag(tag: str) -> str:
    tag = re.sub(r"\s+", " ", tag)
    tag = _LONG_DECIMAL.sub(r"\1", tag)
    tag = _NO_ROTATION.sub("", tag)
    tag = _FONT_FAMILY.sub("", tag)
    return tag.replace(' style=""', "").replace('; "', '"')


def _unwrap_bare_groups(svg: str) -> str:
    """``<g>…</g>`` without attributes (matplotlib's unreferenced artist groups) reduced to their content."""
    out, kept, pos = [], [], 0
    for m in re.finditer(r"<g\b[^>]*>|</g>", svg):
        out.append(svg[pos:m.start()])
        pos = m.end()
        tag = m.group(0)
        if tag == "</g>":
            if kept.pop():
                out.append(tag)
        else:
            keep = tag != "<g>"
            kept.append(keep)
            if keep:
                out.append(tag)
    out.append(svg[pos:])
    return "".join(out)
