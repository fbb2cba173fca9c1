"""Target-derivation rules printed in seed 000 (FY2566), as data.

Each rule returns the three levels ``(t50, t75, t100)``, rounded half-up to
2 decimals the way the seed prints them:

* ``interval``   — ขั้นต้น/ขั้นสูง = base ∓/± interval (percentage points); base = last
                   year's result or the year goal (KPI 4: 53.19 ± 10 → 43.19 / 53.19 / 63.19)
* ``growth``     — ขั้นต้น fixed, มาตรฐาน = last year's score, ขั้นสูง = last score × (1 + pct/100)
                   (PMQA: 400 / 449.83 / 449.83 × 1.02 = 458.83)
* ``midpoint``   — ขั้นต้น = (last result + this year's trajectory target) / 2, มาตรฐาน = this
                   year's trajectory target, ขั้นสูง = next year's (KPI 2: 59.54 / 64.04 / 73.04)
* ``fixed``      — the three levels as given
* ``trajectory`` — yearly targets from a start value and yearly steps (used by ``midpoint``)
"""

from __future__ import annotations

from decimal import Decimal

from .thainum import round_half_up

RULES = ("fixed", "interval", "growth", "midpoint")


def _d(value) -> Decimal:
    return Decimal(str(value))


def trajectory(start_year: int, start_value, step, years: int, last_step=None) -> dict[int, Decimal]:
    """Yearly targets ``{year: value}``: start value, then ``step`` a year.

    ``last_step`` overrides the final step (seed 000's volunteer plan ends with 8.96).
    """
    values = {int(start_year): _d(start_value)}
    for i in range(1, years):
        inc = _d(last_step) if (last_step is not None and i == years - 1) else _d(step)
        values[int(start_year) + i] = round_half_up(values[int(start_year) + i - 1] + inc, 2)
    return values


def derive_targets(rule: str, **kw) -> tuple[Decimal, Decimal, Decimal]:
    """Three levels from a named rule; keyword arguments as listed in the module doc."""
    if rule == "fixed":
        levels = kw["levels"]
        return tuple(_d(v) for v in levels)  # type: ignore[return-value]
    if rule == "interval":
        base = _d(kw["base"])
        interval = _d(kw["interval"])
        return (round_half_up(base - interval), round_half_up(base), round_half_up(base + interval))
    if rule == "growth":
        last = _d(kw["last"])
        pct = _d(kw["pct"])
        return (_d(kw["floor"]), round_half_up(last), round_half_up(last * (1 + pct / 100)))
    if rule == "midpoint":
        last = _d(kw["last"])
        this_year = _d(kw["this_year_target"])
        next_year = _d(kw["next_year_target"])
        return (round_half_up((last + this_year) / 2), round_half_up(this_year), round_half_up(next_year))
    raise ValueError(f"unknown target rule {rule!r}; expected one of {RULES}")
