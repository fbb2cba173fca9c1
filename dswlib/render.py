"""Executed notebook → reviewer HTML through the ``dsw_report`` nbconvert template.

The template (``dswlib/templates/dsw_report/``) and its preprocessor
(:mod:`dswlib.reportprep`) make the page: no code or prompts, the Thai font
embedded, a table of contents, print CSS for A4, ``lang="th"``, the report's
title, nothing loaded from the network, links from params text neutralised.

:class:`ReportExporter` embeds the font once the page is finished: subset to the
characters the page carries (:func:`dswlib.thaifont.css_font_face`). One exporter
is set up per process (template loading and preprocessor set-up are not repeated
for every page) and shared under a lock.
"""

from __future__ import annotations

import html as _html
import threading
from pathlib import Path

from .atomic import write_text

TEMPLATE_NAME = "dsw_report"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_lock = threading.Lock()
_shared = None


def _exporter_class():
    from nbconvert import HTMLExporter

    class ReportExporter(HTMLExporter):
        """``HTMLExporter`` on the ``dsw_report`` template; the page's font is subset to its text."""

        def from_notebook_node(self, nb, resources=None, **kw):
            body, resources = super().from_notebook_node(nb, resources, **kw)
            return embed_font(body), resources

    return ReportExporter


def embed_font(page: str) -> str:
    """Put the Sarabun subset for ``page``'s characters into its font slot (left by :mod:`dswlib.reportprep`)."""
    from .reportprep import FONT_SLOT
    from .thaifont import css_font_face

    if FONT_SLOT not in page:
        return page
    # every character of the page (text, attributes, CSS generated content), entities decoded
    return page.replace(FONT_SLOT, css_font_face(_html.unescape(page.replace(FONT_SLOT, ""))), 1)


def exporter():
    """A new exporter set up with the ``dsw_report`` template shipped in this package."""
    exp = _exporter_class()(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)])
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.exclude_anchor_links = True
    return exp


def shared_exporter():
    """This process's exporter (set up on first use)."""
    global _shared
    if _shared is None:
        _shared = exporter()
    return _shared


def notebook_to_html(nb, title: str | None = None) -> str:
    """HTML for reviewers from an executed notebook node (the node itself is not modified)."""
    resources = {"metadata": {"name": title or "รายงาน"}}
    if title:
        resources["dsw_title"] = title
    with _lock:
        body, _ = shared_exporter().from_notebook_node(nb, resources=resources)
    return body


def render_file(executed_ipynb, html_path, title: str | None = None) -> Path:
    import nbformat

    nb = nbformat.read(str(executed_ipynb), as_version=4)
    return write_text(html_path, notebook_to_html(nb, title))
