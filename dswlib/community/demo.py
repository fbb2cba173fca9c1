"""Synthetic demo data: 76 communities, one per province (003 L93), clearly labelled.

Nothing here is a real result. Community names say "ข้อมูลสังเคราะห์"
(synthetic), ``meta.json`` carries ``"synthetic": true`` and households are
codes only. Province names and the office table are real/assumed reference
data from ``params/community``. The same seed always gives the same data
(Python's ``random.Random``, whose sequence is stable across versions).
"""

from __future__ import annotations

import math
import random
from decimal import Decimal

from .dataset import Community, Dataset, Household

DEFAULT_SEED = 2564
SYNTHETIC_LABEL_TH = "ข้อมูลสังเคราะห์เพื่อสาธิตเท่านั้น ไม่ใช่ผลการดำเนินงานจริง"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _percent(rng: random.Random, mean: float, spread: float, low: float = 40.0) -> Decimal:
    value = min(100.0, max(low, rng.gauss(mean, spread)))
    return Decimal(f"{value:.2f}")


def _progress(rng: random.Random, quality: float, low: int) -> int:
    """A level low..5, higher for better communities."""
    weights = [_sigmoid(quality * (lvl - 3) + 0.5) for lvl in range(low, 6)]
    return rng.choices(range(low, 6), weights=weights)[0]


def _milestones_done(rng: random.Random, round_spec, progress: int) -> set[str]:
    """Criteria of levels 1..progress done; now and then a gap below or a step ahead."""
    done = set()
    for number, level in enumerate(round_spec.levels, start=1):
        if number <= progress:
            done.update(level.criteria)
    if progress >= 2 and rng.random() < 0.10:  # a lower milestone left open: the level counted drops
        lower = [k for lv in round_spec.levels[: progress - 1] for k in lv.criteria]
        done.discard(rng.choice(lower))
    if progress < len(round_spec.levels) and rng.random() < 0.10:  # work done ahead of the sequence
        ahead = [k for lv in round_spec.levels[progress:] for k in lv.criteria]
        done.add(rng.choice(ahead))
    return done


def generate_demo(criteria, provinces, seed: int = DEFAULT_SEED) -> Dataset:
    """A reproducible synthetic :class:`Dataset` for every province in ``provinces``."""
    rng = random.Random(seed)
    components = [c.code for c in criteria.integration.components]
    c_checks = criteria.best_practice.community_criteria.keys()
    dims = criteria.household_colour.dimension_keys()
    bp = criteria.best_practice
    h_checks = bp.household_criteria.keys()
    communities, households, milestones = [], [], {}
    pmj = criteria.template("pmj")
    quality_by_province = {}
    for index, province in enumerate(provinces, start=1):
        quality = rng.gauss(0.0, 1.0)
        quality_by_province[province.province_id] = quality
        cid = f"c{index:02d}_{province.province_id}"
        name = f"ชุมชนสาธิต {index:02d} จ.{province.province_th} (ข้อมูลสังเคราะห์)"
        results = {code: _percent(rng, 82 + 5 * quality, 6) for code in components}
        checks = {key: rng.random() < _sigmoid(1.6 + quality) for key in c_checks}
        communities.append(Community(cid, province.province_id, name, results, checks))

        surveyed = rng.randint(32, 60)
        for h in range(1, surveyed + 1):
            n_failed = rng.choices(range(0, 6), weights=[6, 30, 24, 18, 12, 6])[0]
            failed_dims = set(rng.sample(dims, n_failed))
            failed = {d: d in failed_dims for d in dims}
            target = n_failed >= 1
            p_ok = min(0.97, max(0.55, 0.80 + 0.08 * quality - 0.03 * n_failed))
            flags = {k: target and rng.random() < p_ok for k in h_checks}
            flags[bp.tpmap_record.key] = target and rng.random() < 0.85
            households.append(Household(f"{cid}-h{h:03d}", cid, failed, target, flags))

        for rnd in pmj.rounds:
            progress = _progress(rng, quality, 2 if rnd.months == 6 else 1)
            milestones[(pmj.id, rnd.months, province.province_id)] = _milestones_done(rng, rnd, progress)

    ssw = criteria.template("ssw")
    for office in sorted({p.office_no for p in provinces}):
        members = [quality_by_province[p.province_id] for p in provinces if p.office_no == office]
        quality = sum(members) / len(members)
        for rnd in ssw.rounds:
            progress = _progress(rng, quality, 3 if rnd.months == 6 else 2)
            milestones[(ssw.id, rnd.months, str(office))] = _milestones_done(rng, rnd, progress)

    meta = {
        "generator": "dswlib.community.demo",
        "seed": seed,
        "fiscal_year_be": criteria.fiscal_year_be,
        "label_th": SYNTHETIC_LABEL_TH,
    }
    return Dataset(communities, households, milestones, synthetic=True, meta=meta)
