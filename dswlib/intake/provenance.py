"""Where each imported figure came from: ``params/<year>/provenance.yaml``.

A sidecar file rather than fields inside ``kpis.yaml`` and the per-unit CSVs, so the catalog and
the tables keep the shape reviewers know. One entry is appended per import::

    imports:
      - workbook: รายงานรอบ6.xlsx
        sha256: 3f2a…
        fiscal_year: 2566
        round: 6
        imported_at: "2026-04-20T10:15:00+07:00"
        replace: false
        figures:
          - {file: kpis.yaml, target: KPI 4 result.numerator, cell: KPI 4!B15, old: null, new: 915}
          - {file: facilities_kpi3_1.csv, target: row 1 (…) improved_persons, cell: KPI 3.1!D25, old: null, new: 34}

``old`` keeps the value an import replaced (a round-6 figure replaced at round 12 stays here).
:func:`figure_sources` gives, per figure, the latest import that set it.
"""

from __future__ import annotations

from pathlib import Path

from ..catalog import year_dir

FILE_NAME = "provenance.yaml"
HEADER = (
    "Provenance of the figures written by `dsw intake import` (one entry per import, appended;\n"
    "written by dswlib: do not edit). old = the value the import replaced, cell = sheet!cell of the workbook."
)


def provenance_path(params_dir, fiscal_year) -> Path:
    return year_dir(params_dir, fiscal_year) / FILE_NAME


def plain_data(value):
    """A value as plain YAML data (Decimals and ruamel nodes to numbers, strings, lists, dicts)."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    return str(value)


def provenance_text(params_dir, fiscal_year, entry: dict) -> str:
    """The provenance file's text with ``entry`` appended (the file is created when absent)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..yamlrt import dump_rt, flow_map, load_rt

    path = provenance_path(params_dir, fiscal_year)
    if path.exists():
        data = load_rt(path)
    else:
        data = CommentedMap()
        data["imports"] = CommentedSeq()
        data.yaml_set_start_comment(HEADER)
    item = CommentedMap()
    for key, value in entry.items():
        if key != "figures":
            item[key] = plain_data(value)
    figures = CommentedSeq()
    for fig in entry.get("figures", []):
        figures.append(flow_map({k: plain_data(v) for k, v in fig.items()}))
    item["figures"] = figures
    data["imports"].append(item)
    return dump_rt(data)


def load_provenance(params_dir, fiscal_year) -> list[dict]:
    """The import entries of the year (oldest first); empty when nothing was imported."""
    from ..yamlio import load_yaml

    path = provenance_path(params_dir, fiscal_year)
    if not path.exists():
        return []
    data = load_yaml(path) or {}
    return list(data.get("imports") or [])


def figure_sources(params_dir, fiscal_year) -> dict[tuple[str, str], dict]:
    """``{(file, target): {workbook, cell, imported_at, round}}`` of the latest import of each figure."""
    out: dict[tuple[str, str], dict] = {}
    for entry in load_provenance(params_dir, fiscal_year):
        for fig in entry.get("figures") or []:
            out[(fig["file"], fig["target"])] = {
                "workbook": entry.get("workbook"), "cell": fig.get("cell"),
                "imported_at": entry.get("imported_at"), "round": entry.get("round"),
            }
    return out
