"""The figures a reader sees on a rendered page: every number in the page's visible text.

Used to compare the batch's pages before and after a change that must not move any
figure (issue 14: one library shape, same numbers). ``python -m tests.figures.extract
OUT_DIR SNAPSHOT.json`` writes a snapshot of every page under OUT_DIR (outputs/<year>).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

NUMBER = re.compile(r"(?<![\w.])[+\-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)|(?<![\w.,])[+\-−]?\d+(?:\.\d+)?(?![\w])")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def page_figures(html: str) -> Counter:
    """Numbers in the visible text, normalised ("1,424" and "−2.02" as printed, minus sign unified)."""
    from pythainlp.util import thai_digit_to_arabic_digit

    text = thai_digit_to_arabic_digit(visible_text(html))
    return Counter(m.group(0).replace("−", "-") for m in NUMBER.finditer(text))


def snapshot(out_dir: Path) -> dict:
    pages = {}
    for page in sorted(Path(out_dir).rglob("*.html")):
        rel = page.relative_to(out_dir).as_posix()
        if rel == "index.html":
            continue
        pages[rel] = sorted(page_figures(page.read_text(encoding="utf-8")))
    return pages


if __name__ == "__main__":  # pragma: no cover
    out, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.write_text(json.dumps(snapshot(out), ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{target}: {len(json.loads(target.read_text()))} pages")
