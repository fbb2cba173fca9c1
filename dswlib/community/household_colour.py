"""Household colour by the number of failed TP MAP dimensions (003 L104, L153).

green = 1 failed dimension, yellow = 2-3, red = 4-5 (ranges read from
``criteria.yaml``). 0 failed dimensions has no colour in the seed; it is
classified as ``zero_failed`` (key ``"none"``, D5).
"""

from __future__ import annotations

from typing import Mapping


def colour_for_failed(failed: int, scale) -> str:
    """Colour key (``"green"``, ``"yellow"``, ``"red"`` or the zero key) for a failed-dimension count."""
    if isinstance(failed, bool) or not isinstance(failed, int):
        raise TypeError(f"failed dimensions must be an int, got {failed!r}")
    limit = len(scale.dimensions)
    if failed < 0 or failed > limit:
        raise ValueError(f"failed dimensions must be 0-{limit}, got {failed}")
    if failed == 0:
        return scale.zero_failed.key
    for colour in scale.colours:
        if colour.min_failed <= failed <= colour.max_failed:
            return colour.key
    raise ValueError(f"no colour covers {failed} failed dimensions")  # schema validation prevents this


def failed_count(flags: Mapping[str, bool], scale) -> int:
    """Number of dimensions flagged as failed; every dimension of the scale must be present."""
    missing = [k for k in scale.dimension_keys() if k not in flags]
    if missing:
        raise KeyError(f"missing TP MAP dimension(s): {', '.join(missing)}")
    return sum(1 for k in scale.dimension_keys() if flags[k])


def colour_of_household(flags: Mapping[str, bool], scale) -> str:
    return colour_for_failed(failed_count(flags, scale), scale)


def colour_names(scale) -> dict[str, str]:
    """Key -> Thai name, colours first then the zero class."""
    names = {c.key: c.name_th for c in scale.colours}
    names[scale.zero_failed.key] = scale.zero_failed.name_th
    return names


def colour_hexes(scale, zero_hex: str = "#9e9e9e") -> dict[str, str]:
    hexes = {c.key: c.hex for c in scale.colours}
    hexes[scale.zero_failed.key] = zero_hex
    return hexes
