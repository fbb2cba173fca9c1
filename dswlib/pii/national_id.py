"""Thai national ID numbers (เลขประจำตัวประชาชน): validation, layout, masking.

The check digit is python-stdnum's ``stdnum.th.pin`` (13 digits, first digit
1-8 as issued to persons, mod-11 check digit). Values are first brought to 13
ASCII digits: any Unicode decimal digit (Thai ๐-๙, full-width ...) becomes its
Arabic digit and the separators people write between digit groups go
(:data:`SEPARATORS`). Finding IDs inside running text is :mod:`.id_text`.
"""

from __future__ import annotations

import unicodedata

from stdnum.exceptions import ValidationError as _StdnumError
from stdnum.th import pin as _pin

#: Characters written between the digit groups of an ID: spaces of every width
#: (space, tab, NBSP, thin, narrow NBSP, figure ...), the dashes (hyphen-minus,
#: U+2010 hyphen, U+2011 non-breaking hyphen, figure dash, en and em dash,
#: minus sign), full stop, middle dot, and the invisible ones (zero-width space,
#: word joiner, soft hyphen, BOM).
SEPARATORS = frozenset(
    " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
    ".\u00b7\u2024\u30fb\uff0e"
    "\u200b\u200c\u200d\u2060\u00ad\ufeff"
)

#: What an ID is replaced by in data and excerpts when not even its tail may show.
FULL_MASK = "x-xxxx-xxxxx-xx-x"


def ascii_digit(ch: str) -> str | None:
    """"7" for "7", "๗", "７" ...; None for anything that is not a decimal digit."""
    if "0" <= ch <= "9":
        return ch
    value = unicodedata.decimal(ch, None)
    return None if value is None else str(value)


def _from_number(value):
    """Integral numbers as their digits (an ID read into an int or float column)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            return None
        return str(int(value))
    try:  # numpy scalars
        import numpy as np

        if isinstance(value, np.integer):
            return str(int(value))
        if isinstance(value, np.floating):
            return _from_number(float(value))
    except ImportError:  # pragma: no cover
        pass
    return None


def normalize_national_id(value) -> str:
    """The digits of ``value`` in ASCII, separators removed; other characters kept.

    ``"๓-๑๐๐๖-๐๐๔๔๕-๖๓-๕"`` -> ``"3100600445635"``; ``3100600445635.0`` (an
    ID read into a float column) -> ``"3100600445635"``; a text ending in ``.0``
    after 13 digits (the same float written to CSV) loses the ``.0``.
    """
    if value is None:
        return ""
    number = _from_number(value)
    if number is not None:
        return number
    text = str(value).strip()
    if text.endswith(".0") and sum(ch.isdigit() for ch in text) == 14:
        text = text[:-2]
    out = []
    for ch in text:
        d = ascii_digit(ch)
        if d is not None:
            out.append(d)
        elif ch not in SEPARATORS:
            out.append(ch)
    return "".join(out)


def national_id_check_digit(first12: str) -> int:
    """Check digit of a Thai national ID from its first 12 digits (stdnum's mod-11 rule)."""
    return int(_pin.calc_check_digit(normalize_national_id(first12)))


def is_valid_digits(digits: str) -> bool:
    """True for exactly 13 ASCII digits that stdnum accepts as a person's ID."""
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return False
    try:
        _pin.validate(digits)
    except _StdnumError:
        return False
    return True


def is_valid_national_id(value) -> bool:
    """True for a value that is one valid ID (any digits, any separators, or an integral number)."""
    if value is None:
        return False
    return is_valid_digits(normalize_national_id(value))


def describe_invalid(value) -> str:
    """Why ``value`` is not a valid ID, without echoing it: ``"blank"``, ``"12 digits"`` ..."""
    digits = normalize_national_id(value)
    if not digits or digits.lower() in ("nan", "none", "<na>", "nat"):
        return "blank"
    if not (digits.isascii() and digits.isdigit()):
        return f"{len(digits)} characters, not only digits"
    if len(digits) != 13:
        return f"{len(digits)} digits"
    if digits[0] in "09":
        return f"first digit {digits[0]} (persons' IDs start with 1-8)"
    return "wrong check digit " + mask_national_id(digits)


def format_national_id(digits: str) -> str:
    """``"1-2345-67890-12-1"``, the layout printed on the card."""
    d = normalize_national_id(digits)
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


def mask_national_id(value) -> str:
    """``"x-xxxx-xxxxx-12-1"``: the last three digits only, enough to find the row again.

    Values that are not 13 digits are masked completely.
    """
    d = normalize_national_id(value)
    if len(d) == 13 and d.isascii() and d.isdigit():
        return f"x-xxxx-xxxxx-{d[10:12]}-{d[12]}"
    return "x" * len(d)
