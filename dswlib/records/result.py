"""The result of a KPI recomputed from records: a per-unit table plus its total."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..thainum import percent


def unit_percent(numerator, denominator):
    """Half-up 2-decimal percentage, or None for an empty unit."""
    return None if int(denominator) == 0 else percent(int(numerator), int(denominator))


@dataclass
class RecordKpi:
    """A ratio KPI recomputed from records.

    ``units`` has one row per unit (facility or province): the unit columns,
    the count columns (named like the printed tables' CSV columns) and
    ``percent`` (Decimal, half-up, or None when the denominator is 0).
    ``numerator_column`` / ``denominator_column`` name the columns the ratio uses.
    ``notes`` lists data-quality observations made while computing.
    """

    kpi: str
    fiscal_year: int
    units: object  # pandas.DataFrame
    unit_columns: list
    numerator_column: str
    denominator_column: str
    notes: list = field(default_factory=list)

    @property
    def count_columns(self) -> list:
        return [c for c in self.units.columns if c not in self.unit_columns and c != "percent"]

    @property
    def numerator(self) -> int:
        return int(self.units[self.numerator_column].sum())

    @property
    def denominator(self) -> int:
        return int(self.units[self.denominator_column].sum())

    @property
    def percent(self) -> Decimal | None:
        return unit_percent(self.numerator, self.denominator)

    def totals(self) -> dict:
        """Column totals as the printed ``รวม`` row has them, plus ``percent``."""
        out = {c: int(self.units[c].sum()) for c in self.count_columns}
        out["percent"] = self.percent
        return out

    def to_frame(self, total_label: str = "รวม"):
        """``units`` with a total row appended (unit columns blank, first one = ``total_label``)."""
        import pandas as pd

        total = {c: None for c in self.unit_columns}
        total[self.unit_columns[0]] = total_label
        total.update(self.totals())
        frame = self.units.astype({c: object for c in self.unit_columns})
        return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
