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
