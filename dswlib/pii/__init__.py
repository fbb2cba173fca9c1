"""Personal data: national IDs and citizens' names never leave the loader, and outputs are checked.

Modules, one job each:

* :mod:`.national_id`     validation (python-stdnum's ``th.pin``), layout, masking of one ID;
* :mod:`.id_text`         finding IDs in running text (any digits, separators, grouping);
* :mod:`.titles`          Thai titles, ranks and honorifics;
* :mod:`.names`           finding titled names (and the synthetic test names) in text;
* :mod:`.synthetic_names` the names used for SYNTHETIC test data;
* :mod:`.allowlist`       names meant to be published (``params/pii_allowlist.yaml``);
* :mod:`.masking`         masking IDs and names in text and excerpts;
* :mod:`.keys`            the pseudonym key (``DSW_PSEUDONYM_KEY``) and keyed pseudonyms;
* :mod:`.loader`          loading record tables: pseudonymise, drop names, mask free text;
* :mod:`.readers`         one reader per file kind (HTML, notebooks, JSON, CSV, xlsx, gzip ...);
* :mod:`.scanner`         ``dsw scan-pii``: findings and files not scanned.

The names below are importable from ``dswlib.pii`` directly (loaded on first use).
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "national_id": ("FULL_MASK", "SEPARATORS", "describe_invalid", "format_national_id", "is_valid_digits",
                    "is_valid_national_id", "mask_national_id", "national_id_check_digit",
                    "normalize_national_id"),
    "id_text": ("IdMatch", "find_id_spans", "find_national_ids"),
    "names": ("NameMatch", "find_names", "find_synthetic_names", "find_titled_names"),
    "synthetic_names": ("SYNTHETIC_GIVEN_NAMES", "SYNTHETIC_SURNAMES"),
    "allowlist": ("ALLOWLIST_FILE", "load_allowlist"),
    "masking": ("NAME_MASK", "excerpt", "mask_text", "redact_ids"),
    "keys": ("KEY_ENV", "MIN_KEY_BYTES", "PseudonymKeyError", "PseudonymKeyWarning", "check_key", "pseudonym_key",
             "pseudonymise"),
    "loader": ("ID_COLUMNS", "InvalidNationalId", "MissingNationalId", "NAME_COLUMN_PATTERNS", "NOT_NAME_COLUMNS",
                "NationalIdError", "NationalIdErrors", "PSEUDONYM_COLUMN", "id_columns", "is_name_column",
                "load_protected", "looks_like_id_column", "protect", "validate_national_id"),
    "scanner": ("Finding", "NotScanned", "PiiFinding", "ScanReport", "decode_layers", "scan_for_pii", "scan_text"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
