"""A chart as the small PNG a page embeds.

matplotlib draws the figure (``bbox_inches="tight"``) into a PNG written with
light compression; Pillow reduces it to a palette of at most 128 colours (fast
octree, no dithering: charts are flat colours and anti-aliased text, which keep
their look) and writes it with full compression. A chart's PNG is about a
quarter of matplotlib's default, and the quantising costs less than the
compression it saves. A figure with too many colours for a palette (a photo, a
smooth colour map) is kept as it was drawn.
"""

from __future__ import annotations

import io

DPI = 110
PALETTE_COLORS = 128


def figure_png(fig, dpi: int = DPI, close: bool = True) -> bytes:
    """``fig`` as compact PNG bytes (any matplotlib backend); the figure is closed unless ``close=False``."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pil_kwargs={"compress_level": 1})
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return compact_png(buf.getvalue())


def compact_png(png: bytes, colors: int = PALETTE_COLORS) -> bytes:
    """``png`` reduced to a palette of at most ``colors`` colours when that loses nothing visible."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image.load()
        if image.mode == "RGBA" and image.getextrema()[3][0] == 255:  # fully opaque
            image = image.convert("RGB")
        if image.mode not in ("RGB", "RGBA"):
            return png
        if image.getcolors(maxcolors=colors) is None:  # more colours than the palette holds
            distinct = image.getcolors(maxcolors=1 << 16)
            if distinct is None or _photo_like(distinct):
                return _recompressed(image, png)
        method = Image.Quantize.FASTOCTREE
        quantized = image.quantize(colors=colors, method=method, dither=Image.Dither.NONE)
        out = io.BytesIO()
        quantized.save(out, format="PNG", optimize=True)
    data = out.getvalue()
    return data if len(data) < len(png) else png


def _photo_like(colors: list) -> bool:
    """Many colours each used a little: not a chart (a chart's pixels are mostly a few flat colours)."""
    total = sum(n for n, _ in colors)
    top = sorted((n for n, _ in colors), reverse=True)[:PALETTE_COLORS]
    return sum(top) < 0.9 * total


def _recompressed(image, png: bytes) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    data = out.getvalue()
    return data if len(data) < len(png) else png
