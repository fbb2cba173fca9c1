"""Rewrite an HTML fragment of a report: ids on headings, unsafe links and remote loads removed.

The fragment is tokenised with the standard library's ``html.parser``; only the
start tags that need a change are rebuilt and spliced back, everything else is
kept byte for byte. It is the last defence behind escaping: params text is
escaped where it is put into markup, and whatever still reaches the page goes
through :func:`rewrite` (see :mod:`dswlib.reportprep`).

- ``href``/``action``/... with a ``javascript:``, ``vbscript:`` or ``data:`` URL
  (after the normalisation browsers apply: entities decoded, controls and
  spaces stripped, case folded) lose the attribute, so the text stays but is no
  live link;
- ``src``-like attributes may only be relative or ``data:image/...`` (charts);
  remote loads (``http:``, ``https:``, ``//host``) are removed: pages open
  offline;
- in inline SVG (charts), ``href``/``xlink:href`` of ``<image>``, ``<feImage>`` and ``<use>`` is a
  load: only a ``#fragment`` of the page or, for pictures, ``data:image/...`` is kept;
- ``<link>`` to a remote stylesheet or font loses its ``href``;
- ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>`` ... are dropped
  with their content: reviewer pages run no script;
- ``on*`` event-handler attributes are dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable

HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
LINK_ATTRS = {"href", "action", "formaction", "xlink:href", "cite", "longdesc", "ping", "background"}
LOAD_ATTRS = {"src", "srcset", "poster", "data", "codebase", "lowsrc", "dynsrc", "manifest"}
UNSAFE_SCHEMES = {"javascript", "vbscript", "data", "livescript", "mocha"}
REMOTE_SCHEMES = {"http", "https", "ftp", "ws", "wss"}
DROPPED_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "noscript"}
VOID_ELEMENTS = {"embed", "base"}
SVG_LOAD_TAGS = {"image", "feimage", "use"}  # their href is fetched and drawn, not followed
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp|svg\+xml)[;,]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CONTROLS = re.compile(r"[\x00-\x20\x7f]+")


def normalize_url(value: str) -> str:
    """The URL as a browser reads it for its scheme: entities decoded, controls and spaces removed, lower case."""
    return _CONTROLS.sub("", html.unescape(value or "")).lower()


def url_scheme(value: str) -> str:
    """``"javascript"`` for ``" JaVa&#x09;Script:alert(1)"``; ``"//"`` for a protocol-relative URL; ``""`` when relative."""
    url = normalize_url(value)
    if url.startswith("//") or url.startswith("\\\\"):
        return "//"
    m = _SCHEME.match(url)
    return m.group(1) if m else ""


def is_unsafe_link(value: str) -> bool:
    """True for a link that would run script or carry a document inline (javascript:, vbscript:, data: ...)."""
    return url_scheme(value) in UNSAFE_SCHEMES


def is_remote(value: str) -> bool:
    """True for a URL that would make the browser go to the network."""
    scheme = url_scheme(value)
    return scheme == "//" or scheme in REMOTE_SCHEMES


def _allowed_load(tag: str, value: str) -> bool:
    scheme = url_scheme(value)
    if scheme == "":
        return True  # relative: a file beside the page
    if scheme == "data":
        return tag == "img" and bool(SAFE_DATA_IMAGE.match(normalize_url(value)))
    return False


def _allowed_svg_load(tag: str, value: str) -> bool:
    url = normalize_url(value)
    if url.startswith("#"):
        return True  # an element of the same page (a marker, a clip path)
    return tag != "use" and bool(SAFE_DATA_IMAGE.match(url)) and not url.startswith("data:image/svg")


@dataclass
class Heading:
    level: int
    id: str
    text: str


@dataclass
class Rewritten:
    html: str
    headings: list[Heading] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # what was neutralised, for the log


class _Rewriter(HTMLParser):
    def __init__(self, source: str, new_id: Callable[[], str] | None):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.new_id = new_id
        self.line_starts = [0]
        for m in re.finditer("\n", source):
            self.line_starts.append(m.end())
        self.edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
        self.headings: list[Heading] = []
        self.removed: list[str] = []
        self._open_heading: tuple[str, Heading, list[str]] | None = None
        self._drop: tuple[str, int] | None = None  # element being dropped, its start offset

    # -------------------------------------------------------------- positions
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _tag_span(self) -> tuple[int, int]:
        start = self._offset()
        text = self.get_starttag_text() or ""
        return start, start + len(text)

    # -------------------------------------------------------------- tags
    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self._drop is not None:
            return
        start, end = self._tag_span()
        if tag in DROPPED_ELEMENTS:
            self.removed.append(f"<{tag}>")
            if closed or tag in VOID_ELEMENTS:
                self.edits.append((start, end, ""))
            else:
                self._drop = (tag, start)
            return
        changed = False
        kept: list[tuple[str, str | None]] = []
        for name, value in attrs:
            name_l = name.lower()
            if name_l.startswith("on"):
                self.removed.append(f"{tag}[{name}]")
                changed = True
                continue
            if value is not None and tag in SVG_LOAD_TAGS and name_l in ("href", "xlink:href"):
                if not _allowed_svg_load(tag, value):
                    self.removed.append(f"{tag}[{name}={value[:40]}]")
                    changed = True
                    continue
            elif value is not None and name_l in LINK_ATTRS and (is_unsafe_link(value) or (tag == "link" and is_remote(value))):
                self.removed.append(f"{tag}[{name}={value[:40]}]")
                changed = True
                continue
            if value is not None and name_l in LOAD_ATTRS and not _allowed_load(tag, value):
                self.removed.append(f"{tag}[{name}={value[:40]}]")
                changed = True
                continue
            if name_l == "style" and value and _remote_css(value):
                self.removed.append(f"{tag}[style]")
                changed = True
                continue
            kept.append((name, value))
        if tag in HEADING_LEVELS:
            ids = [v for n, v in kept if n.lower() == "id" and v]
            if ids:
                heading_id = ids[0]
            elif self.new_id is not None:
                heading_id = self.new_id()
                kept.append(("id", heading_id))
                changed = True
            else:
                heading_id = ""
            heading = Heading(HEADING_LEVELS[tag], heading_id, "")
            if closed:
                self.headings.append(heading)
            else:
                self._open_heading = (tag, heading, [])
        if changed:
            self.edits.append((start, end, _build_tag(tag, kept, closed)))

    def handle_endtag(self, tag):
        if self._drop is not None:
            if tag == self._drop[0]:
                start = self._offset()
                close = self.source.find(">", start)
                end = len(self.source) if close < 0 else close + 1
                self.edits.append((self._drop[1], end, ""))
                self._drop = None
            return
        if self._open_heading is not None and tag == self._open_heading[0]:
            _, heading, parts = self._open_heading
            heading.text = " ".join("".join(parts).split())
            self.headings.append(heading)
            self._open_heading = None

    def handle_data(self, data):
        if self._drop is None and self._open_heading is not None:
            self._open_heading[2].append(data)

    def close(self):
        super().close()
        if self._drop is not None:  # unclosed <script>...: drop to the end
            self.edits.append((self._drop[1], len(self.source), ""))
            self._drop = None
        if self._open_heading is not None:
            _, heading, parts = self._open_heading
            heading.text = " ".join("".join(parts).split())
            self.headings.append(heading)
            self._open_heading = None

    def result(self) -> str:
        out, pos = [], 0
        for start, end, replacement in sorted(self.edits):
            if start < pos:  # nested in an edit already applied (e.g. inside a dropped element)
                continue
            out.append(self.source[pos:start])
            out.append(replacement)
            pos = end
        out.append(self.source[pos:])
        return "".join(out)


_CSS_URL = re.compile(r"(?:url\s*\(|@import)\s*['\"]?\s*([^'\")\s;]*)", re.I)


def _remote_css(value: str) -> bool:
    return any(is_remote(m.group(1)) or is_unsafe_link(m.group(1)) and not m.group(1).lower().startswith("data:image/")
               for m in _CSS_URL.finditer(html.unescape(value)))


def _build_tag(tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if closed else ">")


def rewrite(markup: str, new_id: Callable[[], str] | None = None) -> Rewritten:
    """Sanitise ``markup`` and give headings without an id one from ``new_id()``; returns the headings found."""
    parser = _Rewriter(markup, new_id)
    parser.feed(markup)
    parser.close()
    return Rewritten(parser.result(), parser.headings, parser.removed)


def sanitize(markup: str) -> str:
    """Only the link and load clean-up of :func:`rewrite`."""
    return rewrite(markup).html
