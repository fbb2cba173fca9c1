"""JSON documents and JSON Lines: parsed (so ``\\u0e51``-style escapes are decoded), then walked.

Every string, every integral number (an ID stored as a number) and every key is
read, at its path (``$.people[3].id``). A list of plain values is also read as
a row (an ID split over list items). A file that is not JSON is read as text
with ``\\uXXXX`` escapes decoded.
"""

from __future__ import annotations

import json

from .pieces import Row, Text, number_text
from .text import text_pieces


def _path(parent: str, key) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    k = str(key)
    return f"{parent}.{k}" if k.isidentifier() else f"{parent}[{json.dumps(k, ensure_ascii=False)}]"


def walk(obj, where: str = "$"):
    """Texts of every key and scalar in a parsed JSON value."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield Text(f"{where} (key)", str(key))
            yield from walk(value, _path(where, key))
    elif isinstance(obj, list):
        scalars = []
        for i, value in enumerate(obj):
            yield from walk(value, _path(where, i))
            text = value if isinstance(value, str) else number_text(value)
            if text is not None:
                scalars.append((f"[{i}]", text))
        if len(scalars) > 1:
            yield Row(where, scalars)
    elif isinstance(obj, str):
        if obj:
            yield Text(where, obj)
    else:
        text = number_text(obj)
        if text is not None:
            yield Text(where, text)


def json_pieces(text: str):
    """A JSON document, JSON Lines, or (if neither) plain text."""
    try:
        yield from walk(json.loads(text))
        return
    except (json.JSONDecodeError, RecursionError):
        pass
    lines = [ln for ln in text.splitlines()]
    try:
        docs = [(k + 1, json.loads(ln)) for k, ln in enumerate(lines) if ln.strip()]
    except (json.JSONDecodeError, RecursionError):
        yield from text_pieces("", text)
        return
    for line_no, doc in docs:
        yield from walk(doc, f"line {line_no} $")
