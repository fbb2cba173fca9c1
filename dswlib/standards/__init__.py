"""Provincial-office performance standards (seed 004): rubric, scoring, input forms, reports.

Modules: ``rubric`` (the rubric as validated data), ``scoring`` (one indicator
from its inputs), ``aggregate`` (area / dimension / overall means and grade
bands), ``assessment`` (reading a province's CSV/Excel form), ``template``
(writing the form), ``provinces``, ``demo`` (synthetic year), ``report``
(tables and charts for the notebooks), ``jobs`` (batch jobs), ``cli``.
"""
