"""Personal data: Thai national IDs and citizens' names never leave the loader.

* :func:`is_valid_national_id` / :func:`validate_national_id` check the 13 digits
  and the mod-11 check digit (first digit 1-8, as issued to persons).
* :func:`pseudonymise` replaces an ID by a keyed hash (HMAC-SHA256). The key comes
  from the environment variable ``DSW_PSEUDONYM_KEY``; without it a random key is
  made once per process, so pseudonyms are stable within a run only. Pseudonyms
  are letters only ("p" + 20 letters a-p), so they can never look like an ID.
* :func:`protect` / :func:`load_protected` validate and pseudonymise the ID
  columns of a table and drop every name column.
* :func:`scan_for_pii` looks for valid IDs (plain, dashed, spaced, Thai digits)
  and for the synthetic Thai names in output files.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParamsError, ParamsErrors

KEY_ENV = "DSW_PSEUDONYM_KEY"
PSEUDONYM_COLUMN = "person_key"

#: Columns that hold a national ID in record files (matched case-insensitively).
ID_COLUMNS = ("national_id", "citizen_id", "pid", "id_card", "เลขประจำตัวประชาชน", "เลขบัตรประชาชน")
#: Column names (or name parts) that hold a person's name; all are dropped on load.
NAME_COLUMN_PATTERNS = (
    "name", "given", "surname", "first_name", "last_name", "fullname", "full_name",
    "ชื่อ", "นามสกุล", "สกุล",
)
#: Columns whose name contains a pattern above but that are not personal names.
NOT_NAME_COLUMNS = ("facility_name", "province_name", "unit_name", "facility_th", "province_th")

# ---------------------------------------------------------------- synthetic names
#: SYNTHETIC given names for generated test data. Chosen so that none is a Thai
#: dictionary word or appears in the seed documents (tests check both), so the
#: scanner can flag them anywhere in an output without false alarms.
SYNTHETIC_GIVEN_NAMES = (
    "จันทร์เพ็ญ", "อรุณี", "สายสุนีย์", "บุญเรือน", "คำแปง", "ศรีนวล", "เพ็ญศรี", "พิมพ์ชนก",
    "ชไมพร", "บุญเลิศ", "ธีรวัฒน์", "บุญชู", "คำปัน", "กิมหลี", "ทองพูน", "บุญหลง",
    "ผ่องศรี", "สุพัตรา", "ยุพิน", "ณัฐธิดา", "คำพันธ์", "อนงค์นาถ",
)
#: SYNTHETIC surnames (same rules as the given names).
SYNTHETIC_SURNAMES = (
    "แก้วประเสริฐ", "พึ่งบุญ", "อินทร์แก้ว", "บุญประคอง", "พรหมมา", "จันทร์หอม", "เรืองศรี",
    "ทองสุข", "สายทอง", "วงศ์คำจันทร์", "ธรรมวงศ์ษา", "บุญยืนยง",
)

# ---------------------------------------------------------------- national IDs
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ID_SEPARATORS = " -\u00a0\u2009\u202f"


def national_id_check_digit(first12: str) -> int:
    """Check digit of a Thai national ID from its first 12 digits."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def normalize_national_id(value) -> str:
    """Digits only: Thai digits become Arabic, spaces and dashes go."""
    text = str(value).translate(_THAI_DIGITS)
    return "".join(ch for ch in text if ch not in _ID_SEPARATORS).strip()


def is_valid_national_id(value) -> bool:
    """True for 13 digits, first digit 1-8, correct mod-11 check digit."""
    if value is None:
        return False
    digits = normalize_national_id(value)
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return False
    if digits[0] in "09":
        return False
    return national_id_check_digit(digits[:12]) == int(digits[12])


def validate_national_id(value, *, source=None, where=None) -> str:
    """The 13 digits of a valid ID, or :class:`ParamsError` (the value is never echoed)."""
    if not is_valid_national_id(value):
        digits = normalize_national_id(value) if value is not None else ""
        hint = f"{len(digits)} characters" if not (len(digits) == 13 and digits.isdigit()) else "wrong check digit"
        raise ParamsError(source, where, "a 13-digit Thai national ID with a valid check digit", f"<{hint}>")
    return normalize_national_id(value)


def format_national_id(digits: str) -> str:
    """"1-2345-67890-12-1" (the printed card layout)."""
    d = normalize_national_id(digits)
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


def mask_national_id(digits: str) -> str:
    """"1-xxxx-xxxxx-xx-3": enough to find the row, useless to anyone else."""
    d = normalize_national_id(digits)
    return f"{d[0]}-xxxx-xxxxx-xx-{d[-1]}" if len(d) == 13 else "x" * len(d)


# ---------------------------------------------------------------- pseudonyms
_RUN_KEY: bytes | None = None
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def pseudonym_key() -> bytes:
    """Key from ``DSW_PSEUDONYM_KEY``, else one random key per process."""
    global _RUN_KEY
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode("utf-8")
    if _RUN_KEY is None:
        _RUN_KEY = secrets.token_bytes(32)
    return _RUN_KEY


def pseudonymise(national_id: str, key: bytes | None = None) -> str:
    """Keyed hash of a (valid, normalised) ID: "p" + 20 letters (80 bits)."""
    key = pseudonym_key() if key is None else key
    digest = hmac.new(key, normalize_national_id(national_id).encode("ascii"), hashlib.sha256).hexdigest()
    return "p" + digest[:20].translate(_LETTERS)


def _is_id_column(column: str) -> bool:
    return str(column).strip().lower() in ID_COLUMNS


def is_name_column(column: str) -> bool:
    """True when a column may hold a person's name (and so must be dropped)."""
    col = str(column).strip().lower()
    if col in NOT_NAME_COLUMNS:
        return False
    return any(p in col for p in NAME_COLUMN_PATTERNS)


def protect(df, *, source=None, id_column: str | None = None, on_invalid: str = "raise",
            key: bytes | None = None, row_offset: int = 2):
    """Validate and pseudonymise the ID column, drop name columns; returns a new frame.

    The ID column (``id_column`` or the first column named like ``national_id``)
    is replaced by ``person_key``. Frames that already have ``person_key`` and no
    ID column pass through (name columns are still dropped). ``on_invalid``:
    ``"raise"`` (default) raises one :class:`ParamsErrors` listing every bad row
    (``row N`` counts file lines, header = 1, as ``row_offset=2`` says);
    ``"drop"`` removes those rows and records how many in
    ``result.attrs["dropped_invalid_ids"]``.
    """
    import pandas as pd

    if on_invalid not in ("raise", "drop"):
        raise ValueError("on_invalid must be 'raise' or 'drop'")
    out = df.drop(columns=[c for c in df.columns if is_name_column(c)])
    if id_column is None:
        id_columns = [c for c in out.columns if _is_id_column(c)]
    else:
        if id_column not in out.columns:
            raise ParamsError(source, f"column {id_column}", "a national ID column", "no such column")
        id_columns = [id_column]
    if not id_columns:
        if PSEUDONYM_COLUMN not in out.columns:
            raise ParamsError(source, "columns", f"a national ID column ({', '.join(ID_COLUMNS[:2])}) "
                              f"or an already pseudonymised {PSEUDONYM_COLUMN}", list(map(str, df.columns)))
        out.attrs["dropped_invalid_ids"] = 0
        return out
    col = id_columns[0]
    key = pseudonym_key() if key is None else key
    values = out[col].tolist()
    keys: list[str | None] = []
    bad: list[int] = []
    cache: dict[str, str] = {}
    for pos, value in enumerate(values):
        if value is None or (isinstance(value, float) and value != value) or not is_valid_national_id(value):
            bad.append(pos)
            keys.append(None)
            continue
        digits = normalize_national_id(value)
        pk = cache.get(digits)
        if pk is None:
            pk = cache[digits] = pseudonymise(digits, key)
        keys.append(pk)
    if bad and on_invalid == "raise":
        errors = []
        for pos in bad[:50]:
            value = values[pos]
            digits = "" if value is None else normalize_national_id(value)
            got = "<missing>" if not digits or digits.lower() == "nan" else (
                "<wrong check digit>" if len(digits) == 13 and digits.isdigit() else f"<{len(digits)} characters>")
            errors.append(ParamsError(source, f"row {pos + row_offset}, column {col}",
                                      "a 13-digit Thai national ID with a valid check digit", got))
        if len(bad) > 50:
            errors.append(ParamsError(source, f"{len(bad) - 50} more rows", "valid national IDs", None))
        raise ParamsErrors(errors)
    out = out.drop(columns=id_columns)
    out.insert(0, PSEUDONYM_COLUMN, pd.Series(keys, index=out.index, dtype=object))
    if bad:
        bad_set = set(bad)
        out = out.iloc[[i for i in range(len(out)) if i not in bad_set]]
    out.attrs["dropped_invalid_ids"] = len(bad)
    return out


def load_protected(path, *, id_column: str | None = None, on_invalid: str = "raise", key=None, **read_kwargs):
    """Read a CSV record file with IDs as text and :func:`protect` it."""
    import pandas as pd

    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], **read_kwargs)
    except FileNotFoundError:
        raise ParamsError(path, None, "an existing CSV file", "file not found") from None
    return protect(df, source=path, id_column=id_column, on_invalid=on_invalid, key=key)


# ---------------------------------------------------------------- scanner
@dataclass(frozen=True)
class Finding:
    """Personal data found in an output file; ``excerpt`` is masked."""

    path: str
    kind: str  # "national_id" | "name"
    where: str  # "line 12" / "cells[3].outputs[0]" / "png text chunk"
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.kind} {self.excerpt}"


SCAN_SUFFIXES = (".ipynb", ".html", ".htm", ".csv", ".tsv", ".json", ".txt", ".md", ".xml", ".svg", ".yaml", ".yml")
_RUN_RE = re.compile(r"[0-9](?:[ \-\u00a0\u2009\u202f]?[0-9])*")
_GROUP_SPLIT_RE = re.compile(r"[ \-\u00a0\u2009\u202f]")
_DATA_URI_RE = re.compile(r"data:[a-zA-Z0-9.+/-]+;base64,[A-Za-z0-9+/=\s]+")
#: sha1/sha256 hex digests (git commits, file hashes in manifest.json): their digit runs are no IDs
_HEX_DIGEST_RE = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{40,}(?![0-9A-Za-z])")


def find_national_ids(text: str) -> list[str]:
    """Valid IDs in ``text``: 13 digits, optionally split by spaces/dashes, Thai digits too.

    Each maximal run of digits joined by single separators is split into its
    groups; every sequence of consecutive groups with 13 digits in total is
    checked, so "1-2345-67890-12-1", "1234567890121" and two IDs side by side
    are all found. Returns normalised digit strings.
    """
    text = text.translate(_THAI_DIGITS)
    found = []
    for match in _RUN_RE.finditer(text):
        groups = _GROUP_SPLIT_RE.split(match.group())
        for start in range(len(groups)):
            total = ""
            for end in range(start, len(groups)):
                total += groups[end]
                if len(total) > 13:
                    break
                if len(total) == 13 and is_valid_national_id(total):
                    found.append(total)
    return found


def _names(names):
    if names is None:
        names = SYNTHETIC_GIVEN_NAMES + SYNTHETIC_SURNAMES
    return [n for n in names if n]


def scan_text(text: str, *, path="<text>", where_prefix="", names=None) -> list[Finding]:
    """Findings in one text, located by line number."""
    findings = []
    name_list = _names(names)
    for lineno, line in enumerate(text.splitlines(), 1):
        where = f"{where_prefix}line {lineno}"
        for digits in find_national_ids(_HEX_DIGEST_RE.sub(" ", line)):
            findings.append(Finding(str(path), "national_id", where, mask_national_id(digits)))
        for name in name_list:
            if name in line:
                findings.append(Finding(str(path), "name", where, name[0] + "…"))
    return findings


def _png_text_chunks(data: bytes) -> list[str]:
    """Texts of the tEXt/zTXt/iTXt chunks of a PNG (matplotlib metadata lives there)."""
    texts = []
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return texts
    pos = 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        ctype = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        try:
            if ctype == b"tEXt":
                texts.append(body.decode("latin-1"))
            elif ctype == b"zTXt":
                keyword, _, rest = body.partition(b"\x00")
                texts.append(keyword.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("latin-1"))
            elif ctype == b"iTXt":
                keyword, _, rest = body.partition(b"\x00")
                compressed, rest = rest[0], rest[2:]
                _lang, _, rest = rest.partition(b"\x00")
                _tkey, _, value = rest.partition(b"\x00")
                value = zlib.decompress(value) if compressed else value
                texts.append(keyword.decode("latin-1") + " " + value.decode("utf-8", "replace"))
        except (zlib.error, IndexError, UnicodeDecodeError):
            texts.append("<unreadable text chunk>")
        if ctype == b"IEND":
            break
    return texts


def _scan_notebook(path: Path, text: str, names) -> list[Finding]:
    try:
        nb = json.loads(text)
    except json.JSONDecodeError:
        return scan_text(text, path=path, names=names)
    findings = []
    for i, cell in enumerate(nb.get("cells", [])):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        findings += scan_text(source, path=path, where_prefix=f"cells[{i}].source ", names=names)
        for j, output in enumerate(cell.get("outputs", []) or []):
            parts = []
            if "text" in output:
                t = output["text"]
                parts.append("".join(t) if isinstance(t, list) else str(t))
            for mime, value in (output.get("data") or {}).items():
                if mime.startswith("image/") and mime != "image/svg+xml":
                    try:
                        raw = base64.b64decode("".join(value) if isinstance(value, list) else value)
                    except (ValueError, TypeError):
                        continue
                    for chunk in _png_text_chunks(raw):
                        findings += scan_text(chunk, path=path, where_prefix=f"cells[{i}].outputs[{j}] png text ",
                                              names=names)
                    continue
                v = "".join(value) if isinstance(value, list) else value
                parts.append(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
            for key in ("ename", "evalue"):
                if key in output:
                    parts.append(str(output[key]))
            if "traceback" in output:
                parts.append("\n".join(output["traceback"]))
            findings += scan_text(_DATA_URI_RE.sub(" ", "\n".join(parts)), path=path,
                                  where_prefix=f"cells[{i}].outputs[{j}] ", names=names)
    findings += scan_text(json.dumps(nb.get("metadata", {}), ensure_ascii=False), path=path,
                          where_prefix="metadata ", names=names)
    return findings


def _scan_file(path: Path, names) -> list[Finding]:
    suffix = path.suffix.lower()
    if suffix == ".png":
        findings = []
        for chunk in _png_text_chunks(path.read_bytes()):
            findings += scan_text(chunk, path=path, where_prefix="png text ", names=names)
        return findings
    if suffix not in SCAN_SUFFIXES:
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix == ".ipynb":
        return _scan_notebook(path, text, names)
    if suffix in (".html", ".htm", ".svg"):
        text = _DATA_URI_RE.sub(" ", text)
    return scan_text(text, path=path, names=names)


def iter_scan_files(paths):
    """Files under ``paths`` (files or directories, recursively) the scanner reads."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and (f.suffix.lower() in SCAN_SUFFIXES or f.suffix.lower() == ".png"):
                    yield f
        elif p.is_file():
            yield p
        else:
            raise FileNotFoundError(f"nothing to scan at {p}")


def scan_for_pii(paths, *, names=None) -> list[Finding]:
    """Every valid national ID and synthetic citizen name in the files under ``paths``.

    Reads .ipynb (cell sources, text/HTML outputs, PNG text chunks; image pixels
    are skipped), .html/.svg (base64 images skipped), .csv, .json, .txt, .md,
    .yaml and the text chunks of .png files. ``names`` defaults to the
    synthetic given names and surnames. Findings are masked.
    """
    findings = []
    for f in iter_scan_files(paths):
        findings += _scan_file(f, names)
    return findings
