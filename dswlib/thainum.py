"""Numbers as Thai documents print them.

Parses "1,424", "ร้อยละ 13.90", "๑๓.๙๐", "13.90 %", "(10)", "-56.12", "+2.87";
rounds the way the seeds do (half-up, 2 decimals) and formats numbers back
into Thai notation.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import ParamsError


# Words and symbols that may surround a printed number without changing it.
_UNIT_WORDS = (
    "ร้อยละ", "คะแนน", "คน", "ราย", "ครัวเรือน", "องค์กร", "แห่ง", "บาท", "ล้านบาท",
    "งานบริการ", "กระบวนงาน", "ตำบล", "%", "points", "percent",
)
_NUMBER_RE = re.compile(r"^[+-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_MISSING = {"", "-", "n/a", "na", "nan", "none", "null", "–", "—"}


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits (๐-๙) by Arabic ones."""
    from pythainlp.util import thai_digit_to_arabic_digit

    return thai_digit_to_arabic_digit(text)


def to_thai_digits(text) -> str:
    """Replace Arabic digits by Thai ones (for reports that ask for them)."""
    from pythainlp.util import arabic_digit_to_thai_digit

    return arabic_digit_to_thai_digit(str(text))


def is_missing(value) -> bool:
    """True for empty cells and the placeholders the seeds print ("-", "n/a")."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and value.strip().lower() in _MISSING


def parse_number(value, *, source=None, where=None, allow_missing=False):
    """Parse a printed number into ``Decimal``.

    Accepts ints/floats, Thai digits, thousands separators, a leading sign,
    surrounding unit words (ร้อยละ, คน, %, คะแนน ...) and parentheses used for
    sub-weights ("(10)"). Raises :class:`ParamsError` naming ``source`` and
    ``where`` when the text is not a number. With ``allow_missing`` the
    placeholders "-", "n/a" and empty cells give ``None``.
    """
    if isinstance(value, bool):
        raise ParamsError(source, where, "a number", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value:
            if allow_missing:
                return None
            raise ParamsError(source, where, "a number", value)
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if is_missing(value):
        if allow_missing:
            return None
        raise ParamsError(source, where, "a number", value)
    if not isinstance(value, str):
        raise ParamsError(source, where, "a number", value)
    text = to_arabic_digits(value).strip()
    for word in _UNIT_WORDS:
        text = text.replace(word, " ")
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    text = text.replace(" ", "").replace("−", "-")
    if not _NUMBER_RE.match(text):
        raise ParamsError(source, where, "a number such as 1,424 or ร้อยละ 13.90", value)
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        raise ParamsError(source, where, "a number", value) from None


def parse_float(value, **kwargs):
    """:func:`parse_number` as a float (``None`` stays ``None``)."""
    number = parse_number(value, **kwargs)
    return None if number is None else float(number)


def round_half_up(value, places: int = 2) -> Decimal:
    """Round like the seeds: 78.125 -> 78.13 (not banker's rounding)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def truncate(value, places: int = 2) -> Decimal:
    """Cut decimals off (some seed figures are truncated: 915/1,720 -> 53.19)."""
    quantum = Decimal(1).scaleb(-places)
    from decimal import ROUND_DOWN

    return Decimal(str(value)).quantize(quantum, rounding=ROUND_DOWN)


def percent(numerator, denominator, places: int = 2) -> Decimal:
    """``numerator / denominator * 100`` rounded half-up to ``places`` decimals."""
    num = Decimal(str(numerator))
    den = Decimal(str(denominator))
    if den == 0:
        raise ZeroDivisionError("percentage with a zero denominator")
    return round_half_up(num * 100 / den, places)


def format_number(value, places: int | None = None, *, thai_digits: bool = False) -> str:
    """"1,424" / "13.90" style: thousands separators, fixed decimals when asked."""
    if value is None:
        return "-"
    number = Decimal(str(value))
    if places is not None:
        number = round_half_up(number, places)
        text = f"{number:,.{places}f}"
    elif number == number.to_integral_value():
        text = f"{int(number):,}"
    else:
        text = f"{number:,}"
    return to_thai_digits(text) if thai_digits else text


def format_percent(value, places: int = 2, *, thai_digits: bool = False) -> str:
    """"ร้อยละ 13.90"."""
    return "ร้อยละ " + format_number(value, places, thai_digits=thai_digits)


def format_change(value, places: int = 2) -> str:
    """Signed change in percentage points as the seeds print it: "+2.87", "-56.12"."""
    number = round_half_up(value, places)
    sign = "+" if number > 0 else ""
    return f"{sign}{number:,.{places}f}"
