"""Render ``index.html`` from the dashboard document (:mod:`.figures`) with the Jinja2 template.

The template (``dswlib/templates/dashboard/index.html.j2``) is autoescaped: every
text from params (titles, KPI and province names, errors) is escaped. Charts are
inline SVG from :mod:`.charts` (escaped there). The page carries the Sarabun font
and its stylesheet inline, has a Content-Security-Policy allowing no script and
no network load, and sorts its province table without script: every order is
pre-rendered and a radio button per order (CSS ``:checked``) shows one of them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from . import charts
from .formatting import count, duration, num, when

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates" / "dashboard"
TEMPLATE = "index.html.j2"
STYLESHEET = "dashboard.css"


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(num=num, count=count, when=when, duration=duration)
    return env


def _safe(fn):
    return lambda *a, **k: Markup(fn(*a, **k))


def render(doc: dict) -> str:
    """The page, with Sarabun subset to the characters it carries (as every report page)."""
    from ..render import embed_font
    from ..reportprep import FONT_SLOT

    env = _environment()
    css = (TEMPLATE_DIR / STYLESHEET).read_text(encoding="utf-8")
    return embed_font(env.get_template(TEMPLATE).render(
        d=doc,
        font_css=Markup(FONT_SLOT),
        css=Markup(css),
        kpi_chart=_safe(charts.kpi_target_chart),
        total_chart=_safe(charts.total_chart),
        share_bar=_safe(charts.share_bar),
        band_chart=_safe(charts.band_chart),
    ))
