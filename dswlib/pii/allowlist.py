"""Names meant to be published (e.g. the signatories of an official report).

``params/pii_allowlist.yaml``::

    names:
      - name: นายสมชาย ใจดี          # as printed; the title is optional
        reason: ผู้ลงนามรายงานผลการดำเนินงาน ปีงบประมาณ 2564

The scanner does not flag a titled name whose given name and surname are on
the list (whatever the title). Every entry needs a ``reason``. National IDs
can never be allowed.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ParamsError

ALLOWLIST_FILE = "pii_allowlist.yaml"


def parse_allowed_name(text: str, *, source=None, where=None) -> tuple[str, str]:
    """(given, surname) of ``"นายสมชาย ใจดี"`` or ``"สมชาย ใจดี"``."""
    from .names import find_titled_names

    text = " ".join(str(text).split())
    hits = find_titled_names(text)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(text):
        return hits[0].key
    parts = text.split(" ")
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1]
    raise ParamsError(source, where, "a name as printed: [title]given-name surname", text)


def load_allowlist(path) -> frozenset[tuple[str, str]]:
    """The (given, surname) pairs of an allow-list file; a missing file allows nothing."""
    from ..yamlio import load_yaml

    path = Path(path)
    if not path.is_file():
        return frozenset()
    data = load_yaml(path) or {}
    if not isinstance(data, dict) or not isinstance(data.get("names", []) or [], list):
        raise ParamsError(path, "names", "a list of {name, reason}", type(data).__name__)
    out = set()
    for i, entry in enumerate(data.get("names") or []):
        where = f"names[{i}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            raise ParamsError(path, where, "an entry with name and reason", entry)
        if not str(entry.get("reason") or "").strip():
            raise ParamsError(path, f"{where}.reason", "why this name may be published", None)
        out.add(parse_allowed_name(entry["name"], source=path, where=f"{where}.name"))
    return frozenset(out)


def default_allowlist_path(params_dir=None) -> Path | None:
    """``<params>/pii_allowlist.yaml`` of the repository (None outside a repository)."""
    from ..paths import resolve_params_dir

    try:
        return resolve_params_dir(params_dir) / ALLOWLIST_FILE
    except FileNotFoundError:
        return None
