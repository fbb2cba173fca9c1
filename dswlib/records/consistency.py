"""Which printed per-unit rows can come from record-level data at all.

A record-level recomputation can only reproduce a printed row when some set of
records gives exactly that row under the rules of :mod:`.irp` / :mod:`.returns`.
The checks below say which rows cannot, and why; the synthetic "inverse"
generator skips exactly those parts and reports them instead of faking them.

IRP facilities (KPI 3.1 table: D assessed 2+ times, I improved = U (B->A) + M
(A kept); KPI 3.2 table: G group A, R returned = RF family + RE employer):

* 3.1 alone: U + M = I and I <= D.
* 3.2 alone: RF + RE = R and R <= G (the returned are part of the target group).
* both tables from the same people: everyone improved ends in group A, so
  G >= I; with ``min_assessments=2`` (target group = 2+ assessments, seed 002
  L433) also G <= D, because the extra group-A people (C straight to A) come
  from the same 2+ population.

KPI 4 provinces: F + E = T and T <= N; printed percent = T / N half-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..thainum import percent


@dataclass(frozen=True)
class RowFinding:
    """A printed row that records cannot reproduce (or that contradicts itself)."""

    table: str  # "3.1", "3.2", "3.1+3.2", "4"
    unit: object  # facility number or province name
    problem: str
    source: str = ""  # seed line, e.g. "002 L463"

    def __str__(self) -> str:
        where = f" ({self.source})" if self.source else ""
        return f"KPI {self.table}, unit {self.unit}{where}: {self.problem}"


def _line(printed, unit):
    return (printed.lines.get(unit) or "") if printed is not None else ""


def irp_row_findings(t31, t32, *, min_assessments: int = 2) -> dict:
    """``{facility_no: [RowFinding, ...]}`` for the facility rows of the two printed tables."""
    a = t31.units.set_index("unit_no")
    b = t32.units.set_index("unit_no")
    out: dict = {}
    for f in sorted(set(a.index) | set(b.index)):
        found = []
        if f in a.index:
            D, I, U, M = (int(a.at[f, c]) for c in ("assessed_irp_2plus_persons", "improved_persons",
                                                    "upgraded_b_to_a_persons", "maintained_a_persons"))
            if U + M != I:
                found.append(RowFinding("3.1", f, f"B->A {U} + A kept {M} != improved {I}", _line(t31, f)))
            if I > D:
                found.append(RowFinding("3.1", f, f"improved {I} > assessed 2+ times {D}", _line(t31, f)))
        else:
            found.append(RowFinding("3.1", f, "facility missing from the KPI 3.1 table"))
        if f in b.index:
            G, R, RF, RE = (int(b.at[f, c]) for c in ("group_a_assessed_persons", "returned_to_society_persons",
                                                      "returned_to_family_persons",
                                                      "employed_in_establishment_persons"))
            if RF + RE != R:
                found.append(RowFinding("3.2", f, f"family {RF} + employer {RE} != returned {R}", _line(t32, f)))
            if R > G:
                found.append(RowFinding("3.2", f, f"returned {R} > group-A target group {G} (numerator above "
                                                  "denominator)", _line(t32, f)))
        else:
            found.append(RowFinding("3.2", f, "facility missing from the KPI 3.2 table"))
        if f in a.index and f in b.index:
            if G < I:
                found.append(RowFinding("3.1+3.2", f, f"group A {G} (3.2) < improved {I} (3.1), but everyone "
                                                      "improved ends in group A", _line(t32, f)))
            if min_assessments >= 2 and G > D:
                found.append(RowFinding("3.1+3.2", f, f"group A with 2+ assessments {G} (3.2) > people with 2+ "
                                                      f"assessments {D} (3.1)", _line(t32, f)))
        if found:
            out[f] = found
    return out


def kpi4_row_findings(t4) -> dict:
    """``{province: [RowFinding, ...]}`` for the KPI 4 province table."""
    out: dict = {}
    for row in t4.units.to_dict("records"):
        N, F, E, T = (int(row[c]) for c in ("service_users_persons", "returned_family_community_persons",
                                           "employed_in_establishment_persons", "total_returned_persons"))
        found = []
        src = _line(t4, row["unit_no"])
        if F + E != T:
            found.append(RowFinding("4", row["unit_name"], f"family {F} + employer {E} != total {T}", src))
        if T > N:
            found.append(RowFinding("4", row["unit_name"], f"returned {T} > service users {N}", src))
        pct = row.get("percent")
        if N and pct is not None and percent(T, N) != pct:
            found.append(RowFinding("4", row["unit_name"], f"printed {pct} % but {T}/{N} = {percent(T, N)} %", src))
        if found:
            out[row["unit_name"]] = found
    return out
