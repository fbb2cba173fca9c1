"""dswlib: KPI formulas, target rules, scoring and Thai reports for DSDW evaluation work.

Heavy dependencies (pandas, matplotlib, papermill) are imported lazily by the
modules that need them, so ``import dswlib`` stays cheap.
"""

__version__ = "0.1.0"
