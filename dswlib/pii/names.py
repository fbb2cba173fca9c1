"""Finding Thai personal names in text: a title, a given name and a surname.

A name is a title from :mod:`.titles` (``นาย``, ``นางสาว``, ``น.ส.``,
``ร.ต.อ.``, ``ผศ.ดร.`` ...), then (after at most two spaces) a run of Thai
letters, one to three spaces, and another run of Thai letters:
``นายสมชาย ใจดี``, ``น.ส. สมหญิง ใจงาม``, ``ว่าที่ร้อยตรีหญิงสมศรี มีสุข``.

Report prose holds the same letters inside other words, so a match must also
pass these checks:

* the title starts a word: the character before it is not a Thai letter or a
  full stop, or pythainlp's word segmentation (newmm) puts a word boundary
  there (``มิถุนายน``, ``นครนายก``, ``การพัฒนางาน``, ``มากกว่าที่`` fail);
* a title written without a full stop and glued to the next word is not the
  start of a dictionary word whose rest is dictionary words too
  (``นายกรัฐมนตรี``, ``นายจ้าง``, ``นายอำเภอ``, ``นางพยาบาล``, ``คุณภาพชีวิต``
  fail; ``นายสมชาย`` is ``นาย|สม|ชาย``; ``นายกฤษดา``, segmented ``นายก|ฤษ|ดา``,
  leaves pieces that are no words, so it is a name);
* neither part starts with a grammar word (``และ``, ``ที่``, ``ของ`` ...; the
  given name not with ``มี``, ``อายุ``, ``จำนวน`` ... either) nor is or holds a title (``เด็กชาย เด็กหญิง และ...``, ``เด็กชายและเด็กหญิง``).

Names written without a title are not recognised (no list of Thai names could
tell them from words), except the synthetic names of the project's generated
test data (:mod:`.synthetic_names`), found anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .synthetic_names import SYNTHETIC_GIVEN_NAMES, SYNTHETIC_SURNAMES
from .titles import FEMALE_SUFFIX, LONG_TITLES, RANKS, TITLE_RE, TITLES, is_dotted

#: Thai letters, vowels and tone marks (no digits, no ฯ, ๆ or ฿).
THAI_LETTERS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
_THAI_RUN = re.compile(f"[{THAI_LETTERS}]+")
_THAI_RUN_BEFORE = re.compile(f"[{THAI_LETTERS}]{{1,30}}$")
_SPACES = " \u00a0\u2009\u202f\u2007\t"
_HAS_THAI = re.compile("[\u0e01-\u0e4e]")

#: Grammar words that start a phrase and never a given name or a surname.
CONJUNCTIONS = frozenset("""
และ หรือ กับ ที่ ซึ่ง อัน ของ ใน บน จาก ถึง แก่ แด่ ต่อ ตาม โดย เพื่อ สำหรับ ว่า แต่ ก็ จึง เพราะ หาก ถ้า เมื่อ
ทั้ง ทั้งนี้ ทั้งหมด ได้แก่ เช่น ซึ่งเป็น คือ ระหว่าง ภายใน เกี่ยวกับ กรณี ตลอด
""".split())
#: Words that start a phrase after a title used as a noun (``เด็กหญิงอายุ ...``); real
#: surnames may start with some of them (``มีสุข``), so only given names are checked.
PHRASE_STARTS = CONJUNCTIONS | frozenset("""
มี ให้ ได้ จะ เป็น ไม่ อายุ จำนวน ทุก หลาย บาง ราย คน ผู้ รวม ประมาณ ต้อง ควร อาจ ยัง แล้ว นั้น นี้ ด้วย อื่น
ต่าง ไป มา อยู่ ก่อน หลัง เคย
""".split())


@dataclass(frozen=True)
class NameMatch:
    """One name in a text: ``text[start:end]``; ``title`` is "" for a synthetic name found alone."""

    start: int
    end: int
    title: str
    given: str
    surname: str

    @property
    def masked(self) -> str:
        """``"นายส… ใ…"``: the title and the first letter of each part."""
        if not self.surname:
            return self.given[0] + "…"
        return f"{self.title}{self.given[0]}… {self.surname[0]}…"

    @property
    def key(self) -> tuple[str, str]:
        return (self.given, self.surname)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """newmm word segmentation of ``text``."""
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _cuts(tokens) -> list[int]:
    cuts, pos = [0], 0
    for token in tokens:
        pos += len(token)
        cuts.append(pos)
    return cuts


def _compound_at(text: str, title_end: int) -> bool:
    """True when a dictionary word runs across ``title_end`` and the rest is dictionary words too.

    ``นายกรัฐมนตรี``, ``นายจ้าง``, ``คุณภาพชีวิต`` are words; ``นายก|ฤษ|ดา`` (นาย
    กฤษดา) and ``นาง|สาวอ|นิ|...`` (นางสาว อนินทิดา) leave pieces that are not,
    so there the title is read as a title.
    """
    tokens = _tokens(text)
    cuts = _cuts(tokens)
    if title_end in cuts:
        return False
    k = next(i for i, c in enumerate(cuts) if c > title_end) - 1
    words = _dictionary()
    if tokens[k] not in words:
        return False
    rest = [t for t in tokens[k + 1:] if t.strip()]
    return all(t in words for t in rest)


@lru_cache(maxsize=4096)
def _first_word(text: str) -> str:
    tokens = [t for t in _tokens(text) if t.strip()]
    return tokens[0] if tokens else text


def _skip_spaces(text: str, pos: int, most: int) -> int:
    end = pos
    while end < len(text) and end - pos < most and text[end] in _SPACES:
        end += 1
    return end


def _plausible_part(part: str, not_first) -> bool:
    if len(part) < 2 or part in TITLES:
        return False
    if any(t in part for t in LONG_TITLES):
        return False
    return _first_word(part) not in not_first


def _title_at(text: str, start: int):
    """(title, end) of the title (with ``หญิง`` and a second title) starting at ``start``."""
    m = TITLE_RE.match(text, start)
    if not m:
        return None
    title, end = m.group(), m.end()
    if title in RANKS and text.startswith(FEMALE_SUFFIX, end):
        title, end = title + FEMALE_SUFFIX, end + len(FEMALE_SUFFIX)
    # a second title: "ผศ. ดร.", "พ.ต.อ. ดร.", "ว่าที่ร้อยตรี นาย"
    nxt = _skip_spaces(text, end, 1)
    m2 = TITLE_RE.match(text, nxt)
    if m2 and (is_dotted(m2.group()) or m2.group() in RANKS):
        title, end = text[start:m2.end()], m2.end()
    return title, end


def _match_at(text: str, start: int) -> NameMatch | None:
    found = _title_at(text, start)
    if found is None:
        return None
    title, end = found
    # the title starts a word
    left = ""
    if start > 0:
        prev = text[start - 1]
        if prev == ".":
            return None
        if _THAI_RUN.match(prev):
            left = _THAI_RUN_BEFORE.search(text, 0, start).group()
    given_at = _skip_spaces(text, end, 2)
    given_m = _THAI_RUN.match(text, given_at)
    if not given_m:
        return None
    given = given_m.group()
    glued = given_at == end and not is_dotted(title)
    if left and len(left) not in _cuts(_tokens(left + text[start:given_m.end()])):
        return None  # inside another word: มิถุนายน, นครนายก, การพัฒนางาน
    if glued and _compound_at(text[start:given_m.end()], end - start):
        return None  # a word that starts like a title: นายกรัฐมนตรี, นายจ้าง, คุณภาพ
    surname_at = _skip_spaces(text, given_m.end(), 3)
    if surname_at == given_m.end():
        return None
    surname_m = _THAI_RUN.match(text, surname_at)
    if not surname_m:
        return None
    surname = surname_m.group()
    if not (_plausible_part(given, PHRASE_STARTS) and _plausible_part(surname, CONJUNCTIONS)):
        return None
    return NameMatch(start, surname_m.end(), title.strip(), given, surname)


def find_titled_names(text: str, allow=frozenset()) -> list[NameMatch]:
    """Every titled name in ``text`` whose (given, surname) is not in ``allow``."""
    if not _HAS_THAI.search(text):
        return []
    out: list[NameMatch] = []
    pos = 0
    while True:
        m = TITLE_RE.search(text, pos)
        if not m:
            return out
        hit = _match_at(text, m.start())
        if hit is None:
            pos = m.start() + 1
            continue
        if hit.key not in allow:
            out.append(hit)
        pos = hit.end


_SYNTHETIC = tuple(sorted(set(SYNTHETIC_GIVEN_NAMES + SYNTHETIC_SURNAMES), key=len, reverse=True))
_SYNTHETIC_RE = re.compile("|".join(map(re.escape, _SYNTHETIC)))


def find_synthetic_names(text: str) -> list[NameMatch]:
    """The project's synthetic given names and surnames, anywhere (they are no Thai words)."""
    if not _HAS_THAI.search(text):
        return []
    return [NameMatch(m.start(), m.end(), "", m.group(), "") for m in _SYNTHETIC_RE.finditer(text)]


def find_names(text: str, allow=frozenset()) -> list[NameMatch]:
    """Titled names and synthetic names in ``text``, in order, without overlaps."""
    hits = sorted(find_titled_names(text, allow) + find_synthetic_names(text), key=lambda h: (h.start, -h.end))
    out, end = [], -1
    for h in hits:
        if h.start >= end:
            out.append(h)
            end = h.end
    return out
