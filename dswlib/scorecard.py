"""The scorecard of one fiscal year: each KPI's result, level, score and weighted score.

The stable JSON document printed by ``dsw score <year> --json`` is
:func:`scorecard_dict`; its schema is documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .catalog import Catalog, Kpi, load_catalog
from .findings import Finding
from .scoring import (
    DEFAULT_LEVEL_TERMS,
    ScoringRule,
    level_name,
    level_reached,
    milestone_level,
    overall_level,
    score_three_level,
    weighted_score,
)
from .thainum import round_half_up


@dataclass
class KpiScore:
    kpi: Kpi
    result: Optional[float]
    level: Optional[int]  # 0 / 50 / 75 / 100 reached, None when there is no result
    score: Optional[Decimal]
    weighted: Optional[Decimal]
    children: list["KpiScore"] = field(default_factory=list)
    terms: tuple = DEFAULT_LEVEL_TERMS  # the year's names of the levels 50 / 75 / 100

    @property
    def level_label_th(self) -> str:
        if self.level is None:
            return "ยังไม่มีผล"
        return level_name(self.level, self.terms)


@dataclass
class Scorecard:
    catalog: Catalog
    rule: ScoringRule
    rows: list[KpiScore]
    components: dict
    total: Optional[Decimal]
    level: str
    findings: list[Finding]

    def row(self, kpi_id: str) -> KpiScore:
        for r in self.rows:
            if r.kpi.id == kpi_id:
                return r
        raise KeyError(kpi_id)


def rule_for(catalog: Catalog, override: ScoringRule | None = None) -> ScoringRule:
    if override is not None:
        return override
    spec = catalog.scoring_rule
    return ScoringRule(between=spec.between, below=spec.below, zero_at=spec.zero_at)


def score_kpi(kpi: Kpi, rule: ScoringRule, terms=DEFAULT_LEVEL_TERMS) -> KpiScore:
    """Score one leaf KPI (numeric or milestone); no result gives no score, not an error."""
    if kpi.kind == "milestone":
        met = kpi.result.criteria_met if kpi.result else {}
        if not met:
            return KpiScore(kpi, None, None, None, None, terms=terms)
        level = milestone_level({lvl: met.get(lvl, [False] * len(c)) for lvl, c in kpi.criteria_th.items()})
        score = round_half_up(level, 2)
        return KpiScore(kpi, float(level), level, score, weighted_score(score, kpi.weight), terms=terms)
    value = kpi.result_value
    if value is None:
        return KpiScore(kpi, None, None, None, None, terms=terms)
    score = score_three_level(value, kpi.targets, kpi.direction, rule)
    level = level_reached(value, kpi.targets, kpi.direction)
    return KpiScore(kpi, value, level, score, weighted_score(score, kpi.weight), terms=terms)


def build_scorecard(catalog: Catalog, findings: list[Finding] | None = None, rule: ScoringRule | None = None) -> Scorecard:
    rule = rule_for(catalog, rule)
    terms = catalog.terms
    leaf = {k.id: score_kpi(k, rule, terms) for k in catalog.scored_kpis()}
    rows: list[KpiScore] = []
    for k in catalog.kpis:
        if k.kind == "composite":
            kids = [leaf[c.id] for c in catalog.children(k.id)]
            parts = [c.weighted for c in kids]
            weighted = None if any(p is None for p in parts) else round_half_up(sum(parts), 4)
            score = None if weighted is None else round_half_up(weighted * 100 / Decimal(str(k.weight)), 2)
            rows.append(KpiScore(k, None, None, score, weighted, children=kids, terms=terms))
        else:
            rows.append(leaf[k.id])
    components = {}
    for comp in catalog.components:
        parts = [leaf[k.id].weighted for k in catalog.scored_kpis() if k.component == comp.id]
        weighted = None if any(p is None for p in parts) else round_half_up(sum(parts), 2)
        components[comp.id] = {"name": comp.name_th, "weight": comp.weight, "weighted_score": weighted}
    parts = [r.weighted for r in leaf.values()]
    total = None if any(p is None for p in parts) else round_half_up(sum(parts), 2)
    return Scorecard(catalog, rule, rows, components, total, overall_level(total, terms), list(findings or []))


def load_scorecard(params_dir, fiscal_year, rule: ScoringRule | None = None, with_findings: bool = True) -> Scorecard:
    from .checks import year_findings
    from .paths import resolve_params_dir

    params_dir = resolve_params_dir(params_dir)
    catalog = load_catalog(params_dir, fiscal_year)
    findings = year_findings(catalog, params_dir) if with_findings else []
    return build_scorecard(catalog, findings, rule)


def _num(value):
    if value is None:
        return None
    return float(value)


def scorecard_dict(card: Scorecard) -> dict:
    """The stable JSON document of ``dsw score --json``."""
    cat = card.catalog
    kpis = []
    for r in card.rows:
        k = r.kpi
        if k.kind == "milestone":
            targets = [k.criteria_th.get(level, []) for level in (50, 75, 100)]
        else:
            targets = None if k.targets is None else [_num(t) for t in k.targets]
        res = k.result
        kpis.append({
            "id": k.id,
            "name": k.name_th,
            "component": k.component,
            "parent": k.parent,
            "kind": k.kind,
            "unit": k.unit,
            "weight": _num(k.weight),
            "result": _num(r.result) if k.kind != "milestone" else (None if r.level is None else r.level),
            "numerator": _num(res.numerator) if res else None,
            "denominator": _num(res.denominator) if res else None,
            "targets": targets,
            "level_reached": r.level,
            "score": _num(r.score),
            "weighted_score": _num(r.weighted),
        })
    return {
        "fiscal_year": cat.fiscal_year,
        "title": cat.title_th,
        "officially_scored": cat.scored,
        "scoring_rule": {
            "between": card.rule.between,
            "below": card.rule.below,
            "zero_at": card.rule.zero_at,
            "description_th": card.rule.describe_th(cat.terms),
        },
        "level_terms_th": list(cat.terms),
        "kpis": kpis,
        "components": {
            cid: {"name": c["name"], "weight": _num(c["weight"]), "weighted_score": _num(c["weighted_score"])}
            for cid, c in card.components.items()
        },
        "total": _num(card.total),
        "level": card.level,
        "findings": [f.to_dict() for f in card.findings],
    }


SCORECARD_COLUMNS = [
    "fiscal_year", "kpi_id", "name", "component", "parent", "kind", "unit", "direction", "weight",
    "target_50", "target_75", "target_100", "result", "numerator", "denominator", "level_reached", "level_th",
    "score", "weighted_score",
]


def card_frame(card: Scorecard):
    """A loaded scorecard as a DataFrame, one row per KPI, numbers as numbers (NaN when missing).

    Columns follow ``dsw score --json`` (:func:`scorecard_dict`): ``weight``, ``target_50/75/100``,
    ``result`` (a milestone KPI's level reached), ``numerator``, ``denominator``, ``level_reached``
    (0/50/75/100), ``score`` (0-100) and ``weighted_score`` are floats; ``level_th`` is the level in the
    year's own terms.
    """
    import pandas as pd

    rows = []
    for r in card.rows:
        k = r.kpi
        targets = list(k.targets) if k.is_numeric and k.targets is not None else [None] * 3
        res = k.result
        rows.append({
            "fiscal_year": card.catalog.fiscal_year, "kpi_id": k.id, "name": k.name_th, "component": k.component,
            "parent": k.parent, "kind": k.kind, "unit": k.unit, "direction": k.direction, "weight": _num(k.weight),
            "target_50": _num(targets[0]), "target_75": _num(targets[1]), "target_100": _num(targets[2]),
            "result": _num(r.level if k.kind == "milestone" else r.result),
            "numerator": _num(res.numerator) if res else None, "denominator": _num(res.denominator) if res else None,
            "level_reached": _num(r.level), "level_th": None if k.kind == "composite" else r.level_label_th,
            "score": _num(r.score), "weighted_score": _num(r.weighted),
        })
    frame = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    numeric = ["weight", "target_50", "target_75", "target_100", "result", "numerator", "denominator", "level_reached",
               "score", "weighted_score"]
    frame[numeric] = frame[numeric].astype(float)
    return frame


def scorecard_frame(fiscal_year, params_dir=None, rule: ScoringRule | None = None):
    """Any fiscal year's scorecard as a numeric DataFrame (see :func:`card_frame`); ``2564``, ``"๒๕๖๔"`` and ``64`` all work."""
    from .fiscal import normalize_be_year

    return card_frame(load_scorecard(params_dir, normalize_be_year(fiscal_year), rule))


def scorecards_frame(params_dir=None, years=None):
    """The scorecards of several years stacked (default: every year with a KPI catalog), for cross-year work."""
    import pandas as pd

    from .catalog import available_years
    from .paths import resolve_params_dir

    params_dir = resolve_params_dir(params_dir)
    years = available_years(params_dir) if years is None else years
    frames = [scorecard_frame(year, params_dir) for year in years]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SCORECARD_COLUMNS)
