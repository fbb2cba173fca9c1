"""Personal data for record loaders: moved to :mod:`dswlib.pii` (one module per job).

This module keeps the names record code and notebooks used before; new code
imports from :mod:`dswlib.pii`.
"""

from ..pii.id_text import find_national_ids  # noqa: F401
from ..pii.keys import KEY_ENV, PseudonymKeyError, pseudonym_key, pseudonymise  # noqa: F401
from ..pii.national_id import (  # noqa: F401
    format_national_id, is_valid_national_id, mask_national_id, national_id_check_digit, normalize_national_id,
)
from ..pii.loader import (  # noqa: F401
    ID_COLUMNS, NAME_COLUMN_PATTERNS, NOT_NAME_COLUMNS, PSEUDONYM_COLUMN, is_name_column, load_protected, protect,
    validate_national_id,
)
from ..pii.scanner import Finding, ScanReport, scan_for_pii, scan_text  # noqa: F401
from ..pii.synthetic_names import SYNTHETIC_GIVEN_NAMES, SYNTHETIC_SURNAMES  # noqa: F401

