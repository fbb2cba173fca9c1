"""The personal-data scanner behind ``dsw scan-pii``: national IDs and names in files.

:func:`scan_for_pii` reads every file under the given paths with
:mod:`.readers` and looks, in every text and table row, for

* national IDs (:mod:`.id_text`): after HTML entities (``&#51;``) and
  ``\\uXXXX`` escapes are decoded, in any digits and with any separators, and
  across adjacent cells of a table row;
* titled names (:mod:`.names`), not on the allow-list, and the synthetic names
  of the project's test data.

It returns a :class:`ScanReport`: the findings, and the files or parts of files
it could not read ("not scanned"), so that an unread file is never taken for a
clean one. Findings show a masked excerpt: never a whole ID, never a name.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .id_text import IdMatch, find_id_spans
from .masking import excerpt, mask_text
from .names import find_names
from .national_id import mask_national_id
from .readers import iter_files, read_file
from .readers.pieces import Image, Row, Skipped, Text, at

KINDS = {"national_id": "national ID", "name": "name"}
_U_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_MAY_HOLD = re.compile(r"[\d&\\\u0e01-\u0e4e]")


@dataclass(frozen=True)
class PiiFinding:
    """Personal data found in a file. ``where`` and ``excerpt`` are masked."""

    path: str
    kind: str  # "national_id" | "name"
    where: str  # "line 12" / "row 5, column 'pid'" / "sheet 'x', row 3, cells B3-F3" ...
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {KINDS.get(self.kind, self.kind)}: {self.excerpt}"

    def to_dict(self) -> dict:
        return asdict(self)


#: The name this class had in ``dswlib.records.pii``.
Finding = PiiFinding


@dataclass(frozen=True)
class NotScanned:
    """A file, or a part of one, that the scanner could not read."""

    path: str
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.where + ': ' if self.where else ''}NOT SCANNED: {self.reason}"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ScanReport:
    """What a scan found and what it could not read.

    ``clean`` is True only when there is no finding *and* everything was read.
    The report is truthy when there is something to report (a finding or an
    unread part), so ``assert not scan_for_pii(out)`` asserts a clean scan.
    """

    findings: list[PiiFinding] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    images_not_read: int = 0

    @property
    def clean(self) -> bool:
        return not self.findings and not self.not_scanned

    def __bool__(self) -> bool:
        return not self.clean

    def to_dict(self) -> dict:
        return {"findings": [f.to_dict() for f in self.findings],
                "not_scanned": [n.to_dict() for n in self.not_scanned],
                "files_scanned": len(self.files), "images_not_read": self.images_not_read}


def decode_layers(text: str) -> str:
    """HTML entities and ``\\uXXXX`` escapes decoded (repeatedly: ``&amp;#51;`` -> ``3``)."""
    for _ in range(3):
        decoded = html.unescape(text) if "&" in text else text
        if "\\u" in decoded:
            decoded = _U_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), decoded)
        if decoded == text:
            break
        text = decoded
    return text


def _line_where(where: str, text: str, pos: int, first_line: int | None) -> str:
    k = text.count("\n", 0, pos)
    if first_line is not None:
        return at(where, f"line {first_line + k}")
    if "\n" in text:
        return at(where, f"line {k + 1}")
    return where or "text"


def _shown(hit) -> str:
    return mask_national_id(hit.digits) if isinstance(hit, IdMatch) else hit.masked


def _kind(hit) -> str:
    return "national_id" if isinstance(hit, IdMatch) else "name"


def _hits(text: str, allow) -> list:
    if not _MAY_HOLD.search(text):
        return []
    return find_id_spans(text) + find_names(text, allow)


class _Scan:
    def __init__(self, allow):
        self.allow = allow
        self.report = ScanReport()

    def add(self, path: str, where: str, text: str, hit) -> None:
        shown = _shown(hit)
        self.report.findings.append(PiiFinding(
            path, _kind(hit), mask_text(where, self.allow),
            excerpt(text, hit.start, hit.end, shown, allow=self.allow)))

    def text(self, path: str, piece: Text) -> None:
        text = decode_layers(piece.text)
        for hit in sorted(_hits(text, self.allow), key=lambda h: h.start):
            self.add(path, _line_where(piece.where, text, hit.start, piece.first_line), text, hit)

    def row(self, path: str, piece: Row) -> None:
        cells = [(label, decode_layers(str(value))) for label, value in piece.cells if value is not None]
        spans, pos = [], 0
        for label, value in cells:
            spans.append((pos, pos + len(value)))
            pos += len(value) + 1
        covered = []
        for (label, value), (lo, _) in zip(cells, spans):
            for hit in _hits(value, self.allow):
                self.add(path, at(piece.where, label), value, hit)
                covered.append((lo + hit.start, lo + hit.end))
        if len(cells) < 2:
            return
        joined = " ".join(value for _, value in cells)
        starts = [lo for lo, _ in spans]
        for hit in _hits(joined, self.allow):
            first = bisect_right(starts, hit.start) - 1
            last = bisect_right(starts, hit.end - 1) - 1
            if first == last or any(hit.start < e and s < hit.end for s, e in covered):
                continue  # inside one cell: already looked at on its own
            labels = f"{cells[first][0]} to {cells[last][0]}"
            self.add(path, at(piece.where, labels), joined, hit)

    def file(self, path: Path, shown_path: str, rel_name: str) -> None:
        self.report.files.append(shown_path)
        name_hits = _hits(decode_layers(rel_name), self.allow)
        for hit in name_hits:
            self.add(shown_path, "file name", rel_name, hit)
        for piece in read_file(path):
            if isinstance(piece, Text):
                self.text(shown_path, piece)
            elif isinstance(piece, Row):
                self.row(shown_path, piece)
            elif isinstance(piece, Skipped):
                self.report.not_scanned.append(NotScanned(shown_path, mask_text(piece.where), piece.reason))
            elif isinstance(piece, Image):
                self.report.images_not_read += 1


def scan_text(text: str, *, path="<text>", where: str = "", allow=frozenset()) -> list[PiiFinding]:
    """Findings in one text (entities and escapes decoded)."""
    scan = _Scan(allow)
    scan.text(str(path), Text(where, text, 1 if not where else None))
    return scan.report.findings


def scan_for_pii(paths, *, allow=None, allowlist=None) -> ScanReport:
    """Scan files and folders (recursively) for national IDs and names.

    ``allow``: (given, surname) pairs not to flag; by default the names of
    ``allowlist`` (a YAML file, default ``params/pii_allowlist.yaml`` of the
    repository when there is one). File paths in the report are masked too (a
    file may be named after a person).
    """
    from .allowlist import default_allowlist_path, load_allowlist

    if allow is None:
        path = allowlist if allowlist is not None else default_allowlist_path()
        allow = load_allowlist(path) if path is not None else frozenset()
    scan = _Scan(frozenset(allow))
    roots = [paths] if isinstance(paths, (str, Path)) else list(paths)
    for root in roots:
        root = Path(root)
        for f in iter_files(root):
            rel = f.relative_to(root).as_posix() if root.is_dir() else f.name
            scan.file(f, mask_text(str(f), scan.allow), rel)
    return scan.report

