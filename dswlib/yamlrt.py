"""Round-trip YAML for files that dswlib writes back: comments, key order, quoting and flow style kept.

``params/`` files are read for computation with :mod:`dswlib.yamlio` (PyYAML, plain data);
the commands that change params (``dsw intake import``, ``dsw new-year``) load and dump them
through ruamel.yaml with the indentation the hand-written files use, so a file that is loaded
and dumped unchanged comes back byte for byte.
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import ParamsError


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long Thai lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_rt(path):
    """Load a YAML file as ruamel's commented structures; a syntax error names file, line and column."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    path = Path(path)
    if not path.exists():
        raise ParamsError(path, None, "an existing YAML file", "file not found")
    try:
        return _yaml().load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        raise ParamsError(path, where, "valid YAML", str(exc.problem or exc)) from None
    except YAMLError as exc:
        raise ParamsError(path, None, "valid YAML", str(exc)) from None


def dump_rt(data) -> str:
    """The YAML text of round-trip ``data``."""
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def flow_map(items: dict):
    """A mapping written in flow style (``{50: [true, false], 75: [true]}``)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    for key, value in items.items():
        if isinstance(value, list):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            value = seq
        out[key] = value
    out.fa.set_flow_style()
    return out


def insert_key(mapping, key, value, after: tuple[str, ...] = ()) -> None:
    """Set ``mapping[key]``; a new key goes right after the last of ``after`` present (else at the end)."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping.keys())
    pos = len(keys)
    present = [keys.index(k) for k in after if k in mapping]
    if present:
        pos = max(present) + 1
    mapping.insert(pos, key, value)
