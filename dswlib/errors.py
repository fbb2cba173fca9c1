"""Errors raised for bad input: each names the file, the place in it, and what was expected.

A national ID in an error message is masked (``x-xxxx-xxxxx-12-1``): messages
end up in logs and in the ``.failed.ipynb`` of a failed report.
"""

from __future__ import annotations


def _redact(value):
    """``value`` with any valid national ID masked (only texts with 13 or more digits are looked at)."""
    if isinstance(value, str) and sum(ch.isdigit() for ch in value) >= 13:
        from .pii.masking import redact_ids

        return redact_ids(value)
    return value


def _masked_got(got):
    if isinstance(got, str):
        return _redact(got)
    text = repr(got)
    masked = _redact(text)
    return got if masked == text else masked


class ParamsError(ValueError):
    """A params file (YAML/CSV/Excel) that cannot be used as it is.

    ``source`` is the file path (or another name for the input), ``where`` the
    field path or row (``"kpis[3].targets"``, ``"row 12, column numerator"``),
    ``expected`` what a valid value looks like and ``got`` what was found.
    """

    def __init__(self, source, where: str | None, expected: str, got=None):
        self.source = str(source) if source is not None else "<input>"
        self.where = _redact(where)
        self.expected = expected
        self.got = got if got is None or isinstance(got, str) and _redact(got) == got else _masked_got(got)
        msg = _redact(self.source)
        if self.where:
            msg += f": {self.where}"
        msg += f": expected {expected}"
        if self.got is not None:
            msg += f", got {self.got!r}"
        super().__init__(msg)


class ParamsErrors(ParamsError):
    """Several problems found in one file, reported together."""

    def __init__(self, errors: list[ParamsError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.source, first.where, first.expected, first.got)
        self.args = ("\n".join(str(e) for e in self.errors),)

    def __str__(self) -> str:  # all problems, one per line
        return self.args[0]
