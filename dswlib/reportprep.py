"""nbconvert preprocessor of the ``dsw_report`` template: table of contents, safe HTML, page title.

It runs on nbconvert's copy of the executed notebook, before the template:

- markdown cells and ``text/markdown`` outputs are rendered here (nbconvert's
  mistune renderer, with mistune's safe-URL check switched on) and stored as
  HTML, so the template prints HTML that went through :func:`dswlib.safehtml.rewrite`;
- every ``text/html`` output is rewritten the same way: headings get ids
  (``sec-1``, ``sec-2`` ... unless they have one), ``javascript:``/``vbscript:``/
  ``data:`` links lose their ``href``, remote loads and scripts are removed;
- stderr streams (warnings, progress bars) are dropped: reviewers read results;
- the table of contents lists the h2 and h3 headings in document order. It
  goes after the output that carries the ``<!-- dsw:toc -->`` marker (the
  cover of the annual report), else after the first h1, else at the top.

What the template needs is put in ``resources["dsw"]``: ``toc_html``,
``toc_at_top``, ``title``, ``font_css`` (a slot: the font is subset to the
finished page's text by :class:`dswlib.render.ReportExporter`).
"""

from __future__ import annotations

import logging
from itertools import count

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, List, Unicode

from .htmlparts import esc
from .safehtml import rewrite

log = logging.getLogger("dswlib.reportprep")

TOC_MARKER = "<!-- dsw:toc -->"
FONT_SLOT = "/* dsw:font-face */"  # replaced by the page's font subset (dswlib.render.ReportExporter)
CELL_HTML_KEY = "dsw_html"      # cell.metadata: the markdown cell rendered and sanitised
TOC_AFTER_KEY = "dsw_toc_after"  # cell.metadata / output.metadata: put the table of contents after this


def render_markdown(source: str, attachments: dict | None = None) -> str:
    """Markdown → HTML with nbconvert's renderer, harmful URL schemes refused by mistune."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    renderer = IPythonRenderer(escape=False, allow_harmful_protocols=None, exclude_anchor_links=True,
                               attachments=attachments or {})
    return MarkdownWithMath(renderer=renderer).render(source)


class ReportPreprocessor(Preprocessor):
    """Prepare an executed report notebook for the ``dsw_report`` template."""

    toc_levels = List([2, 3], help="heading levels listed in the table of contents").tag(config=True)
    toc_title = Unicode("สารบัญ", help="heading of the table of contents").tag(config=True)
    drop_stderr = Bool(True, help="drop stderr streams").tag(config=True)

    def preprocess(self, nb, resources):
        ids = (f"sec-{n}" for n in count(1))
        new_id = ids.__next__
        headings = []
        marker_target = None
        h1_target = None
        first_h1 = ""
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                done = rewrite(render_markdown(cell.source, cell.get("attachments")), new_id)
                self._log_removed(done.removed)
                cell.metadata[CELL_HTML_KEY] = done.html
                headings.extend(done.headings)
                if h1_target is None and any(h.level == 1 for h in done.headings):
                    h1_target = cell.metadata
                    first_h1 = next(h.text for h in done.headings if h.level == 1)
                if marker_target is None and TOC_MARKER in cell.source:
                    marker_target = cell.metadata
            elif cell.cell_type == "code":
                outputs = []
                for output in cell.get("outputs", []):
                    if self.drop_stderr and output.get("output_type") == "stream" and output.get("name") == "stderr":
                        continue
                    outputs.append(output)
                    data = output.get("data")
                    if not data:
                        continue
                    if "text/markdown" in data:
                        markdown = data.pop("text/markdown")
                        if "text/html" not in data:
                            data["text/html"] = render_markdown(markdown)
                    if "text/html" in data:
                        markup = data["text/html"]
                        if isinstance(markup, list):
                            markup = "".join(markup)
                        has_marker = TOC_MARKER in markup
                        done = rewrite(markup.replace(TOC_MARKER, ""), new_id)
                        self._log_removed(done.removed)
                        data["text/html"] = done.html
                        headings.extend(done.headings)
                        meta = output.setdefault("metadata", {})
                        if has_marker and marker_target is None:
                            marker_target = meta
                        if h1_target is None and any(h.level == 1 for h in done.headings):
                            h1_target = meta
                            first_h1 = next(h.text for h in done.headings if h.level == 1)
                cell.outputs = outputs
        toc_html = self.toc_html(headings)
        target = marker_target if marker_target is not None else h1_target
        if toc_html and target is not None:
            target[TOC_AFTER_KEY] = True
        title = resources.get("dsw_title") or first_h1 or resources.get("metadata", {}).get("name") or "รายงาน"
        resources["dsw"] = {
            "toc_html": toc_html,
            "toc_at_top": bool(toc_html) and target is None,
            "title": title,
            "font_css": FONT_SLOT,  # the exporter puts the font subset to the finished page here
            "headings": [(h.level, h.id, h.text) for h in headings],
        }
        return nb, resources

    def toc_html(self, headings) -> str:
        items = [
            f'<li class="lvl{h.level}"><a href="#{esc(h.id)}">{esc(h.text)}</a></li>'
            for h in headings
            if h.level in self.toc_levels and h.id and h.text and h.text != self.toc_title
        ]
        if not items:
            return ""
        return f'<nav class="dsw-toc"><h2>{esc(self.toc_title)}</h2><ul>' + "".join(items) + "</ul></nav>"

    @staticmethod
    def _log_removed(removed) -> None:
        if removed:
            log.warning("unsafe markup removed from a report page: %s", "; ".join(removed[:10]))
