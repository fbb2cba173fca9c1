"""PMQA 4.0 (Public Sector Management Quality Award) category scores.

Scores are on a 0-500 scale ("คะแนน PMQA 4.0 (*100)"). The FY2564 report's
total row "คะแนนรวม (500)" is the mean of the 7 categories, and the status
row ("เป็นระบบราชการ x.xx") is total / 125, i.e. the 4.0 scale.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from .thainum import round_half_up

N_CATEGORIES = 7
MAX_SCORE = 500
STATUS_DIVISOR = 125  # 500 / 125 = 4.0


def pmqa_total(category_scores: Sequence, places: int = 2) -> Decimal:
    """Mean of the 7 category scores, rounded half-up."""
    scores = [Decimal(str(s)) for s in category_scores]
    if len(scores) != N_CATEGORIES:
        raise ValueError(f"PMQA 4.0 has {N_CATEGORIES} categories, got {len(scores)} scores")
    for s in scores:
        if not (0 <= s <= MAX_SCORE):
            raise ValueError(f"PMQA category score {s} outside 0-{MAX_SCORE}")
    return round_half_up(sum(scores) / N_CATEGORIES, places)


def pmqa_status(total, places: int = 2) -> Decimal:
    """Status on the 4.0 scale: total / 125 ("เป็นระบบราชการ 3.41")."""
    return round_half_up(Decimal(str(total)) / STATUS_DIVISOR, places)
