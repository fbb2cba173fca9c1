"""The department's annual KPI report (structure of seed 002)."""

from .report import AnnualReport

__all__ = ["AnnualReport"]
