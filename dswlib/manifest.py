"""``outputs/<year>/manifest.json``: what produced every report on disk (schema in README).

The manifest is merged across runs: a run updates the records of the jobs it ran
or checked and keeps the others while their files are still there, so it always
describes every report in the year's output directory.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .atomic import write_text

SCHEMA_VERSION = 1
FILE_NAME = "manifest.json"
log = logging.getLogger("dswlib.batch")


def manifest_path(out_dir) -> Path:
    return Path(out_dir) / FILE_NAME


def load_manifest(out_dir) -> dict:
    """The year's manifest, or an empty one (a missing, unreadable or other-schema file starts afresh)."""
    path = manifest_path(out_dir)
    if not path.is_file():
        return {"schema_version": SCHEMA_VERSION, "jobs": {}}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("manifest %s unreadable (%s): every report is re-run", path.name, exc)
        return {"schema_version": SCHEMA_VERSION, "jobs": {}}
    if doc.get("schema_version") != SCHEMA_VERSION or not isinstance(doc.get("jobs"), dict):
        log.warning("manifest %s has another schema: every report is re-run", path.name)
        return {"schema_version": SCHEMA_VERSION, "jobs": {}}
    return doc


def outputs_intact(record: dict, out_dir, sha256) -> bool:
    """Every output file of ``record`` exists with the recorded sha256."""
    outputs = record.get("outputs") or {}
    if not outputs:
        return False
    for rel, digest in outputs.items():
        path = Path(out_dir) / rel
        if not path.is_file() or sha256(path) != digest:
            return False
    return True


def prune(doc: dict, out_dir) -> list[str]:
    """Drop records of successful reports whose files are gone; the names dropped."""
    gone = []
    for name, rec in list(doc["jobs"].items()):
        if rec.get("status") == "ok" and not all((Path(out_dir) / rel).is_file() for rel in rec.get("outputs", {})):
            gone.append(name)
            del doc["jobs"][name]
    return gone


def write_manifest(out_dir, doc: dict) -> Path:
    doc = {"schema_version": SCHEMA_VERSION, **{k: v for k, v in doc.items() if k != "schema_version"}}
    return write_text(manifest_path(out_dir), json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n")
