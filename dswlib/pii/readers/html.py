"""HTML pages (reports, notebook outputs): text with entities decoded, table rows, attributes.

Text is gathered per block (paragraph, heading, list item, table cell ...), so
a number split by inline tags (``<b>3100</b>600445635``) is read as the reader
sees it. Each ``<tr>`` is also a row, so an ID or a name spread over adjacent
cells is found. Attribute values (``title``, ``alt``, ``href`` ...) are read;
``data:`` URIs are decoded (pictures: text chunks only; fonts skipped).
``<script>`` and ``<style>`` contents and comments are read as text.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .images import split_data_uris
from .pieces import Row, Text, at

BLOCK_TAGS = frozenset("""
address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure footer
form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol option p pre section select summary table tbody td
textarea tfoot th thead title tr ul text tspan desc
""".split())
RAW_TAGS = frozenset(("script", "style"))


class _Reader(HTMLParser):
    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.pieces: list = []
        self.block: list[str] = []
        self.block_line = 1
        self.rows: list[dict] = []  # open <tr>s, innermost last
        self.raw: list[str] | None = None
        self.raw_line = 1

    # ------------------------------------------------------------ text
    def _flush(self):
        text = "".join(self.block)
        self.block = []
        if text.strip():
            self.pieces.append(Text(self.where, text, self.block_line))

    def _cell(self):
        return self.rows[-1]["cell"] if self.rows and self.rows[-1]["cell"] is not None else None

    def handle_data(self, data):
        if self.raw is not None:
            self.raw.append(data)
            return
        cell = self._cell()
        if cell is not None:
            cell.append(data)
            return
        if not self.block:
            self.block_line = self.getpos()[0]
        self.block.append(data)

    def handle_comment(self, data):
        if data.strip():
            self.pieces.append(Text(at(self.where, "<!-- comment -->"), data, self.getpos()[0]))

    def unknown_decl(self, data):  # <![CDATA[ ... ]]>
        self.handle_comment(data)

    # ------------------------------------------------------------ tags
    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value and any(ch.isdigit() or "\u0e01" <= ch <= "\u0e5b" for ch in value):
                where = at(self.where, f"line {line} <{tag} {name}>")
                if "data:" in value:
                    value, embedded = split_data_uris(where, value)
                    self.pieces.extend(embedded)
                self.pieces.append(Text(where, value, None))
        if tag in RAW_TAGS:
            self.raw, self.raw_line = [], line
            return
        if tag in BLOCK_TAGS:
            if self._cell() is not None and tag not in ("td", "th", "tr"):
                self._cell().append("\n")  # a new line inside a cell: <br>, <p>, <div> ...
                return
            self._flush()
        if tag == "tr":
            self.rows.append({"line": line, "cells": [], "cell": None})
        elif tag in ("td", "th") and self.rows:
            self._close_cell()
            self.rows[-1]["cell"] = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in RAW_TAGS:
            self.handle_endtag(tag)

    def _close_cell(self):
        if self.rows and self.rows[-1]["cell"] is not None:
            self.rows[-1]["cells"].append("".join(self.rows[-1]["cell"]))
            self.rows[-1]["cell"] = None

    def _close_row(self):
        self._close_cell()
        row = self.rows.pop()
        cells = [(f"cell {k + 1}", text) for k, text in enumerate(row["cells"])]
        if cells:
            self.pieces.append(Row(at(self.where, f"table row at line {row['line']}"), cells))

    def handle_endtag(self, tag):
        if tag in RAW_TAGS and self.raw is not None:
            text = "".join(self.raw)
            self.raw = None
            where = at(self.where, f"<{tag}>")
            if "data:" in text:
                text, embedded = split_data_uris(at(where, f"line {self.raw_line}"), text)
                self.pieces.extend(embedded)
            if text.strip():
                self.pieces.append(Text(where, text, self.raw_line))
            return
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr" and self.rows:
            self._close_row()
        elif tag in ("table", "tbody", "thead", "tfoot"):
            while self.rows:
                self._close_row()
        if tag in BLOCK_TAGS:
            self._flush()

    def close(self):
        super().close()
        if self.raw is not None:
            self.handle_endtag("script")
        while self.rows:
            self._close_row()
        self._flush()


def html_pieces(where: str, markup: str):
    """Texts, rows and embedded parts of an HTML document or fragment."""
    reader = _Reader(where)
    reader.feed(markup)
    reader.close()
    return reader.pieces
