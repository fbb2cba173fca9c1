"""Finding national IDs inside running text (reports, logs, table rows).

A text is cut into digit groups (runs of decimal digits of any script) and the
gaps between them. A gap of 1-3 :data:`~.national_id.SEPARATORS` links two
groups; anything else (a letter, a comma, a slash, a colon, a line break)
breaks the chain. A candidate is 13 digits with a valid check digit made of:

* one group of exactly 13 digits, unless it is the fraction of a decimal
  number (``12.3456789012345``) or the tail of a number with thousands commas;
* several groups linked by one and the same gap (``1-2345-67890-12-1``,
  ``1 2345 67890 12 1``, ``1.2345.67890.12.1``, ``123 4567 890 121``, the 13
  digits of a paper form, one per table cell), when they are all the chain
  holds with that gap (an end group tied to a neighbour by a decimal point or a
  thousands comma, like the 90 of ``13.90``, is left out). That condition is what keeps a row
  of figures (``12 345 6789 ...``) or a list of decimals from adding up to a
  false ID.
  The card layout 1-4-5-2-1 and exactly 13 single digits (a form's boxes) are
  accepted even inside a longer chain, and a chain that splits exactly into
  several valid IDs gives each of them;
* a 13-digit number written with thousands commas (``3,100,600,445,635``).

Digits next to letters count (``x3100600445635y``), except inside a long
hexadecimal token (hashes, UUID-like keys), where a 13-digit run is chance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .national_id import SEPARATORS, ascii_digit, is_valid_digits

_DIGITS_RE = re.compile(r"\d+")
_MAX_GAP = 3
_CARD_LAYOUT = (1, 4, 5, 2, 1)
_THOUSANDS_LAYOUT = (1, 3, 3, 3, 3)
_HEX = frozenset("0123456789abcdefABCDEF")
_HEX_TOKEN_MIN = 20


@dataclass(frozen=True)
class IdMatch:
    """One ID in a text: ``text[start:end]`` holds it; ``digits`` are its 13 ASCII digits."""

    start: int
    end: int
    digits: str


def _to_ascii(run: str) -> str:
    if run.isascii():
        return run
    return "".join(ascii_digit(ch) or "?" for ch in run)


def _link(gap: str) -> str | None:
    """The gap itself when it may join two digit groups of one ID, else None."""
    if gap == ",":
        return gap
    if 1 <= len(gap) <= _MAX_GAP and all(ch in SEPARATORS for ch in gap):
        return gap
    return None


def _in_hex_token(text: str, start: int, end: int) -> bool:
    lo, hi = start, end
    while lo > 0 and text[lo - 1] in _HEX:
        lo -= 1
    while hi < len(text) and text[hi] in _HEX:
        hi += 1
    if hi - lo < _HEX_TOKEN_MIN:
        return False
    token = text[lo:hi]
    return any(ch.isalpha() for ch in token)


def find_id_spans(text: str) -> list[IdMatch]:
    """Every valid national ID in ``text``, in order, without overlaps."""
    matches = list(_DIGITS_RE.finditer(text))
    if sum(m.end() - m.start() for m in matches) < 13:
        return []
    groups = [(m.start(), m.end(), _to_ascii(m.group())) for m in matches]
    n = len(groups)
    links = [_link(text[groups[i][1]:groups[i + 1][0]]) for i in range(n - 1)]
    found: dict[int, IdMatch] = {}

    def take(i: int, j: int) -> bool:
        digits = "".join(g[2] for g in groups[i:j + 1])
        if not is_valid_digits(digits):
            return False
        found.setdefault(groups[i][0], IdMatch(groups[i][0], groups[j][1], digits))
        return True

    # single groups of 13 digits
    for i, (start, end, digits) in enumerate(groups):
        if len(digits) != 13:
            continue
        before = links[i - 1] if i > 0 else None
        after = links[i] if i < n - 1 else None
        if before in (".", ",") or after == ",":
            continue  # fraction of a decimal number, or part of a larger number with commas
        if _in_hex_token(text, start, end):
            continue
        take(i, i)

    # chains of groups linked by one and the same gap
    i = 0
    while i < n - 1:
        gap = links[i]
        if gap is None:
            i += 1
            continue
        j = i
        while j < n - 1 and links[j] == gap:
            j += 1
        # an end group tied to a neighbour by a decimal point or a thousands comma belongs
        # to that number ("ร้อยละ 13.90 760 4876 ...": 90 is a fraction, not part of an ID)
        lo, hi = i, j
        if lo > 0 and links[lo - 1] in (".", ",") and gap not in (".", ","):
            lo += 1
        if hi < n - 1 and links[hi] in (".", ",") and gap not in (".", ","):
            hi -= 1
        if lo < hi:
            _chain(groups, lo, hi, gap, take)
        i = j
    return drop_overlaps([found[k] for k in sorted(found)])


def drop_overlaps(matches):
    """Matches sorted by start, each one kept only when it does not overlap a kept one."""
    out, end = [], -1
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        if m.start >= end:
            out.append(m)
            end = m.end
    return out


def _chain(groups, i: int, j: int, gap: str, take) -> None:
    """Candidates in groups[i..j], all linked by ``gap``."""
    sizes = [len(g[2]) for g in groups[i:j + 1]]
    total = sum(sizes)
    if gap == ",":
        if tuple(sizes) == _THOUSANDS_LAYOUT:
            take(i, j)
        return
    if total == 13:
        take(i, j)
        return
    # the card layout anywhere in a longer chain
    k = len(_CARD_LAYOUT)
    for s in range(0, len(sizes) - k + 1):
        if tuple(sizes[s:s + k]) == _CARD_LAYOUT:
            take(i + s, i + s + k - 1)
    # 13 single digits (a paper form's boxes, one per cell) between longer numbers
    run = 0
    for pos, size in enumerate(sizes + [0]):
        if size == 1:
            run += 1
            continue
        if run == 13:
            take(i + pos - 13, i + pos - 1)
        run = 0
    # a chain made of several IDs side by side
    if total % 13 == 0 and total > 13:
        cuts, acc, start = [], 0, 0
        for pos, size in enumerate(sizes):
            acc += size
            if acc == 13:
                cuts.append((start, pos))
                start, acc = pos + 1, 0
            elif acc > 13:
                return
        if all(is_valid_digits("".join(g[2] for g in groups[i + a:i + b + 1])) for a, b in cuts):
            for a, b in cuts:
                take(i + a, i + b)


def find_national_ids(text: str) -> list[str]:
    """The 13 digits of every valid ID in ``text`` (see :func:`find_id_spans`)."""
    return [m.digits for m in find_id_spans(text)]
