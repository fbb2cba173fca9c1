"""Pictures: the text chunks of PNG files (where matplotlib writes its metadata) and data URIs.

Pixels are never read: charts and photos are not OCR'd. An embedded picture is
counted (:class:`~.pieces.Image`); a picture file on its own is reported as
not scanned.
"""

from __future__ import annotations

import re
import struct
import zlib

from .pieces import Image, Skipped, Text, b64decode, decode_text

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
IMAGE_MAGICS = (PNG_MAGIC, b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")

#: ``data:<mime>;base64,<payload>`` inside HTML, CSS and SVG.
DATA_URI_RE = re.compile(r"data:([a-zA-Z0-9.+/-]*)((?:;[a-zA-Z0-9=.+-]+)*);base64,([A-Za-z0-9+/=\s]*)")


def is_image(data: bytes) -> bool:
    return data.startswith(IMAGE_MAGICS) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def png_text_chunks(data: bytes) -> list[str]:
    """Texts of the tEXt/zTXt/iTXt chunks of a PNG."""
    texts: list[str] = []
    if not data.startswith(PNG_MAGIC):
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
            texts.append("")
        if ctype == b"IEND":
            break
    return texts


def image_pieces(where: str, data: bytes):
    """An embedded picture: its PNG text chunks, and an :class:`Image` (pixels not read)."""
    for k, chunk in enumerate(png_text_chunks(data)):
        if chunk:
            yield Text(f"{where} png text chunk {k + 1}", chunk)
    yield Image(where)


def embedded_pieces(where: str, mime: str, data: bytes | None):
    """A base64 payload embedded in a page or notebook, by its MIME type."""
    mime = mime.lower()
    if mime.startswith("font/") or "font" in mime:
        return  # typefaces (the report's Thai font): no personal data can be written in them
    if data is None:
        yield Skipped(where, f"{mime or 'embedded data'} that is not valid base64")
        return
    if mime.startswith("image/") and mime != "image/svg+xml":
        yield from image_pieces(where, data)
        return
    text = decode_text(data)
    if text is None:
        yield Skipped(where, f"embedded {mime or 'binary data'} (not text)")
    else:
        yield Text(where, text)


def split_data_uris(where: str, text: str):
    """(text with each data URI cut out, pieces of the data URIs)."""
    pieces = []

    def cut(m):
        if m.group(3).strip():  # an empty payload (a template in code) holds nothing
            pieces.extend(embedded_pieces(f"{where} data:{m.group(1) or '?'}", m.group(1), b64decode(m.group(3))))
        return " "

    return DATA_URI_RE.sub(cut, text), pieces
