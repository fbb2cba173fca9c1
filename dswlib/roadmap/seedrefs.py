"""Seed line references written into params text, e.g. "(001 L43)", and the text without them.

Transcribers note where a remark comes from inside the remark itself ("... เก็บตามที่รายงาน
(001 L43)"). The report body speaks the document's Thai, so the reference is taken out of the
text shown there and kept for the technical appendix (:func:`split_refs`).

A reference is ``[NNN ]L<line>[-L<line>]``: ``001 L43``, ``L85``, ``000 L247-L256``, ``L79–L81``.
A parenthesis holding only references (``(001 L85 และ L86)``) goes as a whole; a reference inside
a parenthesis with other text (``("(ร่าง)" 000 L11)``) goes alone and the text stays.
"""

from __future__ import annotations

import re

_REF = r"(?:\d{3}\s+)?L\d+(?:\s*[-–]\s*L?\d+)?"
_REFS = rf"{_REF}(?:\s*(?:,|;|และ)\s*{_REF})*"
_ONLY_REFS = re.compile(rf"\s*\(\s*({_REFS})\s*\)")
_INNER_REF = re.compile(rf"(?<![A-Za-z0-9])\s*({_REFS})(?![A-Za-z0-9])")
_HAS_REF = re.compile(rf"(?<![A-Za-z0-9]){_REF}(?![A-Za-z0-9])")


def split_refs(text) -> tuple[str, list[str]]:
    """``text`` without its seed line references, and the references (in order)."""
    if not text:
        return ("" if text is None else text), []
    refs: list[str] = []

    def keep(m):
        refs.append(" ".join(m.group(1).split()))
        return ""

    out = _ONLY_REFS.sub(keep, str(text))
    out = _INNER_REF.sub(keep, out)
    return out.strip(), refs


def clean(text) -> str:
    """``text`` as the report body shows it: no seed line references."""
    return split_refs(text)[0]


def has_ref(text) -> bool:
    return bool(text) and bool(_HAS_REF.search(str(text)))
