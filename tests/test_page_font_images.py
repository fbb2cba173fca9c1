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


# ---------------------------------------------------------------- charts as inline SVG
def _svg_chart(title="คะแนนรายด้าน"):
    from dswlib.chartstyle import pyplot

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.barh(range(12), range(1, 13), color=["#d73027", "#fc8d59", "#91cf60", "#1a9850"] * 3)
    ax.set_yticks(range(12), [f"ตัวชี้วัดที่ {i} ผู้สูงอายุ" for i in range(12)])
    ax.set_title(title)
    ax.scatter([3, 5], [1, 2], marker="D")  # markers are <use> of one definition
    return fig


def test_a_chart_is_inline_svg_with_its_thai_text_as_text_and_smaller_than_its_png():
    from dswlib.chartimage import figure_png, figure_svg

    svg = figure_svg(_svg_chart(), alt="แผนภูมิ <ทดสอบ> & \"คะแนน\"")
    assert svg.startswith('<svg class="dsw-chart" role="img" aria-label="แผนภูมิ &lt;ทดสอบ&gt; &amp; &quot;คะแนน&quot;"')
    assert "<title>แผนภูมิ &lt;ทดสอบ&gt; &amp; &quot;คะแนน&quot;</title>" in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "ตัวชี้วัดที่ 11 ผู้สูงอายุ" in texts and "คะแนนรายด้าน" in texts  # text, not outlines
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<metadata" not in svg and "dc:date" not in svg
    assert "font-family:'Sarabun'" in svg.split(">", 1)[0]  # the page's embedded font, named once
    assert not re.search(r"\d\.\d{3}", re.sub(r"<text[^>]*>[^<]*</text>", "", svg))  # coordinates to 0.01
    assert "<style>svg.dsw-chart *{" in svg and "<style type" not in svg  # matplotlib's '*' rule kept to the chart
    assert figure_svg(_svg_chart(), alt="x") == figure_svg(_svg_chart(), alt="x")  # same figure, same markup
    png = base64.b64encode(figure_png(_svg_chart()))
    assert len(svg.encode()) < 0.8 * len(png)


def test_two_charts_on_a_page_never_share_an_id_and_every_reference_resolves():
    from dswlib.chartimage import figure_svg

    a, b = figure_svg(_svg_chart("ก")), figure_svg(_svg_chart("ข"))
    ids_a, ids_b = re.findall(r' id="([^"]+)"', a), re.findall(r' id="([^"]+)"', b)
    assert ids_a and not set(ids_a) & set(ids_b)
    for svg, ids in ((a, ids_a), (b, ids_b)):
        refs = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))
        assert refs and refs <= set(ids)  # clip paths and markers: every one defined in the same chart
        assert svg.count("<g") == svg.count("</g>")


def test_a_page_with_an_svg_chart_embeds_the_glyphs_of_the_chart_labels():
    from dswlib.display import Figure

    fig = _svg_chart()
    fig.axes[0].set_xlabel("ฆ้อง ฮูก")  # letters only the chart uses
    page = _page([Figure.from_matplotlib(fig, alt="แผนภูมิ").to_html()])
    assert re.search(r"<text[^>]*>ฆ้อง ฮูก</text>", page)
    for weight, font in embedded_fonts(page).items():
        cmap = font.getBestCmap()
        assert ord("ฆ") in cmap and ord("ฮ") in cmap, weight


def test_svg_chart_pictures_stay_and_remote_loads_go():
    from dswlib.safehtml import rewrite

    ok = '<svg><image xlink:href="data:image/png;base64,iVBORw0KGgo="/><use xlink:href="#c1-m"/></svg>'
    assert rewrite(ok).html == ok
    bad = ('<svg><image href="https://example.org/a.png"/><use href="https://example.org/s.svg#m"/>'
           '<image href="data:image/svg+xml,&lt;svg&gt;"/><a xlink:href="javascript:alert(1)">x</a></svg>')
    out = rewrite(bad)
    assert "example.org" not in out.html and "svg+xml" not in out.html and "javascript" not in out.html
    assert len(out.removed) == 4


def test_the_whole_fy2564_output_is_under_15_mb(batch):
    """Issue 16.3: pages (font subsets, SVG charts) plus record notebooks, manifest, dashboard data and log."""
    out, _ = batch
    files = [p for p in (out / "2564").rglob("*") if p.is_file()]
    assert len([p for p in files if p.suffix == ".html"]) == 81
    total = sum(p.stat().st_size for p in files)
    assert total < 15_000_000, f"{total / 1e6:.2f} MB"


def test_an_svg_chart_keeps_the_size_of_its_png_and_the_spaces_of_its_labels():
    from PIL import Image

    from dswlib.chartimage import figure_png, figure_svg
    from dswlib.chartstyle import pyplot

    def chart():
        fig, ax = pyplot().subplots(figsize=(6, 3))
        ax.barh([0], [13.9])
        ax.text(13.9, 0, " 13.90", va="center")  # set off from the bar by a space
        return fig

    svg = figure_svg(chart())
    width, height = (int(v) for v in re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', svg).groups())
    png = Image.open(io.BytesIO(figure_png(chart())))
    # same size on the page as the PNG was (the tight box of vector text differs by a few px)
    assert abs(width - png.width) <= 0.02 * png.width and abs(height - png.height) <= 0.02 * png.height
    assert "<text" in svg and re.search(r"<text[^>]*> 13\.90</text>", svg)
    assert "svg.dsw-chart text{white-space:pre}" in svg  # the browser keeps that leading space
