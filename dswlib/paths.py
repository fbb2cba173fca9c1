"""Where params and outputs live, wherever a notebook or the CLI runs from."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root(start=None) -> Path:
    """The nearest directory at or above ``start`` (default: cwd) that has ``params/``.

    ``DSW_ROOT`` overrides the search (papermill runs notebooks in other dirs).
    """
    env = os.environ.get("DSW_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or os.getcwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "params").is_dir():
            return candidate
    raise FileNotFoundError(f"no params/ directory at or above {here}; set DSW_ROOT")


def resolve_params_dir(params_dir=None) -> Path:
    """``params_dir`` as given (absolute, or relative to the repo root), default ``<root>/params``."""
    if params_dir in (None, ""):
        return repo_root() / "params"
    path = Path(params_dir)
    if path.is_absolute():
        return path
    if path.exists():
        return path.resolve()
    return (repo_root() / path).resolve()
