"""Executed notebook → reviewer HTML through the ``dsw_report`` nbconvert template.

The template (``dswlib/templates/dsw_report/``) and its preprocessor
(:mod:`dswlib.reportprep`) make the page: no code or prompts, the Thai font
embedded, a table of contents, print CSS for A4, ``lang="th"``, the report's
title, nothing loaded from the network, links from params text neutralised.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import write_text

TEMPLATE_NAME = "dsw_report"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def exporter():
    """An ``HTMLExporter`` set up with the ``dsw_report`` template shipped in this package."""
    from nbconvert import HTMLExporter

    exp = HTMLExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)])
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.exclude_anchor_links = True
    return exp


def notebook_to_html(nb, title: str | None = None) -> str:
    """HTML for reviewers from an executed notebook node (the node itself is not modified)."""
    resources = {"metadata": {"name": title or "รายงาน"}}
    if title:
        resources["dsw_title"] = title
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    return body


def render_file(executed_ipynb, html_path, title: str | None = None) -> Path:
    import nbformat

    nb = nbformat.read(str(executed_ipynb), as_version=4)
    return write_text(html_path, notebook_to_html(nb, title))
