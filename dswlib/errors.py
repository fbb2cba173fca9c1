"""Errors raised for bad input: each names the file, the place in it, and what was expected."""

from __future__ import annotations


class ParamsError(ValueError):
    """A params file (YAML/CSV/Excel) that cannot be used as it is.

    ``source`` is the file path (or another name for the input), ``where`` the
    field path or row (``"kpis[3].targets"``, ``"row 12, column numerator"``),
    ``expected`` what a valid value looks like and ``got`` what was found.
    """

    def __init__(self, source, where: str | None, expected: str, got=None):
        self.source = str(source) if source is not None else "<input>"
        self.where = where
        self.expected = expected
        self.got = got
        msg = self.source
        if where:
            msg += f": {where}"
        msg += f": expected {expected}"
        if got is not None:
            msg += f", got {got!r}"
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
