"""``dswlib.records.pii`` keeps the names record code used before the move to ``dswlib.pii``."""

import pandas as pd

from dswlib import pii
from dswlib.records import pii as old


def test_old_names_are_the_new_objects():
    for name in ("protect", "load_protected", "scan_for_pii", "is_valid_national_id", "pseudonymise",
                 "PSEUDONYM_COLUMN", "SYNTHETIC_GIVEN_NAMES", "national_id_check_digit", "mask_national_id",
                 "find_national_ids", "validate_national_id", "KEY_ENV"):
        assert getattr(old, name) is getattr(pii, name), name


def test_protect_through_the_old_name():
    out = old.protect(pd.DataFrame({"national_id": ["3100600445635"], "given_name": ["อรุณี"]}), key=b"k" * 32)
    assert list(out.columns) == ["person_key"]
