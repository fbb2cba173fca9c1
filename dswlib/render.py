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
import re
import threading
from pathlib import Path

from .atomic import write_text
from .htmlparts import squeeze_tables

TEMPLATE_NAME = "dsw_report"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_lock = threading.Lock()
_shared = None


#: alternative text of an image output that has none (nbconvert would write an English sentence)
DEFAULT_ALT = "แผนภูมิประกอบรายงาน"
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)", re.I)


def _exporter_class():
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """``HTMLExporter`` on the ``dsw_report`` template; the page's font is subset to its text.

        ``HTMLExporter.from_notebook_node`` re-parses the finished page with
        BeautifulSoup only to give images without alternative text an English one
        and to make JupyterLab's input/output areas focusable (this template has
        neither): a third of the exporter's time. This exporter sets up the same
        filters and resources, renders the template and adds a Thai alternative
        text where an image has none.
        """

        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code",
                                 self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            body, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            body = squeeze_tables(_IMG_WITHOUT_ALT.sub(f'<img alt="{DEFAULT_ALT}"', body))
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
    exp.optimistic_validation = True  # validate the notebook once, not after each of the 13 preprocessors
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
