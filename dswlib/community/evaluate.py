"""Apply every rule of ``criteria.yaml`` to a :class:`~.dataset.Dataset`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..thainum import round_half_up
from .best_practice import Candidate, Selection, community_strong, household_counts, select_best_practice
from .household_colour import colour_for_failed
from .level_scale import integration_percent, points_kpi_2_1, score_integration
from .milestones import highest_complete_level, level_reached
from .offices import office_label


@dataclass
class Evaluation:
    criteria: object
    provinces: list
    dataset: object
    communities: object  # pandas.DataFrame, one row per community
    offices: object  # pandas.DataFrame, one row per office
    selections: list[Selection]

    @property
    def synthetic(self) -> bool:
        return bool(self.dataset.synthetic)


def _mean(values) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return round_half_up(sum(values, Decimal(0)) / len(values), 2)


def evaluate_communities(dataset, criteria, provinces) -> list[dict]:
    """One dict per community with every computed figure (Decimals stay Decimals)."""
    by_province = {p.province_id: p for p in provinces}
    scale = criteria.household_colour
    colour_keys = [c.key for c in scale.colours] + [scale.zero_failed.key]
    codes = [c.code for c in criteria.integration.components]
    kpi21_codes = criteria.ops_kpi_2_1.components
    pmj = criteria.template("pmj")
    households: dict[str, list] = {}
    for h in dataset.households:
        households.setdefault(h.community_id, []).append(h)
    rows = []
    for c in dataset.communities:
        province = by_province[c.province_id]
        pct = integration_percent([c.results[k] for k in codes], criteria.integration.formula.denominator)
        pct21 = integration_percent([c.results[k] for k in kpi21_codes], criteria.ops_kpi_2_1.formula.denominator)
        row = {
            "community_id": c.community_id,
            "community_name_th": c.name_th,
            "province_id": c.province_id,
            "province_th": province.province_th,
            "office_no": province.office_no,
            "integration_percent": pct,
            "score_5_1": score_integration(pct, criteria),
            "kpi_2_1_percent": pct21,
            "kpi_2_1_points": points_kpi_2_1(pct21, criteria),
        }
        for rnd in pmj.rounds:
            done = dataset.done(pmj.id, rnd.months, c.province_id)
            reached = level_reached(rnd, done)
            row[f"pmj_level_{rnd.months}"] = reached
            row[f"pmj_gap_{rnd.months}"] = highest_complete_level(rnd, done) > reached
        counts = Counter()
        targets = escaped = 0
        for h in households.get(c.community_id, []):
            counts[colour_for_failed(sum(h.failed.values()), scale)] += 1
            if h.is_target:
                targets += 1
                if household_counts(h.checks, criteria):
                    escaped += 1
        row["surveyed"] = sum(counts.values())
        for key in colour_keys:
            row[key] = counts.get(key, 0)
        row["target_households"] = targets
        row["meets_min_targets"] = targets >= scale.min_target_households
        row["escaped_households"] = escaped
        row["community_strong"] = community_strong(c.checks, criteria)
        candidate = Candidate(
            c.community_id,
            province.office_no,
            row["community_strong"],
            targets,
            escaped,
            row["pmj_level_12"],
            pct,
            row["meets_min_targets"],
        )
        row["escaped_share"] = candidate.escaped_share
        row["bp_eligible"] = candidate.eligible
        row["_candidate"] = candidate
        rows.append(row)
    return rows


def evaluate(dataset, criteria, provinces) -> Evaluation:
    import pandas as pd

    rows = evaluate_communities(dataset, criteria, provinces)
    candidates = [r.pop("_candidate") for r in rows]
    office_numbers = sorted({p.office_no for p in provinces})
    selections = select_best_practice(candidates, office_numbers, criteria.best_practice.ranking)
    chosen = {s.community_id for s in selections if s.community_id}
    for r in rows:
        r["best_practice"] = r["community_id"] in chosen
    communities = pd.DataFrame(rows)

    ssw = criteria.template("ssw")
    names = {r["community_id"]: r for r in rows}
    office_rows = []
    for sel in selections:
        members = [r for r in rows if r["office_no"] == sel.office_no]
        row = {
            "office_no": sel.office_no,
            "office_th": office_label(sel.office_no),
            "provinces": sum(1 for p in provinces if p.office_no == sel.office_no),
            "communities": len(members),
            "mean_integration_percent": _mean(r["integration_percent"] for r in members),
        }
        for rnd in ssw.rounds:
            done = dataset.done(ssw.id, rnd.months, str(sel.office_no))
            reached = level_reached(rnd, done)
            row[f"ssw_level_{rnd.months}"] = reached
            row[f"ssw_gap_{rnd.months}"] = highest_complete_level(rnd, done) > reached
        winner = names.get(sel.community_id) if sel.community_id else None
        row.update(
            {
                "eligible_communities": sel.eligible_count,
                "best_practice_id": sel.community_id,
                "best_practice_name_th": winner["community_name_th"] if winner else None,
                "best_practice_province_th": winner["province_th"] if winner else None,
                "decided_by": sel.decided_by,
                "runner_up_id": sel.runner_up,
            }
        )
        office_rows.append(row)
    return Evaluation(criteria, provinces, dataset, communities, pd.DataFrame(office_rows), selections)


def summary(ev: Evaluation) -> dict:
    """Plain-JSON summary (for ``dsw community score --json``)."""
    df = ev.communities
    crit = ev.criteria
    scale = crit.household_colour
    colours = [c.key for c in scale.colours] + [scale.zero_failed.key]

    def counts(column, values):
        return {str(v): int((df[column] == v).sum()) for v in values}

    score_values = [crit.integration.below_lowest_score] + [lv.score for lv in crit.integration.levels]
    tiers = [crit.ops_kpi_2_1.below_lowest_points] + [t.points for t in crit.ops_kpi_2_1.tiers]
    return {
        "synthetic": ev.synthetic,
        "fiscal_year_be": crit.fiscal_year_be,
        "communities": int(len(df)),
        "score_5_1": counts("score_5_1", score_values),
        "kpi_2_1_points": counts("kpi_2_1_points", tiers),
        "pmj_level_6": counts("pmj_level_6", range(0, 6)),
        "pmj_level_12": counts("pmj_level_12", range(0, 6)),
        "households": {key: int(df[key].sum()) for key in colours},
        "target_households": int(df["target_households"].sum()),
        "communities_below_min_targets": sorted(df.loc[~df["meets_min_targets"], "community_id"].tolist()),
        "offices": [
            {
                "office_no": int(o["office_no"]),
                "ssw_level_6": int(o["ssw_level_6"]),
                "ssw_level_12": int(o["ssw_level_12"]),
                "best_practice": sel.community_id,
                "eligible_communities": sel.eligible_count,
                "decided_by": sel.decided_by,
                "runner_up": sel.runner_up,
            }
            for o, sel in zip(ev.offices.to_dict("records"), ev.selections)
        ],
        "communities_detail": [
            {
                "community_id": r["community_id"],
                "office_no": int(r["office_no"]),
                "integration_percent": str(r["integration_percent"]),
                "score_5_1": int(r["score_5_1"]),
                "kpi_2_1_percent": str(r["kpi_2_1_percent"]),
                "kpi_2_1_points": int(r["kpi_2_1_points"]),
                "pmj_level_6": int(r["pmj_level_6"]),
                "pmj_level_12": int(r["pmj_level_12"]),
                "target_households": int(r["target_households"]),
                "escaped_households": int(r["escaped_households"]),
                "escaped_share": str(r["escaped_share"]),
                "bp_eligible": bool(r["bp_eligible"]),
                "best_practice": bool(r["best_practice"]),
            }
            for r in df.to_dict("records")
        ],
    }
