"""What reports show: numeric tables formatted at display, and sections that display themselves."""

from .blocks import Bullets, Figure, Heading, Markup, Para, Section, note, para, section, strong  # noqa: F401
from .table import Col, ReportTable, format_cell, safe_href  # noqa: F401
