"""Executed notebook → reviewer HTML: no code, Thai font embedded, table of contents, print-friendly."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .atomic import write_text
from .thaifont import FAMILY, css_font_face

REPORT_CSS = """
body, .jp-Notebook, .jp-RenderedHTMLCommon, .jp-RenderedMarkdown, table, th, td, h1, h2, h3, h4 {
  font-family: '%(family)s', 'Noto Sans Thai', sans-serif !important;
}
body { max-width: 1100px; margin: 0 auto; padding: 1.5rem; line-height: 1.6; color: #1b1b1b; }
.jp-RenderedHTMLCommon table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: 0.92rem; }
.jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon td { border: 1px solid #c9c9c9; padding: 4px 8px; }
.jp-RenderedHTMLCommon thead th { background: #f0f3f7; }
nav.dsw-toc { border: 1px solid #d8dde3; background: #fafbfc; padding: .75rem 1.25rem; margin: 1rem 0 2rem; }
nav.dsw-toc h2 { margin-top: 0; font-size: 1.15rem; }
nav.dsw-toc ul { margin: 0; padding-left: 0; list-style: none; }
nav.dsw-toc li.lvl3 { margin-left: 1.2rem; font-size: .95em; }
.dsw-note { background: #fff8e1; border-left: 4px solid #f0b400; padding: .5rem .75rem; }
.dsw-cover, .dsw-cover p, .dsw-cover h1 { text-align: center !important; }
.dsw-cover { padding: 3rem 0 2rem; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon li { text-align: left !important; vertical-align: top; }
.jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.dsw-toc { page-break-after: always; }
  h2 { page-break-before: always; }
  .dsw-cover + h2, nav.dsw-toc + h2 { page-break-before: avoid; }
  table, img, figure { page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""" % {"family": FAMILY}

_HEADING_RE = re.compile(r"<h([23])([^>]*)\bid=\"([^\"]+)\"([^>]*)>(.*?)</h\1>", re.S)
_TAG_RE = re.compile(r"<[^>]+>")


_BARE_HEADING_RE = re.compile(r"<h([23])((?:(?!\bid=)[^>])*)>")


def _add_heading_ids(body: str) -> str:
    """Give every h2/h3 without an id one (sec-1, sec-2 ...) so the table of contents can link to it."""
    counter = iter(range(1, 100000))
    return _BARE_HEADING_RE.sub(lambda m: f'<h{m.group(1)} id="sec-{next(counter)}"{m.group(2)}>', body)


def _toc(body: str) -> str:
    items = []
    for match in _HEADING_RE.finditer(body):
        level, anchor, inner = match.group(1), match.group(3), match.group(5)
        text = html.unescape(_TAG_RE.sub("", inner)).replace("¶", "").strip()
        if not text or text == "สารบัญ":
            continue
        items.append(f'<li class="lvl{level}"><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>')
    if not items:
        return ""
    return '<nav class="dsw-toc"><h2>สารบัญ</h2><ul>' + "".join(items) + "</ul></nav>"


def drop_stderr(nb) -> None:
    """Remove stderr streams (warnings, progress bars): reviewers read results, not logs."""
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [o for o in cell.get("outputs", []) if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def notebook_to_html(nb, title: str | None = None) -> str:
    """HTML for reviewers from an executed notebook node."""
    from nbconvert import HTMLExporter

    drop_stderr(nb)
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.exclude_anchor_links = True
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title or "รายงาน"}})
    style = f"<style>{css_font_face()}\n{REPORT_CSS}</style>"
    body = body.replace("</head>", style + "\n</head>", 1)
    if 'lang="' not in body[:200]:
        body = body.replace("<html>", '<html lang="th">', 1)
    else:
        body = re.sub(r'<html lang="[^"]*"', '<html lang="th"', body, count=1)
    body = _add_heading_ids(body)
    toc = _toc(body)
    if toc:
        # after the cover block if there is one, else at the top of the body
        marker = "<!-- dsw:toc -->"
        if marker in body:
            body = body.replace(marker, toc, 1)
        elif "</h1>" in body:
            body = body.replace("</h1>", "</h1>" + toc, 1)
        else:
            body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + toc, body, count=1)
    return body


def render_file(executed_ipynb, html_path, title: str | None = None) -> Path:
    import nbformat

    nb = nbformat.read(str(executed_ipynb), as_version=4)
    return write_text(html_path, notebook_to_html(nb, title))
