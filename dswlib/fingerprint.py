"""What produced a report, as hashes: notebook, params files read, dswlib code, parameters, environment.

A job's *fingerprint* is the sha256 of all of that together; the batch skips a job
whose fingerprint and output files are unchanged since its last successful run.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import platform
import subprocess
from functools import lru_cache
from pathlib import Path

#: packages whose version is recorded in the manifest and is part of every fingerprint
KEY_PACKAGES = ("dswlib", "papermill", "nbclient", "nbconvert", "nbformat", "ipykernel", "jupyter_client",
                "pandas", "numpy", "scipy", "matplotlib", "pythainlp", "fontpkg-sarabun", "openpyxl",
                "pyyaml", "pydantic", "duckdb")
#: files of the dswlib package that make up its code hash
CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".tpl", ".j2", ".css", ".html")


def sha256_file(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class HashCache:
    """sha256 of files, each computed once per run (many jobs share the same params files)."""

    def __init__(self):
        self._done: dict[str, str] = {}

    def __call__(self, path) -> str:
        key = os.path.realpath(path)
        if key not in self._done:
            self._done[key] = sha256_file(key)
        return self._done[key]

    def forget(self, path) -> None:
        self._done.pop(os.path.realpath(path), None)


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def code_files(base: Path | None = None) -> list[Path]:
    base = base or package_dir()
    out = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        in_templates = "templates" in Path(dirpath).relative_to(base).parts
        for name in sorted(filenames):
            if name.endswith(CODE_SUFFIXES) or (in_templates and not name.startswith(".")):
                out.append(Path(dirpath) / name)
    return out


def code_sha256(base: Path | None = None) -> str:
    """One hash over dswlib's code: every .py/.yaml/template file, by relative path and content."""
    base = base or package_dir()
    h = hashlib.sha256()
    for path in code_files(base):
        h.update(path.relative_to(base).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def expand_inputs(patterns, params_dir) -> dict[str, Path]:
    """Declared inputs (paths/globs relative to ``params_dir``) -> ``{relative path: absolute path}``.

    Only files count; a glob that matches nothing contributes nothing (its pattern is
    still part of the fingerprint, so a file appearing later changes it).
    """
    params_dir = Path(params_dir)
    out: dict[str, Path] = {}
    for pattern in patterns:
        for match in sorted(glob.glob(str(params_dir / pattern))):
            path = Path(match)
            if path.is_file():
                rel = os.path.relpath(path, params_dir).replace(os.sep, "/")
                out[rel] = path
    return dict(sorted(out.items()))


@lru_cache(maxsize=1)
def environment() -> dict:
    """Python and key package versions (``null`` for a package that is not installed)."""
    from importlib import metadata

    versions = {}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "packages": versions}


def git_info(root) -> dict | None:
    """``{"commit", "dirty"}`` of the repository at ``root``; None outside a git checkout.

    ``dirty`` counts tracked files only (outputs/ and other untracked files do not).
    """
    def git(*args):
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20)

    try:
        head = git("rev-parse", "HEAD")
        if head.returncode != 0:
            return None
        status = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": head.stdout.strip(), "dirty": bool(status.stdout.strip())}


def job_fingerprint(*, notebook_sha256: str, parameters: dict, input_patterns, inputs: dict[str, str],
                    code_sha256: str, env: dict, kernel_name: str) -> str:
    doc = {"notebook": notebook_sha256, "parameters": parameters, "patterns": list(input_patterns),
           "inputs": inputs, "code": code_sha256, "env": env, "kernel": kernel_name}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
