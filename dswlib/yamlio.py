"""Read params files with errors that name the file and the place."""

from __future__ import annotations

from pathlib import Path

from .errors import ParamsError, ParamsErrors


def load_yaml(path) -> object:
    """Parse a YAML file (safe loading; libyaml's parser when PyYAML has it, some 6x faster);
    a syntax error names file, line and column."""
    import yaml

    path = Path(path)
    if not path.exists():
        raise ParamsError(path, None, "an existing YAML file", "file not found")
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_safe_loader(yaml))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        raise ParamsError(path, where, "valid YAML", str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise ParamsError(path, None, "valid YAML", str(exc)) from None


def _safe_loader(yaml):
    """PyYAML's safe loader, on libyaml's C parser when PyYAML was built with it (the same documents)."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def field_path(loc) -> str:
    """A pydantic error location as a readable field path: ``kpis[3].targets``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def validate(model, data, source):
    """Validate ``data`` with a pydantic model; every problem names ``source`` and the field path."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            where = field_path(err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            errors.append(ParamsError(source, where, msg, err.get("input") if err["type"] != "missing" else None))
        raise ParamsErrors(errors) from None


def read_csv(path, required: list[str] | None = None):
    """Read a params CSV as strings (numbers are parsed later, row by row, with row-naming errors)."""
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise ParamsError(path, None, "an existing CSV file", "file not found")
    if path.stat().st_size == 0 or not path.read_bytes().strip():
        raise ParamsError(path, None, "a CSV file with a header line and rows", "an empty file")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except Exception as exc:  # pandas raises several parser error types
        raise ParamsError(path, None, "a readable UTF-8 CSV file", str(exc)) from None
    missing = [c for c in (required or []) if c not in frame.columns]
    if missing:
        raise ParamsError(path, "header", f"columns {required}", f"missing {missing}")
    return frame
