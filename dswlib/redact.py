"""Remove absolute local paths from what a run writes (executed notebooks, errors, manifest).

An output must not tell where it was produced: the repo root becomes ``.``, the
Python installation ``<python>``, the home directory ``~`` and the temp directory
``<tmp>``; a params dir outside the repo is shown as it was passed to the notebooks.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

_TEXT_MIMES = ("text/plain", "text/html", "text/markdown")


class Redactor:
    def __init__(self, root, params_dir=None, params_display: str | None = None):
        pairs: dict[str, str] = {}

        def add(path, label):
            if path:
                real = os.path.realpath(str(path))
                for p in {str(path), real}:
                    if p not in ("/", "") and p not in pairs:
                        pairs[p.rstrip("/")] = label

        if params_dir is not None and params_display:
            add(params_dir, params_display)
        add(root, ".")
        for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix}:
            add(prefix, "<python>")
        add(tempfile.gettempdir(), "<tmp>")
        add(os.path.expanduser("~"), "~")
        ordered = sorted(pairs.items(), key=lambda kv: len(kv[0]), reverse=True)
        self._pairs = ordered
        # whole absolute paths only: not the tail of a relative path ("../../tmp/x") nor of a longer
        # name or base64 text; a path right after an ANSI colour code ("\x1b[0;32m/work/...") in a traceback is one
        self._re = (re.compile("|".join(f"(?:(?<![\\w.~/+=-])|(?<=\\dm))({re.escape(p)})(?![\\w.+=-])" for p, _ in ordered))
                    if ordered else None)
        self._labels = [label for _, label in ordered]

    def text(self, value):
        """``value`` with every known absolute prefix replaced (non-text returned as is)."""
        if not isinstance(value, str) or self._re is None:
            return value
        return self._re.sub(lambda m: self._labels[m.lastindex - 1], value)

    def _lines(self, value):
        if isinstance(value, list):
            return [self.text(v) for v in value]
        return self.text(value)

    def notebook(self, nb) -> None:
        """Redact an executed notebook in place: papermill's metadata and every text output."""
        meta = nb.metadata.get("papermill")
        if meta:
            for key in ("input_path", "output_path"):
                if isinstance(meta.get(key), str):
                    meta[key] = self.text(meta[key])
            if isinstance(meta.get("parameters"), dict):
                meta["parameters"] = {k: self.text(v) for k, v in meta["parameters"].items()}
            if isinstance(meta.get("exception"), str):
                meta["exception"] = self.text(meta["exception"])
        for cell in nb.cells:
            if cell.get("cell_type") == "markdown":  # papermill's error marker cells
                cell["source"] = self._lines(cell.get("source", ""))
            for out in cell.get("outputs", []) or []:
                kind = out.get("output_type")
                if kind == "stream":
                    out["text"] = self._lines(out.get("text", ""))
                elif kind == "error":
                    out["evalue"] = self.text(out.get("evalue", ""))
                    out["traceback"] = self._lines(out.get("traceback", []))
                elif kind in ("display_data", "execute_result"):
                    data = out.get("data", {})
                    for mime in _TEXT_MIMES:
                        if mime in data:
                            data[mime] = self._lines(data[mime])


def relative_display(path, root) -> str:
    """``path`` relative to ``root`` with forward slashes (for records and messages)."""
    return os.path.relpath(Path(path).resolve(), Path(root).resolve()).replace(os.sep, "/")
