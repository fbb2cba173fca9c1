"""How the annual report words things: values with their unit, ratios, the source document, narrative lists.

Everything here is the report body's language: the department's Thai and the name of
the year's source document, never a file name, a params key or a seed line number
(those go to the appendix, :mod:`.appendix`).
"""

from __future__ import annotations

import re

from ..catalog import Catalog, Kpi
from ..display import Bullets, Markup
from ..htmlparts import esc
from ..thainum import format_number

SEED_REF = re.compile(r"^\s*(\d{3})\s+L\d+")


def kpi_anchor(kpi_id: str) -> str:
    """The id of a KPI page's heading (``kpi-3-1``), for links inside the report."""
    return "kpi-" + str(kpi_id).replace(".", "-")


def format_value(kpi: Kpi, value) -> str:
    """A KPI's value with its unit as the documents print it: "ร้อยละ 13.90", "426.86 คะแนน"."""
    if value is None:
        return "-"
    if kpi.unit == "ร้อยละ":
        return "ร้อยละ " + format_number(value, 2)
    return format_number(value, 2) + (f" {kpi.unit}" if kpi.unit else "")


def format_ratio(numerator, denominator, unit_word: str = "คน") -> str:
    """"(198/1,424 คน)"; empty when the result has no numerator and denominator."""
    if numerator is None or denominator is None:
        return ""
    return f"({format_number(numerator, 0)}/{format_number(denominator, 0)} {unit_word})"


def name_with_tag(kpi: Kpi) -> str:
    """The KPI name as the seed's KPI table prints it: with its tag, unless the name already carries it."""
    return kpi.name_th if not kpi.tag or kpi.tag in kpi.name_th else f"{kpi.name_th} ({kpi.tag})"


def short_unit(name: str) -> str:
    """A facility name without the common prefix, for chart labels."""
    for prefix in ("สถานคุ้มครองคนไร้ที่พึ่ง", "ศูนย์ส่งเสริมและพัฒนาทักษะชีวิต"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].strip()
    return name


def document_th(catalog: Catalog) -> str:
    """The year's source document by its Thai title: what a "ที่มา" note names."""
    return "เอกสาร" + catalog.title_th + (" (ฉบับร่าง)" if catalog.draft else "")


def source_th(catalog: Catalog, *sources: str) -> str:
    """The Thai "ที่มา" of figures whose seed citations are ``sources`` ("002 L384").

    The body names the document, never the line: when every citation is the year's own
    document it is named by its title; anything else is "เอกสารต้นฉบับ" with a pointer to
    the appendix, which lists the lines. No citation at all gives "".
    """
    prefixes = set()
    for source in sources:
        for part in re.split(r"[;,]", source or ""):
            match = SEED_REF.match(part)
            if match:
                prefixes.add(match.group(1))
    if not prefixes:
        return ""
    if prefixes == {catalog.source_document}:
        return document_th(catalog)
    return "เอกสารต้นฉบับ (รายละเอียดในภาคผนวก)"


def narrative_list(items, ordered: bool = True) -> Bullets:
    """Narrative items (escaped) with their sub-points as a nested list; "-" when there are none."""
    entries = []
    for item in items:
        sub = Bullets(list(item.items_th), empty="").to_html() if item.items_th else ""
        entries.append(Markup(esc(item.th) + sub))
    return Bullets(entries, ordered=ordered, empty="-")
