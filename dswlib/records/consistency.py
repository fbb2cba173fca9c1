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

Each problem is a shared :class:`dswlib.findings.Finding` (code, Thai message, where/where_th, seed line).
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..thainum import format_number, percent

_WHERE = re.compile(r"^KPI (?P<table>[\d.+]+) table, unit (?P<unit>.+)$")
_TABLES_TH = {"3.1": "ตารางตัวชี้วัดที่ 3.1", "3.2": "ตารางตัวชี้วัดที่ 3.2", "3.1+3.2": "ตารางตัวชี้วัดที่ 3.1 และ 3.2",
              "4": "ตารางตัวชี้วัดที่ 4"}


def row_finding(table: str, unit, code: str, message: str, source: str = "", *, severity: str = "warning",
                expected="", printed="") -> Finding:
    """A printed row that records cannot reproduce (or that contradicts itself), as the shared :class:`Finding`.

    ``where`` is ``"KPI <table> table, unit <unit>"`` (``table``: "3.1", "3.2", "3.1+3.2", "4"; see
    :func:`table_of`); ``where_th`` names the same row in the reader's terms; ``source`` is the seed line.
    """
    return Finding(code, severity, f"KPI {table} table, unit {unit}", message, source,
                   expected=str(expected), printed=str(printed), where_th=f"{_TABLES_TH.get(table, table)} แถว {unit}")


def table_of(finding: Finding) -> str:
    """The printed table a row finding is about: "3.1", "3.2", "3.1+3.2" or "4" ("" for another finding)."""
    match = _WHERE.match(finding.where)
    return match.group("table") if match else ""


def _line(printed, unit):
    return (printed.lines.get(unit) or "") if printed is not None else ""


def _n(value) -> str:
    return format_number(value, 0)


def irp_row_findings(t31, t32, *, min_assessments: int = 2) -> dict:
    """``{facility_no: [Finding, ...]}`` for the facility rows of the two printed tables."""
    a = t31.units.set_index("unit_no")
    b = t32.units.set_index("unit_no")
    out: dict = {}
    for f in sorted(set(a.index) | set(b.index)):
        found = []
        if f in a.index:
            D, I, U, M = (int(a.at[f, c]) for c in ("assessed_irp_2plus_persons", "improved_persons",
                                                    "upgraded_b_to_a_persons", "maintained_a_persons"))
            if U + M != I:
                found.append(row_finding("3.1", f, "breakdown_mismatch",
                                         f"เลื่อนจาก B เป็น A {_n(U)} คน + คงอยู่กลุ่ม A {_n(M)} คน = {_n(U + M)} คน "
                                         f"ไม่เท่ากับผู้มีสมรรถภาพดีขึ้น {_n(I)} คน", _line(t31, f), expected=_n(U + M),
                                         printed=_n(I)))
            if I > D:
                found.append(row_finding("3.1", f, "numerator_above_denominator",
                                         f"ผู้มีสมรรถภาพดีขึ้น {_n(I)} คน มากกว่าผู้ที่ประเมิน IRP 2 ครั้งขึ้นไป {_n(D)} คน",
                                         _line(t31, f), severity="error", expected=f"≤ {_n(D)}", printed=_n(I)))
        else:
            found.append(row_finding("3.1", f, "unit_missing_in_other_table", "ไม่มีหน่วยงานนี้ในตารางตัวชี้วัดที่ 3.1"))
        if f in b.index:
            G, R, RF, RE = (int(b.at[f, c]) for c in ("group_a_assessed_persons", "returned_to_society_persons",
                                                      "returned_to_family_persons",
                                                      "employed_in_establishment_persons"))
            if RF + RE != R:
                found.append(row_finding("3.2", f, "breakdown_mismatch",
                                         f"คืนสู่ครอบครัว {_n(RF)} คน + ทำงานในสถานประกอบการ {_n(RE)} คน = {_n(RF + RE)} คน "
                                         f"ไม่เท่ากับกลับคืนสู่สังคม {_n(R)} คน", _line(t32, f), expected=_n(RF + RE),
                                         printed=_n(R)))
            if R > G:
                found.append(row_finding("3.2", f, "numerator_above_denominator",
                                         f"กลับคืนสู่สังคม {_n(R)} คน มากกว่ากลุ่มเป้าหมายกลุ่ม A {_n(G)} คน (ตัวตั้งมากกว่าตัวหาร)",
                                         _line(t32, f), severity="error", expected=f"≤ {_n(G)}", printed=_n(R)))
        else:
            found.append(row_finding("3.2", f, "unit_missing_in_other_table", "ไม่มีหน่วยงานนี้ในตารางตัวชี้วัดที่ 3.2"))
        if f in a.index and f in b.index:
            if G < I:
                found.append(row_finding("3.1+3.2", f, "subset_exceeds_group",
                                         f"กลุ่ม A {_n(G)} คน (ตัวชี้วัดที่ 3.2) น้อยกว่าผู้มีสมรรถภาพดีขึ้น {_n(I)} คน "
                                         "(ตัวชี้วัดที่ 3.1) แต่ผู้มีสมรรถภาพดีขึ้นทุกคนอยู่ในกลุ่ม A", _line(t32, f),
                                         expected=f"≥ {_n(I)}", printed=_n(G)))
            if min_assessments >= 2 and G > D:
                found.append(row_finding("3.1+3.2", f, "subset_exceeds_group",
                                         f"กลุ่ม A ที่ประเมิน 2 ครั้งขึ้นไป {_n(G)} คน (ตัวชี้วัดที่ 3.2) มากกว่าผู้ที่ประเมิน "
                                         f"2 ครั้งขึ้นไป {_n(D)} คน (ตัวชี้วัดที่ 3.1)", _line(t32, f),
                                         expected=f"≤ {_n(D)}", printed=_n(G)))
        if found:
            out[f] = found
    return out


def kpi4_row_findings(t4) -> dict:
    """``{province: [Finding, ...]}`` for the KPI 4 province table."""
    out: dict = {}
    for row in t4.units.to_dict("records"):
        N, F, E, T = (int(row[c]) for c in ("service_users_persons", "returned_family_community_persons",
                                           "employed_in_establishment_persons", "total_returned_persons"))
        found = []
        name = row["unit_name"]
        src = _line(t4, row["unit_no"])
        if F + E != T:
            found.append(row_finding("4", name, "breakdown_mismatch",
                                     f"ส่งกลับครอบครัว/ชุมชน {_n(F)} คน + ทำงานในสถานประกอบการ {_n(E)} คน = {_n(F + E)} คน "
                                     f"ไม่เท่ากับรวมส่งกลับคืนสู่สังคม {_n(T)} คน", src, expected=_n(F + E), printed=_n(T)))
        if T > N:
            found.append(row_finding("4", name, "numerator_above_denominator",
                                     f"ส่งกลับคืนสู่สังคม {_n(T)} คน มากกว่าผู้ใช้บริการ {_n(N)} คน", src, severity="error",
                                     expected=f"≤ {_n(N)}", printed=_n(T)))
        pct = row.get("percent")
        if N and pct is not None and percent(T, N) != pct:
            found.append(row_finding("4", name, "percent_mismatch",
                                     f"ร้อยละที่พิมพ์ {pct} แต่ {_n(T)}/{_n(N)} = {percent(T, N)}", src,
                                     expected=percent(T, N), printed=pct))
        if found:
            out[name] = found
    return out
