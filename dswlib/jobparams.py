"""Job parameters checked against the notebook before any kernel starts.

A notebook's parameters are what papermill's inspection finds in its cell tagged
``parameters`` (:func:`papermill.inspect_notebook`). A job is refused when it
passes a name the notebook does not declare (a typo such as ``fiscal_yaer``),
leaves out one the notebook declares (its default would silently apply), or
passes a value of the wrong kind:

* ``fiscal_year``: a B.E. year (:func:`dswlib.fiscal.normalize_be_year`) equal to the run's year;
* ``round``: 6 or 12;
* ``params_dir``: an existing directory (relative paths from the repo root);
* ``assessment_dir``, ``data_dir``: empty, or an existing directory;
* ``province``: one of the 76 provinces of ``params/standards/provinces.csv``;
* ``baseline_years``: empty/None or a list of B.E. years;
* any other: the type of the notebook's default when that is a number, text or flag.

``-p NAME VALUE`` overrides on ``dsw run`` are parsed the way papermill's ``-p`` parses
them (``True``/``False``/``None``, integers, floats, otherwise text) and applied to the
jobs whose notebook declares NAME.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

from .jobs import ReportJob


class JobsRefused(Exception):
    """One or more jobs have parameters their notebook does not accept; nothing was run or written."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@lru_cache(maxsize=32)
def _inspect(path: str, mtime_ns: int) -> dict:
    import papermill

    return papermill.inspect_notebook(path)


def notebook_parameters(path) -> dict[str, dict]:
    """``{name: {name, inferred_type_name, default, help}}`` of a notebook's parameters cell."""
    path = Path(path)
    return _inspect(str(path), path.stat().st_mtime_ns)


def parse_value(text: str):
    """A ``-p`` value as papermill's CLI reads it: True/False/None, int, float, else the text."""
    if text == "True":
        return True
    if text == "False":
        return False
    if text == "None":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_overrides(pairs) -> dict[str, tuple[str, object]]:
    """``[(name, text), ...]`` -> ``{name: (text, parsed)}`` (a later pair wins)."""
    return {str(name): (str(text), parse_value(str(text))) for name, text in pairs}


def default_type(spec: dict) -> str:
    """Type name of a parameter: its annotation if any, else the type of its literal default."""
    import ast

    if spec.get("inferred_type_name") not in (None, "", "None"):
        return spec["inferred_type_name"]
    try:
        return type(ast.literal_eval(spec.get("default") or "None")).__name__
    except (ValueError, SyntaxError):
        return "None"


def _typed(default_type: str, text: str, parsed):
    """A ``-p`` value typed for a parameter whose notebook default has ``default_type``."""
    if default_type == "str" and not isinstance(parsed, str) and parsed is not None:
        return text  # `-p province 50` into `province = "50"`: keep the text (papermill's -r)
    return parsed


def apply_overrides(jobs: list[ReportJob], overrides: dict, notebooks_dir, params_dir=None) -> list[ReportJob]:
    """Jobs with the ``-p`` overrides applied where their notebook declares the name.

    Raises :class:`JobsRefused` for a name that no notebook of these jobs declares.
    Declared inputs are re-derived for the new parameters.
    """
    from .registry import declare_inputs

    if not overrides:
        return list(jobs)
    declared = {j.notebook: notebook_parameters(Path(notebooks_dir) / j.notebook) for j in jobs}
    problems = []
    for name in overrides:
        if not any(name in params for params in declared.values()):
            listing = "; ".join(f"{nb}: {', '.join(p) or '(none)'}" for nb, p in sorted(declared.items()))
            problems.append(f"-p {name}: unknown parameter {name!r}: no notebook of this run declares it ({listing})")
    if problems:
        raise JobsRefused(problems)
    out = []
    for job in jobs:
        params = dict(job.parameters)
        changed = False
        for name, (text, parsed) in overrides.items():
            spec = declared[job.notebook].get(name)
            if spec is not None:
                params[name] = _typed(default_type(spec), text, parsed)
                changed = True
        if changed:
            job = dataclasses.replace(job, parameters=params)
            if params_dir is not None:
                try:
                    job = declare_inputs(job, params_dir)
                except Exception:  # an invalid value: check_job names it
                    pass
        out.append(job)
    return out


# ---- value checks -----------------------------------------------------------------
def _dir(value, root: Path, allow_empty: bool):
    if value in ("", None) and allow_empty:
        return None
    if not isinstance(value, str) or not value:
        return "a directory path (text)"
    path = Path(value)
    if not path.is_absolute():
        path = Path(root) / path
    if not path.is_dir():
        return f"an existing directory (no directory {value!r} under the repo root)"
    return None


def _fiscal_year(value, year):
    from .errors import ParamsError
    from .fiscal import normalize_be_year

    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return "a B.E. fiscal year such as 2564"
    try:
        be = normalize_be_year(value)
    except ParamsError:
        return "a B.E. fiscal year such as 2564"
    if not isinstance(value, int) or value != be:
        return f"the B.E. year as a number ({be})"
    if year is not None and be != int(year):
        return f"the run's fiscal year {year} (run `dsw run {be}` for FY{be})"
    return None


def _round(value, _):
    return None if (not isinstance(value, bool) and value in (6, 12)) else "6 or 12 (the 6- or 12-month round)"


def _baseline_years(value, _):
    from .errors import ParamsError
    from .fiscal import normalize_be_year

    if value in (None, "", []):
        return None
    if not isinstance(value, (list, tuple)):
        return "None or a list of B.E. years such as [2562, 2563]"
    try:
        for v in value:
            normalize_be_year(v)
    except ParamsError:
        return "None or a list of B.E. years such as [2562, 2563]"
    return None


def _province(value, params_dir):
    from .errors import ParamsError
    from .standards.provinces import find_province

    try:
        find_province(value, params_dir)
    except ParamsError:
        return "a province code, slug or name of params/standards/provinces.csv"
    return None


_PY_TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,)}


def check_job(job: ReportJob, notebooks_dir, root, fiscal_year: int | None = None) -> list[str]:
    """Problems with ``job``'s parameters (empty when the job may run)."""
    nb_path = Path(notebooks_dir) / job.notebook
    where = f"job {job.name} (notebook {job.notebook})"
    if not nb_path.is_file():
        return [f"{where}: no such notebook"]
    declared = notebook_parameters(nb_path)
    params = job.parameters
    problems = []
    for name in params:
        if name not in declared:
            problems.append(f"{where}: unknown parameter {name!r}; the notebook's parameters are "
                            f"{', '.join(declared) or '(none)'}")
    for name in declared:
        if name not in params:
            problems.append(f"{where}: missing parameter {name!r} (the job must set every parameter "
                            f"of the notebook; its default would apply silently)")
    root = Path(root)
    params_dir = None
    if isinstance(params.get("params_dir"), str):
        params_dir = Path(params["params_dir"]) if Path(params["params_dir"]).is_absolute() else root / params["params_dir"]
    for name, value in params.items():
        if name not in declared:
            continue
        if name == "fiscal_year":
            expected = _fiscal_year(value, fiscal_year)
        elif name == "round":
            expected = _round(value, None)
        elif name == "params_dir":
            expected = _dir(value, root, allow_empty=False)
        elif name in ("assessment_dir", "data_dir"):
            expected = _dir(value, root, allow_empty=True)
        elif name == "baseline_years":
            expected = _baseline_years(value, None)
        elif name == "province":
            expected = _province(value, params_dir) if params_dir and params_dir.is_dir() else None
        else:
            kind = default_type(declared[name])
            kinds = _PY_TYPES.get(kind)
            ok = kinds is None or value is None or (isinstance(value, kinds) and not (
                isinstance(value, bool) and bool not in kinds))
            expected = None if ok else f"a value of type {kind} like the notebook's default"
        if expected:
            problems.append(f"{where}: parameter {name!r} = {value!r}: expected {expected}")
    return problems


def check_jobs(jobs: list[ReportJob], notebooks_dir, root, fiscal_year: int | None = None) -> None:
    """Raise :class:`JobsRefused` listing every problem of every job; return if all may run."""
    problems = [p for job in jobs for p in check_job(job, notebooks_dir, root, fiscal_year)]
    if problems:
        raise JobsRefused(problems)
