"""Titled Thai names: every title is recognised, words that start like a title are not."""

import re
from pathlib import Path

import pytest

import pii_corpus as corpus
from dswlib.errors import ParamsError
from dswlib.pii import find_names, find_titled_names, load_allowlist
from dswlib.pii.allowlist import parse_allowed_name
from dswlib.pii.titles import TITLES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")


@pytest.mark.parametrize("title", sorted(corpus.TITLED_NAMES))
def test_each_title_with_a_name(title):
    name = corpus.TITLED_NAMES[title]
    text = f"ผู้รับบริการ {corpus.NAME_PREFIX.get(title, '')}{name} อายุ 45 ปี"
    hits = find_titled_names(text)
    given, surname = name.rsplit(" ", 1)
    assert len(hits) == 1 and hits[0].surname == surname
    assert (hits[0].title + hits[0].given).replace(" ", "") == given.replace(" ", "")
    assert surname not in hits[0].masked and hits[0].masked.endswith("…")


def test_the_common_titles_are_known():
    for t in ("นาย", "นาง", "นางสาว", "น.ส.", "เด็กชาย", "เด็กหญิง", "ด.ช.", "ด.ญ.", "ว่าที่ร้อยตรี", "ร.ต.อ.",
              "พ.ต.ท.", "ดร.", "ผศ.", "รศ.", "นพ.", "พลเอก", "พันตำรวจเอก", "จ.ส.อ.", "คุณ"):
        assert t in TITLES, t


@pytest.mark.parametrize("line", corpus.CLEAN_LINES)
def test_report_words_that_start_like_a_title_are_no_names(line):
    assert find_names(line) == []


def test_synthetic_names_are_found_without_a_title():
    assert [h.given for h in find_names("ผู้ใช้บริการ อรุณี พรหมมา")] == ["อรุณี", "พรหมมา"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_seed_documents_officials_are_found_and_their_prose_is_not():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    starts = {h.start for h in find_titled_names(text)}
    # recall on real names: every numbered list of officials ("๒. นายพิสิฐ พูลทิพัฒน์ ...")
    listed = [m.start(1) for m in re.finditer(r"(?m)^[\s|]*[๐-๙0-9]+\.\s*((?:นางสาว|นาย|นาง)[ก-๙]+ [ก-๙]+)", text)]
    assert len(listed) >= 20
    assert [text[s:s + 30] for s in listed if s not in starts] == []
    # precision: no name found inside the seeds' words that start like a title
    traps = ["นายกรัฐมนตรี", "นายจ้าง", "นครนายก", "มิถุนายน", "พัฒนางาน", "คุณภาพ", "คุณธรรม", "คุณวุฒิ",
             "คุณสมบัติ", "มากกว่าที่", "เด็กหญิง", "พ.ศ."]
    for trap in traps:
        for m in re.finditer(re.escape(trap), text):
            assert not any(m.start() <= s < m.end() for s in starts), text[m.start():m.end() + 20]


def test_allowed_names_parse_with_or_without_title(tmp_path):
    assert parse_allowed_name("นายสมปอง ทองประเสริฐ") == ("สมปอง", "ทองประเสริฐ")
    assert parse_allowed_name("สมปอง  ทองประเสริฐ") == ("สมปอง", "ทองประเสริฐ")
    with pytest.raises(ParamsError):
        parse_allowed_name("สมปอง")
    assert load_allowlist(tmp_path / "missing.yaml") == frozenset()


def test_the_repository_allow_list_loads():
    assert load_allowlist(ROOT / "params" / "pii_allowlist.yaml") == frozenset()


def test_synthetic_names_are_not_words_nor_in_the_seeds():
    from pythainlp.corpus import thai_words

    from dswlib.pii import SYNTHETIC_GIVEN_NAMES, SYNTHETIC_SURNAMES

    words = thai_words()
    seeds = "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else ""
    for name in SYNTHETIC_GIVEN_NAMES + SYNTHETIC_SURNAMES:
        assert name not in words, name
        assert name not in seeds, name
