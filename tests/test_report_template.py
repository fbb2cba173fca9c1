"""The dsw_report nbconvert template, its TOC preprocessor and the link sanitiser (issue 12, points 1-2)."""

import html
import io
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from dswlib.display import Heading
from dswlib.render import TEMPLATES_DIR, notebook_to_html
from dswlib.safehtml import is_unsafe_link, rewrite, url_scheme

EVIL_MD = "[คลิก](javascript:alert(1))"


def _html_out(markup):
    return new_output("display_data", data={"text/html": markup, "text/plain": "<HTML>"})


def _md_out(markdown):
    return new_output("display_data", data={"text/markdown": markdown, "text/plain": "<Markdown>"})


def _notebook():
    nb = new_notebook()
    nb.cells = [
        new_code_cell("fiscal_year = 2564", metadata={"tags": ["parameters"]}),
        new_code_cell("show_html(report.cover_html())", outputs=[
            _html_out("<div class='dsw-cover'><h1>รายงาน ปก</h1></div><!-- dsw:toc -->"),
            new_output("stream", name="stderr", text="UserWarning: something technical\n"),
        ]),
        new_markdown_cell("## คำนำ\n\nข้อความ [ลิงก์อันตราย](javascript:alert(1)) และ [ปกติ](#sec-1)"),
        new_code_cell("heading(name)", outputs=[_md_out("## " + EVIL_MD)]),
        new_code_cell("show_html(x)", outputs=[_html_out(
            "<h3 id='kpi-3-1'>ตัวชี้วัดที่ 3.1</h3><p><a href=' JaVa&#x09;ScRipt:alert(2)'>a</a>"
            "<a href='vbscript:msgbox(1)'>b</a><a href='data:text/html;base64,PHNjcmlwdD4='>c</a></p>"
            "<script src='https://cdn.example.org/x.js'></script><img src='data:image/png;base64,iVBORw0KGgo='>"
            "<img src='https://example.org/track.png'><link rel='stylesheet' href='https://fonts.example.org/css'>")]),
        new_markdown_cell("### หัวข้อย่อย\n\nmermaid:\n\n```mermaid\ngraph TD; A-->B\n```"),
    ]
    return nb


@pytest.fixture(scope="module")
def page():
    return notebook_to_html(_notebook(), "รายงานทดสอบ <ชื่อ>")


def _hrefs(markup):
    """Every href/src/action value in the page, entity-decoded (own scan, independent of dswlib.safehtml)."""
    return [html.unescape(m.group(2)) for m in re.finditer(r"\s(href|src|action|formaction)\s*=\s*[\"']([^\"']*)[\"']", markup, re.I)]


def test_template_is_shipped_in_the_package():
    assert (TEMPLATES_DIR / "dsw_report" / "conf.json").is_file()
    assert (TEMPLATES_DIR / "dsw_report" / "index.html.j2").is_file()
    assert (TEMPLATES_DIR / "dsw_report" / "static" / "report.css").is_file()


def test_page_head_lang_title_font_and_policy(page):
    assert re.search(r"<html[^>]*\blang=\"th\"", page)
    assert "<title>รายงานทดสอบ &lt;ชื่อ&gt;</title>" in page
    assert "@font-face" in page and "font-family:'Sarabun'" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@page" in page and "size: A4" in page and "counter(page)" in page
    assert "table-header-group" in page and "break-inside: avoid" in page


def test_no_code_prompts_stderr_or_scripts(page):
    assert "fiscal_year = 2564" not in page and "show_html(" not in page and "heading(name)" not in page
    assert "In&nbsp;[" not in page and "Out[" not in page
    assert "UserWarning" not in page
    assert "<script" not in page.lower()
    for name in ("require", "mathjax", "mermaid.esm", "cdnjs", "jsdelivr", "unpkg", "googleapis"):
        assert name not in page.lower(), name


def test_no_remote_load_and_no_unsafe_link(page):
    for url in _hrefs(page):
        assert not re.match(r"^\s*(https?:)?//", url, re.I), url
        scheme = re.sub(r"[\x00-\x20]", "", url).lower().split(":", 1)[0]
        assert scheme not in ("javascript", "vbscript"), url
        if scheme == "data":
            assert url.startswith("data:image/"), url
    # data: images (charts) stay
    assert re.search(r"""src=["']data:image/png;base64,iVBORw0KGgo=["']""", page)


def test_markdown_link_from_params_is_not_live_and_shown_as_text(page):
    assert "javascript:" not in page.lower().replace("&#x09;", "")
    # a Markdown link in a markdown *output* (old heading()) is refused by the renderer and sanitised
    assert ">คลิก<" in page or "คลิก" in page
    assert "vbscript:" not in page.lower()


def test_toc_from_markdown_cells_and_outputs_after_the_marker(page):
    nav = re.search(r"<nav class=\"dsw-toc\">(.*?)</nav>", page, re.S)
    assert nav, "no table of contents"
    entries = re.findall(r"<li class=\"lvl(\d)\"><a href=\"#([^\"]+)\">(.*?)</a></li>", nav.group(1))
    texts = [(lvl, html.unescape(t)) for lvl, _, t in entries]
    assert ("2", "คำนำ") in texts
    assert ("3", "ตัวชี้วัดที่ 3.1") in texts
    assert ("3", "หัวข้อย่อย") in texts
    # each entry points at an element with that id
    for _, anchor, _ in entries:
        assert re.search(rf"<h[1-6][^>]*\bid=[\"']{re.escape(anchor)}[\"']", page), anchor
    assert ("kpi-3-1" in [a for _, a, _ in entries])  # an existing id is kept
    # the table of contents comes right after the cover, before the first section
    assert page.index("รายงาน ปก") < nav.start() < page.index(">คำนำ<")
    assert page.count('<nav class="dsw-toc">') == 1


def test_toc_after_first_h1_without_marker_or_at_top():
    nb = new_notebook()
    nb.cells = [new_code_cell("", outputs=[_html_out(Heading("ชื่อเรื่อง", 1).to_html())]),
                new_markdown_cell("## ส่วนที่ 1"), new_markdown_cell("## ส่วนที่ 2")]
    page = notebook_to_html(nb)
    nav = page.index('<nav class="dsw-toc">')
    assert page.index("ชื่อเรื่อง</h1>") < nav < page.index(">ส่วนที่ 1<")
    assert "<title>ชื่อเรื่อง</title>" in page  # the first h1 is the page title when none is given
    nb.cells = nb.cells[1:]
    page = notebook_to_html(nb)
    assert page.index("<main>") < page.index('<nav class="dsw-toc">') < page.index(">ส่วนที่ 1<")


def test_mermaid_is_not_rendered_by_script(page):
    assert 'class="mermaid"' in page or "graph TD" in page  # shown as text
    assert "<script" not in page.lower()


def test_render_does_not_modify_the_callers_notebook():
    nb = _notebook()
    before = nbformat.writes(nb)
    notebook_to_html(nb)
    assert nbformat.writes(nb) == before


def test_heading_escapes_params_text_and_never_makes_a_link():
    markup = Heading("ชื่อ " + EVIL_MD + " <b>x</b>", 2).to_html()
    assert markup == "<h2>ชื่อ [คลิก](javascript:alert(1)) &lt;b&gt;x&lt;/b&gt;</h2>"
    nb = new_notebook()
    nb.cells = [new_code_cell("", outputs=[_html_out(markup)])]
    page = notebook_to_html(nb)
    assert "<a " not in page.split("<main>", 1)[1].replace('<a href="#sec-1">', "")
    assert "[คลิก](javascript:alert(1))" in html.unescape(page)


@pytest.mark.parametrize("url,scheme", [
    ("javascript:alert(1)", "javascript"), (" JaVa\tScRipt:alert(1)", "javascript"),
    ("java&#x09;script:alert(1)", "javascript"), ("\x01javascript:x", "javascript"),
    ("VBScript:msgbox", "vbscript"), ("data:text/html,<b>", "data"), ("https://x", "https"),
    ("//cdn.example.org/x.js", "//"), ("#sec-1", ""), ("standards/50.html", ""),
])
def test_url_scheme_as_a_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


def test_rewrite_neutralises_links_keeps_text_and_adds_heading_ids():
    ids = iter(["sec-1", "sec-2"])
    out = rewrite("<h2>ก &amp; <i>ข</i></h2><a href='javascript:x' onclick='y'>ค</a><h3 id='own'>ง</h3>"
                  "<iframe src='https://x'></iframe><form action='javascript:x'><button formaction='data:x'>z</button></form>",
                  ids.__next__)
    assert [(h.level, h.id, h.text) for h in out.headings] == [(2, "sec-1", "ก & ข"), (3, "own", "ง")]
    assert '<h2 id="sec-1">' in out.html and "<a>ค</a>" in out.html
    assert "iframe" not in out.html and "javascript" not in out.html and "data:x" not in out.html
    assert is_unsafe_link("data:text/html,x") and not is_unsafe_link("#x")


def test_chart_text_is_literal_no_mathtext():
    """A `$` in a name drew mathtext (or raised: "Unknown symbol") before charts turned parse_math off."""
    import matplotlib

    matplotlib.use("Agg")
    from dswlib import charts

    name = "สถาน $\\undefinedcmd$ ราคา 5 บาท"
    fig = charts.unit_bars([name, "สถานอื่น"], [10.0, 20.0], "หัวเรื่อง $x^2$")
    fig.savefig(io.BytesIO(), format="png")  # raised ValueError with mathtext on
    labels = fig.axes[0].get_yticklabels()
    assert name in [t.get_text() for t in labels]
    assert not any(t.get_parse_math() for t in labels) and not fig.axes[0].title.get_parse_math()
    assert matplotlib.rcParams["text.parse_math"] is False and matplotlib.rcParams["text.usetex"] is False
