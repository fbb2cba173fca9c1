"""The pseudonym key and keyed pseudonyms of national IDs.

A pseudonym is HMAC-SHA256(key, 13 digits), written as "p" + 20 letters a-p
(80 bits): letters only, so it can never look like an ID. The key comes from
``DSW_PSEUDONYM_KEY`` (UTF-8, at least 32 bytes) or is passed in.

* A key shorter than 32 bytes is refused with :class:`PseudonymKeyError`.
* Without ``DSW_PSEUDONYM_KEY`` a random key is made once per process and a
  :class:`PseudonymKeyWarning` is issued (through :mod:`warnings` and the
  ``dswlib.pii`` logger): the pseudonyms then differ from one run to the next,
  so they cannot be joined with another run's outputs.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import warnings

from ..errors import ParamsError
from .national_id import normalize_national_id

KEY_ENV = "DSW_PSEUDONYM_KEY"
MIN_KEY_BYTES = 32

log = logging.getLogger("dswlib.pii")

_RUN_KEY: bytes | None = None
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


class PseudonymKeyError(ParamsError):
    """The pseudonym key is too short (or not bytes/text)."""


class PseudonymKeyWarning(UserWarning):
    """No ``DSW_PSEUDONYM_KEY``: pseudonyms are stable within this process only."""


MISSING_KEY_MESSAGE = (
    f"{KEY_ENV} is not set: national IDs are pseudonymised with a random key made for this process, "
    "so pseudonyms will differ between runs. Set it to a secret of at least "
    f"{MIN_KEY_BYTES} bytes, e.g. the output of: python -c \"import secrets; print(secrets.token_hex(32))\""
)


def check_key(key, source=KEY_ENV) -> bytes:
    """``key`` as bytes (text is UTF-8 encoded), or :class:`PseudonymKeyError` if shorter than 32 bytes."""
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, (bytes, bytearray)):
        raise PseudonymKeyError(source, None, f"a key of at least {MIN_KEY_BYTES} bytes", type(key).__name__)
    if len(key) < MIN_KEY_BYTES:
        # the length only: the key itself is a secret
        raise PseudonymKeyError(source, None, f"a key of at least {MIN_KEY_BYTES} bytes", f"{len(key)} bytes")
    return bytes(key)


def _warn_missing_key() -> None:
    log.warning(MISSING_KEY_MESSAGE)
    warnings.warn(MISSING_KEY_MESSAGE, PseudonymKeyWarning, stacklevel=4)


def pseudonym_key() -> bytes:
    """The key from ``DSW_PSEUDONYM_KEY``; without it, one random key per process (with a warning)."""
    global _RUN_KEY
    env = os.environ.get(KEY_ENV)
    if env:
        return check_key(env)
    if _RUN_KEY is None:
        _RUN_KEY = secrets.token_bytes(MIN_KEY_BYTES)
        _warn_missing_key()
    return _RUN_KEY


def resolve_key(key=None) -> bytes:
    """``key`` checked, or :func:`pseudonym_key` when None."""
    return pseudonym_key() if key is None else check_key(key, "key")


def pseudonymise(national_id, key=None) -> str:
    """Keyed hash of an ID: "p" + 20 letters a-p. The same ID and key give the same pseudonym."""
    key = resolve_key(key)
    digest = hmac.new(key, normalize_national_id(national_id).encode("ascii"), hashlib.sha256).hexdigest()
    return "p" + digest[:20].translate(_LETTERS)
