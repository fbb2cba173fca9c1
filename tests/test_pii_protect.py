"""Record loaders: IDs pseudonymised whatever the column, free text masked, errors that leak nothing, the key."""

import logging
import warnings

import pandas as pd
import pytest

import pii_corpus as corpus
from dswlib.errors import ParamsError
from dswlib.pii import keys as keys_module
from dswlib.pii import (
    KEY_ENV, InvalidNationalId, MissingNationalId, NationalIdErrors, PseudonymKeyError, PseudonymKeyWarning,
    find_national_ids, load_protected, protect, pseudonymise, scan_text,
)
from dswlib.records import irp

KEY = b"k" * 32
KNOWN_VALID = "3100600445635"


def _leaks(df, ids) -> bool:
    text = df.to_csv()
    return bool(find_national_ids(text)) or any(i in text for i in ids) or bool(scan_text(text))


# ------------------------------------------------------------------ pseudonyms and the key
def test_pseudonym_is_keyed_stable_and_letters_only():
    a = pseudonymise(KNOWN_VALID, KEY)
    assert a == pseudonymise("3-1006-00445-63-5", KEY) == pseudonymise("๓๑๐๐๖๐๐๔๔๕๖๓๕", KEY)
    assert a != pseudonymise(KNOWN_VALID, b"j" * 32)
    assert a.isalpha() and a.isascii() and len(a) == 21
    assert find_national_ids(a) == []


def test_key_from_environment(monkeypatch):
    monkeypatch.setenv(KEY_ENV, "s" * 32)
    a = pseudonymise(KNOWN_VALID)
    monkeypatch.setenv(KEY_ENV, "t" * 32)
    assert pseudonymise(KNOWN_VALID) != a


@pytest.mark.parametrize("short", ["Zq9!", "s" * 31, "ก" * 10])  # 10 Thai letters = 30 bytes of UTF-8
def test_short_keys_are_refused_by_name(monkeypatch, short):
    monkeypatch.setenv(KEY_ENV, short)
    with pytest.raises(PseudonymKeyError) as err:
        pseudonymise(KNOWN_VALID)
    assert KEY_ENV in str(err.value) and "at least 32 bytes" in str(err.value) and short not in str(err.value)
    with pytest.raises(PseudonymKeyError):
        pseudonymise(KNOWN_VALID, short.encode())
    with pytest.raises(PseudonymKeyError):
        protect(pd.DataFrame({"national_id": [KNOWN_VALID]}), key=short)


def test_missing_key_warns_once_and_is_stable_within_the_process(monkeypatch, caplog):
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.setattr(keys_module, "_RUN_KEY", None)
    with caplog.at_level(logging.WARNING, logger="dswlib.pii"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = pseudonymise(KNOWN_VALID)
        second = pseudonymise(KNOWN_VALID)
    assert first == second
    assert [w.category for w in caught] == [PseudonymKeyWarning]
    assert "differ between runs" in str(caught[0].message)
    assert [r.name for r in caplog.records if KEY_ENV in r.getMessage()] == ["dswlib.pii"]


# ------------------------------------------------------------------ every ID column, free text
def test_every_id_column_is_pseudonymised_whatever_its_name():
    ids = corpus.make_ids(8, seed=3)
    card = corpus.ID_FORMATS["card en dash"]
    df = pd.DataFrame({
        "national_id": ids[:3],
        "spouse_id": [ids[3], None, card(ids[4])],
        "เลขบัตร": [ids[5], ids[0], ids[1]],
        "Unnamed: 4": [ids[6].translate(corpus.THAI), ids[7], ""],
        "ref_no": [int(ids[2]), int(ids[3]), int(ids[4])],  # IDs read as numbers
        "score": [80.5, 70.0, 10.0],
    })
    out = protect(df, source="t.csv", key=KEY)
    assert list(out.columns) == ["person_key", "spouse_id_key", "เลขบัตร_key", "Unnamed: 4_key", "ref_no_key", "score"]
    assert out["person_key"].tolist() == [pseudonymise(i, KEY) for i in ids[:3]]
    assert out["spouse_id_key"].tolist() == [pseudonymise(ids[3], KEY), None, pseudonymise(ids[4], KEY)]
    assert out["Unnamed: 4_key"].iloc[0] == pseudonymise(ids[6], KEY)
    assert not _leaks(out, ids)


def test_free_text_and_names_are_masked_name_columns_dropped():
    ids = corpus.make_ids(3, seed=4)
    df = pd.DataFrame({
        "national_id": ids,
        "given_name": ["อรุณี", "บุญชู", "ยุพิน"], "surname": ["พรหมมา", "ทองสุข", "สายทอง"], "ชื่อ-สกุล": ["x", "y", "z"],
        "facility_name": ["ศูนย์ ก", "ศูนย์ ก", "ศูนย์ ข"],
        "หมายเหตุ": [f"ส่งต่อจาก {corpus.ID_FORMATS['card dot'](ids[1])} โดยนายสมปอง ทองประเสริฐ", "ปกติ", None],
        "contact": ["ญาติ น.ส.อรอุมา ศรีสะอาด โทร 081-234-5678", "", "นายกรัฐมนตรี เยี่ยมศูนย์"],
        "phone_as_number": [812345678, 21234567, int(ids[2])],
    })
    out = protect(df, key=KEY)
    assert list(out.columns) == ["person_key", "facility_name", "หมายเหตุ", "contact", "phone_as_number"]
    assert out["หมายเหตุ"].tolist()[:2] == ["ส่งต่อจาก x-xxxx-xxxxx-xx-x โดย[ชื่อ-สกุล]", "ปกติ"]
    assert pd.isna(out["หมายเหตุ"].iloc[2])
    assert out["contact"].tolist() == ["ญาติ [ชื่อ-สกุล] โทร 081-234-5678", "", "นายกรัฐมนตรี เยี่ยมศูนย์"]
    assert out["phone_as_number"].tolist() == [812345678, 21234567, "x-xxxx-xxxxx-xx-x"]
    assert out.attrs["masked_cells"] == 3
    assert not _leaks(out, ids)


def test_a_missing_header_row_is_caught_without_echoing_the_id():
    ids = corpus.make_ids(2, seed=8)
    df = pd.DataFrame({ids[0]: [ids[1]], "80.5": ["70"]})
    with pytest.raises(ParamsError) as err:
        protect(df, source="people.csv", key=KEY)
    assert "header row" in str(err.value) and ids[0] not in str(err.value)


# ------------------------------------------------------------------ errors per row, never an ID
def test_bad_ids_are_named_per_row_and_masked(tmp_path):
    ids = corpus.make_ids(5, seed=6)
    wrong = corpus.wrong_check(ids[1])
    rows = [ids[0], wrong, "", "12345", ids[4]]
    path = tmp_path / "people.csv"
    pd.DataFrame({"national_id": rows, "x": range(5)}).to_csv(path, index=False)
    with pytest.raises(NationalIdErrors) as err:
        load_protected(path, key=KEY)
    errors = err.value.errors
    assert [type(e) for e in errors] == [InvalidNationalId, MissingNationalId, InvalidNationalId]
    assert [e.where for e in errors] == ["row 3, column national_id", "row 4, column national_id",
                                         "row 5, column national_id"]
    text = str(err.value)
    assert str(path) in text and wrong not in text and wrong[:10] not in text
    assert f"wrong check digit x-xxxx-xxxxx-{wrong[10:12]}-{wrong[12]}" in text
    assert "'blank'" in text and "'5 digits'" in text
    kept = load_protected(path, on_invalid="drop", key=KEY)
    assert kept["x"].tolist() == ["0", "4"] and kept.attrs["dropped_invalid_ids"] == 3
    assert len(kept.attrs["id_errors"]) == 3 and not any(wrong in e for e in kept.attrs["id_errors"])


def test_one_blank_pid_cell_is_one_error_not_every_row(tmp_path):
    """A blank cell makes pandas read the column as floats: the other rows must still be valid."""
    ids = corpus.make_ids(4, seed=7)
    path = tmp_path / "assessments.csv"
    pd.DataFrame({"pid": [ids[0], ids[1], None, ids[3]], "facility_no": [1, 1, 2, 2],
                  "assessed_on": ["2021-03-05"] * 4, "score_pct": [80, 70, 50, 90]}).to_csv(path, index=False)
    assert pd.read_csv(path)["pid"].dtype == float
    with pytest.raises(NationalIdErrors) as err:
        irp.load_assessments(path, key=KEY)
    assert [(type(e), e.where) for e in err.value.errors] == [(MissingNationalId, "row 4, column pid")]


def test_loader_errors_never_echo_an_id():
    ids = corpus.make_ids(2, seed=9)
    df = pd.DataFrame({"national_id": ids, "facility_no": [1, 2], "assessed_on": ["2021-03-05", ids[1]],
                       "score_pct": [80, 70]})
    with pytest.raises(ParamsError) as err:
        irp.load_assessments(df, key=KEY)
    assert "assessed_on" in str(err.value)
    assert ids[1] not in str(err.value) and not find_national_ids(str(err.value))
    # any ParamsError masks an ID it is given
    e = ParamsError("x.csv", f"row 2 ({ids[0]})", "a number", ids[1])
    assert ids[0] not in str(e) and ids[1] not in str(e) and f"x-xxxx-xxxxx-{ids[1][10:12]}-" in str(e)
