"""The source document's documented problems as :class:`dswlib.findings.Finding`.

``criteria.yaml`` lists them under ``findings:`` (F1, F2 ...: Thai text, Thai
place, code, seed lines). The report's data-quality section and ``dsw check``
both use :func:`criteria_findings`, so they list the same findings in the same
order: the body shows the Thai columns, the appendix the code, the file and
field, and the seed lines, under the same numbers.
"""

from __future__ import annotations

from ..findings import Finding
from .criteria import CRITERIA_FILE

CRITERIA_WHERE = f"params/community/{CRITERIA_FILE}"


def to_finding(entry, where_file: str = CRITERIA_WHERE) -> Finding:
    """One documented finding (``criteria.findings[i]``) as the library's finding type."""
    where = f"{where_file}: findings {entry.id}"
    if entry.fields:
        where += " (" + ", ".join(entry.fields) + ")"
    return Finding(
        code=entry.code,
        severity=entry.severity,
        where=where,
        message=entry.text_th,
        source=entry.source,
        where_th=entry.where_th,
    )


def criteria_findings(criteria, where_file: str = CRITERIA_WHERE) -> list[Finding]:
    """Every documented finding of the criteria, in the order of the file."""
    return [to_finding(entry, where_file) for entry in criteria.findings]
