"""The Thai font (Sarabun, shipped by the pip package ``fontpkg-sarabun``).

``use_in_matplotlib()`` registers it and makes it the default so chart labels
render Thai glyphs; ``css_font_face(text)`` embeds it in HTML so the reviewer's
browser needs no installed Thai font.

The embedded font is a subset (fontTools): only the glyphs needed to set ``text``
(plus printable ASCII and every Thai combining mark, so a page's markup, CSS
generated content and any mark placement always have their glyphs), with the
OpenType layout features kept, so Thai mark positioning and the glyph variants it
substitutes (tone marks shifted left or down, ญ/ฐ without their descender) come
along. The subset is WOFF2 when ``brotli`` is installed, WOFF otherwise: a page
carries some 20-40 KB of font instead of the whole family's 240 KB.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

FAMILY = "Sarabun"
#: matplotlib's font families for report charts: Sarabun, then matplotlib's own font for what it lacks
MATPLOTLIB_FAMILIES = (FAMILY, "DejaVu Sans")
WEIGHTS = (400, 700)  # the page CSS uses regular and bold (headings, table heads, totals)

ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
THAI_COMBINING_MARKS = "\u0e31" + "".join(chr(c) for c in range(0x0E34, 0x0E3B)) + "".join(
    chr(c) for c in range(0x0E47, 0x0E4F))
THAI_BLOCK = "".join(chr(c) for c in range(0x0E01, 0x0E5C))
#: what a page without a known text gets (the index page, say): every Thai letter and common punctuation
DEFAULT_TEXT = ASCII + THAI_BLOCK + "\u00a0\u00b7\u00d7\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2212"


def font_path(weight: int = 400) -> Path:
    import fontpkg

    return Path(fontpkg.path(FAMILY, weight=weight))


_registered_with: object | None = None  # the matplotlib font manager Sarabun was added to


def use_in_matplotlib() -> str:
    """Register Sarabun with matplotlib (once per font manager) and make it the default font family.

    Adding the 16 font files again on every chart would also empty matplotlib's
    font look-up cache each time (some 0.05 s a report in a warm kernel).
    """
    global _registered_with
    import matplotlib
    from matplotlib import font_manager

    if _registered_with is not font_manager.fontManager:
        from fontpkg import mpl as fontpkg_mpl

        fontpkg_mpl.use(FAMILY, set_default=True)
        _registered_with = font_manager.fontManager
    matplotlib.rcParams["font.family"] = list(MATPLOTLIB_FAMILIES)
    matplotlib.rcParams["axes.unicode_minus"] = False
    return FAMILY


def font_format() -> str:
    """``"woff2"`` when fontTools can compress with brotli, else ``"woff"``."""
    try:
        from fontTools.ttLib import woff2

        return "woff2" if woff2.haveBrotli else "woff"
    except ImportError:  # pragma: no cover - fontTools ships woff2
        return "woff"


def subset_chars(text: str) -> frozenset:
    """The characters a font subset for ``text`` covers (``text`` + ASCII + Thai combining marks)."""
    return frozenset(text) | frozenset(ASCII) | frozenset(THAI_COMBINING_MARKS)


SUBSET_RECIPE = "1"  # change when the subsetting options below change: cached subsets are then made anew


def cache_dir() -> Path:
    """Where font subsets are kept between runs: ``$DSW_CACHE_DIR/fonts`` or ``~/.cache/dswlib/fonts``."""
    base = os.environ.get("DSW_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dswlib")
    return Path(base) / "fonts"


def _cache_key(weight: int, chars: frozenset, flavor: str) -> str:
    import fontTools

    font = font_path(weight)
    stat = font.stat()
    text = "".join(sorted(chars))
    ident = f"{SUBSET_RECIPE}|{fontTools.version}|{font.name}|{stat.st_size}|{stat.st_mtime_ns}|{flavor}|{text}"
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()


@lru_cache(maxsize=32)
def _subset(weight: int, chars: frozenset, flavor: str) -> bytes:
    """The subset, from the on-disk cache when an earlier run (or another worker) made it.

    Subsetting and WOFF2's brotli compression take some 0.3-0.5 s a weight; pages of
    one kind share their characters, so a batch needs only a handful of subsets.
    """
    path = cache_dir() / f"{_cache_key(weight, chars, flavor)}.{flavor}"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = _make_subset(weight, chars, flavor)
    try:
        from .atomic import write_bytes

        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data)
    except OSError:  # a read-only home: the subset is just not kept
        pass
    return data


def _make_subset(weight: int, chars: frozenset, flavor: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = flavor
    # fontTools' default features are those a browser applies unasked, Thai's among them (ccmp, locl,
    # liga, mark, mkmk, kern): their closure brings the glyph variants; sups, frac, salt... stay out
    options.hinting = False
    options.notdef_outline = True
    options.ignore_missing_unicodes = True
    font = TTFont(str(font_path(weight)), lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = flavor
    font.save(buf)
    return buf.getvalue()


def css_font_face(text: str | None = None) -> str:
    """@font-face rules with Sarabun regular and bold embedded as data URIs, subset to ``text``.

    Without ``text`` the subset covers every Thai letter and mark, ASCII and common
    punctuation (:data:`DEFAULT_TEXT`).
    """
    return _css(subset_chars(DEFAULT_TEXT if text is None else text))


@lru_cache(maxsize=32)
def _css(chars: frozenset) -> str:
    rules = []
    flavor = font_format()
    for weight in WEIGHTS:
        data = base64.b64encode(_subset(weight, chars, flavor)).decode("ascii")
        rules.append(
            "@font-face{font-family:'%s';font-weight:%d;font-style:normal;"
            "src:url(data:font/%s;base64,%s) format('%s');}" % (FAMILY, weight, flavor, data, flavor)
        )
    return "\n".join(rules)
