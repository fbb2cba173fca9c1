"""A reproducible SYNTHETIC assessment year for the 76 provinces (the seeds hold no provincial data).

Each province gets a latent "performance level" drawn from a random generator
seeded by ``(seed, fiscal_year, province code)``; every input value is drawn
around it. Same seed -> identical values, on any machine (``random.Random``
with a string seed is deterministic). Every assessment is marked
``synthetic=True`` with a Thai note, and written files carry ``SYNTHETIC`` in
their names.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from .assessment import Assessment
from .rubric import Indicator, Rubric

DEFAULT_SEED = 20210930
NOTE_TH = "ข้อมูลสมมติ (synthetic) สร้างโดย dswlib.standards.demo เพื่อสาธิตรายงาน ไม่ใช่ผลการประเมินจริงของจังหวัด"
# Plausible sizes of the denominators (min, max) per indicator; others default to (10, 60).
DENOMINATORS = {
    "D2.I2": (800, 4000), "D2.I6": (8, 40), "D2.I7": (15, 45), "D2.I8": (15, 45), "D2.I9": (15, 45),
    "D3.I7": (5, 30), "D4.I7": (10, 60), "D4.I9": (40, 250), "D4.I10": (30, 300), "D4.I13": (3, 25),
    "D4.I16": (5, 20), "D4.I17": (50, 400), "D4.I18": (20, 150), "D4.I19": (5, 80), "D4.I23": (10, 30),
    "D4.I31": (5, 120), "D4.I34": (10, 60),
}
NA_CHANCE = 0.04  # event-driven denominators (zero_denominator: na) are sometimes 0


def _level(rng: random.Random) -> float:
    return min(1.0, max(0.25, rng.betavariate(5, 1.6)))


def _factor(rng, level) -> float:
    """Share of the top threshold reached (1.0 = exactly the top band's bound)."""
    return max(0.0, min(1.4, rng.gauss(level, 0.22)))


def _top_threshold(ind: Indicator, var: str):
    cond = ind.bands[0].when.get(var) if ind.bands[0].when else None
    if cond is None:
        return None
    if cond.min is not None:
        return float(cond.min)
    if cond.gt is not None:
        return float(cond.gt) + 1
    return None


def _count_near(rng, level, top, cap=None) -> int:
    value = int(round(top * _factor(rng, level)))
    return min(value, cap) if cap is not None else value


def _pct_inputs(rng, ind, level):
    lo, hi = DENOMINATORS.get(ind.id, (10, 60))
    if ind.zero_denominator == "na" and rng.random() < NA_CHANCE:
        return {"numerator": 0, "denominator": 0}
    den = rng.randint(lo, hi)
    if ind.direction == "lower_is_better":
        share = max(0.0, min(1.0, rng.gauss((1.05 - level) * 0.35, 0.05)))
    else:
        top = _top_threshold(ind, "pct") / 100
        share = min(1.0, top * _factor(rng, level) + (0.05 if level > 0.8 else 0.0))
        if rng.random() < level * 0.5:
            share = 1.0  # many offices report complete coverage
    return {"numerator": int(round(den * share)), "denominator": den}


def _indicator_inputs(rng, ind: Indicator, level) -> dict:
    yes = lambda p=0.55 + 0.45 * level: rng.random() < p  # noqa: E731
    if ind.measure == "percent":
        return _pct_inputs(rng, ind, level)
    if ind.measure == "value":
        spec = ind.input("value")
        if spec.type == "yes_no":
            return {"value": yes()}
        cap = 12 if spec.type == "months" else None
        return {"value": _count_near(rng, level, _top_threshold(ind, "value"), cap)}
    if ind.measure == "per_month":
        return {"count_year": _count_near(rng, level, 12 * _top_threshold(ind, "per_month"))}
    if ind.measure == "participation":
        projects = _count_near(rng, level, 5)
        if projects == 0:
            return {"projects": 0, "orgs_joined": None, "orgs_invited": None}
        invited = rng.randint(10, 60)
        return {"projects": projects, "orgs_invited": invited,
                "orgs_joined": min(invited, int(round(invited * min(1.0, 0.7 * _factor(rng, level) + 0.1))))}
    if ind.measure == "report_timeliness":
        if rng.random() < NA_CHANCE:
            return {"cases": 0, "within_15_days": 0, "later": 0}
        cases = rng.randint(3, 60)
        within = cases if rng.random() < level else int(cases * rng.uniform(0.5, 0.95))
        later = rng.randint(0, cases - within)
        return {"cases": cases, "within_15_days": within, "later": later}
    # measure "inputs": categorical / two-variable indicators
    out = {}
    names = [s.name for s in ind.inputs]
    if ind.id == "D4.I12":
        acts = _count_near(rng, level, 3)
        out["activities"] = acts
        out["lowest_activity_pct"] = None if acts == 0 else Decimal(str(round(min(100.0, 85 * _factor(rng, level)), 2)))
        return out
    for spec in ind.inputs:
        if spec.type == "yes_no":
            out[spec.name] = yes()
        elif spec.type == "choice":
            codes = list(spec.choices)  # best first
            out[spec.name] = codes[0] if rng.random() < level else rng.choice(codes[1:])
        else:
            out[spec.name] = _count_near(rng, level, 3)
    for a, b in ind.constraints_le:
        if out[a] > out[b]:
            out[a], out[b] = out[b], out[a]
    assert set(out) == set(names)
    return out


def _input_check_values(rng, ind: Indicator, level) -> dict:
    out = {}
    cond = ind.meets_when or {}
    for spec in ind.inputs:
        c = cond.get(spec.name)
        if spec.type == "yes_no":
            out[spec.name] = rng.random() < 0.5 + 0.45 * level
        elif c is not None and (c.min is not None or c.max is not None):
            lo = float(c.min) if c.min is not None else float(c.max) * 0.6
            hi = float(c.max) if c.max is not None else lo * 1.5 + 1
            x = rng.uniform(lo * (0.6 + 0.4 * level), hi)
            if spec.type == "percent":
                out[spec.name] = Decimal(str(round(min(100.0, x), 2)))
            elif spec.type == "number":
                out[spec.name] = Decimal(str(round(x, 1)))
            else:
                out[spec.name] = int(round(x))
        else:
            out[spec.name] = rng.randint(1, 5) if spec.type == "count" else True
    return out


def demo_assessment(rubric: Rubric, province, fiscal_year: int, seed: int = DEFAULT_SEED) -> Assessment:
    rng = random.Random(f"dswlib.standards.demo:{seed}:{fiscal_year}:{province.code}")
    level = _level(rng)
    values = {}
    for ind in rubric.indicators():
        values[ind.id] = _indicator_inputs(rng, ind, level) if ind.scored else _input_check_values(rng, ind, level)
    from ..fiscal import FiscalYear

    return Assessment(
        province_code=province.code, fiscal_year=int(fiscal_year), values=values,
        as_of=FiscalYear(fiscal_year).end,
        synthetic=True, note=NOTE_TH, source=f"synthetic (seed {seed})",
    )


def demo_year(rubric: Rubric, provinces, fiscal_year: int, seed: int = DEFAULT_SEED) -> dict[str, Assessment]:
    return {p.code: demo_assessment(rubric, p, fiscal_year, seed) for p in provinces}


def demo_filename(province, fiscal_year: int, suffix: str = ".csv") -> str:
    return f"SYNTHETIC_standards_{fiscal_year}_{province.output_id}{suffix}"


def write_demo(rubric: Rubric, provinces, fiscal_year: int, out_dir, seed: int = DEFAULT_SEED, suffix: str = ".csv") -> list[Path]:
    from .template import write_assessment

    out_dir = Path(out_dir)
    paths = []
    for p in provinces:
        a = demo_assessment(rubric, p, fiscal_year, seed)
        paths.append(write_assessment(out_dir / demo_filename(p, fiscal_year, suffix), rubric, a, province=p))
    return paths
