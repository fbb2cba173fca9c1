"""Provincial-office performance standards (seed 004): rubric, scoring, input forms, reports.

Modules: ``rubric`` (the rubric as validated data), ``scoring`` (one indicator
from its inputs), ``aggregate`` (area / dimension / overall means and grade
bands), ``assessment`` (reading a province's CSV/Excel form), ``template``
(writing the form), ``provinces``, ``demo`` (synthetic year), ``report``
(``ProvinceReport`` and ``StandardsOverview``: one call per page section), ``summary`` (every
office's scores of a year, shared by the province pages), ``advice`` (what it takes to reach the
next band), ``tables``, ``charts``, ``wording``, ``provenance``, ``loading``, ``jobs`` (batch jobs), ``cli``.
"""

from .report import ProvinceReport, StandardsOverview  # noqa: E402,F401
