"""IRP assessment logs -> groups A/B/C, KPI 3.1 and KPI 3.2 (FY2564 report, seed 002).

Definitions (seed 002):

* Groups from the IRP assessment score in percent (L326): group A = 80-100,
  group B = 40.01-79.99. The text announces 3 groups but describes two; the
  rest (score 40 or less) is called group "C" here. Scores are percentages
  with up to 2 decimals; the boundaries are applied as A: score >= 80,
  B: 40 < score < 80, C: score <= 40 (so a rare 79.995 falls in B).
* KPI 3.1 (formula L337-339): people whose ability improved / people developed
  under the IRP with 2 or more assessments. "Improved" (L326, scope L334) means
  compared with the previous assessment round: moved from B to A, or stayed in
  A. A move from C straight to A is not in the definition; it is counted apart
  (``upgraded_c_to_a_persons``) and not in the numerator.
* KPI 3.2 (formula L440-442, target group L433): people who returned to society
  (to their family, or to regular work in an establishment, L435) / people
  assessed with a score in group A. L433 limits the target group to people with
  2 or more IRP assessments whose score is in group A; ``min_assessments``
  (default 2) follows it, ``min_assessments=1`` follows the shorter formula text.

Record rules: only assessments inside the fiscal year (cut at ``as_of``) count;
a person belongs to the facility of their latest assessment; "previous" is the
assessment before the latest one (same-day ties keep file order). A person's
group for KPI 3.2 is the group of their latest assessment; a return counts
when its date is inside the same window, and a person returned more than once
counts once, with the outcome of the latest return.
"""

from __future__ import annotations

import numpy as np

from ..pii.loader import PSEUDONYM_COLUMN, protect
from .result import RecordKpi, unit_percent
from .tables import (
    EMPLOYER, FAMILY, normalise_outcomes, parse_dates, parse_numbers, read_records, require_columns,
    source_name, window,
)

GROUP_A, GROUP_B, GROUP_C = "A", "B", "C"
A_MIN = 80.0  # group A: 80-100 (seed 002 L326)
B_MIN_EXCLUSIVE = 40.0  # group B: 40.01-79.99 (seed 002 L326)

UNIT_COLUMNS = ["facility_no", "facility_name"]
KPI3_1_COLUMNS = ["assessed_irp_2plus_persons", "improved_persons", "upgraded_b_to_a_persons",
                  "maintained_a_persons"]
KPI3_2_COLUMNS = ["group_a_assessed_persons", "returned_to_society_persons", "returned_to_family_persons",
                  "employed_in_establishment_persons"]


def irp_group(score) -> str:
    """"A", "B" or "C" for one score in percent."""
    score = float(score)
    if not 0 <= score <= 100:
        raise ValueError(f"IRP score must be 0-100 %, got {score}")
    if score >= A_MIN:
        return GROUP_A
    if score > B_MIN_EXCLUSIVE:
        return GROUP_B
    return GROUP_C


def assign_groups(scores):
    """Vectorised :func:`irp_group` for a Series of scores (already checked 0-100)."""
    import pandas as pd

    values = scores.to_numpy(dtype="float64")
    groups = np.where(values >= A_MIN, GROUP_A, np.where(values > B_MIN_EXCLUSIVE, GROUP_B, GROUP_C))
    return pd.Series(groups, index=scores.index, dtype=object)


def _protected(df, source, key):
    return protect(df, source=source, key=key)


def load_assessments(df_or_path, *, source=None, key=None):
    """Assessment log with ``person_key, facility_no, [facility_name], assessed_on, score_pct, group``.

    Input columns: a national ID column (``national_id``; validated and
    pseudonymised here) or ``person_key``; ``facility_no`` (whole number);
    optional ``facility_name``; ``assessed_on`` (YYYY-MM-DD, C.E. or B.E.);
    ``score_pct`` (0-100). Name columns are dropped.
    """
    source = source or source_name(df_or_path, "<IRP assessments>")
    df = read_records(df_or_path, source=source, dtype={"national_id": str, "citizen_id": str})
    df = _protected(df, source, key)
    require_columns(df, [PSEUDONYM_COLUMN, "facility_no", "assessed_on", "score_pct"], source)
    df["facility_no"] = parse_numbers(df, "facility_no", source, low=0, integer=True)
    df["score_pct"] = parse_numbers(df, "score_pct", source, low=0, high=100)
    df["assessed_on"] = parse_dates(df, "assessed_on", source)
    df["group"] = assign_groups(df["score_pct"])
    keep = [PSEUDONYM_COLUMN, "facility_no"] + (["facility_name"] if "facility_name" in df.columns else []) + [
        "assessed_on", "score_pct", "group"]
    return df[keep].reset_index(drop=True)


def load_exits(df_or_path, *, source=None, key=None):
    """Exit (return) log with ``person_key, exited_on, outcome`` (``family``/``employer``/None).

    Input columns: national ID or ``person_key``; ``exited_on``; ``outcome``
    (``family``, ``community``, ``employer`` or the Thai labels; anything else,
    e.g. ``transfer``, is not a return to society). ``facility_no`` is kept when
    present but the person's facility comes from the assessments.
    """
    source = source or source_name(df_or_path, "<IRP exits>")
    df = read_records(df_or_path, source=source, dtype={"national_id": str, "citizen_id": str})
    df = _protected(df, source, key)
    require_columns(df, [PSEUDONYM_COLUMN, "exited_on", "outcome"], source)
    df["exited_on"] = parse_dates(df, "exited_on", source)
    df["outcome_raw"] = df["outcome"]
    df["outcome"] = normalise_outcomes(df["outcome"])
    keep = [PSEUDONYM_COLUMN] + (["facility_no"] if "facility_no" in df.columns else []) + [
        "exited_on", "outcome", "outcome_raw"]
    return df[keep].reset_index(drop=True)


def _facility_names(assessments):
    if "facility_name" not in assessments.columns:
        return None
    names = assessments.dropna(subset=["facility_name"]).groupby("facility_no")["facility_name"].last()
    return names


def person_progress(assessments, *, fiscal_year: int = 2564, as_of=None, baseline: str = "previous"):
    """One row per person assessed in the window.

    Columns: ``person_key, facility_no, n_assessments, baseline_group,
    last_group, last_on``. ``baseline="previous"`` compares the latest
    assessment with the one before it (the seed's wording); ``"first"`` with the
    first one in the window. People with one assessment have no baseline group.
    """
    if baseline not in ("previous", "first"):
        raise ValueError("baseline must be 'previous' or 'first'")
    if "group" not in assessments.columns:
        assessments = load_assessments(assessments)
    start, end = window(fiscal_year, as_of)
    df = assessments[(assessments["assessed_on"] >= start) & (assessments["assessed_on"] <= end)]
    df = df.reset_index(drop=True)
    df = df.assign(_order=np.arange(len(df))).sort_values([PSEUDONYM_COLUMN, "assessed_on", "_order"],
                                                          kind="stable")
    grouped = df.groupby(PSEUDONYM_COLUMN, sort=False)
    n = grouped.size()
    last = grouped.nth(-1).set_index(PSEUDONYM_COLUMN)
    base = grouped.nth(-2 if baseline == "previous" else 0).set_index(PSEUDONYM_COLUMN)
    import pandas as pd

    out = pd.DataFrame({
        "facility_no": last["facility_no"],
        "n_assessments": n.reindex(last.index),
        "last_group": last["group"],
        "last_on": last["assessed_on"],
    })
    out["baseline_group"] = base["group"].reindex(out.index)
    out.loc[out["n_assessments"] < 2, "baseline_group"] = None
    return out.reset_index()


def _unit_frame(counts, names, columns):
    import pandas as pd

    units = counts.reindex(columns=columns, fill_value=0).fillna(0).astype("int64")
    units = units.reset_index().rename(columns={"index": "facility_no"})
    units.insert(1, "facility_name", units["facility_no"].map(names) if names is not None else None)
    units = units.sort_values("facility_no", kind="stable").reset_index(drop=True)
    if names is None:
        units["facility_name"] = pd.Series([None] * len(units), dtype=object)
    return units


def compute_kpi3_1(assessments, *, fiscal_year: int = 2564, as_of=None, baseline: str = "previous",
                   facilities=None) -> RecordKpi:
    """KPI 3.1 per facility and in total from an IRP assessment log.

    ``facilities``: facility numbers to list even when they have no records.
    """
    if not hasattr(assessments, "columns") or "group" not in assessments.columns:
        assessments = load_assessments(assessments)
    people = person_progress(assessments, fiscal_year=fiscal_year, as_of=as_of, baseline=baseline)
    p2 = people[people["n_assessments"] >= 2]
    upgraded = (p2["baseline_group"] == GROUP_B) & (p2["last_group"] == GROUP_A)
    maintained = (p2["baseline_group"] == GROUP_A) & (p2["last_group"] == GROUP_A)
    c_to_a = (p2["baseline_group"] == GROUP_C) & (p2["last_group"] == GROUP_A)
    import pandas as pd

    flags = pd.DataFrame({
        "facility_no": p2["facility_no"],
        "assessed_irp_2plus_persons": 1,
        "improved_persons": (upgraded | maintained).astype("int64"),
        "upgraded_b_to_a_persons": upgraded.astype("int64"),
        "maintained_a_persons": maintained.astype("int64"),
        "upgraded_c_to_a_persons": c_to_a.astype("int64"),
    })
    counts = flags.groupby("facility_no").sum()
    if facilities is not None:
        counts = counts.reindex(sorted(set(counts.index) | set(facilities)), fill_value=0)
    units = _unit_frame(counts, _facility_names(assessments), KPI3_1_COLUMNS + ["upgraded_c_to_a_persons"])
    units["percent"] = [unit_percent(n, d) for n, d in
                        zip(units["improved_persons"], units["assessed_irp_2plus_persons"])]
    notes = []
    if int(units["upgraded_c_to_a_persons"].sum()):
        notes.append(f"{int(units['upgraded_c_to_a_persons'].sum())} people moved from group C straight to A; "
                     "the KPI 3.1 definition (B to A, or A kept) does not count them")
    return RecordKpi("3.1", int(fiscal_year), units, list(UNIT_COLUMNS), "improved_persons",
                     "assessed_irp_2plus_persons", notes)


def compute_kpi3_2(assessments, exits, *, fiscal_year: int = 2564, as_of=None, min_assessments: int = 2,
                   facilities=None) -> RecordKpi:
    """KPI 3.2 per facility and in total from the assessment log and the exit log.

    Column ``returned_not_in_group_a_persons`` counts people with a return to
    society in the window who are not in the denominator (fewer assessments
    than ``min_assessments``, or latest group not A); they are not in the
    numerator, as the formula's numerator is the same target group.
    """
    if not hasattr(assessments, "columns") or "group" not in assessments.columns:
        assessments = load_assessments(assessments)
    if not hasattr(exits, "columns") or "outcome_raw" not in exits.columns:
        exits = load_exits(exits)
    if min_assessments < 1:
        raise ValueError("min_assessments must be 1 or more")
    people = person_progress(assessments, fiscal_year=fiscal_year, as_of=as_of)
    start, end = window(fiscal_year, as_of)
    ex = exits[(exits["exited_on"] >= start) & (exits["exited_on"] <= end) & exits["outcome"].notna()]
    ex = ex.reset_index(drop=True)
    ex = ex.assign(_order=np.arange(len(ex))).sort_values([PSEUDONYM_COLUMN, "exited_on", "_order"],
                                                          kind="stable")
    latest_return = ex.groupby(PSEUDONYM_COLUMN, sort=False)["outcome"].last()
    people = people.assign(returned=people[PSEUDONYM_COLUMN].map(latest_return))
    in_target = (people["n_assessments"] >= min_assessments) & (people["last_group"] == GROUP_A)
    import pandas as pd

    flags = pd.DataFrame({
        "facility_no": people["facility_no"],
        "group_a_assessed_persons": in_target.astype("int64"),
        "returned_to_society_persons": (in_target & people["returned"].notna()).astype("int64"),
        "returned_to_family_persons": (in_target & (people["returned"] == FAMILY)).astype("int64"),
        "employed_in_establishment_persons": (in_target & (people["returned"] == EMPLOYER)).astype("int64"),
        "returned_not_in_group_a_persons": (~in_target & people["returned"].notna()).astype("int64"),
    })
    counts = flags.groupby("facility_no").sum()
    if facilities is not None:
        counts = counts.reindex(sorted(set(counts.index) | set(facilities)), fill_value=0)
    units = _unit_frame(counts, _facility_names(assessments), KPI3_2_COLUMNS + ["returned_not_in_group_a_persons"])
    units["percent"] = [unit_percent(n, d) for n, d in
                        zip(units["returned_to_society_persons"], units["group_a_assessed_persons"])]
    notes = []
    unknown = set(latest_return.index) - set(people[PSEUDONYM_COLUMN])
    if unknown:
        notes.append(f"{len(unknown)} people returned to society in the window have no IRP assessment "
                     "in the window; they are in no facility's figures")
    outside = int(units["returned_not_in_group_a_persons"].sum())
    if outside:
        notes.append(f"{outside} people returned to society are not in the KPI 3.2 target group "
                     f"(group A with {min_assessments}+ assessments) and are not counted")
    return RecordKpi("3.2", int(fiscal_year), units, list(UNIT_COLUMNS), "returned_to_society_persons",
                     "group_a_assessed_persons", notes)
