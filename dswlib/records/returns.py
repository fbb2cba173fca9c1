"""Protection-centre service records -> KPI 4 per province (FY2564 report, seed 002).

KPI 4 (formula L544-546, scope L541, table L564-655): service users of the 77
provincial protection centres for destitute persons who returned to family or
community (including placement with an employer where they can live, L540) /
service users of the centres, per province and in total, "รอบ 12 เดือน
(ต.ค.63 - ก.ย.64)".

Record rules: one row per stay (``person_key, province, admitted_on, outcome,
outcome_on``). A service user is a person admitted to a province's centre inside
the window (fiscal year, cut at ``as_of``); a person counts once per province.
They returned when a stay of theirs in that province ended with outcome
``family``/``community`` or ``employer`` on a date inside the window; with
several returns the latest one gives the category. The total row is the sum of
the provinces, as printed (a person served in two provinces counts in both).
"""

from __future__ import annotations

import numpy as np

from ..pii.loader import PSEUDONYM_COLUMN, protect
from .result import RecordKpi, unit_percent
from .tables import (
    EMPLOYER, FAMILY, normalise_outcomes, parse_dates, read_records, require_columns, source_name, window,
)

UNIT_COLUMNS = ["province"]
KPI4_COLUMNS = ["service_users_persons", "returned_family_community_persons", "employed_in_establishment_persons",
                "total_returned_persons"]


def load_stays(df_or_path, *, source=None, key=None):
    """Stays with ``person_key, province, admitted_on, outcome, outcome_on``.

    Input: a national ID column (validated, pseudonymised) or ``person_key``;
    ``province``; ``admitted_on``; ``outcome`` (empty while still in care);
    ``outcome_on`` (empty while still in care). Name columns are dropped.
    """
    source = source or source_name(df_or_path, "<service records>")
    df = read_records(df_or_path, source=source, dtype={"national_id": str, "citizen_id": str})
    df = protect(df, source=source, key=key)
    require_columns(df, [PSEUDONYM_COLUMN, "province", "admitted_on", "outcome", "outcome_on"], source)
    blank = df["province"].isna() | (df["province"].astype(str).str.strip() == "")
    if blank.any():
        from ..errors import ParamsError

        pos = int(blank.to_numpy().nonzero()[0][0])
        raise ParamsError(source, f"row {pos + 2}, column province", "a province name", df["province"].iloc[pos])
    df["province"] = df["province"].astype(str).str.strip()
    df["admitted_on"] = parse_dates(df, "admitted_on", source)
    df["outcome_on"] = parse_dates(df, "outcome_on", source, allow_missing=True)
    df["outcome_raw"] = df["outcome"]
    df["outcome"] = normalise_outcomes(df["outcome"])
    returned_without_date = df["outcome"].notna() & df["outcome_on"].isna()
    if returned_without_date.any():
        from ..errors import ParamsError

        pos = int(returned_without_date.to_numpy().nonzero()[0][0])
        raise ParamsError(source, f"row {pos + 2}, column outcome_on", "the date of the return", None)
    return df[[PSEUDONYM_COLUMN, "province", "admitted_on", "outcome", "outcome_on", "outcome_raw"]].reset_index(
        drop=True)


def compute_kpi4(stays, *, fiscal_year: int = 2564, as_of=None, provinces=None) -> RecordKpi:
    """KPI 4 per province and in total. ``provinces``: names to list even without records."""
    import pandas as pd

    if not hasattr(stays, "columns") or "outcome_raw" not in stays.columns:
        stays = load_stays(stays)
    start, end = window(fiscal_year, as_of)
    admitted = stays[(stays["admitted_on"] >= start) & (stays["admitted_on"] <= end)]
    users = admitted[["province", PSEUDONYM_COLUMN]].drop_duplicates()
    rets = admitted[admitted["outcome"].notna() & (admitted["outcome_on"] >= start) & (admitted["outcome_on"] <= end)]
    rets = rets.reset_index(drop=True)
    rets = rets.assign(_order=np.arange(len(rets))).sort_values(
        ["province", PSEUDONYM_COLUMN, "outcome_on", "_order"], kind="stable")
    latest = rets.groupby(["province", PSEUDONYM_COLUMN], sort=False)["outcome"].last().rename("returned")
    users = users.join(latest, on=["province", PSEUDONYM_COLUMN])
    flags = pd.DataFrame({
        "province": users["province"],
        "service_users_persons": 1,
        "returned_family_community_persons": (users["returned"] == FAMILY).astype("int64"),
        "employed_in_establishment_persons": (users["returned"] == EMPLOYER).astype("int64"),
        "total_returned_persons": users["returned"].notna().astype("int64"),
    })
    counts = flags.groupby("province", sort=False).sum()
    order = list(dict.fromkeys(list(provinces or []) + sorted(counts.index)))
    counts = counts.reindex(order, fill_value=0).astype("int64")
    units = counts.reset_index().rename(columns={"index": "province"})
    units["percent"] = [unit_percent(n, d) for n, d in
                        zip(units["total_returned_persons"], units["service_users_persons"])]
    notes = []
    before = stays[(stays["admitted_on"] < start) & stays["outcome"].notna() & (stays["outcome_on"] >= start)
                   & (stays["outcome_on"] <= end)]
    if len(before):
        notes.append(f"{len(before)} returns in the window belong to stays admitted before the fiscal year; "
                     "they are outside KPI 4's population (admitted in the year)")
    return RecordKpi("4", int(fiscal_year), units, list(UNIT_COLUMNS), "total_returned_persons",
                     "service_users_persons", notes)
