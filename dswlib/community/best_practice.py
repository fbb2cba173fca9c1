"""Best Practice selection: one community per สสว. office, 11 in all (003 L209-L227).

The seed lists checks but no points and no tie-break (finding F8). Here
(D6, D7 in ``params/community/DECISIONS.md``):

- a household is *out of poverty* when all six basic criteria of 5.3.1 1)
  hold; it counts for Best Practice when its assistance is also recorded in
  TP MAP (5.3.1 2));
- a community is *eligible* when all four checks of 5.3.2 hold, it has at
  least the minimum number of target households of 003 L105 (35) and at
  least one of its target households counts;
- eligible communities of an office are ranked by the keys in
  ``best_practice.ranking`` (default: share of target households out of
  poverty, PMJ 12-month level, 5.1 percent, all higher first; then
  ``community_id`` alphabetically, which makes the choice unique);
- an office without an eligible community gets no Best Practice; it is
  reported, never filled with an ineligible one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping, Sequence

from ..thainum import percent


def household_out_of_poverty(checks: Mapping[str, bool], criteria) -> bool:
    """All basic criteria of 5.3.1 1) hold (keys from ``criteria.yaml``)."""
    return all(bool(checks[key]) for key in criteria.best_practice.household_criteria.keys())


def household_counts(checks: Mapping[str, bool], criteria) -> bool:
    """Out of poverty and recorded in TP MAP (5.3.1 1) and 2))."""
    return household_out_of_poverty(checks, criteria) and bool(checks[criteria.best_practice.tpmap_record.key])


def community_strong(checks: Mapping[str, bool], criteria) -> bool:
    """All four checks of 5.3.2 hold."""
    return all(bool(checks[key]) for key in criteria.best_practice.community_criteria.keys())


@dataclass(frozen=True)
class Candidate:
    community_id: str
    office_no: int
    community_strong: bool
    target_households: int
    escaped_households: int
    pmj_level_12: int
    integration_percent: Decimal
    meets_min_targets: bool = True

    @property
    def escaped_share(self) -> Decimal:
        """Percent of target households that count, 2 decimals half-up (0 with no targets)."""
        if self.target_households == 0:
            return Decimal("0.00")
        return percent(self.escaped_households, self.target_households)

    @property
    def eligible(self) -> bool:
        return self.community_strong and self.meets_min_targets and self.escaped_households >= 1

    def key_value(self, key: str):
        return self.community_id if key == "community_id" else getattr(self, key)


@dataclass(frozen=True)
class Selection:
    office_no: int
    community_id: str | None
    eligible_count: int
    decided_by: str | None  # ranking key that separated the winner from the runner-up
    runner_up: str | None


def _sort_key(candidate: Candidate, ranking: Sequence[str]):
    key = []
    for name in ranking:
        value = candidate.key_value(name)
        key.append(value if name == "community_id" else -Decimal(value))
    return tuple(key)


def rank_candidates(candidates: Iterable[Candidate], ranking: Sequence[str]) -> list[Candidate]:
    """Eligible candidates, best first."""
    return sorted((c for c in candidates if c.eligible), key=lambda c: _sort_key(c, ranking))


def _decided_by(winner: Candidate, runner_up: Candidate, ranking: Sequence[str]) -> str:
    for name in ranking:
        if winner.key_value(name) != runner_up.key_value(name):
            return name
    raise ValueError(f"duplicate community_id {winner.community_id!r}")


def select_best_practice(candidates: Iterable[Candidate], offices: Iterable[int], ranking: Sequence[str]) -> list[Selection]:
    """One :class:`Selection` per office in ``offices`` (``community_id`` None when none is eligible)."""
    if not ranking or ranking[-1] != "community_id":
        raise ValueError("ranking must end with 'community_id'")
    by_office: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_office.setdefault(c.office_no, []).append(c)
    out = []
    for office in offices:
        ranked = rank_candidates(by_office.get(office, []), ranking)
        if not ranked:
            out.append(Selection(office, None, 0, None, None))
            continue
        winner = ranked[0]
        if len(ranked) == 1:
            out.append(Selection(office, winner.community_id, 1, None, None))
            continue
        runner = ranked[1]
        out.append(Selection(office, winner.community_id, len(ranked), _decided_by(winner, runner, ranking), runner.community_id))
    return out
