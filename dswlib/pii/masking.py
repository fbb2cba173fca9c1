"""Masking IDs and names in text: for data kept after loading and for excerpts shown to people.

* :func:`mask_text` replaces every national ID by ``x-xxxx-xxxxx-xx-x`` and every
  titled or synthetic name by ``[ชื่อ-สกุล]`` (nothing of them is left).
* :func:`excerpt` shows a finding in its context: the finding itself as
  ``x-xxxx-xxxxx-63-5`` / ``นายส… ใ…`` and anything else personal in the
  context masked completely.
* :func:`redact_ids` masks IDs only (no Thai word segmentation): cheap enough
  for every error message.
"""

from __future__ import annotations

from .id_text import find_id_spans
from .national_id import FULL_MASK, mask_national_id

NAME_MASK = "[ชื่อ-สกุล]"


def _spans(text: str, allow=frozenset(), names: bool = True):
    from .names import find_names

    spans = [(m.start, m.end, FULL_MASK) for m in find_id_spans(text)]
    if names:
        spans += [(m.start, m.end, NAME_MASK) for m in find_names(text, allow)]
    return sorted(spans)


def _replace(text: str, spans) -> str:
    out, pos = [], 0
    for start, end, repl in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(repl)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mask_text(text: str, allow=frozenset(), *, names: bool = True) -> str:
    """``text`` with every ID and (titled or synthetic) name replaced by a mask."""
    if not isinstance(text, str) or not text:
        return text
    spans = _spans(text, allow, names)
    return _replace(text, spans) if spans else text


def redact_ids(text: str) -> str:
    """``text`` with every valid national ID shown as ``x-xxxx-xxxxx-12-1``."""
    matches = find_id_spans(text)
    return _replace(text, [(m.start, m.end, mask_national_id(m.digits)) for m in matches]) if matches else text


def excerpt(text: str, start: int, end: int, shown: str, *, width: int = 24, allow=frozenset()) -> str:
    """``…context shown context…`` on one line, with other IDs and names in it masked.

    Masking is done on a window wider than the one shown, so an ID or name cut by
    the edge of the excerpt is masked too, never shown in part.
    """
    margin = width + 64
    lo, hi = max(0, start - margin), min(len(text), end + margin)
    before = mask_text(text[lo:start], allow)
    after = mask_text(text[end:hi], allow)
    cut_before = before[-width:] if len(before) > width else before
    cut_after = after[:width]
    line = (("…" if len(before) > width or lo else "") + cut_before + shown + cut_after
            + ("…" if len(after) > width or hi < len(text) else ""))
    return " ".join(line.split())
