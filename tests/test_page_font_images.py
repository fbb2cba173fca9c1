"""Small self-contained pages (issue 16.3): the font subset to each page's text, compact chart PNGs."""

import base64
import html
import io
import re

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from dswlib.render import notebook_to_html
from dswlib.thaifont import FAMILY, THAI_COMBINING_MARKS, css_font_face, font_path

FONT_SRC = re.compile(r"@font-face\{font-family:'(\w+)';font-weight:(\d+);[^}]*?"
                      r"url\(data:font/(woff2?|ttf);base64,([A-Za-z0-9+/=]+)\)")


def embedded_fonts(page: str) -> dict:
    """{weight: fontTools TTFont} of every @font-face the page embeds."""
    from fontTools.ttLib import TTFont

    fonts = {}
    for family, weight, _fmt, data in FONT_SRC.findall(page):
        assert family == FAMILY
        fonts[int(weight)] = TTFont(io.BytesIO(base64.b64decode(data)))
    return fonts


def visible_chars(page: str) -> set:
    body = re.sub(r"<style.*?</style>|<head>.*?</head>", "", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return {c for c in text if not c.isspace()}


def sarabun_covers(char: str) -> bool:
    from fontTools.ttLib import TTFont

    cmap = _full_cmap(TTFont)
    return ord(char) in cmap


_CMAP = {}


def _full_cmap(TTFont):
    if not _CMAP:
        _CMAP.update(TTFont(str(font_path(400))).getBestCmap())
    return _CMAP


def _page(text_cells):
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# รายงานผลการดำเนินงาน")] + [
        new_code_cell("show_html(x)", outputs=[new_output("display_data", data={"text/html": t, "text/plain": ""})])
        for t in text_cells]
    return notebook_to_html(nb, "ทดสอบ")


def test_embedded_font_holds_every_glyph_the_page_uses_and_little_else():
    page = _page(["<p>สมุทรสงคราม ผู้สูงอายุ &#x0E0D;ญ่ ฐ ปั้น ปี่ ร้อยละ 13.90 – “ข้อมูล”</p>",
                  "<table><tr><th>ตัวชี้วัด</th><td>1,424</td></tr></table>"])
    fonts = embedded_fonts(page)
    assert set(fonts) == {400, 700}
    needed = {c for c in visible_chars(page) if sarabun_covers(c)}
    assert "ญ" in needed and "่" in needed and "“" in needed
    for weight, font in fonts.items():
        cmap = font.getBestCmap()
        missing = sorted(c for c in needed if ord(c) not in cmap)
        assert not missing, (weight, missing)
        assert all(ord(m) in cmap for m in THAI_COMBINING_MARKS)  # every mark, used or not
        assert ord("ฮ") not in cmap and ord("ฆ") not in cmap  # letters the page does not use are left out
        assert font.get("GSUB") is not None and font.get("GPOS") is not None  # Thai mark placement kept
    assert len(page.encode()) < 80_000  # the whole family embedded was some 240 KB


def test_css_font_face_without_text_covers_all_of_thai():
    from fontTools.ttLib import TTFont

    css = css_font_face()
    data = FONT_SRC.search(css).group(4)
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    assert all(ord(c) in cmap for c in "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮะาำเแโใไๅๆ๐๑๒๓๔๕๖๗๘๙")


def test_chart_png_is_a_small_palette_image_that_looks_the_same():
    import numpy as np
    from PIL import Image

    from dswlib.chartimage import figure_png
    from dswlib.chartstyle import pyplot

    plt = pyplot()

    def chart():
        fig, ax = plt.subplots(figsize=(7, 4))
        ax.barh(range(12), range(1, 13), color=["#d73027", "#fc8d59", "#91cf60", "#1a9850"] * 3)
        ax.set_yticks(range(12), [f"ตัวชี้วัดที่ {i} ผู้สูงอายุ" for i in range(12)])
        ax.set_title("คะแนนรายด้าน")
        return fig

    plain = io.BytesIO()
    reference = chart()
    reference.savefig(plain, format="png", dpi=110, bbox_inches="tight")
    plt.close(reference)
    small = figure_png(chart())
    assert len(small) < 0.6 * len(plain.getvalue())
    a = np.asarray(Image.open(io.BytesIO(plain.getvalue())).convert("RGB"), dtype=float)
    b_img = Image.open(io.BytesIO(small))
    assert b_img.mode == "P"
    b = np.asarray(b_img.convert("RGB"), dtype=float)
    assert a.shape == b.shape
    assert np.abs(a - b).mean() < 2.0  # out of 255: the same picture


def test_a_photo_like_image_is_not_posterised():
    import numpy as np
    from PIL import Image

    from dswlib.chartimage import compact_png

    rng = np.random.default_rng(0)
    noise = Image.fromarray(rng.integers(0, 255, (120, 160, 3), dtype=np.uint8))
    buf = io.BytesIO()
    noise.save(buf, format="PNG")
    out = Image.open(io.BytesIO(compact_png(buf.getvalue())))
    assert out.mode == "RGB"
    assert np.array_equal(np.asarray(out), np.asarray(noise))


# ---------------------------------------------------------------- on the FY2564 batch (conftest `batch`)
def test_every_page_of_the_batch_embeds_the_glyphs_it_shows(batch):
    out, _ = batch
    pages = sorted((out / "2564").rglob("*.html"))
    assert len(pages) > 70
    for path in pages:
        page = path.read_text(encoding="utf-8")
        fonts = embedded_fonts(page)
        assert set(fonts) == {400, 700}, path
        needed = {c for c in visible_chars(page) if sarabun_covers(c)}
        for weight, font in fonts.items():
            cmap = font.getBestCmap()
            assert not [c for c in needed if ord(c) not in cmap], (path.name, weight)


def test_province_pages_are_small(batch):
    out, _ = batch
    provinces = [p for p in (out / "2564" / "standards").glob("*.html") if p.name != "overview.html"]
    assert len(provinces) == 76
    sizes = {p.name: p.stat().st_size for p in provinces}
    assert max(sizes.values()) < 250_000, max(sizes.items(), key=lambda kv: kv[1])


def test_table_indentation_is_dropped_and_the_cells_kept():
    import pandas as pd

    from tests.figures.extract import page_figures

    table = pd.DataFrame({"ตัวชี้วัด": ["ร้อยละ", "จำนวน"], "ผล": [13.9, 1424]}).to_html(index=False)
    assert "\n      <td>" in table
    page = _page([table, "<pre>  ข้อความ\n    เว้นวรรค</pre>"])
    assert "\n      <td>" not in page and "<tr><td>ร้อยละ</td><td>13.9</td></tr>" in page
    assert "<pre>  ข้อความ\n    เว้นวรรค</pre>" in page  # whitespace outside tables is left alone
    assert page_figures(page) == page_figures(table)  # every figure of the table is still shown
