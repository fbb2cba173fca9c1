"""National IDs: validation agrees with python-stdnum, every way of writing one is found, look-alikes are not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pii_corpus as corpus
from dswlib.pii import (
    find_national_ids, format_national_id, is_valid_national_id, mask_national_id, national_id_check_digit,
    normalize_national_id,
)

# Example ID used in python-stdnum's documentation of th.pin (valid check digit).
KNOWN_VALID = "3100600445635"


def test_known_valid_id_and_its_printed_forms():
    assert is_valid_national_id(KNOWN_VALID)
    for fmt, write in corpus.ID_FORMATS.items():
        if fmt not in ("every digit spaced", "thousands commas"):
            assert is_valid_national_id(write(KNOWN_VALID)), fmt
    assert is_valid_national_id(3100600445635) and is_valid_national_id(3100600445635.0)
    assert format_national_id(KNOWN_VALID) == "3-1006-00445-63-5"
    assert normalize_national_id("๓-๑๐๐๖-๐๐๔๔๕-๖๓-๕") == KNOWN_VALID


@pytest.mark.parametrize("bad", ["3100600445634", "310060044563", "31006004456351", "0100600445635",
                                 "310060044563x", "", None, "9100600445635", 3100600445.0, True])
def test_invalid_ids(bad):
    assert not is_valid_national_id(bad)


@given(st.lists(st.integers(0, 9), min_size=11, max_size=11), st.integers(1, 8))
def test_exactly_one_check_digit_is_valid_and_stdnum_agrees(rest, first):
    from stdnum.th import pin

    body = str(first) + "".join(map(str, rest))
    valid = [d for d in range(10) if is_valid_national_id(body + str(d))]
    assert valid == [national_id_check_digit(body)]
    assert pin.is_valid(body + str(valid[0]))


def test_mask_keeps_only_the_last_three_digits():
    assert mask_national_id(KNOWN_VALID) == "x-xxxx-xxxxx-63-5"
    assert mask_national_id("๓๑๐๐๖๐๐๔๔๕๖๓๕") == "x-xxxx-xxxxx-63-5"
    assert mask_national_id("12345") == "xxxxx"


@given(st.sampled_from(sorted(corpus.ID_FORMATS)), st.integers(0, 10_000), st.sampled_from(["", "x", "เลข ", "(", "\n"]),
       st.sampled_from(["", "y", " คน", ")", ".", "\n"]))
def test_every_format_is_found_in_text(fmt, seed, before, after):
    digits = corpus.make_ids(1, seed=seed)[0]
    text = f"ร้อยละ 13.90 {before}{corpus.ID_FORMATS[fmt](digits)}{after} จำนวน 1,424 คน"
    assert find_national_ids(text) == [digits]


def test_two_ids_side_by_side():
    a, b = corpus.make_ids(2, seed=5)
    for sep in (" ", "\t", ", ", " และ "):
        assert find_national_ids(f"{a}{sep}{b}") == [a, b]
    card = corpus.ID_FORMATS["card space"]
    assert find_national_ids(f"{card(a)} {card(b)}") == [a, b]
    assert find_national_ids(f"{' '.join(a)} {' '.join(b)}") == [a, b]


def test_no_false_alarm_on_report_figures_phones_dates_and_document_numbers():
    ids = corpus.make_ids(3, seed=7)
    assert find_national_ids(corpus.clean_text(ids)) == []


def test_wrong_check_digit_in_every_format_is_not_an_id():
    digits = corpus.wrong_check(corpus.make_ids(1, seed=8)[0])
    for fmt, write in corpus.ID_FORMATS.items():
        assert find_national_ids(f"เลข {write(digits)} คน") == [], fmt


def test_hex_digests_in_run_manifests_are_not_read_as_ids():
    """manifest.json and run.log hold sha256/git hashes: a valid 13-digit run inside one is no ID,
    while an ID written beside a digest is still found."""
    from dswlib import pii

    a = "1000000000009"
    assert pii.is_valid_national_id(a)
    digest = ("ab" + a + "cd").ljust(64, "e")
    commit = ("f" + a).ljust(40, "0")
    text = f'"2564/kpis.yaml": "{digest}", "commit": "{commit}"'
    assert pii.scan_text(text) == []
    assert len(pii.scan_text(text + f" {a}")) == 1
