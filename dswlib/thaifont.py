"""The Thai font (Sarabun, shipped by the pip package ``fontpkg-sarabun``).

``use_in_matplotlib()`` registers it and makes it the default so chart labels
render Thai glyphs; ``css_font_face()`` embeds it in HTML so the reviewer's
browser needs no installed Thai font.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

FAMILY = "Sarabun"


def font_path(weight: int = 400) -> Path:
    import fontpkg

    return Path(fontpkg.path(FAMILY, weight=weight))


def use_in_matplotlib() -> str:
    """Register Sarabun with matplotlib and make it the default font family."""
    import matplotlib
    from fontpkg import mpl as fontpkg_mpl

    fontpkg_mpl.use(FAMILY, set_default=True)
    matplotlib.rcParams["font.family"] = [FAMILY, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return FAMILY


@lru_cache(maxsize=None)
def css_font_face() -> str:
    """@font-face rules with Sarabun regular and bold embedded as data URIs."""
    rules = []
    for weight in (400, 700):
        data = base64.b64encode(font_path(weight).read_bytes()).decode("ascii")
        rules.append(
            "@font-face{font-family:'%s';font-weight:%d;font-style:normal;"
            "src:url(data:font/ttf;base64,%s) format('truetype');}" % (FAMILY, weight, data)
        )
    return "\n".join(rules)
