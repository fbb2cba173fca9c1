"""The source documents behind a report, named as a reader knows them.

Params cite the seed documents by code and line (``"002 L352; 000 L407"``). A
report body names the document in Thai ("รายงานผลการดำเนินงานตามตัวชี้วัด ...
พ.ศ. 2564"); the codes and lines go to the technical appendix. Each year's KPI
catalog (``params/<year>/kpis.yaml``) says which document it was taken from
(``source_document``) and gives its title (``title_th``): that is the map.
"""

from __future__ import annotations

import re
from pathlib import Path

_CODE_RE = re.compile(r"(?:^|[;,]\s*)(\d{3})\s+L")


def document_titles(params_dir) -> dict[str, str]:
    """``{"002": "รายงานผลการดำเนินงาน... พ.ศ. 2564", "000": "...พ.ศ. 2566"}`` from every year's catalog."""
    from .yamlio import load_yaml

    titles: dict[str, str] = {}
    for path in sorted(Path(params_dir).glob("[0-9][0-9][0-9][0-9]/kpis.yaml")):
        try:
            data = load_yaml(path)
        except Exception:  # a broken catalog is reported by its own loader, not here
            continue
        if isinstance(data, dict) and data.get("source_document") and data.get("title_th"):
            titles.setdefault(str(data["source_document"]), " ".join(str(data["title_th"]).split()))
    return titles


def document_codes(*sources: str) -> list[str]:
    """Document codes cited by seed references, in order of first mention: ``"002 L352; 000 L407"`` -> ``["002", "000"]``."""
    codes: list[str] = []
    for source in sources:
        for code in _CODE_RE.findall(str(source or "")):
            if code not in codes:
                codes.append(code)
    return codes


def document_names(sources, titles: dict[str, str], fallback: str = "เอกสารต้นฉบับ") -> str:
    """The Thai names of the documents that ``sources`` cite, joined with "และ"."""
    names = [titles.get(code, f"{fallback}") for code in document_codes(*sources)]
    names = list(dict.fromkeys(names))
    return " และ".join(names) if names else fallback
