"""Jupyter notebooks: every part a person or a program can read.

Cell sources (Markdown tables as rows), attachments, outputs of every MIME type
(HTML through the HTML reader, JSON walked, text, SVG, base64 payloads decoded
when they are text; PNG text chunks), tracebacks (colour codes removed), and
the metadata of the notebook, its cells and outputs. Pictures are not OCR'd.
"""

from __future__ import annotations

import json

from .html import html_pieces
from .images import embedded_pieces, image_pieces
from .jsonfile import walk
from .pieces import Skipped, b64decode, decode_text
from .text import markdown_pieces, strip_ansi, text_pieces

_HANDLED_CELL_KEYS = {"source", "outputs", "attachments", "cell_type", "execution_count"}
_HANDLED_OUTPUT_KEYS = {"data", "text", "traceback", "output_type", "execution_count"}


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value if isinstance(value, str) else "")


def mime_pieces(where: str, mime: str, value):
    """One MIME bundle entry of an output or an attachment."""
    m = mime.lower()
    if isinstance(value, (dict, list)) and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        yield from walk(value, where)
        return
    text = _text(value)
    if m == "text/html":
        yield from html_pieces(where, text)
    elif m == "text/markdown":
        yield from markdown_pieces(where, text, None)
    elif m.startswith("text/") or m == "image/svg+xml" or m.endswith("json") or m.endswith("javascript"):
        if m.endswith("json"):
            try:
                yield from walk(json.loads(text), where)
                return
            except json.JSONDecodeError:
                pass
        yield from text_pieces(where, strip_ansi(text), None)
    elif m.startswith("image/"):
        data = b64decode(text)
        if data is None:
            yield Skipped(where, f"{mime} that is not valid base64")
        else:
            yield from image_pieces(where, data)
    else:
        data = b64decode(text)
        if data is None:  # not base64: a text payload of some other type
            yield from text_pieces(where, text, None)
        else:
            yield from embedded_pieces(where, mime, data)


def notebook_pieces(text: str):
    """Pieces of a notebook; a file that is not JSON is read as text."""
    try:
        nb = json.loads(text)
    except json.JSONDecodeError:
        yield from text_pieces("", text)
        return
    if not isinstance(nb, dict):
        yield from walk(nb)
        return
    for key, value in nb.items():
        if key != "cells":
            yield from walk(value, key)
    for i, cell in enumerate(nb.get("cells") or []):
        if not isinstance(cell, dict):
            yield from walk(cell, f"cells[{i}]")
            continue
        where = f"cells[{i}]"
        source = _text(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            yield from markdown_pieces(f"{where}.source", source, None)
        else:
            yield from text_pieces(f"{where}.source", source, None)
        for name, bundle in (cell.get("attachments") or {}).items():
            for mime, value in (bundle or {}).items():
                yield from _attachment_pieces(f"{where}.attachments[{name!r}] {mime}", mime, value)
        for key, value in cell.items():
            if key not in _HANDLED_CELL_KEYS:
                yield from walk(value, f"{where}.{key}")
        for j, output in enumerate(cell.get("outputs") or []):
            yield from _output_pieces(f"{where}.outputs[{j}]", output)


def _attachment_pieces(where: str, mime: str, value):
    """Attachments are files, base64-encoded whatever their type."""
    data = b64decode(value) if isinstance(value, (str, list)) else None
    if data is None:
        yield from mime_pieces(where, mime, value)
    elif mime.lower() == "text/html":
        yield from html_pieces(where, decode_text(data) or "")
    else:
        yield from embedded_pieces(where, mime, data)


def _output_pieces(where: str, output):
    if not isinstance(output, dict):
        yield from walk(output, where)
        return
    if "text" in output:
        yield from text_pieces(where, strip_ansi(_text(output["text"])), None)
    if "traceback" in output:
        yield from text_pieces(f"{where} traceback", strip_ansi("\n".join(map(str, output["traceback"] or []))), None)
    for mime, value in (output.get("data") or {}).items():
        yield from mime_pieces(f"{where} {mime}", mime, value)
    for key, value in output.items():
        if key not in _HANDLED_OUTPUT_KEYS:
            yield from walk(value, f"{where}.{key}")
