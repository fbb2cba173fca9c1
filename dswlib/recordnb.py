"""Make an executed report notebook a lean record of its run.

The HTML page is the document; the ``.ipynb`` kept beside it records how it was
produced: every cell and its source, execution counts, papermill's parameters and
per-cell timings and status, kernel and language, streams, errors and text/plain
results. Its rich display outputs (the report's tables and charts as ``text/html``,
images, markdown, JSON ...) would only duplicate the page, so :func:`make_record`
replaces each of them by a text/plain line naming the page, the mime type, its size
and sha256, e.g.::

    Section(3 parts)
    [output shown in annual_report.html: text/html 37,526 bytes, sha256 1a2b3c4d5e6f…]

and keeps the full figures in the output's metadata::

    {"dsw": {"omitted": {"text/html": {"bytes": 37526, "sha256": "<64 hex digits>"}}}}

``bytes`` and ``sha256`` are of the value as stored in the notebook: the UTF-8 text
(base64 text for binary images); a JSON value (``application/json``) as compact JSON
with sorted keys. A full run (``dsw run --full-notebooks``) gives the same digests.
"""

from __future__ import annotations

import hashlib
import json

#: the notebook-level marker: ``nb.metadata["dsw"]["record"]``
MARKER_KEY = "record"
RICH_OUTPUT_TYPES = ("display_data", "execute_result")
PLAIN = "text/plain"


def is_json_mime(mime: str) -> bool:
    return mime == "application/json" or mime.endswith("+json")


def stored_bytes(mime: str, value) -> bytes:
    """The bytes hashed for one mime value: text (lines joined) as UTF-8; a JSON value as sorted compact JSON."""
    if not is_json_mime(mime):
        if isinstance(value, list):  # nbformat's multi-line form, as on disk before nbformat.read
            value = "".join(value)
        if isinstance(value, str):
            return value.encode("utf-8")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(mime: str, value) -> dict:
    """``{"bytes": n, "sha256": hex}`` of one mime value as stored."""
    data = stored_bytes(mime, value)
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def placeholder(page: str, mime: str, info: dict) -> str:
    return f"[output shown in {page}: {mime} {info['bytes']:,} bytes, sha256 {info['sha256'][:12]}…]"


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def strip_output(output, page: str) -> bool:
    """Replace the rich data of one display/result output (in place); True if anything was omitted."""
    if output.get("output_type") not in RICH_OUTPUT_TYPES:
        return False
    data = output.get("data") or {}
    rich = sorted(mime for mime in data if mime != PLAIN)
    if not rich:
        return False
    omitted = {mime: digest(mime, data[mime]) for mime in rich}
    lines = [_text(data[PLAIN])] if _text(data.get(PLAIN)) else []
    lines += [placeholder(page, mime, omitted[mime]) for mime in rich]
    for mime in rich:
        del data[mime]
    data[PLAIN] = "\n".join(lines)
    output["data"] = data
    metadata = output.setdefault("metadata", {})
    for mime in rich:  # per-mime metadata (image sizes, isolated) described data no longer there
        metadata.pop(mime, None)
    metadata.setdefault("dsw", {})["omitted"] = omitted
    return True


def make_record(nb, page: str):
    """Make the executed notebook node ``nb`` a record of its run (in place; also returned).

    ``page``: the file name of the HTML page rendered from the full notebook, as seen
    from the notebook's directory (``annual_report.html``).
    """
    count = (nb.get("metadata") or {}).get("dsw", {}).get(MARKER_KEY, {}).get("omitted_outputs", 0)  # made twice
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            count += strip_output(output, page)
    nb.setdefault("metadata", {}).setdefault("dsw", {})[MARKER_KEY] = {
        "rich_outputs": "omitted", "page": page, "omitted_outputs": count,
        "note": "display outputs are shown in the page; their size and sha256 are in each output's metadata "
                "(dsw.omitted); dsw run --full-notebooks keeps them",
    }
    return nb


def is_record(nb) -> bool:
    """True for a notebook :func:`make_record` made."""
    return bool(((nb.get("metadata") or {}).get("dsw") or {}).get(MARKER_KEY))
