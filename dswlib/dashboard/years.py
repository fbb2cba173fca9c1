"""The fiscal years with a page in ``outputs/``: sibling directories named for a year that hold an ``index.html``."""

from __future__ import annotations

import re
from pathlib import Path

_YEAR = re.compile(r"^25\d\d$")


def years_part(fiscal_year: int, out_dir) -> list[dict]:
    """Every year with a dashboard beside this one (this year included, marked ``current``), oldest first."""
    out_dir = Path(out_dir)
    years = {int(fiscal_year)}
    if out_dir.parent.is_dir():
        for sibling in out_dir.parent.iterdir():
            if sibling.is_dir() and _YEAR.match(sibling.name) and (sibling / "index.html").is_file():
                years.add(int(sibling.name))
    return [{"year": y, "current": y == int(fiscal_year), "href": None if y == int(fiscal_year) else f"../{y}/index.html"}
            for y in sorted(years)]
