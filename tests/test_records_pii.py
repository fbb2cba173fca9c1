"""National ID validation, pseudonymisation on load and the PII scanner."""

import base64
import json
import struct
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dswlib.errors import ParamsError
from dswlib.records import pii
from dswlib.records.synthetic import synthetic_national_ids

SEEDS = Path("/work/shared/seeds")
# Example ID used in python-stdnum's documentation of th.pin (valid check digit).
KNOWN_VALID = "3100600445635"


def _ids(n, seed=1):
    return synthetic_national_ids(np.random.default_rng(seed), n)


# ------------------------------------------------------------------ validation
def test_known_valid_id_and_its_printed_forms():
    assert pii.is_valid_national_id(KNOWN_VALID)
    assert pii.is_valid_national_id("3-1006-00445-63-5")
    assert pii.is_valid_national_id("3 1006 00445 63 5")
    assert pii.is_valid_national_id("๓๑๐๐๖๐๐๔๔๕๖๓๕")
    assert pii.format_national_id(KNOWN_VALID) == "3-1006-00445-63-5"


@pytest.mark.parametrize("bad", ["3100600445634", "310060044563", "31006004456351", "0100600445635",
                                 "310060044563x", "", None, "9100600445635"])
def test_invalid_ids(bad):
    assert not pii.is_valid_national_id(bad)


@given(st.lists(st.integers(0, 9), min_size=11, max_size=11), st.integers(1, 8))
def test_exactly_one_check_digit_is_valid(rest, first):
    body = str(first) + "".join(map(str, rest))
    valid = [d for d in range(10) if pii.is_valid_national_id(body + str(d))]
    assert len(valid) == 1


def test_validate_error_does_not_echo_the_id():
    with pytest.raises(ParamsError) as err:
        pii.validate_national_id("3100600445634", source="x.csv", where="row 2, column national_id")
    assert "3100600445634" not in str(err.value)
    assert "x.csv" in str(err.value) and "row 2" in str(err.value)


# ------------------------------------------------------------------ pseudonyms
def test_pseudonym_is_keyed_stable_and_letters_only():
    a = pii.pseudonymise(KNOWN_VALID, b"k1")
    assert a == pii.pseudonymise("3-1006-00445-63-5", b"k1")
    assert a != pii.pseudonymise(KNOWN_VALID, b"k2")
    assert a.isalpha() and a.isascii() and len(a) == 21
    assert pii.find_national_ids(a) == []


def test_key_from_environment(monkeypatch):
    monkeypatch.setenv(pii.KEY_ENV, "secret-1")
    a = pii.pseudonymise(KNOWN_VALID)
    monkeypatch.setenv(pii.KEY_ENV, "secret-2")
    assert pii.pseudonymise(KNOWN_VALID) != a
    monkeypatch.delenv(pii.KEY_ENV)
    run1 = pii.pseudonymise(KNOWN_VALID)
    assert pii.pseudonymise(KNOWN_VALID) == run1  # one random key per process


def test_protect_drops_names_and_ids(tmp_path):
    ids = _ids(3)
    df = pd.DataFrame({"national_id": ids, "given_name": ["อรุณี", "บุญชู", "ยุพิน"],
                       "surname": ["พรหมมา", "ทองสุข", "สายทอง"], "ชื่อ-สกุล": ["x", "y", "z"],
                       "facility_name": ["f", "f", "g"], "score_pct": [80, 70, 10]})
    out = pii.protect(df, source="t.csv", key=b"k")
    assert list(out.columns) == ["person_key", "facility_name", "score_pct"]
    assert out["person_key"].tolist() == [pii.pseudonymise(i, b"k") for i in ids]
    assert not any(i in out.to_csv() for i in ids)


def test_protect_reports_every_bad_row(tmp_path):
    ids = _ids(4)
    ids[1] = ids[1][:-1] + str((int(ids[1][-1]) + 1) % 10)
    ids[3] = "12345"
    path = tmp_path / "people.csv"
    pd.DataFrame({"national_id": ids, "x": range(4)}).to_csv(path, index=False)
    with pytest.raises(ParamsError) as err:
        pii.load_protected(path)
    text = str(err.value)
    assert str(path) in text and "row 3, column national_id" in text and "row 5, column national_id" in text
    assert "wrong check digit" in text and ids[1] not in text
    dropped = pii.load_protected(path, on_invalid="drop", key=b"k")
    assert len(dropped) == 2 and dropped.attrs["dropped_invalid_ids"] == 2
    assert dropped["x"].tolist() == ["0", "2"]  # load_protected reads every column as text


# ------------------------------------------------------------------ synthetic names
def test_synthetic_names_are_not_words_nor_in_the_seeds():
    from pythainlp.corpus import thai_words

    words = thai_words()
    seeds = "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else ""
    for name in pii.SYNTHETIC_GIVEN_NAMES + pii.SYNTHETIC_SURNAMES:
        assert name not in words, name
        assert name not in seeds, name


# ------------------------------------------------------------------ scanner
def test_finds_ids_in_every_printed_form():
    a, b = _ids(2, seed=5)
    dashed = pii.format_national_id(a)
    thai_b = b.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    text = f"x{a}y | {dashed} | {dashed.replace('-', ' ')} | {thai_b} | {a} {b}"
    found = pii.find_national_ids(text)
    assert found.count(a) == 4 and found.count(b) == 2 and len(found) == 6


def test_no_false_alarms_on_ordinary_numbers():
    a = _ids(1)[0]
    wrong = a[:-1] + str((int(a[-1]) + 1) % 10)
    text = (f"{wrong} 0-2659-6356 และ 0-2659-6294 22,266,612 ครัวเรือน 4100000 {a}9 1{a} "
            "ร้อยละ 13.90 (198/1,424 คน) 2564-10-01")
    assert pii.find_national_ids(text) == []


def test_hex_digests_are_not_read_as_ids():
    """manifest.json and run.log hold sha256/git hashes: a valid 13-digit run inside one is no ID."""
    a = _ids(1, seed=7)[0]
    digest = ("ab" + a + "cd").ljust(64, "e")
    commit = ("f" + a).ljust(40, "0")
    text = f'"2564/kpis.yaml": "{digest}", "commit": "{commit}"'
    assert pii.scan_text(text) == []
    assert len(pii.scan_text(text + f" {a}")) == 1  # an ID beside a digest is still found
    assert len(pii.scan_text(f"x{a}y")) == 1  # and so is one between letters, outside a digest


def _png_with_text(text: str) -> bytes:
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x00")
    itxt = b"Title\x00\x00\x00\x00\x00" + text.encode("utf-8")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"iTXt", itxt) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_scan_files_of_each_kind(tmp_path):
    a, b, c, d = _ids(4, seed=9)
    (tmp_path / "clean.html").write_text("<td>ร้อยละ 13.90</td>", encoding="utf-8")
    (tmp_path / "leak.html").write_text(f"<td>{pii.format_national_id(a)}</td>", encoding="utf-8")
    (tmp_path / "leak.csv").write_text(f"id,name\n{b},อรุณี พรหมมา\n", encoding="utf-8")
    (tmp_path / "leak.json").write_text(json.dumps({"x": c}), encoding="utf-8")
    png = _png_with_text(f"owner {d}")
    (tmp_path / "chart.png").write_bytes(png)
    nb = {"cells": [{"cell_type": "code", "source": "x = 1", "outputs": [
        {"output_type": "display_data", "data": {"text/html": "<b>บุญชู</b>",
                                                 "image/png": base64.b64encode(_png_with_text("clean")).decode()}},
    ]}], "metadata": {}}
    (tmp_path / "report.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    findings = pii.scan_for_pii(tmp_path)
    by_file = {}
    for f in findings:
        by_file.setdefault(Path(f.path).name, set()).add(f.kind)
    assert by_file == {"leak.html": {"national_id"}, "leak.csv": {"national_id", "name"},
                       "leak.json": {"national_id"}, "chart.png": {"national_id"}, "report.ipynb": {"name"}}
    for f in findings:  # findings never repeat the ID
        assert all(x not in str(f) for x in (a, b, c, d))


def test_base64_images_are_not_read_as_text(tmp_path):
    # an image payload whose base64 text happens to contain a valid ID is not a finding
    a = _ids(1, seed=3)[0]
    html = f'<img src="data:image/png;base64,AAAA{a}BBBB=="><p>ok</p>'
    (tmp_path / "x.html").write_text(html, encoding="utf-8")
    assert pii.scan_for_pii(tmp_path) == []
