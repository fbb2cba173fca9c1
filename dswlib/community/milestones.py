"""Success-level ("ระดับความสำเร็จ") KPI templates: which level a unit has reached.

Each level of a template round lists criteria (milestones). A level counts
only if every criterion of that level and of all lower levels is done (D4):
the level reached is the highest ``n`` with levels ``1..n`` complete, 0 when
level 1 is not complete.
"""

from __future__ import annotations

from typing import Iterable


def _levels(round_spec) -> list[list[str]]:
    """Accept a :class:`~.criteria.TemplateRound` or a plain list of criterion lists."""
    levels = getattr(round_spec, "levels", round_spec)
    return [list(getattr(lv, "criteria", lv)) for lv in levels]


def level_complete(level_criteria: Iterable[str], done: set[str]) -> bool:
    return all(key in done for key in level_criteria)


def level_reached(round_spec, done: Iterable[str]) -> int:
    """Cumulative level: highest ``n`` such that levels 1..n have all their criteria done."""
    done = set(done)
    reached = 0
    for number, criteria in enumerate(_levels(round_spec), start=1):
        if not level_complete(criteria, done):
            break
        reached = number
    return reached


def highest_complete_level(round_spec, done: Iterable[str]) -> int:
    """Highest level whose own criteria are done, ignoring lower levels (for gap reports)."""
    done = set(done)
    best = 0
    for number, criteria in enumerate(_levels(round_spec), start=1):
        if level_complete(criteria, done):
            best = number
    return best


def missing_criteria(round_spec, done: Iterable[str], up_to_level: int) -> list[str]:
    """Criteria of levels 1..``up_to_level`` that are not done, in level order."""
    done = set(done)
    out = []
    for criteria in _levels(round_spec)[:up_to_level]:
        out.extend(key for key in criteria if key not in done)
    return out
